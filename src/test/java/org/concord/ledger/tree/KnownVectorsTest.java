package org.concord.ledger.tree;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.concord.ledger.tree.TreeFixtures.hashes;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The log and the verifier against the published RFC 6962 test vectors for the 8-leaf tree.
 *
 * <p>Source: github.com/transparency-dev/merkle, {@code testonly/constants.go}
 * ({@code LeafInputs}, {@code NodeHashes}, {@code RootHashes}, {@code EmptyRootHash}),
 * {@code proof/verify_test.go} ({@code inclusionProofs}, {@code consistencyProofs}, {@code roots};
 * 1-based leaf numbers there are 0-based indexes here) and {@code testonly/reference_test.go}
 * ({@code TestRefInclusionProof}, {@code TestRefConsistencyProof}). The same tree and hashes
 * are in google/certificate-transparency's {@code merkletree} tests.
 */
class KnownVectorsTest {

    private static final String[] ROOTS = {
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
        "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
        "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
        "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
        "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
        "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
        "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
    };

    /** Leaf hashes, level 0 of {@code NodeHashes}. */
    private static final String[] LEAF_HASHES = {
        "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
        "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
        "0298d122906dcfc10892cb53a73992fc5b9f493ea4c9badb27b791b4127a7fe7",
        "07506a85fd9dd2f120eb694f86011e5bb4662e5c415a62917033d4a9624487e7",
        "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
        "4271a26be0d8a84f0bd54c8c302e7cb3a3b5d1fa6780a40bcce2873477dab658",
        "b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f",
        "46f6ffadd3d06a09ff3c5860d2755c8b9819db7df44251788c7d8e3180de8eb1",
    };

    private final MerkleLog log = TreeFixtures.logOf(TreeFixtures.rfc6962LeafInputs());

