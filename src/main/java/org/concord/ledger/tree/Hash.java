package org.concord.ledger.tree;

import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A SHA-256 value as used in the Merkle log: a leaf hash, a node hash or a root.
 *
 * <p>Always exactly 32 bytes; the array is copied in and out so a {@code Hash} cannot
 * change after it is made. {@link #equals} runs in constant time.
 *
 * @param bytes the 32 bytes of the hash (copied)
 */
public record Hash(byte[] bytes) {

    /** Length in bytes of every hash. */
    public static final int SIZE = 32;

    private static final HexFormat HEX = HexFormat.of();

    /** Validates the length and takes a private copy. */
    public Hash {
        Objects.requireNonNull(bytes, "bytes");
        if (bytes.length != SIZE) {
            throw new IllegalArgumentException("a hash has " + SIZE + " bytes, got " + bytes.length);
        }
        bytes = bytes.clone();
    }

    /** Parses 64 hex digits. */
    public static Hash ofHex(String hex) {
        Objects.requireNonNull(hex, "hex");
        if (hex.length() != 2 * SIZE) {
            throw new IllegalArgumentException("a hash has " + 2 * SIZE + " hex digits, got " + hex.length());
        }
        return new Hash(HEX.parseHex(hex));
    }

    /** Parses the standard (RFC 4648 section 4) base64 of 32 bytes, rejecting non-canonical forms. */
    public static Hash ofBase64(String base64) {
        Objects.requireNonNull(base64, "base64");
        byte[] decoded = Base64.getDecoder().decode(base64);
        Hash hash = new Hash(decoded);
        if (!hash.base64().equals(base64)) {
            throw new IllegalArgumentException("non-canonical base64 hash: " + base64);
        }
        return hash;
    }

    /** A copy of the 32 bytes. */
    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    /** The bytes without a copy, for hashing inside this package; never hand them out. */
    byte[] raw() {
        return bytes;
    }

    /** Lower-case hex, 64 digits. */
    public String hex() {
        return HEX.formatHex(bytes);
    }

    /** Standard base64 with padding, as in checkpoints. */
    public String base64() {
        return Base64.getEncoder().encodeToString(bytes);
    }

    /** The first 4 bytes in hex, for one-line messages. */
    public String shortHex() {
        return HEX.formatHex(bytes, 0, 4);
    }

    /** Constant-time comparison of the bytes. */
    @Override
    public boolean equals(Object other) {
        return other instanceof Hash that && MessageDigest.isEqual(bytes, that.bytes);
    }

    @Override
    public int hashCode() {
        return (bytes[0] & 0xff) << 24 | (bytes[1] & 0xff) << 16 | (bytes[2] & 0xff) << 8 | (bytes[3] & 0xff);
    }

    @Override
    public String toString() {
        return hex();
    }
}
