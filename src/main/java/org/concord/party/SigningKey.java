package org.concord.party;

import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;

import org.concord.node.InvalidInput;

/**
 * An Ed25519 public key (RFC 8032) a party signs its checkpoints and receipts with: the raw
 * 32 bytes, written as standard base64.
 */
public final class SigningKey {

    /** DER prefix of an Ed25519 SubjectPublicKeyInfo (RFC 8410); the raw key follows it. */
    private static final byte[] SPKI_PREFIX = {0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00};
    private final byte[] raw;

    private SigningKey(byte[] raw) {
        this.raw = raw.clone();
    }

    public static SigningKey parse(String field, String base64) {
        if (base64 == null || base64.isBlank()) {
            throw new InvalidInput(field, "required", "the partner's Ed25519 public key (base64) is required");
        }
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(base64.trim());
        } catch (IllegalArgumentException e) {
            throw new InvalidInput(field, "base64", "is not valid base64: " + e.getMessage());
        }
        if (raw.length != 32) {
            throw new InvalidInput(field, "ed25519-public-key", "an Ed25519 public key has 32 bytes, got " + raw.length);
        }
        SigningKey key = new SigningKey(raw);
        key.publicKey(field);
        return key;
    }

    public static SigningKey of(PublicKey key) {
        byte[] spki = key.getEncoded();
        if (!"Ed25519".equals(key.getAlgorithm()) && !"EdDSA".equals(key.getAlgorithm()) || spki.length != 44
                || !Arrays.equals(Arrays.copyOf(spki, 12), SPKI_PREFIX)) {
            throw new IllegalArgumentException("not an Ed25519 public key: " + key.getAlgorithm());
        }
        return new SigningKey(Arrays.copyOfRange(spki, 12, 44));
    }

    /** The key for {@link java.security.Signature} ({@code Ed25519}). */
    public PublicKey publicKey() {
        return publicKey("signingKey");
    }

    private PublicKey publicKey(String field) {
        byte[] spki = Arrays.copyOf(SPKI_PREFIX, 44);
        System.arraycopy(raw, 0, spki, 12, 32);
        try {
            return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki));
        } catch (java.security.GeneralSecurityException e) {
            throw new InvalidInput(field, "ed25519-public-key", "is not a valid Ed25519 public key: " + e.getMessage());
        }
    }

    public byte[] raw() {
        return raw.clone();
    }

    public String base64() {
        return Base64.getEncoder().encodeToString(raw);
    }

    /** SHA-256 of the raw key, for reading out over the phone. */
    public Fingerprint fingerprint() {
        return Fingerprint.of(raw);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SigningKey that && java.security.MessageDigest.isEqual(raw, that.raw);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(raw);
    }

    @Override
    public String toString() {
        return "Ed25519:" + base64();
    }
}
