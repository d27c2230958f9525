package org.concord.ledger.tree;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;

/**
 * A deliberately naive Merkle tree, written straight from the recursive definitions of
 * RFC 9162 section 2.1 (MTH in 2.1.1, PATH in 2.1.3.1, PROOF and SUBPROOF in 2.1.4.1), with
 * its own SHA-256 and no shared code with the production classes except {@link Hash}.
 * Slow on purpose: every call rehashes the entries it covers.
 */
final class NaiveMerkleTree {

    private final List<byte[]> entries;

    NaiveMerkleTree(List<byte[]> entries) {
        this.entries = List.copyOf(entries);
    }

    /** MTH(D[n]) over the first {@code n} entries. */
    Hash root(int n) {
        return new Hash(mth(0, n));
    }

    /** PATH(m, D[n]). */
    List<Hash> inclusionProof(int m, int n) {
        List<Hash> path = new ArrayList<>();
        path(m, 0, n, path);
        return path;
    }

    /** PROOF(m, D[n]) = SUBPROOF(m, D[n], true). */
    List<Hash> consistencyProof(int m, int n) {
        List<Hash> proof = new ArrayList<>();
        if (0 < m && m < n) {
            subproof(m, 0, n, true, proof);
        }
        return proof;
    }

    /** MTH(D[from:to]). */
    private byte[] mth(int from, int to) {
        int n = to - from;
        if (n == 0) {
            return sha256(new byte[0]);
        }
        if (n == 1) {
            return sha256(concat(new byte[] {0x00}, entries.get(from)));
        }
        int k = largestPowerOfTwoBelow(n);
        return sha256(concat(new byte[] {0x01}, mth(from, from + k), mth(from + k, to)));
    }

    /** PATH(m, D[from:to]), hashes appended leaf first. */
    private void path(int m, int from, int to, List<Hash> out) {
        int n = to - from;
        if (n == 1) {
            return;
        }
        int k = largestPowerOfTwoBelow(n);
        if (m < k) {
            path(m, from, from + k, out);
            out.add(new Hash(mth(from + k, to)));
        } else {
            path(m - k, from + k, to, out);
            out.add(new Hash(mth(from, from + k)));
        }
    }

    /** SUBPROOF(m, D[from:to], b). */
    private void subproof(int m, int from, int to, boolean b, List<Hash> out) {
        int n = to - from;
        if (m == n) {
            if (!b) {
                out.add(new Hash(mth(from, to)));
            }
            return;
        }
        int k = largestPowerOfTwoBelow(n);
        if (m <= k) {
            subproof(m, from, from + k, b, out);
            out.add(new Hash(mth(from + k, to)));
        } else {
            subproof(m - k, from + k, to, false, out);
            out.add(new Hash(mth(from, from + k)));
        }
    }

    /** The largest power of two smaller than n (n > 1). */
    private static int largestPowerOfTwoBelow(int n) {
        int k = 1;
        while (k * 2 < n) {
            k *= 2;
        }
        return k;
    }

    private static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        byte[] all = new byte[length];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
        }
        return all;
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
