package org.concord.ledger.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.concord.ledger.LedgerEntry;
import org.concord.ledger.internal.LedgerGroupCommitTest.Fixture;
import org.concord.ledger.internal.LedgerGroupCommitTest.Store;
import org.concord.ledger.tree.Hash;
import org.concord.ledger.tree.InMemoryTreeStore;
import org.concord.ledger.tree.MerkleLog;
import org.concord.ledger.tree.NodeId;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The tiles of {@code ledger_tile} (issue 13): written in the transaction of the batch that
 * completes them, each row the 32 hashes of its level's stripe in the tree a reference log builds
 * from the same leaves; proofs read through them equal the reference's; and a ledger written before
 * the table existed (no tiles, {@code tiled} 0) serves the same proofs from its subtrees, takes
 * appends meanwhile, and is filled by the restarted group commit while idle, or chunk by chunk,
 * to the same rows.
 */
class LedgerTilesTest {

    @ParameterizedTest
    @EnumSource(Store.class)
    void tilesAreWrittenWithTheirBatchAndALedgerWithoutThemIsFilledAgain(Store store) throws Exception {
        try (Fixture f = LedgerGroupCommitTest.anyLedger(store)) {
            // given a log of 2,500 entries appended in batches of random sizes, so tiles straddle batches
            SplittableRandom random = new SplittableRandom(5);
            List<LedgerEntry> entries = new ArrayList<>();
            for (int i = 0; i < 3_300; i++) {
                entries.add(LedgerGroupCommitTest.anyEntry(i));
            }
            appendInBatches(f, entries.subList(0, 2_500), random);

            // then every tile complete at 2,500 leaves is stored, as the tree has it
            assertThat(f.tables().head()).isEqualTo(new LogTables.Head(2_500, 2_500));
            InMemoryTreeStore reference = reference(f, 2_500);
            Map<String, byte[]> written = tiles(f);
            assertThat(written).hasSize(2_500 / 32 + 2_500 / 1024);
            assertTilesAreTheTrees(written, reference);
            assertProofsAreTheTrees(f, reference, random);
            // and those proofs were read from the tiles: a changed tile changes them
            byte[] changed = written.get("0,5").clone();
            changed[0] ^= 1;
            f.jdbc().sql("update ledger_tile set hashes = ? where level = 0 and idx = 5").param(changed).update();
            assertThat(new LogProofs(f.tables()).atSize("size", 2_500).inclusion(161).proof().get(0))
                    .isNotEqualTo(new MerkleLog(reference).inclusionProof(161, 2_500).get(0));
            f.jdbc().sql("update ledger_tile set hashes = ? where level = 0 and idx = 5").param(written.get("0,5")).update();

            // when the ledger is one written before ledger_tile: no tiles
            f.jdbc().sql("delete from ledger_tile").update();
            f.jdbc().sql("update ledger_head set tiled = 0").update();
            // then its proofs are the same, from the subtrees
            assertProofsAreTheTrees(f, reference, random);

            // when it is appended to before its tiles are filled
            appendInBatches(f, entries.subList(2_500, 3_300), random);
            reference = reference(f, 3_300);
            // then the batches store the tiles they complete, but the mark stays where tiles are missing
            assertThat(f.tables().head()).isEqualTo(new LogTables.Head(3_300, 0));
            assertThat(tiles(f).keySet()).allMatch(key -> key.startsWith("0,") && Long.parseLong(key.substring(2)) >= 78
                    || key.equals("1,2"));
            assertProofsAreTheTrees(f, reference, random);

            // when the node restarts: its group commit fills the tiles while idle
            f.ledger().destroy();
            GroupCommit restarted = new GroupCommit(f.tables(), new DataSourceTransactionManager(f.dataSource()),
                    new LedgerSettings(500, null, null, null, null, null));
            try {
                long deadline = System.nanoTime() + 30_000_000_000L;
                while (f.tables().head().tiled() < 3_300 && System.nanoTime() < deadline) {
                    Thread.sleep(50);
                }
                // then every tile is stored as the tree has it, and the mark is the size again
                assertThat(f.tables().head()).isEqualTo(new LogTables.Head(3_300, 3_300));
                Map<String, byte[]> filled = tiles(f);
                assertThat(filled).hasSize(3_300 / 32 + 3_300 / 1024);
                assertTilesAreTheTrees(filled, reference);
                assertProofsAreTheTrees(f, reference, random);

                // and filled chunk by chunk, and with appends in between, the rows are the same
                f.jdbc().sql("delete from ledger_tile").update();
                f.jdbc().sql("update ledger_head set tiled = 0").update();
                TransactionTemplate transactions = new TransactionTemplate(new DataSourceTransactionManager(f.dataSource()));
                int chunks = 1;
                while (Boolean.TRUE.equals(transactions.execute(status -> f.tables().fillTiles(97)))) {
                    chunks++;
                    if (chunks == 20) {
                        restarted.append(entries.get(0));
                    }
                }
                assertThat(chunks).isEqualTo(3_301 / 97 + 1);
                reference = reference(f, 3_301);
                assertThat(f.tables().head()).isEqualTo(new LogTables.Head(3_301, 3_301));
                Map<String, byte[]> again = tiles(f);
                assertThat(again.keySet()).isEqualTo(filled.keySet());
                assertTilesAreTheTrees(again, reference);
                assertProofsAreTheTrees(f, reference, random);
            } finally {
                restarted.destroy();
            }
        }
    }

