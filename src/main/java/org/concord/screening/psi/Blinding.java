package org.concord.screening.psi;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.stream.IntStream;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.math.ec.ECCurve;
import org.bouncycastle.math.ec.ECPoint;

/**
 * The elliptic-curve Diffie-Hellman blinding of a private set intersection, on NIST P-256
 * (BouncyCastle's curve arithmetic; plain Java, no Spring).
 *
 * <p>A key (a normalised form of a name) becomes a point by <b>try-and-increment</b>: for
 * {@code counter = 0, 1, ...}, {@code x = SHA-256("concord-psi/1 P-256" || counter || key)}; the first
 * {@code x} below the field prime that is the abscissa of a point on the curve gives the point with an
 * even ordinate ({@code 0x02 || x} decoded). About half of all {@code x} are, so two tries on average.
 * (BouncyCastle 1.87 offers no RFC 9380 hash-to-curve for P-256; try-and-increment is not constant
 * time, which leaks at most how many tries a key took to someone timing this node's own CPU.) P-256
 * has cofactor 1, so every point of the curve but infinity is in the prime-order group.
 *
 * <p>A {@link Key} is a fresh random scalar in {@code [1, n-1]}; {@link Key#blindKeys} and
 * {@link Key#reblind} multiply points by it. Points travel compressed (33 bytes), in base64. A
 * received point is decoded with BouncyCastle's validation (on the curve, not infinity) before it is
 * multiplied: a partner cannot make this node multiply its secret onto a point of a small subgroup or
 * another curve.
 *
 * <p>Speed: a variable-base multiplication on P-256 is the whole cost (BouncyCastle's wNAF, about
 * 0.1 ms on one core; decoding a compressed point, a square root, a tenth of that). A list is blinded
 * in batches of {@value #BATCH} points spread over every core (a parallel stream), and each batch's
 * results are brought to affine coordinates together with one field inversion
 * ({@code ECCurve.normalizeAll}, Montgomery's trick) instead of one per point.
 */
public final class Blinding {

    private static final X9ECParameters P256 = CustomNamedCurves.getByName("secp256r1");
    private static final ECCurve CURVE = P256.getCurve();
    private static final BigInteger ORDER = P256.getN();
    private static final BigInteger PRIME = CURVE.getField().getCharacteristic();
    private static final byte[] DOMAIN = "concord-psi/1 P-256".getBytes(StandardCharsets.UTF_8);
    private static final SecureRandom RANDOM = new SecureRandom();
    /** Points per unit of parallel work: large enough for one inversion to pay, small enough to spread evenly. */
    static final int BATCH = 256;

    private Blinding() {
    }

    /** The point of a key, unblinded (what must never leave the node). */
    public static ECPoint hashToCurve(String key) {
        byte[] text = key.getBytes(StandardCharsets.UTF_8);
        byte[] compressed = new byte[33];
        compressed[0] = 0x02;
        for (int counter = 0; counter < 1000; counter++) {
            byte[] x = sha256(DOMAIN, new byte[] {(byte) (counter >>> 8), (byte) counter}, text);
            if (new BigInteger(1, x).compareTo(PRIME) >= 0) {
                continue;
            }
            System.arraycopy(x, 0, compressed, 1, 32);
            try {
                return CURVE.decodePoint(compressed);
            } catch (IllegalArgumentException notOnCurve) {
                // x^3 - 3x + b is not a square: try the next counter
            }
        }
        throw new IllegalStateException("no point found for a key in 1000 tries (probability 2^-1000)");
    }

    /** A point as it travels: compressed, base64. */
    public static String encode(ECPoint point) {
        return Base64.getEncoder().encodeToString(point.normalize().getEncoded(true));
    }

