package org.concord.ledger.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.zaxxer.hikari.HikariDataSource;

import org.concord.ledger.Direction;
import org.concord.ledger.Ledger;
import org.concord.ledger.LedgerEntry;
import org.concord.ledger.ObjectDigest;
import org.concord.ledger.tree.Hash;
import org.concord.ledger.tree.InMemoryTreeStore;
import org.concord.ledger.tree.MerkleLog;
import org.concord.ledger.tree.Proofs;
import org.concord.party.PartyCode;
import org.concord.testing.MigratedDatabase;
import org.concord.testing.Postgres;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/**
 * The database log with group commit, on both stores a node may use: concurrent callers get
 * distinct consecutive indexes, the stored tree is the one a reference log builds from the same
 * leaves, and a batch whose transaction fails tells every caller so and leaves nothing behind.
 */
class LedgerGroupCommitTest {

    enum Store { H2, POSTGRES }

    static final PartyCode IR = PartyCode.of("IR");

    record Fixture(HikariDataSource dataSource, String schema, LogTables tables, GroupCommit ledger, JdbcClient jdbc)
            implements AutoCloseable {
        @Override
        public void close() throws Exception {
            ledger.destroy();
            dataSource.close();
            if (schema != null) {
                Postgres.dropSchema(schema);
            }
        }
    }

    static Fixture anyLedger(Store store) throws Exception {
        MigratedDatabase database = MigratedDatabase.open(MigratedDatabase.Store.valueOf(store.name()), "gc");
        HikariDataSource dataSource = database.dataSource();
        String schema = database.schema();
        JdbcClient jdbc = JdbcClient.create(dataSource);
        LogTables tables = new LogTables(jdbc, dataSource, org.concord.node.TableStatistics.of(dataSource));
        GroupCommit ledger = new GroupCommit(tables, new DataSourceTransactionManager(dataSource),
                new LedgerSettings(500, null, null, null, null, null));
        return new Fixture(dataSource, schema, tables, ledger, jdbc);
    }

    static LedgerEntry anyEntry(int n) {
        String id = "note--" + UUID.randomUUID();
        String modified = "2024-01-26T09:30:00." + String.format("%06d", n) + "Z";
        return LedgerEntry.of(Direction.SENT, IR, ObjectDigest.of("{\"type\":\"note\",\"id\":\"" + id + "\",\"modified\":\""
                + modified + "\",\"content\":\"" + n + "\"}"), Instant.now());
    }

    @ParameterizedTest
    @EnumSource(Store.class)
    void concurrentCallersGetConsecutiveIndexesAndTheStoredTreeIsTheReferenceTree(Store store) throws Exception {
        try (Fixture f = anyLedger(store)) {
            // given eight callers appending 250 entries each at once
            ExecutorService callers = Executors.newFixedThreadPool(8);
            List<Future<List<Long>>> calls = new ArrayList<>();
            List<LedgerEntry> all = new ArrayList<>();
            for (int c = 0; c < 8; c++) {
                List<LedgerEntry> mine = new ArrayList<>();
                for (int i = 0; i < 250; i++) {
                    mine.add(anyEntry(c * 1000 + i));
                }
                all.addAll(mine);
                calls.add(callers.submit(() -> f.ledger().appendAll(mine)));
            }
            List<Long> indexes = new ArrayList<>();
            for (Future<List<Long>> call : calls) {
                List<Long> got = call.get();
                assertThat(got).isSorted();
                indexes.addAll(got);
            }
            callers.shutdown();

            // then every index from 0 to 1999 was handed out once
            assertThat(indexes).hasSize(2000).doesNotHaveDuplicates().allMatch(i -> i >= 0 && i < 2000);
            assertThat(f.ledger().size()).isEqualTo(2000);

            // and the stored tree is the reference tree of the stored entries in index order
            List<LogTables.StoredEntry> stored = f.tables().entries(0, 5000);
            MerkleLog reference = new MerkleLog(new InMemoryTreeStore());
            reference.append(stored.stream().map(e -> e.entry().encode()).toList());
            StoredTree tree = new StoredTree(f.tables());
            for (long size : new long[] {1, 2, 3, 255, 256, 257, 1000, 1999, 2000}) {
                assertThat(tree.log().root(size)).as("root at " + size).isEqualTo(reference.root(size));
            }
            for (LogTables.StoredEntry e : stored) {
                assertThat(e.leafHash()).isEqualTo(e.entry().leafHash());
            }
            Hash root = tree.log().root(2000);
            Proofs.verifyInclusion(1234, 2000, stored.get(1234).leafHash(), tree.log().inclusionProof(1234, 2000), root);
            Proofs.verifyConsistency(777, 2000, tree.log().consistencyProof(777, 2000), tree.log().root(777), root);
        }
    }

