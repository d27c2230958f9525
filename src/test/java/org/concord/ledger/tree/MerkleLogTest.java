package org.concord.ledger.tree;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;

/** The log over its store: batching, atomic appends, bounded reads, and proofs at ten million leaves. */
class MerkleLogTest {

    @Test
    void batches_of_any_shape_store_the_same_nodes_and_roots() {
        List<byte[]> entries = TreeFixtures.anyEntries(1000);
        RecordingStore oneByOne = new RecordingStore(new InMemoryTreeStore());
        MerkleLog a = new MerkleLog(oneByOne);
        for (byte[] entry : entries) {
            a.append(List.of(entry));
        }
        RecordingStore uneven = new RecordingStore(new InMemoryTreeStore());
        MerkleLog b = new MerkleLog(uneven);
        int at = 0;
        for (int batch = 1; at < entries.size(); batch = batch * 3 % 97 + 1) {
            int end = Math.min(entries.size(), at + batch);
            b.append(entries.subList(at, end));
            at = end;
        }
        assertThat(uneven.written).isEqualTo(oneByOne.written);
        assertThat(b.root()).isEqualTo(a.root());
        // Every complete subtree is stored exactly once: 2n - popcount(n) nodes.
        assertThat(oneByOne.written).hasSize(2 * 1000 - Long.bitCount(1000));
    }

    @Test
    void an_append_reports_the_leaves_it_took() {
        MerkleLog log = new MerkleLog(new InMemoryTreeStore());
        assertThat(log.append(TreeFixtures.anyEntries(3))).isEqualTo(new MerkleLog.Appended(0, 3));
        assertThat(log.append(TreeFixtures.anyEntries(4))).isEqualTo(new MerkleLog.Appended(3, 7));
        assertThat(log.append(List.of())).isEqualTo(new MerkleLog.Appended(7, 7));
        assertThat(log.size()).isEqualTo(7);
    }

    @Test
    void a_batch_built_on_a_stale_size_is_refused_whole() {
        InMemoryTreeStore store = new InMemoryTreeStore();
        MerkleLog log = new MerkleLog(store);
        log.append(TreeFixtures.anyEntries(5));
        Hash root = log.root();
        assertThatThrownBy(() -> store.append(4, 6, List.of(new NodeHash(new NodeId(0, 4), root))))
                .isInstanceOf(TreeStore.ConcurrentAppendException.class)
                .hasMessage("log size is 5, batch was built on size 4");
        assertThatThrownBy(() -> store.append(5, 6, List.of(new NodeHash(new NodeId(0, 7), root))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(log.size()).isEqualTo(5);
        assertThat(log.root()).isEqualTo(root);
    }

    @Test
    void proofs_for_sizes_the_log_has_not_reached_are_refused() {
        MerkleLog log = TreeFixtures.logOf(TreeFixtures.anyEntries(5));
        assertThatThrownBy(() -> log.root(6)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> log.inclusionProof(5, 5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> log.consistencyProof(3, 6)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new InMemoryTreeStore().node(new NodeId(0, 0)))
                .isInstanceOf(NoSuchElementException.class);
    }

    @Test
    void proofs_and_roots_read_a_logarithmic_number_of_nodes_in_one_batch() {
        SyntheticStore store = new SyntheticStore(10_000_000L);
        MerkleLog log = new MerkleLog(store);
        long[][] cases = {{0, 10_000_000}, {9_999_999, 10_000_000}, {4_567_891, 9_876_543}, {1, 3}};
        for (long[] c : cases) {
            store.reads = 0;
            store.batches = 0;
            log.inclusionProof(c[0], c[1]);
            assertThat(store.reads).as("inclusion reads").isLessThanOrEqualTo(2 * (64 - Long.numberOfLeadingZeros(c[1])));
            assertThat(store.batches).isEqualTo(1);
            store.reads = 0;
            log.consistencyProof(Math.max(1, c[0]), c[1]);
            assertThat(store.reads).as("consistency reads").isLessThanOrEqualTo(2 * (64 - Long.numberOfLeadingZeros(c[1])) + 1);
            store.reads = 0;
            log.root(c[1]);
            assertThat(store.reads).as("root reads").isEqualTo(Long.bitCount(c[1]));
        }
    }

    /**
     * Proofs at ten million leaves have the RFC 9162 length and verify. How fast they are is
     * measured by the JMH benchmark (BENCHMARKS.md), never asserted here.
     */
    @Test
    void proofs_at_ten_million_leaves_have_the_rfc_length_and_verify() throws ProofException {
        long size = 10_000_000L;
        MerkleLog log = new MerkleLog(new SyntheticStore(size));
        Hash leaf = Rfc9162Hasher.leaf(new byte[] {7});
        for (int i = 0; i < 200; i++) {
            long index = (i * 7_919_993L) % size;
            List<Hash> proof = log.inclusionProof(index, size);
            int inner = 64 - Long.numberOfLeadingZeros(index ^ (size - 1));
            int border = Long.bitCount(index >>> inner);
            assertThat(proof.size()).as("RFC 9162 2.1.3.1 proof length at index " + index).isEqualTo(inner + border);
            Hash root = Proofs.rootFromInclusionProof(index, size, leaf, proof);
            Proofs.verifyInclusion(index, size, leaf, proof, root);
        }
    }

    /** Passes everything through and remembers every node written, in order. */
    private static final class RecordingStore implements TreeStore {
        private final TreeStore delegate;
        private final List<NodeHash> written = new ArrayList<>();

        RecordingStore(TreeStore delegate) {
            this.delegate = delegate;
        }

        @Override
        public long size() {
            return delegate.size();
        }

        @Override
        public Hash node(NodeId id) {
            return delegate.node(id);
        }

        @Override
        public void append(long expectedSize, long newSize, List<NodeHash> nodes) {
            delegate.append(expectedSize, newSize, nodes);
            written.addAll(nodes);
        }
    }

    /** A read-only store of any size whose node hashes are made up from their position; counts reads. */
    private static final class SyntheticStore implements TreeStore {
        private final long size;
        private int reads;
        private int batches;

        SyntheticStore(long size) {
            this.size = size;
        }

        @Override
        public long size() {
            return size;
        }

        @Override
        public Hash node(NodeId id) {
            if (id.endLeaf() > size) {
                throw new NoSuchElementException("incomplete " + id);
            }
            reads++;
            byte[] bytes = new byte[Hash.SIZE];
            bytes[0] = (byte) id.level();
            for (int i = 0; i < 8; i++) {
                bytes[1 + i] = (byte) (id.index() >>> (8 * i));
            }
            return new Hash(bytes);
        }

        @Override
        public List<Hash> nodes(List<NodeId> ids) {
            batches++;
            return TreeStore.super.nodes(ids);
        }

        @Override
        public void append(long expectedSize, long newSize, List<NodeHash> nodes) {
            throw new UnsupportedOperationException("read-only");
        }
    }
}
