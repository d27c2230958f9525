package org.concord.screening.psi;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

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
 * <p>A {@link Key} is a fresh random scalar in {@code [1, n-1]}; {@link Key#blind} multiplies
 * points by it. Points travel compressed (33 bytes), in base64. A received point is decoded with
 * BouncyCastle's validation (on the curve, not infinity) before it is multiplied: a partner cannot
 * make this node multiply its secret onto a point of a small subgroup or another curve.
 */
public final class Blinding {

    private static final X9ECParameters P256 = CustomNamedCurves.getByName("secp256r1");
    private static final ECCurve CURVE = P256.getCurve();
    private static final BigInteger ORDER = P256.getN();
    private static final BigInteger PRIME = CURVE.getField().getCharacteristic();
    private static final byte[] DOMAIN = "concord-psi/1 P-256".getBytes(StandardCharsets.UTF_8);
    private static final SecureRandom RANDOM = new SecureRandom();

    private Blinding() {
    }

    /** The point of a key, unblinded (what must never leave the node). */
    public static ECPoint hashToCurve(String key) {
        byte[] text = key.getBytes(StandardCharsets.UTF_8);
        for (int counter = 0; counter < 1000; counter++) {
            byte[] x = sha256(DOMAIN, new byte[] {(byte) (counter >>> 8), (byte) counter}, text);
            if (new BigInteger(1, x).compareTo(PRIME) >= 0) {
                continue;
            }
            byte[] compressed = new byte[33];
            compressed[0] = 0x02;
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
        ECPoint point = CURVE.decodePoint(bytes);
        if (point.isInfinity() || !point.isValid()) {
            throw new IllegalArgumentException("not a point of P-256");
        }
        return point;
    }

    /** A fresh secret scalar: one per session, never stored, never reused. */
    public static Key freshKey() {
        BigInteger k;
        do {
            k = new BigInteger(ORDER.bitLength(), RANDOM);
        } while (k.signum() == 0 || k.compareTo(ORDER) >= 0);
        return new Key(k);
    }

    /** A secret scalar. */
    public static final class Key {
        private final BigInteger scalar;

        private Key(BigInteger scalar) {
            this.scalar = scalar;
        }

        /** {@code H(key)^k} for each key, in order, encoded. */
        public List<String> blindKeys(List<String> keys) {
            List<String> out = new ArrayList<>(keys.size());
            for (String key : keys) {
                out.add(encode(hashToCurve(key).multiply(scalar)));
            }
            return out;
        }

        /**
         * Each received point times this key, in the order received, encoded.
         *
         * @throws IllegalArgumentException naming the position of the first value that is not a valid point
         */
        public List<String> reblind(List<String> received) {
            List<String> out = new ArrayList<>(received.size());
            for (int i = 0; i < received.size(); i++) {
                ECPoint point;
                try {
                    point = decode(received.get(i));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("[" + i + "]: " + e.getMessage());
                }
                out.add(encode(point.multiply(scalar)));
            }
            return out;
        }

        @Override
        public String toString() {
            return "Key[secret]";
        }
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
