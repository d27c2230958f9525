package org.concord.ledger.tree;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Objects;

/**
 * The one place where the Merkle tree hashing of RFC 9162 section 2.1.1 (identical to
 * RFC 6962 section 2.1) is written down, with SHA-256:
 *
 * <ul>
 *   <li>the root of the empty tree is {@code SHA-256()};</li>
 *   <li>a leaf is {@code SHA-256(0x00 || entry)};</li>
 *   <li>an interior node is {@code SHA-256(0x01 || left || right)}.</li>
 * </ul>
 *
 * <p>The distinct prefixes keep a leaf from ever being taken for a node (second-preimage
 * resistance). Thread-safe: each thread uses its own digest.
 */
public final class Rfc9162Hasher {

    private static final byte LEAF_PREFIX = 0x00;
    private static final byte NODE_PREFIX = 0x01;
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(Rfc9162Hasher::newDigest);
    private static final Hash EMPTY_ROOT = new Hash(newDigest().digest());

    private Rfc9162Hasher() {
    }

    /** The root hash of the tree with no leaves: {@code SHA-256("")}. */
    public static Hash emptyRoot() {
        return EMPTY_ROOT;
    }

    /** The hash of a leaf with the given entry bytes: {@code SHA-256(0x00 || entry)}. */
    public static Hash leaf(byte[] entry) {
        Objects.requireNonNull(entry, "entry");
        MessageDigest digest = SHA256.get();
        digest.update(LEAF_PREFIX);
        digest.update(entry);
        return new Hash(digest.digest());
    }

    /** The hash of an interior node: {@code SHA-256(0x01 || left || right)}. */
    public static Hash node(Hash left, Hash right) {
        MessageDigest digest = SHA256.get();
        digest.update(NODE_PREFIX);
        digest.update(left.raw());
        digest.update(right.raw());
        return new Hash(digest.digest());
    }

    static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
