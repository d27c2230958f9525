package org.concord.ledger.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
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
import org.concord.ledger.tree.Proofs;
import org.concord.node.InvalidInput;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * The proofs the API serves ({@link LogProofs}, over the stored subtrees) are byte for byte the
 * proofs of an in-memory tree of the same leaves, for random leaves, sizes and pairs of sizes, on
 * H2 and on PostgreSQL. Each log is written by the group commit in batches of random sizes, so the
 * stored rows are those a running node writes. And the query that reads the stored subtrees is a
 * lookup in the primary key, not a scan of the table (on H2 a scan made a proof cost O(n)).
 */
class ProofsFromTheDatabaseProperties {

    static final int LEAVES = 4_321;
    static final Map<Store, Fixture> LOGS = new EnumMap<>(Store.class);
    static MerkleLog reference;

    @BeforeContainer
    static void aLogOnEachDatabaseAndTheSameLeavesInMemory() throws Exception {
        SplittableRandom random = new SplittableRandom(13);
        List<LedgerEntry> entries = new ArrayList<>(LEAVES);
        for (int i = 0; i < LEAVES; i++) {
            entries.add(LedgerGroupCommitTest.anyEntry(i));
        }
        for (Store store : Store.values()) {
            Fixture fixture = LedgerGroupCommitTest.anyLedger(store);
            LOGS.put(store, fixture);
            for (int at = 0; at < LEAVES;) {
                int n = Math.min(LEAVES - at, 1 + random.nextInt(700));
                fixture.ledger().appendAll(entries.subList(at, at + n));
                at += n;
            }
        }
        // The group commit hands out indexes in the order the entries were queued; the reference
        // tree is built from what the first database stored, in index order.
        List<LogTables.StoredEntry> stored = LOGS.get(Store.H2).tables().entries(0, LEAVES + 1);
        assertThat(stored).hasSize(LEAVES);
        assertThat(LOGS.get(Store.POSTGRES).tables().entries(0, LEAVES + 1)).isEqualTo(stored);
        reference = new MerkleLog(new InMemoryTreeStore());
        reference.append(stored.stream().map(e -> e.entry().encode()).toList());
    }

    @AfterContainer
    static void dropThem() throws Exception {
        for (Fixture fixture : LOGS.values()) {
            fixture.close();
        }
        LOGS.clear();
    }

    record Inclusion(long index, long size) {
    }

    record Consistency(long from, long to) {
    }

    @Provide
    Arbitrary<Inclusion> inclusions() {
        return Arbitraries.longs().between(1, LEAVES)
                .flatMap(size -> Arbitraries.longs().between(0, size - 1).map(index -> new Inclusion(index, size)))
                .edgeCases(c -> c.add(new Inclusion(0, 1), new Inclusion(LEAVES - 1, LEAVES), new Inclusion(4095, 4096),
                        new Inclusion(4096, 4097)));
    }

    @Provide
    Arbitrary<Consistency> consistencies() {
        return Arbitraries.longs().between(0, LEAVES)
                .flatMap(to -> Arbitraries.longs().between(0, to).map(from -> new Consistency(from, to)))
                .edgeCases(c -> c.add(new Consistency(0, LEAVES), new Consistency(LEAVES, LEAVES), new Consistency(4096, LEAVES),
                        new Consistency(1, 2), new Consistency(4095, 4097)));
    }

    @Property(tries = 400)
    void an_inclusion_proof_from_the_database_is_the_in_memory_trees(@ForAll Store store, @ForAll("inclusions") Inclusion c)
            throws Exception {
        MerkleLog.Inclusion served = proofs(store).atSize("size", c.size()).inclusion(c.index());

        assertThat(served.leaf()).isEqualTo(reference.leafHash(c.index()));
        assertThat(served.proof()).isEqualTo(reference.inclusionProof(c.index(), c.size()));
        assertThat(served.proof().stream().map(Hash::base64).toList())
                .isEqualTo(reference.inclusionProof(c.index(), c.size()).stream().map(Hash::base64).toList());
        Proofs.verifyInclusion(c.index(), c.size(), served.leaf(), served.proof(), reference.root(c.size()));
    }

