package org.concord.ledger.internal;

import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;

import javax.sql.DataSource;

import org.concord.ledger.Direction;
import org.concord.ledger.LedgerEntry;
import org.concord.ledger.ObjectDigest;
import org.concord.ledger.tree.Hash;
import org.concord.ledger.tree.NodeHash;
import org.concord.ledger.tree.NodeId;
import org.concord.party.PartyCode;
import org.postgresql.PGConnection;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The log's tables: {@code ledger_head} (the size), {@code ledger_entry} (one row per leaf, the
 * level-0 nodes) and {@code ledger_node} (complete subtrees above the leaves). Writes run inside
 * the group commit's transaction; on PostgreSQL they use {@code COPY}, elsewhere JDBC batches.
 */
@Repository
class LogTables {

    private static final HexFormat HEX = HexFormat.of();
    private final JdbcClient jdbc;
    private final DataSource dataSource;

    LogTables(JdbcClient jdbc, DataSource dataSource) {
        this.jdbc = jdbc;
        this.dataSource = dataSource;
    }

    /** An entry as stored, with its index and the leaf hash the tree uses. */
    record StoredEntry(long index, LedgerEntry entry, Hash leafHash) {
    }

    long size() {
        return jdbc.sql("select size from ledger_head where id = 1").query(Long.class).single();
    }

    /** The size, locking the head row until the transaction ends: appends run one after the other. */
    long lockSize() {
        return jdbc.sql("select size from ledger_head where id = 1 for update").query(Long.class).single();
    }

    void setSize(long expected, long size) {
        int updated = jdbc.sql("update ledger_head set size = ? where id = 1 and size = ?").params(size, expected).update();
        if (updated != 1) {
            throw new IllegalStateException("ledger size changed under a locked append (expected " + expected + ")");
        }
    }

    /**
     * Node hashes in the order asked, in one query: the leaves from {@code ledger_entry} by index,
     * the inner nodes from {@code ledger_node} by its primary key. The inner nodes are asked as one
     * row-value list {@code (level, idx) in ((?, ?), ...)}, which both databases look up in the
     * primary key; a disjunction of {@code (level = ? and idx = ?)} terms made H2 scan the whole
     * table (108 ms a proof at 100,000 leaves, see BENCHMARKS.md, issue 13).
     */
    List<Hash> nodes(List<NodeId> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        List<Object> params = new ArrayList<>(2 * ids.size());
        int leaves = 0;
        for (NodeId id : ids) {
            if (id.level() == 0) {
                params.add(id.index());
                leaves++;
            }
        }
        for (NodeId id : ids) {
            if (id.level() > 0) {
                params.add(id.level());
                params.add(id.index());
            }
        }
        Map<NodeId, Hash> found = new HashMap<>();
        jdbc.sql(nodesQuery(leaves, ids.size() - leaves)).params(params).query(rs -> {
            found.put(new NodeId(rs.getInt(1), rs.getLong(2)), new Hash(rs.getBytes(3)));
        });
        List<Hash> hashes = new ArrayList<>(ids.size());
        for (NodeId id : ids) {
            Hash hash = found.get(id);
            if (hash == null) {
                throw new NoSuchElementException("no stored subtree " + id + " in the ledger");
            }
            hashes.add(hash);
        }
        return hashes;
    }

    /**
     * The query of {@link #nodes}: {@code leaves} leaf indexes, then {@code inner} pairs of level
     * and index as parameters; columns level, idx, hash.
     */
    static String nodesQuery(int leaves, int inner) {
        String leafRows = "select 0 as level, idx, leaf_hash as hash from ledger_entry where idx in (" + placeholders(leaves) + ")";
        String innerRows = "select level, idx, hash from ledger_node where (level, idx) in ("
                + String.join(", ", java.util.Collections.nCopies(inner, "(?, ?)")) + ")";
        if (inner == 0) {
            return leafRows;
        }
        return leaves == 0 ? innerRows : leafRows + " union all " + innerRows;
    }

