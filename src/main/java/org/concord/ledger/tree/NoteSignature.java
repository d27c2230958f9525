package org.concord.ledger.tree;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;

/**
 * One signature line of a signed note, {@code — <key name> base64(key ID || signature)}, not
 * yet verified.
 *
 * @param keyName   name of the key that claims to have signed
 * @param keyId     its 32-bit key ID
 * @param signature the signature bytes after the key ID (copied); for a cosignature, the
 *                  8-byte timestamp followed by the Ed25519 signature
 */
public record NoteSignature(String keyName, int keyId, byte[] signature) {

    /** Validates the key name and takes a copy of the signature. */
    public NoteSignature {
        VerifierKey.requireKeyName(keyName);
        Objects.requireNonNull(signature, "signature");
        if (signature.length == 0) {
            throw new IllegalArgumentException("empty signature from " + keyName);
        }
        signature = signature.clone();
    }

    /** A copy of the signature bytes. */
    @Override
    public byte[] signature() {
        return signature.clone();
    }

    byte[] raw() {
        return signature;
    }

    /** Name and key ID, {@code name+c74f20a3}. */
    public String label() {
        return keyName + "+" + VerifierKey.hex(keyId);
    }

    /** Whether this line claims to come from {@code key} (same name and key ID). */
    boolean claims(VerifierKey key) {
        return keyName.equals(key.name()) && keyId == key.keyId();
    }

    /** The line with its newline: {@code — name base64(keyId || signature)\n}. */
    public String line() {
        byte[] blob = ByteBuffer.allocate(4 + signature.length).putInt(keyId).put(signature).array();
        return "\u2014 " + keyName + " " + Base64.getEncoder().encodeToString(blob) + "\n";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof NoteSignature that && keyName.equals(that.keyName) && keyId == that.keyId
                && Arrays.equals(signature, that.signature);
    }

    @Override
    public int hashCode() {
        return Objects.hash(keyName, keyId, Arrays.hashCode(signature));
    }

    @Override
    public String toString() {
        return line().strip();
    }
}