    /**
     * A received point, validated.
     *
     * @throws IllegalArgumentException if it is not base64 of a compressed point of P-256 other than infinity
     */
    public static ECPoint decode(String text) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("not base64");
        }
        if (bytes.length != 33 || (bytes[0] != 0x02 && bytes[0] != 0x03)) {
            throw new IllegalArgumentException("not a compressed P-256 point (33 bytes, 02 or 03 first)");
        }
        ECPoint point;
        try {
            point = CURVE.decodePoint(bytes);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a point of P-256");
        }
        if (point.isInfinity() || !point.isValid()) {
            throw new IllegalArgumentException("not a point of P-256");
        }
        return point;
    }

    /** A fresh secret scalar: one per session, never reused. */
    public static Key freshKey() {
        BigInteger k;
        do {
            k = new BigInteger(ORDER.bitLength(), RANDOM);
        } while (k.signum() == 0 || k.compareTo(ORDER) >= 0);
        return new Key(k);
    }

    /**
     * A key sealed by {@link Key#seal}, opened with the same AES key and the same associated data.
     *
     * @throws IllegalStateException if the sealed bytes were altered or belong to other associated data
     */
    static Key unseal(SecretKey aes, byte[] sealed, byte[] associated) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, aes, new GCMParameterSpec(128, sealed, 0, 12));
            cipher.updateAAD(associated);
            byte[] scalar = cipher.doFinal(sealed, 12, sealed.length - 12);
            try {
                BigInteger k = new BigInteger(1, scalar);
                if (k.signum() == 0 || k.compareTo(ORDER) >= 0) {
                    throw new IllegalStateException("the sealed scalar is out of range");
                }
                return new Key(k);
            } finally {
                Arrays.fill(scalar, (byte) 0);
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the sealed key does not open with this node's sealing key: " + e.getMessage(), e);
        }
    }

    /** A secret scalar. */
    public static final class Key {
        private final BigInteger scalar;

        private Key(BigInteger scalar) {
            this.scalar = scalar;
        }

        /** {@code H(key)^k} for each key, in order, encoded; spread over every core. */
        public List<String> blindKeys(List<String> keys) {
            return inBatches(keys.size(), (from, to) -> {
                ECPoint[] points = new ECPoint[to - from];
                for (int i = from; i < to; i++) {
                    points[i - from] = hashToCurve(keys.get(i)).multiply(scalar);
                }
                return points;
            });
        }

        /**
         * Each received point times this key, in the order received, encoded; spread over every core.
         *
         * @throws IllegalArgumentException naming the position of the first value that is not a valid point
         */
        public List<String> reblind(List<String> received) {
            ECPoint[] decoded = new ECPoint[received.size()];
            java.util.concurrent.atomic.AtomicInteger firstBad = new java.util.concurrent.atomic.AtomicInteger(Integer.MAX_VALUE);
            IntStream.range(0, received.size()).parallel().forEach(i -> {
                try {
                    decoded[i] = decode(received.get(i));
                } catch (IllegalArgumentException e) {
                    firstBad.accumulateAndGet(i, Math::min);
                }
            });
            if (firstBad.get() != Integer.MAX_VALUE) {
                int i = firstBad.get();
                try {
                    decode(received.get(i));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("[" + i + "]: " + e.getMessage());
                }
            }
            return inBatches(received.size(), (from, to) -> {
                ECPoint[] points = new ECPoint[to - from];
                for (int i = from; i < to; i++) {
                    points[i - from] = decoded[i].multiply(scalar);
                }
                return points;
            });
        }

        /** {@code H(key)^k} for one key, point by point: the plain reference the batched {@link #blindKeys} must agree with. */
        String blindOne(String key) {
            return encode(hashToCurve(key).multiply(scalar));
        }

        /**
         * This key encrypted with AES-GCM under {@code aes}, bound to {@code associated} (a session id):
         * 12 bytes of nonce, then the ciphertext and tag. For keeping a session's key across a restart
         * without writing it in plaintext.
         */
        byte[] seal(SecretKey aes, byte[] associated) {
            byte[] nonce = new byte[12];
            RANDOM.nextBytes(nonce);
            byte[] plain = new byte[32];
            byte[] raw = scalar.toByteArray();
            int n = Math.min(raw.length, 32);
            System.arraycopy(raw, raw.length - n, plain, 32 - n, n);
            try {
                Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
                cipher.init(Cipher.ENCRYPT_MODE, aes, new GCMParameterSpec(128, nonce));
                cipher.updateAAD(associated);
                byte[] sealed = cipher.doFinal(plain);
                byte[] out = new byte[12 + sealed.length];
                System.arraycopy(nonce, 0, out, 0, 12);
                System.arraycopy(sealed, 0, out, 12, sealed.length);
                return out;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("AES-GCM is on every Java platform", e);
            } finally {
                Arrays.fill(plain, (byte) 0);
                Arrays.fill(raw, (byte) 0);
            }
        }

        @Override
        public String toString() {
            return "Key[secret]";
        }
    }

    private interface Batch {
        ECPoint[] points(int from, int to);
    }

    /** Runs {@code batch} over {@code [0, size)} in batches of {@value #BATCH}, on every core; each batch normalised together. */
    private static List<String> inBatches(int size, Batch batch) {
        String[] out = new String[size];
        int batches = (size + BATCH - 1) / BATCH;
        IntStream.range(0, batches).parallel().forEach(b -> {
            int from = b * BATCH;
            int to = Math.min(size, from + BATCH);
            ECPoint[] points = batch.points(from, to);
            CURVE.normalizeAll(points);
            for (int i = 0; i < points.length; i++) {
                out[from + i] = Base64.getEncoder().encodeToString(points[i].getEncoded(true));
            }
        });
        return Arrays.asList(out);
    }

    static byte[] sha256(byte[]... parts) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (byte[] part : parts) {
                digest.update(part);
            }
            return digest.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