    @Property(tries = 400)
    void a_consistency_proof_from_the_database_is_the_in_memory_trees(@ForAll Store store,
            @ForAll("consistencies") Consistency c) throws Exception {
        List<Hash> served = proofs(store).atSize("to", c.to()).consistencyFrom(c.from());

        assertThat(served).isEqualTo(reference.consistencyProof(c.from(), c.to()));
        if (c.from() > 0) {
            Proofs.verifyConsistency(c.from(), c.to(), served, reference.root(c.from()), reference.root(c.to()));
        }
    }

    @Example
    void sizes_beyond_the_log_and_leaves_outside_the_tree_are_refused_naming_the_field() {
        for (Store store : Store.values()) {
            assertThat(refusal(() -> proofs(store).atSize("size", LEAVES + 1))).isEqualTo("size range");
            assertThat(refusal(() -> proofs(store).atSize("size", -1))).isEqualTo("size range");
            assertThat(refusal(() -> proofs(store).atSize("size", 10).inclusion(10))).isEqualTo("index range");
            assertThat(refusal(() -> proofs(store).atSize("size", 10).inclusion(-1))).isEqualTo("index range");
            assertThat(refusal(() -> proofs(store).atSize("to", LEAVES + 1))).isEqualTo("to range");
            assertThat(refusal(() -> proofs(store).atSize("to", 10).consistencyFrom(11))).isEqualTo("from range");
            assertThat(refusal(() -> proofs(store).atSize("to", 10).consistencyFrom(-1))).isEqualTo("from range");
        }
    }

    private static String refusal(Runnable call) {
        try {
            call.run();
        } catch (InvalidInput e) {
            return e.field() + " " + e.rule();
        }
        throw new AssertionError("not refused");
    }

    @Example
    void the_stored_subtrees_of_a_proof_are_read_in_one_query_by_primary_key() {
        // given the nodes of an inclusion proof at the full size: two leaves and one subtree per level above
        List<NodeId> ids = new ArrayList<>(List.of(new NodeId(0, 1234), new NodeId(0, 1235)));
        for (int level = 1; level < 12; level++) {
            ids.add(new NodeId(level, (1234L >>> level) ^ 1));
        }
        Collections.shuffle(ids, new java.util.Random(7));
        Fixture h2 = LOGS.get(Store.H2);
        List<Object> params = new ArrayList<>();
        ids.stream().filter(id -> id.level() == 0).forEach(id -> params.add(id.index()));
        ids.stream().filter(id -> id.level() > 0).forEach(id -> {
            params.add(id.level());
            params.add(id.index());
        });

        // and two tiles
        params.addAll(List.of(0, 38L, 1, 1L));

        // when H2 plans the query LogTables.nodes sends
        String plan = h2.jdbc().sql("explain " + LogTables.nodesQuery(2, ids.size() - 2, 2)).params(params).query(String.class).single();

        // then the three tables are read through their primary key, none is scanned
        assertThat(plan).doesNotContainIgnoringCase("tableScan").containsIgnoringCase("PRIMARY_KEY")
                .containsIgnoringCase("ledger_tile");
        // and the hashes come back in the order asked, as the tree has them, from the subtrees or the tiles
        for (Store store : Store.values()) {
            assertThat(LOGS.get(store).tables().nodes(ids)).isEqualTo(ids.stream().map(id -> memoryNode(id)).toList());
            assertThat(LOGS.get(store).tables().nodes(ids, LEAVES)).isEqualTo(ids.stream().map(id -> memoryNode(id)).toList());
        }
    }

    private static Hash memoryNode(NodeId id) {
        // The reference tree's node: a complete subtree's root is the root of its leaves alone.
        if (id.level() == 0) {
            return reference.leafHash(id.index());
        }
        MerkleLog subtree = new MerkleLog(new InMemoryTreeStore());
        List<Hash> leaves = new ArrayList<>();
        for (long i = id.firstLeaf(); i < id.endLeaf(); i++) {
            leaves.add(reference.leafHash(i));
        }
        subtree.appendLeafHashes(leaves);
        return subtree.root();
    }

    private static LogProofs proofs(Store store) {
        return new LogProofs(LOGS.get(store).tables());
    }
}
