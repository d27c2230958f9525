package org.concord.ledger.tree;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A public key that checks signed-note signatures, in the string form of the Go
 * {@code sumdb/note} package that C2SP signed-note calls a vkey:
 * {@code <name>+<8 hex digits of key ID>+<base64(type || 32-byte Ed25519 key)>}.
 *
 * <p>Two signature types are supported: {@link #ED25519} ({@code 0x01}, C2SP signed-note: a log
 * signing its checkpoints) and {@link #COSIGNATURE_V1} ({@code 0x04}, C2SP tlog-cosignature:
 * a witness's timestamped cosignature). The key ID is always
 * {@code SHA-256(name || 0x0A || type || public key)[:4]}, checked when a key is parsed.
 *
 * @param name      key name: non-empty, no Unicode spaces, no {@code +}
 * @param keyId     the 32-bit key ID
 * @param type      the signature type byte
 * @param publicKey the 32-byte Ed25519 public key (copied)
 */
public record VerifierKey(String name, int keyId, byte type, byte[] publicKey) {

    /** Signature type of Ed25519 note signatures. */
    public static final byte ED25519 = 0x01;
    /** Signature type of timestamped Ed25519 witness cosignatures (cosignature/v1). */
    public static final byte COSIGNATURE_V1 = 0x04;

    /** Validates every part, including that the key ID is the one the name, type and key give. */
    public VerifierKey {
        requireKeyName(name);
        if (type != ED25519 && type != COSIGNATURE_V1) {
            throw new IllegalArgumentException("unsupported signature type " + type);
        }
        Objects.requireNonNull(publicKey, "publicKey");
        if (publicKey.length != Ed25519.KEY_SIZE) {
            throw new IllegalArgumentException("an Ed25519 public key has 32 bytes, got " + publicKey.length);
        }
        publicKey = publicKey.clone();
        if (keyId != keyId(name, type, publicKey)) {
            throw new IllegalArgumentException("key ID " + hex(keyId) + " does not match key " + name);
        }
    }

    /** The key that checks a log's (or any note signer's) Ed25519 signatures. */
    public static VerifierKey ed25519(String name, PublicKey key) {
        byte[] raw = Ed25519.raw(key);
        return new VerifierKey(name, keyId(name, ED25519, raw), ED25519, raw);
    }

    /** The key that checks a witness's cosignature/v1 signatures. */
    public static VerifierKey cosignatureV1(String name, PublicKey key) {
        byte[] raw = Ed25519.raw(key);
        return new VerifierKey(name, keyId(name, COSIGNATURE_V1, raw), COSIGNATURE_V1, raw);
    }

    /**
     * Parses {@code <name>+<hex key ID>+<base64(type || key)>}.
     *
     * @throws NoteException.MalformedKey if any part is malformed or the key ID does not match
     */
    public static VerifierKey parse(String vkey) throws NoteException.MalformedKey {
        Objects.requireNonNull(vkey, "vkey");
        int first = vkey.indexOf('+');
        int second = first < 0 ? -1 : vkey.indexOf('+', first + 1);
        if (second < 0) {
            throw new NoteException.MalformedKey("expected <name>+<key ID>+<key>: " + vkey);
        }
        String name = vkey.substring(0, first);
        int keyId = parseKeyId(vkey.substring(first + 1, second));
        byte[] material = decodeCanonicalBase64(vkey.substring(second + 1));
        if (material == null || material.length != 1 + Ed25519.KEY_SIZE) {
            throw new NoteException.MalformedKey("key of " + name + " is not base64 of a type byte and 32 bytes");
        }
        try {
            return new VerifierKey(name, keyId, material[0], Arrays.copyOfRange(material, 1, material.length));
        } catch (IllegalArgumentException e) {
            throw new NoteException.MalformedKey(e.getMessage());
        }
    }

    /** The key string, {@code <name>+<hex key ID>+<base64(type || key)>}. */
    public String encode() {
        byte[] material = new byte[1 + Ed25519.KEY_SIZE];
        material[0] = type;
        System.arraycopy(publicKey, 0, material, 1, Ed25519.KEY_SIZE);
        return name + "+" + hex(keyId) + "+" + Base64.getEncoder().encodeToString(material);
    }

    /** A copy of the public key bytes. */
    @Override
    public byte[] publicKey() {
        return publicKey.clone();
    }

    /** Name and key ID, as notes and messages show a key: {@code name+c74f20a3}. */
    public String label() {
        return name + "+" + hex(keyId);
    }

    PublicKey javaKey() {
        return Ed25519.publicKey(publicKey);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof VerifierKey that && name.equals(that.name) && keyId == that.keyId
                && type == that.type && Arrays.equals(publicKey, that.publicKey);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, keyId, type);
    }

    @Override
    public String toString() {
        return encode();
    }

    /** {@code SHA-256(name || 0x0A || type || key)[:4]} as a big-endian integer. */
    static int keyId(String name, byte type, byte[] rawKey) {
        MessageDigest digest = Rfc9162Hasher.newDigest();
        digest.update(name.getBytes(StandardCharsets.UTF_8));
        digest.update((byte) '\n');
        digest.update(type);
        digest.update(rawKey);
        byte[] hash = digest.digest();
        return (hash[0] & 0xff) << 24 | (hash[1] & 0xff) << 16 | (hash[2] & 0xff) << 8 | (hash[3] & 0xff);
    }

    static String hex(int keyId) {
        return HexFormat.of().toHexDigits(keyId);
    }

    static int parseKeyId(String hex) throws NoteException.MalformedKey {
        if (hex.length() != 8 || !hex.chars().allMatch(c -> c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
            throw new NoteException.MalformedKey("key ID must be 8 lower-case hex digits: " + hex);
        }
        return (int) Long.parseLong(hex, 16);
    }

    /** Key names per C2SP signed-note: non-empty, no Unicode spaces, no plus. */
    static void requireKeyName(String name) {
        Objects.requireNonNull(name, "name");
        if (!isKeyName(name)) {
            throw new IllegalArgumentException("key name must be non-empty, without spaces or '+': \"" + name + "\"");
        }
    }

    static boolean isKeyName(String name) {
        return !name.isEmpty() && name.codePoints().noneMatch(c -> c == '+' || c < 0x20 || Character.isWhitespace(c)
                || Character.isSpaceChar(c));
    }

    /** Strict base64: decodes, and re-encodes to the same text; {@code null} if not. */
    static byte[] decodeCanonicalBase64(String text) {
        try {
            byte[] bytes = Base64.getDecoder().decode(text);
            return Base64.getEncoder().encodeToString(bytes).equals(text) ? bytes : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
