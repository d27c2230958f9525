package org.concord.ledger.tree;

import java.util.List;
import java.util.Objects;

/**
 * Pure verification of RFC 9162 inclusion and consistency proofs.
 *
 * <p>The algorithms are those of RFC 9162 sections 2.1.3.2 and 2.1.4.2. Before hashing,
 * each function checks its preconditions and that the proof has exactly the number of
 * hashes its sizes call for, so that every failure is reported as the most specific
 * {@link ProofException}: a bad index or size order, a proof of the wrong length, or a root
 * that does not match. The functions return normally only when the proof holds.
 *
 * <p>Sizes and indexes are {@code long} and must be non-negative (trees up to 2<sup>63</sup>-1
 * leaves). Each call costs O(log size) hashes.
 */
public final class Proofs {

    private Proofs() {
    }

    /**
     * Verifies that {@code leafHash} is the leaf at {@code index} of the tree of
     * {@code size} leaves whose root is {@code root}.
     *
     * <p>Requires {@code 0 <= index < size}.
     *
     * @throws ProofException.IndexOutOfRange if the index is not inside the tree
     * @throws ProofException.WrongProofSize  if the proof is not as long as its index and size call for
     * @throws ProofException.RootMismatch    if the proof leads to another root
     */
    public static void verifyInclusion(long index, long size, Hash leafHash, List<Hash> proof, Hash root)
            throws ProofException {
        Objects.requireNonNull(root, "root");
        Hash calculated = rootFromInclusionProof(index, size, leafHash, proof);
        if (!calculated.equals(root)) {
            throw new ProofException.RootMismatch(inclusionClaim(index, size), root, calculated);
        }
    }

    /**
     * The root that an inclusion proof leads to, for callers that look the root up by it.
     * Same preconditions as {@link #verifyInclusion}; never throws {@code RootMismatch}.
     */
    public static Hash rootFromInclusionProof(long index, long size, Hash leafHash, List<Hash> proof)
            throws ProofException {
        Objects.requireNonNull(leafHash, "leafHash");
        Objects.requireNonNull(proof, "proof");
        if (index < 0 || size <= index) {
            throw new ProofException.IndexOutOfRange(index, size);
        }
        int expected = pathLength(index, size - 1);
        if (proof.size() != expected) {
            throw new ProofException.WrongProofSize(inclusionClaim(index, size), proof.size(), expected);
        }
        // RFC 9162 2.1.3.2: fn walks the leaf's path, sn the path of the last leaf.
        long fn = index;
        long sn = size - 1;
        Hash r = leafHash;
        for (Hash p : proof) {
            if (sn == 0) {
                throw new ProofException.WrongProofSize(inclusionClaim(index, size), proof.size(), expected);
            }
            if ((fn & 1) == 1 || fn == sn) {
                r = Rfc9162Hasher.node(p, r);
                if ((fn & 1) == 0 && fn != 0) {
                    // A right-border node with no right sibling moves up unchanged.
                    int skip = Long.numberOfTrailingZeros(fn);
                    fn >>>= skip;
                    sn >>>= skip;
                }
            } else {
                r = Rfc9162Hasher.node(r, p);
            }
            fn >>>= 1;
            sn >>>= 1;
        }
        if (sn != 0) {
            throw new ProofException.WrongProofSize(inclusionClaim(index, size), proof.size(), expected);
        }
        return r;
    }

    /**
     * Verifies that the tree of {@code size2} leaves with root {@code root2} extends the tree
     * of {@code size1} leaves with root {@code root1}: the first {@code size1} leaves are the same.
     *
     * <p>Requires {@code 0 <= size1 <= size2}. Equal sizes need an empty proof and equal roots.
     * The empty tree ({@code size1 == 0}) is a prefix of every tree: it needs an empty proof and
     * {@code root1} must be the empty root.
     *
     * @throws ProofException.SizesOutOfOrder if the sizes are not {@code 0 <= size1 <= size2}
     * @throws ProofException.WrongProofSize  if the proof is not as long as the sizes call for
     * @throws ProofException.RootMismatch    if the proof leads to another first or second root
     */
    public static void verifyConsistency(long size1, long size2, List<Hash> proof, Hash root1, Hash root2)
            throws ProofException {
        Objects.requireNonNull(proof, "proof");
        Objects.requireNonNull(root1, "root1");
        Objects.requireNonNull(root2, "root2");
        if (size1 < 0 || size2 < size1) {
            throw new ProofException.SizesOutOfOrder(size1, size2);
        }
        String claim = "consistency of size " + size1 + " with size " + size2;
        if (size1 == 0 || size1 == size2) {
            if (!proof.isEmpty()) {
                throw new ProofException.WrongProofSize(claim, proof.size(), 0);
            }
            if (size1 == 0) {
                requireMatch(claim + " (empty first tree)", Rfc9162Hasher.emptyRoot(), root1);
            } else {
                requireMatch(claim + " (same size)", root1, root2);
            }
            return;
        }
        // 0 < size1 < size2. The proof starts with the largest complete subtree that ends at
        // size1, unless that subtree is the whole first tree (size1 a power of two), then
        // follows the inclusion path of that subtree in the second tree.
        int shift = Long.numberOfTrailingZeros(size1);
        boolean firstIsPowerOfTwo = size1 == Long.lowestOneBit(size1);
        int expected = pathLength((size1 - 1) >>> shift, (size2 - 1) >>> shift) + (firstIsPowerOfTwo ? 0 : 1);
        if (proof.size() != expected) {
            throw new ProofException.WrongProofSize(claim, proof.size(), expected);
        }
        // RFC 9162 2.1.4.2.
        int next = 0;
        Hash seed = firstIsPowerOfTwo ? root1 : proof.get(next++);
        long fn = (size1 - 1) >>> shift;
        long sn = (size2 - 1) >>> shift;
        Hash fr = seed;
        Hash sr = seed;
        for (; next < proof.size(); next++) {
            if (sn == 0) {
                throw new ProofException.WrongProofSize(claim, proof.size(), expected);
            }
            Hash c = proof.get(next);
            if ((fn & 1) == 1 || fn == sn) {
                fr = Rfc9162Hasher.node(c, fr);
                sr = Rfc9162Hasher.node(c, sr);
                if ((fn & 1) == 0 && fn != 0) {
                    int skip = Long.numberOfTrailingZeros(fn);
                    fn >>>= skip;
                    sn >>>= skip;
                }
            } else {
                sr = Rfc9162Hasher.node(sr, c);
            }
            fn >>>= 1;
            sn >>>= 1;
        }
        if (sn != 0) {
            throw new ProofException.WrongProofSize(claim, proof.size(), expected);
        }
        requireMatch(claim + " (first root)", root1, fr);
        requireMatch(claim + " (second root)", root2, sr);
    }

    /**
     * Number of hashes in the path from node {@code index} to the root of a tree whose last
     * node on the same level is {@code last}: one sibling per level below the point where the
     * two paths part, then one left sibling per level above it where the path turns right.
     */
    static int pathLength(long index, long last) {
        int inner = 64 - Long.numberOfLeadingZeros(index ^ last);
        return inner + Long.bitCount(index >>> inner);
    }

    private static void requireMatch(String claim, Hash expected, Hash calculated) throws ProofException {
        if (!calculated.equals(expected)) {
            throw new ProofException.RootMismatch(claim, expected, calculated);
        }
    }

    private static String inclusionClaim(long index, long size) {
        return "inclusion of leaf " + index + " in tree of size " + size;
    }
}
