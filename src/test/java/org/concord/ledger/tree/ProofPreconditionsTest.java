package org.concord.ledger.tree;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Each precondition of the verifier fails with its own type and a one-line message naming sizes. */
class ProofPreconditionsTest {

    private final MerkleLog log = TreeFixtures.logOf(TreeFixtures.anyEntries(8));
    private final Hash anyHash = Rfc9162Hasher.leaf(new byte[] {42});

    @Test
    void an_index_at_or_beyond_the_size_is_out_of_range() {
        assertThatThrownBy(() -> Proofs.verifyInclusion(8, 8, anyHash, List.of(), log.root()))
                .isInstanceOf(ProofException.IndexOutOfRange.class)
                .hasMessage("leaf index 8 is outside a tree of size 8");
        assertThatThrownBy(() -> Proofs.verifyInclusion(-1, 8, anyHash, List.of(), log.root()))
                .isInstanceOf(ProofException.IndexOutOfRange.class);
        assertThatThrownBy(() -> Proofs.verifyInclusion(0, 0, anyHash, List.of(), Rfc9162Hasher.emptyRoot()))
                .isInstanceOf(ProofException.IndexOutOfRange.class);
    }

    @Test
    void a_proof_of_the_wrong_length_says_how_long_it_should_be() {
        List<Hash> proof = log.inclusionProof(3, 8);
        assertThatThrownBy(() -> Proofs.verifyInclusion(3, 7, log.leafHash(3), proof.subList(0, 2), log.root(7)))
                .isInstanceOf(ProofException.WrongProofSize.class)
                .hasMessage("inclusion of leaf 3 in tree of size 7: proof has 2 hashes, expected 3");
    }

    @Test
    void a_root_mismatch_names_both_roots() {
        List<Hash> proof = log.inclusionProof(3, 8);
        assertThatThrownBy(() -> Proofs.verifyInclusion(3, 8, anyHash, proof, log.root()))
                .isInstanceOf(ProofException.RootMismatch.class)
                .hasMessageStartingWith("inclusion of leaf 3 in tree of size 8: proof yields root ")
                .hasMessageEndingWith(" but expected " + log.root().hex());
    }

    @Test
    void a_log_cannot_shrink() {
        assertThatThrownBy(() -> Proofs.verifyConsistency(5, 4, List.of(), log.root(5), log.root(4)))
                .isInstanceOf(ProofException.SizesOutOfOrder.class)
                .hasMessageContaining("4 cannot extend tree size 5");
        assertThatThrownBy(() -> Proofs.verifyConsistency(-1, 4, List.of(), log.root(0), log.root(4)))
                .isInstanceOf(ProofException.SizesOutOfOrder.class);
    }

    @Test
    void equal_sizes_need_an_empty_proof_and_equal_roots() {
        assertThatCode(() -> Proofs.verifyConsistency(5, 5, List.of(), log.root(5), log.root(5)))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> Proofs.verifyConsistency(5, 5, List.of(anyHash), log.root(5), log.root(5)))
                .isInstanceOf(ProofException.WrongProofSize.class);
        assertThatThrownBy(() -> Proofs.verifyConsistency(5, 5, List.of(), log.root(5), log.root(6)))
                .isInstanceOf(ProofException.RootMismatch.class);
    }

    @Test
    void the_empty_tree_is_a_prefix_of_every_tree_but_only_with_the_empty_root() {
        assertThatCode(() -> Proofs.verifyConsistency(0, 8, List.of(), Rfc9162Hasher.emptyRoot(), log.root()))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> Proofs.verifyConsistency(0, 8, List.of(), anyHash, log.root()))
                .isInstanceOf(ProofException.RootMismatch.class);
        assertThatThrownBy(() -> Proofs.verifyConsistency(0, 8, List.of(anyHash), Rfc9162Hasher.emptyRoot(), log.root()))
                .isInstanceOf(ProofException.WrongProofSize.class);
    }

    @Test
    void a_proof_between_different_sizes_is_never_empty() {
        assertThatThrownBy(() -> Proofs.verifyConsistency(3, 8, List.of(), log.root(3), log.root()))
                .isInstanceOf(ProofException.WrongProofSize.class)
                .hasMessage("consistency of size 3 with size 8: proof has 0 hashes, expected 4");
    }
}
