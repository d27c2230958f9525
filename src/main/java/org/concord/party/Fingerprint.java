package org.concord.party;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

import org.concord.node.InvalidInput;

/**
 * The SHA-256 digest of a certificate (DER) or a public key, as officers read it to each other:
 * 32 bytes in upper-case hex pairs separated by colons, the format of
 * {@code openssl x509 -noout -fingerprint -sha256}. Equality runs in constant time.
 */
public final class Fingerprint {

    private static final HexFormat COLONS = HexFormat.ofDelimiter(":").withUpperCase();
    private final byte[] digest;

    private Fingerprint(byte[] digest) {
        if (digest.length != 32) {
            throw new IllegalArgumentException("a SHA-256 fingerprint has 32 bytes, got " + digest.length);
        }
        this.digest = digest.clone();
    }

    public static Fingerprint of(byte[] encoded) {
        try {
            return new Fingerprint(MessageDigest.getInstance("SHA-256").digest(encoded));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Reads a fingerprint written as 64 hex digits, with or without colons or spaces, in either case,
     * optionally prefixed {@code SHA256:}.
     */
    public static Fingerprint parse(String field, String text) {
        if (text == null) {
            throw new InvalidInput(field, "required", "a SHA-256 fingerprint is required");
        }
        String hex = text.trim();
        if (hex.regionMatches(true, 0, "SHA256:", 0, 7)) {
            hex = hex.substring(7);
        }
        hex = hex.replace(":", "").replace(" ", "").toLowerCase(Locale.ROOT);
        if (!hex.matches("[0-9a-f]{64}")) {
            throw new InvalidInput(field, "sha256-hex", "must be 64 hexadecimal digits (colons allowed), got '" + text + "'");
        }
        return new Fingerprint(HexFormat.of().parseHex(hex));
    }

    /** Lower-case hex without separators, the form the database keeps. */
    public String hex() {
        return HexFormat.of().formatHex(digest);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Fingerprint that && MessageDigest.isEqual(digest, that.digest);
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(digest);
    }

    @Override
    public String toString() {
        return COLONS.formatHex(digest);
    }
}