    private static void appendInBatches(Fixture f, List<LedgerEntry> entries, SplittableRandom random) {
        for (int at = 0; at < entries.size();) {
            int n = Math.min(entries.size() - at, 1 + random.nextInt(300));
            f.ledger().appendAll(entries.subList(at, at + n));
            at += n;
        }
    }

    /** The in-memory tree of the stored entries, in index order. */
    private static InMemoryTreeStore reference(Fixture f, int size) {
        List<LogTables.StoredEntry> stored = f.tables().entries(0, size + 1);
        assertThat(stored).hasSize(size);
        InMemoryTreeStore nodes = new InMemoryTreeStore();
        new MerkleLog(nodes).append(stored.stream().map(e -> e.entry().encode()).toList());
        return nodes;
    }

    private static Map<String, byte[]> tiles(Fixture f) {
        Map<String, byte[]> tiles = new HashMap<>();
        f.jdbc().sql("select level, idx, hashes from ledger_tile").query(rs -> {
            tiles.put(rs.getInt(1) + "," + rs.getLong(2), rs.getBytes(3));
        });
        return tiles;
    }

    private static void assertTilesAreTheTrees(Map<String, byte[]> tiles, InMemoryTreeStore reference) {
        tiles.forEach((key, hashes) -> {
            int level = Integer.parseInt(key.substring(0, key.indexOf(',')));
            long index = Long.parseLong(key.substring(key.indexOf(',') + 1));
            assertThat(hashes).as("tile " + key).hasSize(32 * 32);
            for (int k = 0; k < 32; k++) {
                Hash node = reference.node(new NodeId(5 * level, index * 32 + k));
                assertThat(java.util.Arrays.copyOfRange(hashes, 32 * k, 32 * k + 32)).as("tile " + key + " hash " + k)
                        .isEqualTo(node.bytes());
            }
        });
    }

    private static void assertProofsAreTheTrees(Fixture f, InMemoryTreeStore nodes, SplittableRandom random) {
        MerkleLog reference = new MerkleLog(nodes);
        long size = nodes.size();
        LogProofs proofs = new LogProofs(f.tables());
        List<long[]> cases = new ArrayList<>(List.of(new long[] {0, 1}, new long[] {size - 1, size}, new long[] {1023, 1024},
                new long[] {1024, size}, new long[] {31, 32}, new long[] {32, 64}));
        for (int i = 0; i < 150; i++) {
            long to = 1 + random.nextLong(size);
            cases.add(new long[] {random.nextLong(to), to});
        }
        for (long[] c : cases) {
            MerkleLog.Inclusion served = proofs.atSize("size", c[1]).inclusion(c[0]);
            assertThat(served.leaf()).isEqualTo(reference.leafHash(c[0]));
            assertThat(served.proof()).as("inclusion of %d in %d", c[0], c[1]).isEqualTo(reference.inclusionProof(c[0], c[1]));
            assertThat(proofs.atSize("to", c[1]).consistencyFrom(c[0])).as("consistency from %d to %d", c[0], c[1])
                    .isEqualTo(reference.consistencyProof(c[0], c[1]));
        }
    }
}
