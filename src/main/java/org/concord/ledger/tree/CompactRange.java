package org.concord.ledger.tree;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The right border of a Merkle tree of {@code size} leaves: the roots of its complete subtrees,
 * largest first, one for each bit set in {@code size}. It is all a monitor needs to keep of a log
 * it audits: append the new leaves, and {@link #root()} must equal the root the log signed.
 *
 * <p>Immutable; {@link #append} returns a new range. O(log size) hashes.
 *
 * @param size   number of leaves covered
 * @param border one hash per set bit of {@code size}, from the highest bit down
 */
public record CompactRange(long size, List<Hash> border) {

    /** Checks that there is one hash per set bit of {@code size}. */
    public CompactRange {
        border = List.copyOf(border);
        if (size < 0 || Long.bitCount(size) != border.size()) {
            throw new IllegalArgumentException("a compact range of size " + size + " has " + Long.bitCount(Math.max(size, 0))
                    + " hashes, got " + border.size());
        }
    }

    /** The range of the empty tree. */
    public static CompactRange empty() {
        return new CompactRange(0, List.of());
    }

    /** This range with {@code leafHashes} appended. */
    public CompactRange append(List<Hash> leafHashes) {
        Hash[] byLevel = new Hash[64];
        int at = 0;
        for (int level = 62; level >= 0; level--) {
            if ((size >>> level & 1) == 1) {
                byLevel[level] = border.get(at++);
            }
        }
        long n = size;
        for (Hash leaf : leafHashes) {
            Objects.requireNonNull(leaf, "leaf");
            Hash carry = leaf;
            int level = 0;
            while ((n >>> level & 1) == 1) {
                carry = Rfc9162Hasher.node(byLevel[level], carry);
                byLevel[level] = null;
                level++;
            }
            byLevel[level] = carry;
            n++;
        }
        List<Hash> next = new ArrayList<>();
        for (int level = 62; level >= 0; level--) {
            if ((n >>> level & 1) == 1) {
                next.add(byLevel[level]);
            }
        }
        return new CompactRange(n, next);
    }

    /** The RFC 9162 root of the tree this range covers. */
    public Hash root() {
        if (size == 0) {
            return Rfc9162Hasher.emptyRoot();
        }
        Hash hash = border.get(border.size() - 1);
        for (int i = border.size() - 2; i >= 0; i--) {
            hash = Rfc9162Hasher.node(border.get(i), hash);
        }
        return hash;
    }

    /** The border as space-separated base64, for storing; {@link #decode} reads it back. */
    public String encode() {
        StringBuilder text = new StringBuilder();
        for (Hash hash : border) {
            if (text.length() > 0) {
                text.append(' ');
            }
            text.append(hash.base64());
        }
        return text.toString();
    }

    /** Reads {@link #encode()}'s form for a range of {@code size} leaves. */
    public static CompactRange decode(long size, String encoded) {
        List<Hash> border = new ArrayList<>();
        if (!encoded.isBlank()) {
            for (String part : encoded.trim().split(" ")) {
                border.add(Hash.ofBase64(part));
            }
        }
        return new CompactRange(size, border);
    }
}
