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
 * level-0 nodes), {@code ledger_node} (complete subtrees above the leaves) and {@code ledger_tile}
 * (the hashes of every fifth level in rows of 32, see {@link LogTiles}). Writes run inside
 * the group commit's transaction; on PostgreSQL they use {@code COPY}, elsewhere JDBC batches.
 */
@Repository
class LogTables {

    private static final HexFormat HEX = HexFormat.of();
    private final JdbcClient jdbc;
    private final DataSource dataSource;
    private final org.concord.node.TableStatistics statistics;

    LogTables(JdbcClient jdbc, DataSource dataSource, org.concord.node.TableStatistics statistics) {
        this.jdbc = jdbc;
        this.dataSource = dataSource;
        this.statistics = statistics;
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

    /**
     * Moves the size from {@code expected}; if every complete tile was stored at {@code expected},
     * the batch's {@link #insert} stored those it completed, and {@code tiled} moves with it.
     */
    void setSize(long expected, long size) {
        int updated = jdbc.sql("update ledger_head set size = ?, tiled = case when tiled = ? then ? else tiled end"
                + " where id = 1 and size = ?").params(size, expected, size, expected).update();
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
        return nodes(ids, 0);
    }

    /**
     * As {@link #nodes(List)}, but every node whose tile ({@link LogTiles}) is complete in the tree
     * of {@code tiled} leaves is hashed from that tile's row, read in the same query by the primary
     * key of {@code ledger_tile}: the nodes of five levels of a proof come from one row. The caller
     * passes a size at which every complete tile is stored ({@code ledger_head.tiled}), or 0.
     */
    List<Hash> nodes(List<NodeId> ids, long tiled) {
        if (ids.isEmpty()) {
            return List.of();
        }
        List<Object> leafParams = new ArrayList<>();
        List<Object> innerParams = new ArrayList<>();
        java.util.LinkedHashSet<LogTiles.TileId> tiles = new java.util.LinkedHashSet<>();
        for (NodeId id : ids) {
            LogTiles.TileId tile = LogTiles.tileOf(id);
            if (LogTiles.complete(tile, tiled)) {
                tiles.add(tile);
            } else if (id.level() == 0) {
                leafParams.add(id.index());
            } else {
                innerParams.add(id.level());
                innerParams.add(id.index());
            }
        }
        List<Object> params = new ArrayList<>(leafParams.size() + innerParams.size() + 2 * tiles.size());
        params.addAll(leafParams);
        params.addAll(innerParams);
        for (LogTiles.TileId tile : tiles) {
            params.add(tile.level());
            params.add(tile.index());
        }
        Map<NodeId, Hash> found = new HashMap<>();
        Map<LogTiles.TileId, byte[]> tileRows = new HashMap<>();
        jdbc.sql(nodesQuery(leafParams.size(), innerParams.size() / 2, tiles.size())).params(params).query(rs -> {
            int level = rs.getInt(1);
            if (level < 0) {
                tileRows.put(new LogTiles.TileId(-1 - level, rs.getLong(2)), rs.getBytes(3));
            } else {
                found.put(new NodeId(level, rs.getLong(2)), new Hash(rs.getBytes(3)));
            }
        });
        List<Hash> hashes = new ArrayList<>(ids.size());
        for (NodeId id : ids) {
            Hash hash = found.get(id);
            if (hash == null) {
                byte[] tile = tileRows.get(LogTiles.tileOf(id));
                if (tile == null || !LogTiles.complete(LogTiles.tileOf(id), tiled)) {
                    throw new NoSuchElementException("no stored subtree " + id + " in the ledger");
                }
                hash = LogTiles.node(id, tile);
            }
            hashes.add(hash);
        }
        return hashes;
    }

    /**
     * The query of {@link #nodes(List)}: {@code leaves} leaf indexes, then {@code inner} pairs of level
     * and index as parameters; columns level, idx, hash.
     */
    static String nodesQuery(int leaves, int inner) {
        return nodesQuery(leaves, inner, 0);
    }

    /**
     * The query of {@link #nodes(List, long)}: {@code leaves} leaf indexes, {@code inner} pairs of level
     * and index of {@code ledger_node}, then {@code tiles} pairs of level and index of {@code ledger_tile}
     * as parameters; columns level, idx, hash, where a tile's level is {@code -1 - level}.
     */
    static String nodesQuery(int leaves, int inner, int tiles) {
        List<String> parts = new ArrayList<>(3);
        if (leaves > 0) {
            parts.add("select 0 as level, idx, leaf_hash as hash from ledger_entry where idx in (" + placeholders(leaves) + ")");
        }
        if (inner > 0) {
            parts.add("select level, idx, hash from ledger_node where (level, idx) in ("
                    + String.join(", ", java.util.Collections.nCopies(inner, "(?, ?)")) + ")");
        }
        if (tiles > 0) {
            parts.add("select -1 - level as level, idx, hashes as hash from ledger_tile where (level, idx) in ("
                    + String.join(", ", java.util.Collections.nCopies(tiles, "(?, ?)")) + ")");
        }
        return String.join(" union all ", parts);
    }

    /** The committed size and the size up to which every complete tile is stored, read together. */
    record Head(long size, long tiled) {
    }

    Head head() {
        return head("");
    }

    private Head head(String lock) {
        return jdbc.sql("select size, tiled from ledger_head where id = 1" + lock)
                .query((rs, n) -> new Head(rs.getLong(1), rs.getLong(2))).single();
    }

    /**
     * Stores the tiles of the log that a ledger written before {@code ledger_tile} existed lacks, at
     * most {@code maxLeaves} leaves' worth, in the caller's transaction: locks the head row (appends
     * wait), writes the tiles complete at the new mark but not at {@code tiled} that no append has
     * written, and moves {@code tiled}. Returns whether tiles are still missing.
     */
    boolean fillTiles(long maxLeaves) {
        Head head = head(" for update");
        if (head.tiled() >= head.size()) {
            return false;
        }
        long to = Math.min(head.size(), head.tiled() + maxLeaves);
        List<Tile> tiles = new ArrayList<>();
        for (int t = 0; LogTiles.completeTiles(t, to) > 0; t++) {
            long from = LogTiles.completeTiles(t, head.tiled());
            long end = LogTiles.completeTiles(t, to);
            if (end == from) {
                continue;
            }
            java.util.Set<Long> stored = new java.util.HashSet<>(jdbc.sql("select idx from ledger_tile where level = ? and idx >= ? and idx < ?")
                    .params(t, from, end).query(Long.class).list());
            byte[] hashes = levelRange(LogTiles.HEIGHT * t, from * LogTiles.WIDTH, end * LogTiles.WIDTH);
            for (long n = from; n < end; n++) {
                if (!stored.contains(n)) {
                    int at = (int) ((n - from) * LogTiles.BYTES);
                    tiles.add(new Tile(t, n, java.util.Arrays.copyOfRange(hashes, at, at + LogTiles.BYTES)));
                }
            }
        }
        insertTiles(tiles);
        jdbc.sql("update ledger_head set tiled = ? where id = 1").param(to).update();
        return to < head.size();
    }

    /** A tile row: tile level, index, the concatenated hashes. */
    record Tile(int level, long index, byte[] hashes) {
    }

    /** The hashes of tree level {@code level}, nodes {@code from} to {@code end - 1}, concatenated. */
    private byte[] levelRange(int level, long from, long end) {
        byte[] hashes = new byte[Math.toIntExact((end - from) * Hash.SIZE)];
        long[] next = {from};
        String sql = level == 0
                ? "select idx, leaf_hash from ledger_entry where idx >= ? and idx < ? order by idx"
                : "select idx, hash from ledger_node where level = " + level + " and idx >= ? and idx < ? order by idx";
        jdbc.sql(sql).params(from, end).query(rs -> {
            long idx = rs.getLong(1);
            byte[] hash = rs.getBytes(2);
            if (idx != next[0] || hash.length != Hash.SIZE) {
                throw new IllegalStateException("the ledger lacks node (" + level + "," + next[0] + ")");
            }
            System.arraycopy(hash, 0, hashes, (int) ((idx - from) * Hash.SIZE), Hash.SIZE);
            next[0]++;
        });
        if (next[0] != end) {
            throw new IllegalStateException("the ledger lacks node (" + level + "," + next[0] + ")");
        }
        return hashes;
    }

    /**
     * The tiles completed by appending the leaves {@code first, first + 1, ...} with these inner
     * nodes (every subtree the batch completes): each tile's hashes from the batch, and those of a
     * tile begun by an earlier batch from the database.
     */
    private List<Tile> completedTiles(long first, List<Hash> leafHashes, List<NodeHash> innerNodes) {
        long end = first + leafHashes.size();
        List<Tile> tiles = new ArrayList<>();
        for (int t = 0; LogTiles.completeTiles(t, end) > LogTiles.completeTiles(t, first); t++) {
            int level = LogTiles.HEIGHT * t;
            long tileFrom = LogTiles.completeTiles(t, first);
            long tileEnd = LogTiles.completeTiles(t, end);
            // The batch completes the nodes of this level from firstNew on, in index order.
            long firstNew = first >>> level;
            List<Hash> batch;
            if (level == 0) {
                batch = leafHashes;
            } else {
                batch = new ArrayList<>();
                for (NodeHash node : innerNodes) {
                    if (node.id().level() == level) {
                        if (node.id().index() != firstNew + batch.size()) {
                            throw new IllegalStateException("the batch's nodes of level " + level + " are not in index order");
                        }
                        batch.add(node.hash());
                    }
                }
            }
            long startNode = tileFrom * LogTiles.WIDTH;
            byte[] earlier = startNode < firstNew ? levelRange(level, startNode, firstNew) : new byte[0];
            for (long n = tileFrom; n < tileEnd; n++) {
                byte[] hashes = new byte[LogTiles.BYTES];
                for (int k = 0; k < LogTiles.WIDTH; k++) {
                    long node = n * LogTiles.WIDTH + k;
                    byte[] hash = node < firstNew ? java.util.Arrays.copyOfRange(earlier, (int) ((node - startNode) * Hash.SIZE),
                            (int) ((node - startNode + 1) * Hash.SIZE)) : batch.get((int) (node - firstNew)).bytes();
                    System.arraycopy(hash, 0, hashes, k * Hash.SIZE, Hash.SIZE);
                }
                tiles.add(new Tile(t, n, hashes));
            }
        }
        return tiles;
    }

    private void insertTiles(List<Tile> tiles) {
        if (tiles.isEmpty()) {
            return;
        }
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try {
            if (connection.isWrapperFor(PGConnection.class)) {
                StringBuilder rows = new StringBuilder(tiles.size() * (2 * LogTiles.BYTES + 30));
                for (Tile tile : tiles) {
                    rows.append(tile.level()).append('\t').append(tile.index()).append('\t')
                            .append("\\\\x").append(HEX.formatHex(tile.hashes())).append('\n');
                }
                connection.unwrap(PGConnection.class).getCopyAPI()
                        .copyIn("copy ledger_tile (level, idx, hashes) from stdin", new StringReader(rows.toString()));
            } else {
                try (PreparedStatement insert = connection.prepareStatement("insert into ledger_tile (level, idx, hashes) values (?, ?, ?)")) {
                    for (Tile tile : tiles) {
                        insert.setInt(1, tile.level());
                        insert.setLong(2, tile.index());
                        insert.setBytes(3, tile.hashes());
                        insert.addBatch();
                    }
                    insert.executeBatch();
                }
            }
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("cannot write ledger tiles: " + e.getMessage(), e);
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }

    /**
     * Writes leaves {@code first, first + 1, ...}, the inner nodes (every subtree the batch completes)
     * and the tiles the batch completes, in the caller's transaction.
     */
    void insert(long first, List<LedgerEntry> entries, List<Hash> leafHashes, List<NodeHash> innerNodes) {
        List<Tile> tiles = completedTiles(first, leafHashes, innerNodes);
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
        insertTiles(tiles);
        statistics.written("ledger_entry", entries.size());
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
        return firstReceived(sender, objects.stream().map(ObjectDigest::id).toList(), (entry, modified) -> receivedKey(entry.entry().object()));
    }

    /**
     * The first entry received from {@code sender} of each object version asked, by id and modified time as the ledger
     * writes it ({@link #received(PartyCode, String, String)} for each, keyed by {@link #versionKey}): one query per
     * 500 ids instead of one per object.
     */
    java.util.Map<String, StoredEntry> receivedVersions(PartyCode sender, List<String> objectIds) {
        return firstReceived(sender, objectIds, (entry, modified) -> versionKey(entry.entry().object().id(), modified));
    }

    /**
     * The entries received from {@code sender} of the objects {@code objectIds}, one query per 500 ids, in ledger order,
     * the first of each under the key {@code keyOf} gives it (from the entry and its modified time as stored).
     */
    private java.util.Map<String, StoredEntry> firstReceived(PartyCode sender, List<String> objectIds,
            java.util.function.BiFunction<StoredEntry, String, String> keyOf) {
        java.util.Map<String, StoredEntry> found = new java.util.HashMap<>();
        List<String> ids = objectIds.stream().distinct().toList();
        for (int from = 0; from < ids.size(); from += 500) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + 500));
            List<Object> params = new java.util.ArrayList<>(chunk.size() + 2);
            params.add(sender.value());
            params.add(Direction.RECEIVED.name());
            params.addAll(chunk);
            jdbc.sql(receivedStatement(chunk.size()))
                    .params(params)
                    .query(rs -> {
                        String modified = rs.getString("modified");
                        StoredEntry entry = new StoredEntry(rs.getLong("idx"), new LedgerEntry(Direction.valueOf(rs.getString("direction")),
                                PartyCode.of(rs.getString("partner")), rs.getString("stix_id"), LedgerEntry.parseTime(modified),
                                new Hash(rs.getBytes("content_sha256")), rs.getTimestamp("recorded_at").toInstant()),
                                new Hash(rs.getBytes("leaf_hash")));
                        found.putIfAbsent(keyOf.apply(entry, modified), entry);
                    });
        }
        return found;
    }

    /** The statement of {@link #firstReceived} for {@code ids} object ids (after the partner and the direction). */
    static String receivedStatement(int ids) {
        return "select idx, leaf_hash, direction, partner, stix_id, modified, content_sha256, recorded_at"
                + " from ledger_entry where partner = ? and direction = ? and stix_id in (" + placeholders(ids) + ") order by idx";
    }

    /** How {@link #receivedVersions} keys an entry: its id and modified time as the ledger writes it. */
    static String versionKey(String objectId, String modified) {
        return objectId + "|" + modified;
    }

    /** How {@link #receivedAll} keys an entry: id, modified time as the ledger writes it, canonical hash. */
    static String receivedKey(ObjectDigest object) {
        return object.id() + "|" + LedgerEntry.formatTime(object.modified()) + "|" + object.sha256().hex();
    }

    private static String placeholders(int n) {
        return String.join(", ", java.util.Collections.nCopies(n, "?"));
    }
}