    /** Writes leaves {@code first, first + 1, ...} and the inner nodes, in the caller's transaction. */
    void insert(long first, List<LedgerEntry> entries, List<Hash> leafHashes, List<NodeHash> innerNodes) {
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try {
            if (connection.isWrapperFor(PGConnection.class)) {
                copy(connection.unwrap(PGConnection.class), first, entries, leafHashes, innerNodes);
            } else {
                batch(connection, first, entries, leafHashes, innerNodes);
            }
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("cannot write ledger rows: " + e.getMessage(), e);
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }

    private static void copy(PGConnection pg, long first, List<LedgerEntry> entries, List<Hash> leafHashes,
            List<NodeHash> innerNodes) throws SQLException, IOException {
        StringBuilder rows = new StringBuilder(entries.size() * 260);
        for (int i = 0; i < entries.size(); i++) {
            LedgerEntry e = entries.get(i);
            rows.append(first + i).append('\t')
                    .append("\\\\x").append(HEX.formatHex(leafHashes.get(i).bytes())).append('\t')
                    .append(e.direction().name()).append('\t')
                    .append(e.partner().value()).append('\t')
                    .append(e.objectId()).append('\t')
                    .append(e.modifiedText()).append('\t')
                    .append("\\\\x").append(e.sha256().hex()).append('\t')
                    .append(e.recordedText()).append('\n');
        }
        pg.getCopyAPI().copyIn("copy ledger_entry (idx, leaf_hash, direction, partner, stix_id, modified, content_sha256,"
                + " recorded_at) from stdin", new StringReader(rows.toString()));
        if (!innerNodes.isEmpty()) {
            StringBuilder nodes = new StringBuilder(innerNodes.size() * 90);
            for (NodeHash node : innerNodes) {
                nodes.append(node.id().level()).append('\t').append(node.id().index()).append('\t')
                        .append("\\\\x").append(node.hash().hex()).append('\n');
            }
            pg.getCopyAPI().copyIn("copy ledger_node (level, idx, hash) from stdin", new StringReader(nodes.toString()));
        }
    }

    private static void batch(Connection connection, long first, List<LedgerEntry> entries, List<Hash> leafHashes,
            List<NodeHash> innerNodes) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("insert into ledger_entry (idx, leaf_hash, direction,"
                + " partner, stix_id, modified, content_sha256, recorded_at) values (?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (int i = 0; i < entries.size(); i++) {
                LedgerEntry e = entries.get(i);
                insert.setLong(1, first + i);
                insert.setBytes(2, leafHashes.get(i).bytes());
                insert.setString(3, e.direction().name());
                insert.setString(4, e.partner().value());
                insert.setString(5, e.objectId());
                insert.setString(6, e.modifiedText());
                insert.setBytes(7, e.sha256().bytes());
                insert.setTimestamp(8, Timestamp.from(e.recordedAt()));
                insert.addBatch();
            }
            insert.executeBatch();
        }
        if (!innerNodes.isEmpty()) {
            try (PreparedStatement insert = connection.prepareStatement("insert into ledger_node (level, idx, hash) values (?, ?, ?)")) {
                for (NodeHash node : innerNodes) {
                    insert.setInt(1, node.id().level());
                    insert.setLong(2, node.id().index());
                    insert.setBytes(3, node.hash().bytes());
                    insert.addBatch();
                }
                insert.executeBatch();
            }
        }
    }

    /** Entries from index {@code from}, at most {@code limit} that exist, in index order. */
    List<StoredEntry> entries(long from, int limit) {
        return jdbc.sql("select idx, leaf_hash, direction, partner, stix_id, modified, content_sha256, recorded_at"
                + " from ledger_entry where idx >= ? order by idx limit ?")
                .params(from, limit)
                .query((rs, n) -> new StoredEntry(rs.getLong("idx"), new LedgerEntry(Direction.valueOf(rs.getString("direction")),
                        PartyCode.of(rs.getString("partner")), rs.getString("stix_id"),
                        LedgerEntry.parseTime(rs.getString("modified")), new Hash(rs.getBytes("content_sha256")),
                        rs.getTimestamp("recorded_at").toInstant()), new Hash(rs.getBytes("leaf_hash"))))
                .list();
    }

    Optional<Long> indexOfLeaf(Hash leaf) {
        return jdbc.sql("select idx from ledger_entry where leaf_hash = ? order by idx limit 1").param(leaf.bytes()).query(Long.class).optional();
    }

    /** The first entry of an object received from {@code sender} with this id and modified time. */
    Optional<StoredEntry> received(PartyCode sender, String objectId, String modified) {
        return jdbc.sql("select idx from ledger_entry where stix_id = ? and modified = ? and partner = ? and direction = ?"
                + " order by idx limit 1")
                .params(objectId, modified, sender.value(), Direction.RECEIVED.name())
                .query(Long.class).optional()
                .map(index -> entries(index, 1).get(0));
    }

    /** As {@link #received(PartyCode, String, String)}, and with this canonical hash. */
    Optional<StoredEntry> received(PartyCode sender, ObjectDigest object, String modified) {
        return jdbc.sql("select idx from ledger_entry where stix_id = ? and modified = ? and partner = ? and direction = ?"
                + " and content_sha256 = ? order by idx limit 1")
                .params(object.id(), modified, sender.value(), Direction.RECEIVED.name(), object.sha256().bytes())
                .query(Long.class).optional()
                .map(index -> entries(index, 1).get(0));
    }

    /**
     * The first entry of each of {@code objects} received from {@code sender} (by id, modified time and
     * canonical hash), keyed by {@link #receivedKey}: a few queries for a whole delivery instead of one
     * per object.
     */
    java.util.Map<String, StoredEntry> receivedAll(PartyCode sender, List<ObjectDigest> objects) {
        java.util.Map<String, StoredEntry> found = new java.util.HashMap<>();
        List<String> ids = objects.stream().map(ObjectDigest::id).distinct().toList();
        for (int from = 0; from < ids.size(); from += 500) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + 500));
            List<Object> params = new java.util.ArrayList<>(chunk.size() + 2);
            params.add(sender.value());
            params.add(Direction.RECEIVED.name());
            params.addAll(chunk);
            jdbc.sql("select idx, leaf_hash, direction, partner, stix_id, modified, content_sha256, recorded_at"
                    + " from ledger_entry where partner = ? and direction = ? and stix_id in (" + placeholders(chunk.size()) + ")"
                    + " order by idx")
                    .params(params)
                    .query((rs, n) -> new StoredEntry(rs.getLong("idx"), new LedgerEntry(Direction.valueOf(rs.getString("direction")),
                            PartyCode.of(rs.getString("partner")), rs.getString("stix_id"),
                            LedgerEntry.parseTime(rs.getString("modified")), new Hash(rs.getBytes("content_sha256")),
                            rs.getTimestamp("recorded_at").toInstant()), new Hash(rs.getBytes("leaf_hash"))))
                    .list()
                    .forEach(e -> found.putIfAbsent(receivedKey(e.entry().object()), e));
        }
        return found;
    }

    /** How {@link #receivedAll} keys an entry: id, modified time as the ledger writes it, canonical hash. */
    static String receivedKey(ObjectDigest object) {
        return object.id() + "|" + LedgerEntry.formatTime(object.modified()) + "|" + object.sha256().hex();
    }

    private static String placeholders(int n) {
        return String.join(", ", java.util.Collections.nCopies(n, "?"));
    }
}
