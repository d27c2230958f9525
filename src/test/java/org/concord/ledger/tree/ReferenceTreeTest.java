package org.concord.ledger.tree;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The log against {@link NaiveMerkleTree}, the recursive definitions of RFC 9162 section 2.1:
 * every root, every inclusion proof and every consistency proof of every tree up to 70 leaves
 * (which crosses several powers of two), and each one verifies.
 */
class ReferenceTreeTest {

    private static final int MAX = 70;
    private final List<byte[]> entries = TreeFixtures.anyEntries(MAX);
    private final NaiveMerkleTree reference = new NaiveMerkleTree(entries);
    private final MerkleLog log = TreeFixtures.logOf(entries);

    @Test
    void the_reference_agrees_with_the_published_vectors() {
        NaiveMerkleTree rfc6962 = new NaiveMerkleTree(TreeFixtures.rfc6962LeafInputs());
        assertThat(rfc6962.root(8)).isEqualTo(Hash.ofHex("5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328"));
        assertThat(rfc6962.consistencyProof(6, 7)).isEqualTo(TreeFixtures.hashes(
                "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
                "b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f",
                "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"));
    }

    @Test
    void every_root_matches_the_reference() {
        for (int size = 0; size <= MAX; size++) {
            assertThat(log.root(size)).as("size %d", size).isEqualTo(reference.root(size));
        }
    }

    @Test
    void every_inclusion_proof_matches_the_reference_and_verifies() throws ProofException {
        for (int size = 1; size <= MAX; size++) {
            Hash root = reference.root(size);
            for (int index = 0; index < size; index++) {
                List<Hash> proof = log.inclusionProof(index, size);
                assertThat(proof).as("leaf %d in size %d", index, size).isEqualTo(reference.inclusionProof(index, size));
                Proofs.verifyInclusion(index, size, log.leafHash(index), proof, root);
            }
        }
    }

    @Test
    void every_consistency_proof_matches_the_reference_and_verifies() throws ProofException {
        for (int size2 = 1; size2 <= MAX; size2++) {
            for (int size1 = 0; size1 <= size2; size1++) {
                List<Hash> proof = log.consistencyProof(size1, size2);
                assertThat(proof).as("size %d to %d", size1, size2).isEqualTo(reference.consistencyProof(size1, size2));
                Proofs.verifyConsistency(size1, size2, proof, reference.root(size1), reference.root(size2));
            }
        }
    }
}
