package org.concord.node;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * Ed25519 signatures (RFC 8032), the one place the project signs and verifies them: receipts, checkpoints and
 * cosignatures, agreements, derived keys. Keys stay JDK keys everywhere else (generated, stored and parsed by the JDK);
 * the arithmetic is BouncyCastle's {@code rfc8032.Ed25519}, about ten times faster than the JDK 17 provider's on this
 * project's machines (BENCHMARKS.md, "Ed25519 by BouncyCastle"). Ed25519 signatures are deterministic, so both give the
 * same bytes for the same key and message; {@code Ed25519SignaturesTest} holds them to each other and to RFC 8032's
 * vectors. Verification is RFC 8032's cofactorless check with {@code S < L}, as the JDK's.
 */
public final class Ed25519Signatures {

    public static final int KEY_SIZE = 32;
    public static final int SIGNATURE_SIZE = 64;

    /** DER prefix of an X.509 SubjectPublicKeyInfo for Ed25519 (RFC 8410, OID 1.3.101.112), before the 32 key bytes. */
    private static final byte[] SPKI_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");
    /** Public keys decoded once: a node verifies with its own key and its partners', a handful. */
    private static final int MAX_DECODED = 1024;
    private static final Map<ByteBuffer, Ed25519PublicKeyParameters> DECODED = new ConcurrentHashMap<>();

    private Ed25519Signatures() {
    }

    /** Signs with one private key; made once per key, it derives the public key once rather than at every signature. */
    public static final class Signer {
        private final Ed25519PrivateKeyParameters key;

        private Signer(Ed25519PrivateKeyParameters key) {
            this.key = key;
            key.generatePublicKey(); // derived now, kept by the parameters
        }

        public byte[] sign(byte[] message) {
            byte[] signature = new byte[SIGNATURE_SIZE];
            key.sign(Ed25519.Algorithm.Ed25519, null, message, 0, message.length, signature, 0);
            return signature;
        }

        /** The raw 32 bytes of the public key. */
        public byte[] publicKey() {
            return key.generatePublicKey().getEncoded();
        }
    }

    /**
     * A signer for a JDK Ed25519 private key (PKCS#8, RFC 8410).
     *
     * @throws IllegalArgumentException if the key is not an Ed25519 private key
     */
    public static Signer signer(PrivateKey key) {
        AsymmetricKeyParameter parameters;
        try {
            byte[] encoded = key.getEncoded();
            if (encoded == null) {
                throw new IllegalArgumentException("the private key " + key.getAlgorithm() + " has no PKCS#8 encoding");
            }
            parameters = PrivateKeyFactory.createKey(encoded);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("not an Ed25519 private key: " + key.getAlgorithm(), e);
        }
        if (!(parameters instanceof Ed25519PrivateKeyParameters ed25519)) {
            throw new IllegalArgumentException("not an Ed25519 private key: " + key.getAlgorithm());
        }
        return new Signer(ed25519);
    }

    /** A signer for the 32-byte seed of RFC 8032. */
    public static Signer signerFromSeed(byte[] seed) {
        if (seed.length != KEY_SIZE) {
            throw new IllegalArgumentException("an Ed25519 seed has 32 bytes, got " + seed.length);
        }
        return new Signer(new Ed25519PrivateKeyParameters(seed, 0));
    }

    /** Signs once; a caller that signs often keeps a {@link #signer}. */
    public static byte[] sign(PrivateKey key, byte[] message) {
        return signer(key).sign(message);
    }

    /** Whether {@code signature} is {@code key}'s on {@code message}; false for a key or signature of the wrong form. */
    public static boolean verify(PublicKey key, byte[] message, byte[] signature) {
        byte[] raw = raw(key);
        return raw != null && verify(raw, message, signature);
    }

    /** Whether {@code signature} is the signature of the raw 32-byte public key on {@code message}; false for any malformed input. */
    public static boolean verify(byte[] rawPublicKey, byte[] message, byte[] signature) {
        if (rawPublicKey == null || rawPublicKey.length != KEY_SIZE || signature == null || signature.length != SIGNATURE_SIZE
                || message == null) {
            return false;
        }
        Ed25519PublicKeyParameters key = DECODED.get(ByteBuffer.wrap(rawPublicKey));
        if (key == null) {
            try {
                key = new Ed25519PublicKeyParameters(rawPublicKey, 0);
            } catch (IllegalArgumentException notAPoint) {
                return false;
            }
            if (DECODED.size() >= MAX_DECODED) {
                DECODED.clear();
            }
            DECODED.put(ByteBuffer.wrap(rawPublicKey.clone()), key);
        }
        return key.verify(Ed25519.Algorithm.Ed25519, null, message, 0, message.length, signature, 0);
    }

    /** The raw 32 bytes of a JDK Ed25519 public key; null if it is not one. */
    public static byte[] raw(PublicKey key) {
        byte[] spki = key == null || !"X.509".equals(key.getFormat()) ? null : key.getEncoded();
        if (spki == null || spki.length != SPKI_PREFIX.length + KEY_SIZE
                || !Arrays.equals(spki, 0, SPKI_PREFIX.length, SPKI_PREFIX, 0, SPKI_PREFIX.length)) {
            return null;
        }
        return Arrays.copyOfRange(spki, SPKI_PREFIX.length, spki.length);
    }
}
