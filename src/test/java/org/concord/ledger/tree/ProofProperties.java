package org.concord.ledger.tree;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Properties of proofs over one log of a few thousand leaves and all its past sizes: every
 * proof verifies, it agrees with the naive reference on smaller trees, and flipping any one
 * bit of a proof, a root or the leaf makes verification throw {@link ProofException.RootMismatch}.
 */
class ProofProperties {

    private static final int MAX = 3000;
    private static final List<byte[]> ENTRIES = TreeFixtures.anyEntries(MAX);
    private static final MerkleLog LOG = TreeFixtures.logOf(ENTRIES);
    private static final NaiveMerkleTree REFERENCE = new NaiveMerkleTree(ENTRIES.subList(0, 300));

    record Inclusion(int index, int size) {
    }

    record Consistency(int size1, int size2) {
    }

    @Provide
    Arbitrary<Inclusion> inclusions() {
        return Arbitraries.integers().between(1, MAX)
                .flatMap(size -> Arbitraries.integers().between(0, size - 1).map(index -> new Inclusion(index, size)));
    }

    @Provide
    Arbitrary<Consistency> consistencies() {
        return Arbitraries.integers().between(1, MAX)
                .flatMap(size2 -> Arbitraries.integers().between(0, size2).map(size1 -> new Consistency(size1, size2)));
    }

    @Provide
    Arbitrary<Consistency> nonEmptyConsistencies() {
        return Arbitraries.integers().between(1, MAX)
                .flatMap(size2 -> Arbitraries.integers().between(1, size2).map(size1 -> new Consistency(size1, size2)));
    }

    @Provide
    Arbitrary<Inclusion> smallInclusions() {
        return Arbitraries.integers().between(1, 300)
                .flatMap(size -> Arbitraries.integers().between(0, size - 1).map(index -> new Inclusion(index, size)));
    }

    @Provide
    Arbitrary<Consistency> smallConsistencies() {
        return Combinators.combine(Arbitraries.integers().between(0, 300), Arbitraries.integers().between(0, 300))
                .as((a, b) -> new Consistency(Math.min(a, b), Math.max(a, b)));
    }

    @Property(tries = 500)
    void every_inclusion_proof_verifies(@ForAll("inclusions") Inclusion c) throws ProofException {
        Proofs.verifyInclusion(c.index(), c.size(), LOG.leafHash(c.index()), LOG.inclusionProof(c.index(), c.size()),
                LOG.root(c.size()));
    }

    @Property(tries = 300)
    void the_leaf_and_its_proof_read_together_are_the_leaf_and_the_proof(@ForAll("inclusions") Inclusion c) {
        MerkleLog.Inclusion together = LOG.inclusion(c.index(), c.size());
        assertThat(together.leaf()).isEqualTo(LOG.leafHash(c.index()));
        assertThat(together.proof()).isEqualTo(LOG.inclusionProof(c.index(), c.size()));
        assertThat(together.index()).isEqualTo(c.index());
        assertThat(together.size()).isEqualTo(c.size());
    }

    @Property(tries = 500)
    void every_consistency_proof_verifies(@ForAll("consistencies") Consistency c) throws ProofException {
        Proofs.verifyConsistency(c.size1(), c.size2(), LOG.consistencyProof(c.size1(), c.size2()),
                LOG.root(c.size1()), LOG.root(c.size2()));
    }

    @Property(tries = 200)
    void inclusion_proofs_agree_with_the_reference(@ForAll("smallInclusions") Inclusion c) {
        assertThat(LOG.inclusionProof(c.index(), c.size())).isEqualTo(REFERENCE.inclusionProof(c.index(), c.size()));
        assertThat(LOG.root(c.size())).isEqualTo(REFERENCE.root(c.size()));
    }

    @Property(tries = 200)
    void consistency_proofs_agree_with_the_reference(@ForAll("smallConsistencies") Consistency c) {
        assertThat(LOG.consistencyProof(c.size1(), c.size2()))
                .isEqualTo(REFERENCE.consistencyProof(c.size1(), c.size2()));
    }

    @Property(tries = 500)
    void flipping_a_bit_of_an_inclusion_proof_is_a_root_mismatch(@ForAll("inclusions") Inclusion c,
            @ForAll @IntRange(min = 0, max = 1000) int element, @ForAll @IntRange(min = 0, max = 255) int bit) {
        List<Hash> proof = LOG.inclusionProof(c.index(), c.size());
        Hash leaf = LOG.leafHash(c.index());
        Hash root = LOG.root(c.size());
        // One draw chooses among the proof's hashes, the leaf and the root.
        int target = element % (proof.size() + 2);
        List<Hash> badProof = target < proof.size() ? TreeFixtures.flipBit(proof, target, bit) : proof;
        Hash badLeaf = target == proof.size() ? TreeFixtures.flipBit(leaf, bit) : leaf;
        Hash badRoot = target == proof.size() + 1 ? TreeFixtures.flipBit(root, bit) : root;
        assertThatThrownBy(() -> Proofs.verifyInclusion(c.index(), c.size(), badLeaf, badProof, badRoot))
                .isInstanceOf(ProofException.RootMismatch.class)
                .hasMessageContaining("size " + c.size());
    }

    @Property(tries = 500)
    void flipping_a_bit_of_a_consistency_proof_is_a_root_mismatch(@ForAll("nonEmptyConsistencies") Consistency c,
            @ForAll @IntRange(min = 0, max = 1000) int element, @ForAll @IntRange(min = 0, max = 255) int bit) {
        List<Hash> proof = LOG.consistencyProof(c.size1(), c.size2());
        Hash root1 = LOG.root(c.size1());
        Hash root2 = LOG.root(c.size2());
        int target = element % (proof.size() + 2);
        List<Hash> badProof = target < proof.size() ? TreeFixtures.flipBit(proof, target, bit) : proof;
        Hash badRoot1 = target == proof.size() ? TreeFixtures.flipBit(root1, bit) : root1;
        Hash badRoot2 = target == proof.size() + 1 ? TreeFixtures.flipBit(root2, bit) : root2;
        assertThatThrownBy(() -> Proofs.verifyConsistency(c.size1(), c.size2(), badProof, badRoot1, badRoot2))
                .isInstanceOf(ProofException.RootMismatch.class)
                .hasMessageContaining("size " + c.size1() + " with size " + c.size2());
    }

    @Property(tries = 300)
    void a_proof_presented_for_another_leaf_never_verifies(@ForAll("inclusions") Inclusion c,
            @ForAll @IntRange(min = 0, max = MAX - 1) int other) {
        int otherIndex = other % c.size();
        if (otherIndex == c.index()) {
            return;
        }
        List<Hash> proof = LOG.inclusionProof(c.index(), c.size());
        assertThatThrownBy(() -> Proofs.verifyInclusion(otherIndex, c.size(), LOG.leafHash(c.index()), proof,
                LOG.root(c.size()))).isInstanceOf(ProofException.class);
    }
}