    @ParameterizedTest
    @EnumSource(Store.class)
    void theEntriesOfOneAppendAllAreConsecutiveLeavesCommittedTogetherUpToMaxBatch(Store store) throws Exception {
        try (Fixture f = anyLedger(store)) {
            // given eight callers appending at once: six lists of 50 (one delivery's SENT entries, one POST's RECEIVED ones),
            // single entries in between, and two lists longer than max-batch (500)
            ExecutorService callers = Executors.newFixedThreadPool(8);
            List<Future<List<Long>>> lists = new ArrayList<>();
            List<Future<Long>> singles = new ArrayList<>();
            for (int c = 0; c < 8; c++) {
                int size = c < 6 ? 50 : 700;
                List<LedgerEntry> mine = new ArrayList<>();
                for (int i = 0; i < size; i++) {
                    mine.add(anyEntry(c * 1000 + i));
                }
                lists.add(callers.submit(() -> f.ledger().appendAll(mine)));
                for (int i = 0; i < 5; i++) {
                    LedgerEntry one = anyEntry(10_000 + c * 10 + i);
                    singles.add(callers.submit(() -> f.ledger().append(one)));
                }
            }
            List<Long> all = new ArrayList<>();
            for (Future<List<Long>> list : lists) {
                List<Long> got = list.get();
                all.addAll(got);
                // then each list of up to max-batch entries is one run of consecutive leaves, in the order given
                for (int from = 0; from < got.size(); from += 500) {
                    List<Long> chunk = got.subList(from, Math.min(got.size(), from + 500));
                    for (int i = 1; i < chunk.size(); i++) {
                        assertThat(chunk.get(i)).as("entry %d of a list of %d", from + i, got.size()).isEqualTo(chunk.get(0) + i);
                    }
                }
            }
            for (Future<Long> single : singles) {
                all.add(single.get());
            }
            callers.shutdown();
            // and every index was handed out once
            assertThat(all).hasSize(6 * 50 + 2 * 700 + 40).doesNotHaveDuplicates().allMatch(i -> i >= 0 && i < all.size());
            assertThat(f.ledger().size()).isEqualTo(all.size());
        }
    }

    @ParameterizedTest
    @EnumSource(Store.class)
    void aBatchWhoseTransactionFailsTellsEveryCallerAndLeavesNothing(Store store) throws Exception {
        try (Fixture f = anyLedger(store)) {
            f.ledger().appendAll(List.of(anyEntry(1), anyEntry(2), anyEntry(3)));
            // a stray row where the next batch's subtree (2,0) goes: that batch's entries are written, then its nodes fail
            f.jdbc().sql("insert into ledger_node (level, idx, hash) values (2, 0, ?)").param(new byte[32]).update();

            List<java.util.concurrent.CompletableFuture<Long>> refused = List.of(f.ledger().appendAsync(anyEntry(4)),
                    f.ledger().appendAsync(anyEntry(5)), f.ledger().appendAsync(anyEntry(6)));
            for (var index : refused) {
                assertThatThrownBy(index::join).hasCauseInstanceOf(Ledger.LedgerUnavailable.class);
            }

            assertThat(f.ledger().size()).isEqualTo(3);
            assertThat(f.jdbc().sql("select count(*) from ledger_entry where idx >= 0").query(Long.class).single()).isEqualTo(3);
            f.jdbc().sql("delete from ledger_node where level = 2 and idx = 0").update();
            assertThat(f.ledger().append(anyEntry(7))).isEqualTo(3);
        }
    }
}