    static Stream<Arguments> inclusionVectors() {
        return Stream.of(
                Arguments.of(0, 1, hashes()),
                Arguments.of(0, 2, hashes("96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7")),
                Arguments.of(1, 2, hashes("6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d")),
                Arguments.of(2, 3, hashes("fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125")),
                Arguments.of(1, 5, hashes(
                        "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
                        "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                        "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b")),
                Arguments.of(0, 8, hashes(
                        "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
                        "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                        "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4")),
                Arguments.of(5, 8, hashes(
                        "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
                        "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
                        "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7")));
    }

    static Stream<Arguments> consistencyVectors() {
        return Stream.of(
                Arguments.of(1, 1, hashes()),
                Arguments.of(1, 8, hashes(
                        "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
                        "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                        "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4")),
                Arguments.of(6, 8, hashes(
                        "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
                        "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
                        "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7")),
                Arguments.of(2, 5, hashes(
                        "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                        "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b")),
                Arguments.of(6, 7, hashes(
                        "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
                        "b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f",
                        "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7")));
    }

    @Test
    void the_empty_root_is_the_sha256_of_nothing() {
        assertThat(Rfc9162Hasher.emptyRoot()).isEqualTo(Hash.ofHex(ROOTS[0]));
        assertThat(new MerkleLog(new InMemoryTreeStore()).root()).isEqualTo(Hash.ofHex(ROOTS[0]));
    }

    @Test
    void leaf_hashes_match_the_published_ones() {
        List<byte[]> inputs = TreeFixtures.rfc6962LeafInputs();
        for (int i = 0; i < inputs.size(); i++) {
            assertThat(Rfc9162Hasher.leaf(inputs.get(i))).as("leaf %d", i).isEqualTo(Hash.ofHex(LEAF_HASHES[i]));
            assertThat(log.leafHash(i)).isEqualTo(Hash.ofHex(LEAF_HASHES[i]));
        }
    }

    @Test
    void roots_of_every_past_size_match_the_published_ones() {
        for (int size = 0; size <= 8; size++) {
            assertThat(log.root(size)).as("root of size %d", size).isEqualTo(Hash.ofHex(ROOTS[size]));
        }
    }

    @Test
    void building_leaf_by_leaf_or_in_two_chunks_gives_the_same_roots() {
        List<byte[]> inputs = TreeFixtures.rfc6962LeafInputs();
        MerkleLog oneByOne = new MerkleLog(new InMemoryTreeStore());
        for (int i = 0; i < inputs.size(); i++) {
            oneByOne.append(List.of(inputs.get(i)));
            assertThat(oneByOne.root()).isEqualTo(Hash.ofHex(ROOTS[i + 1]));
        }
        MerkleLog twoChunks = new MerkleLog(new InMemoryTreeStore());
        twoChunks.append(inputs.subList(0, 3));
        assertThat(twoChunks.root()).isEqualTo(Hash.ofHex(ROOTS[3]));
        twoChunks.append(inputs.subList(3, 8));
        assertThat(twoChunks.root()).isEqualTo(Hash.ofHex(ROOTS[8]));
    }

    @ParameterizedTest(name = "leaf {0} in size {1}")
    @MethodSource("inclusionVectors")
    void inclusion_proofs_match_and_verify(int index, int size, List<Hash> expected) {
        assertThat(log.inclusionProof(index, size)).isEqualTo(expected);
        Hash leaf = Hash.ofHex(LEAF_HASHES[index]);
        Hash root = Hash.ofHex(ROOTS[size]);
        assertThatCode(() -> Proofs.verifyInclusion(index, size, leaf, expected, root)).doesNotThrowAnyException();
    }

    @ParameterizedTest(name = "size {0} to {1}")
    @MethodSource("consistencyVectors")
    void consistency_proofs_match_and_verify(int size1, int size2, List<Hash> expected) {
        assertThat(log.consistencyProof(size1, size2)).isEqualTo(expected);
        Hash root1 = Hash.ofHex(ROOTS[size1]);
        Hash root2 = Hash.ofHex(ROOTS[size2]);
        assertThatCode(() -> Proofs.verifyConsistency(size1, size2, expected, root1, root2))
                .doesNotThrowAnyException();
    }

    /** The corruptions of proof/verify_test.go {@code corruptInclusionProof}, each with the error it must raise. */
    @ParameterizedTest(name = "leaf {0} in size {1}")
    @MethodSource("inclusionVectors")
    void corrupted_inclusion_proofs_fail_with_a_typed_error(int index, int size, List<Hash> proof) {
        Hash leaf = Hash.ofHex(LEAF_HASHES[index]);
        Hash root = Hash.ofHex(ROOTS[size]);
        Hash other = Hash.ofHex("abacaba000000000000000000000000000000000000000000060061e00123456");
        assertInclusionFails(index + 1, size, leaf, proof, root);
        if (index > 0) {
            assertInclusionFails(index - 1, size, leaf, proof, root);
        }
        assertInclusionFails(index ^ 2, size, leaf, proof, root);
        assertInclusionFails(index, size * 2, leaf, proof, root);
        assertInclusionFails(index, size / 2, leaf, proof, root);
        assertThatThrownBy(() -> Proofs.verifyInclusion(index, size, other, proof, root))
                .isInstanceOf(ProofException.RootMismatch.class);
        assertThatThrownBy(() -> Proofs.verifyInclusion(index, size, leaf, proof, Rfc9162Hasher.emptyRoot()))
                .isInstanceOf(ProofException.RootMismatch.class);
        assertThatThrownBy(() -> Proofs.verifyInclusion(index, size, leaf, with(proof, root, true), root))
                .isInstanceOf(ProofException.WrongProofSize.class);
        assertThatThrownBy(() -> Proofs.verifyInclusion(index, size, leaf, with(proof, root, false), root))
                .isInstanceOf(ProofException.WrongProofSize.class);
        if (!proof.isEmpty()) {
            assertThatThrownBy(() -> Proofs.verifyInclusion(index, size, leaf, proof.subList(0, proof.size() - 1), root))
                    .isInstanceOf(ProofException.WrongProofSize.class);
            for (int i = 0; i < proof.size(); i++) {
                List<Hash> flipped = TreeFixtures.flipBit(proof, i, 3);
                assertThatThrownBy(() -> Proofs.verifyInclusion(index, size, leaf, flipped, root))
                        .isInstanceOf(ProofException.RootMismatch.class);
            }
        }
    }

    /** The corruptions of proof/verify_test.go {@code corruptConsistencyProof}. */
    @ParameterizedTest(name = "size {0} to {1}")
    @MethodSource("consistencyVectors")
    void corrupted_consistency_proofs_fail_with_a_typed_error(int size1, int size2, List<Hash> proof) {
        Hash root1 = Hash.ofHex(ROOTS[size1]);
        Hash root2 = Hash.ofHex(ROOTS[size2]);
        if (proof.isEmpty()) {
            assertThatThrownBy(() -> Proofs.verifyConsistency(size1, size2, proof, root1, Hash.ofHex(ROOTS[2])))
                    .isInstanceOf(ProofException.RootMismatch.class);
            return;
        }
        assertConsistencyFails(size1 - 1, size2, proof, root1, root2);
        assertConsistencyFails(size1 + 1, size2, proof, root1, root2);
        assertConsistencyFails(size1 ^ 2, size2, proof, root1, root2);
        assertConsistencyFails(size1, size2 * 2, proof, root1, root2);
        assertConsistencyFails(size1, size2 / 2, proof, root1, root2);
        assertConsistencyFails(size1, size2, proof, root2, root1);
        assertConsistencyFails(size1, size2, List.of(), root1, root2);
        assertThatThrownBy(() -> Proofs.verifyConsistency(size1, size2, with(proof, root1, true), root1, root2))
                .isInstanceOf(ProofException.WrongProofSize.class);
        assertThatThrownBy(() -> Proofs.verifyConsistency(size1, size2, with(proof, root2, false), root1, root2))
                .isInstanceOf(ProofException.WrongProofSize.class);
        assertThatThrownBy(() -> Proofs.verifyConsistency(size1, size2, proof.subList(0, proof.size() - 1), root1, root2))
                .isInstanceOf(ProofException.WrongProofSize.class);
        for (int i = 0; i < proof.size(); i++) {
            List<Hash> flipped = TreeFixtures.flipBit(proof, i, 4);
            assertThatThrownBy(() -> Proofs.verifyConsistency(size1, size2, flipped, root1, root2))
                    .isInstanceOf(ProofException.RootMismatch.class);
        }
    }

    private static void assertInclusionFails(long index, long size, Hash leaf, List<Hash> proof, Hash root) {
        assertThatThrownBy(() -> Proofs.verifyInclusion(index, size, leaf, proof, root))
                .isInstanceOf(ProofException.class);
    }

    private static void assertConsistencyFails(long size1, long size2, List<Hash> proof, Hash root1, Hash root2) {
        assertThatThrownBy(() -> Proofs.verifyConsistency(size1, size2, proof, root1, root2))
                .isInstanceOf(ProofException.class);
    }

    private static List<Hash> with(List<Hash> proof, Hash extra, boolean atEnd) {
        List<Hash> copy = new ArrayList<>(proof);
        if (atEnd) {
            copy.add(extra);
        } else {
            copy.add(0, extra);
        }
        return copy;
    }
}
