package org.concord.ledger.tree;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.EdECPrivateKeySpec;
import java.security.spec.NamedParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.HexFormat;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.concord.node.Ed25519Signatures;

/**
 * Conversions between the raw 32-byte Ed25519 keys of RFC 8032 (as signed notes carry them)
 * and JDK keys, and signing and verifying through {@link Ed25519Signatures}. Package-private: callers
 * outside handle key strings, never key bytes.
 */
final class Ed25519 {

    static final int KEY_SIZE = 32;
    static final int SIGNATURE_SIZE = 64;
    /** DER prefix of an X.509 SubjectPublicKeyInfo for Ed25519 (OID 1.3.101.112), before the 32 key bytes. */
    private static final byte[] SPKI_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");

    private Ed25519() {
    }

    static PublicKey publicKey(byte[] raw) {
        if (raw.length != KEY_SIZE) {
            throw new IllegalArgumentException("an Ed25519 public key has 32 bytes, got " + raw.length);
        }
        byte[] spki = Arrays.copyOf(SPKI_PREFIX, SPKI_PREFIX.length + KEY_SIZE);
        System.arraycopy(raw, 0, spki, SPKI_PREFIX.length, KEY_SIZE);
        try {
            return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not an Ed25519 public key", e);
        }
    }

    static byte[] raw(PublicKey key) {
        byte[] raw = Ed25519Signatures.raw(key);
        if (raw == null) {
            throw new IllegalArgumentException("not an Ed25519 public key: " + key.getAlgorithm());
        }
        return raw;
    }

    static PrivateKey privateKeyFromSeed(byte[] seed) {
        if (seed.length != KEY_SIZE) {
            throw new IllegalArgumentException("an Ed25519 seed has 32 bytes, got " + seed.length);
        }
        try {
            return KeyFactory.getInstance("Ed25519")
                    .generatePrivate(new EdECPrivateKeySpec(NamedParameterSpec.ED25519, seed));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK supports Ed25519 since Java 15", e);
        }
    }

    /** The public key of a seed; the JDK cannot derive it, BouncyCastle's lightweight API can. */
    static byte[] publicFromSeed(byte[] seed) {
        return new Ed25519PrivateKeyParameters(seed, 0).generatePublicKey().getEncoded();
    }

    /** A reusable signer of {@code key} (the project's one implementation, {@link Ed25519Signatures}). */
    static Ed25519Signatures.Signer signer(PrivateKey key) {
        return Ed25519Signatures.signer(key);
    }

    /** Whether the signature holds; only for the callers in this package that turn {@code false} into a throw. */
    static boolean holds(PublicKey key, byte[] message, byte[] signature) {
        return Ed25519Signatures.verify(key, message, signature);
    }
}
