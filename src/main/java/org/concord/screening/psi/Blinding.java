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

import org.bouncycastle.math.ec.rfc7748.X25519;

/**
 * The elliptic-curve Diffie-Hellman blinding of a private set intersection, on Curve25519, x-only
 * ({@link Field25519} and {@link Ladder25519}, RFC 7748's arithmetic, bit-identical to BouncyCastle's; plain
 * Java, no Spring). Protocol version {@value #VERSION}.
 *
 * <p>A key (a normalised form of a name) becomes a point by RFC 9380's {@code encode_to_curve} of the
 * suite {@code curve25519_XMD:SHA-512_ELL2_NU_} with this protocol's domain separation tag
 * ({@link #DST}): {@code expand_message_xmd} with SHA-512 gives 48 bytes, read big-endian and reduced
 * modulo {@code p = 2^255 - 19} (one field element, {@code hash_to_field}); Elligator 2 (RFC 9380
 * section 6.7.1, {@code Z = 2}) maps it to a point of the Montgomery curve {@code v^2 = u^3 + 486662u^2 + u},
 * of which only the u-coordinate is kept (the protocol never needs v). Deterministic, no retries; the
 * map is not constant time (one square test decides between two candidates), which leaks at most
 * that one bit of a key's hash to someone timing this node's own CPU.
 *
 * <p>Curve25519 has cofactor 8, and RFC 9380 clears it by multiplying by 8. Here the cofactor is
 * cleared by the blinding itself: X25519 clamps every scalar (RFC 7748 section 5: the three low bits
 * cleared, bit 254 set), so each scalar is a multiple of 8 and every value that leaves this class is
 * {@code 8k·Q}, a point of the prime-order subgroup, whatever small-order component {@code Q} had. So
 * {@code H(x)^a} here is {@code clamp(a)·encode_to_curve(x)}, and blinding twice commutes:
 * {@code clamp(b)·clamp(a)·Q = clamp(a)·clamp(b)·Q}.
 *
 * <p>A {@link Key} is a fresh random 32-byte scalar, clamped; {@link Key#blindKeys} and
 * {@link Key#reblind} are X25519 scalar multiplications, by libsodium where it loads and by
 * {@link Ladder25519} (a constant-time Montgomery ladder) elsewhere, with the same bytes
 * ({@link X25519Multipliers}). Values travel as the 32-byte little-endian u-coordinate, in base64. A received value is
 * validated before this node multiplies its secret onto it ({@link #decode}): 32 bytes, a canonical
 * field element (below {@code p}, top bit clear), on the curve and not its quadratic twist
 * ({@code u^3 + 486662u^2 + u} a square), and the product is refused if it is all zero (the input had
 * small order). A partner cannot make this node multiply its secret onto a point of the twist (whose
 * small subgroups would leak the scalar's residues) or read anything from a low-order point.
 *
 * <p>Speed: the scalar multiplication is most of the cost (libsodium's about 34 µs on one core here,
 * {@link Ladder25519}'s about 60 µs, BouncyCastle's about 62 µs, P-256's 125 µs); Elligator 2 costs one
 * square test and a share of one field inversion, and the validation one square test. A list is blinded
 * in batches of {@value #BATCH} values spread over every core (a parallel stream), each batch's hashes
 * sharing one field inversion ({@link #mapToCurveAll}), and the ladder's too where it runs
 * ({@link Ladder25519#scalarMultAll}).
 */
public final class Blinding {

    /** The protocol version this class speaks: both nodes must speak the same. */
    public static final String VERSION = "concord-psi/2";
    /** The RFC 9380 domain separation tag of this protocol's hash to curve. */
    static final byte[] DST = (VERSION + " curve25519_XMD:SHA-512_ELL2_NU_").getBytes(StandardCharsets.US_ASCII);
    /** Bytes of a value on the wire: a u-coordinate. */
    public static final int SIZE = 32;
    /** The field prime {@code 2^255 - 19}. */
    static final BigInteger PRIME = BigInteger.ONE.shiftLeft(255).subtract(BigInteger.valueOf(19));
    /** The Montgomery curve's coefficient A (RFC 9380's J). */
    private static final int A = 486662;
    /** RFC 9380's L for curve25519: 48 bytes of uniform output per field element. */
    private static final int L = 48;
    private static final SecureRandom RANDOM = new SecureRandom();
    /** Values per unit of parallel work. */
    static final int BATCH = 256;

    private Blinding() {
    }

    /** The u-coordinate of a key's point, unblinded (what must never leave the node): 32 bytes, little-endian. */
    public static byte[] hashToCurve(String key) {
        return encodeToCurve(key.getBytes(StandardCharsets.UTF_8), DST);
    }

    /**
     * RFC 9380 {@code encode_to_curve} for {@code curve25519_XMD:SHA-512_ELL2_NU_}, x-only and before
     * cofactor clearing: the u-coordinate of {@code Q = map_to_curve(hash_to_field(msg, 1))}.
     */
    static byte[] encodeToCurve(byte[] msg, byte[] dst) {
        return mapToCurve(hashToField(msg, dst));
    }

    /** RFC 9380 {@code hash_to_field(msg, 1)} for GF(2^255 - 19) with SHA-512: the element, 32 bytes little-endian. */
    static byte[] hashToField(byte[] msg, byte[] dst) {
        BigInteger e = new BigInteger(1, expandMessageXmd(msg, dst, L)).mod(PRIME);
        return littleEndian(e);
    }

    /** RFC 9380 section 5.3.1 {@code expand_message_xmd} with SHA-512. */
    static byte[] expandMessageXmd(byte[] msg, byte[] dst, int length) {
        if (dst.length > 255) {
            throw new IllegalArgumentException("a domain separation tag is at most 255 bytes");
        }
        int b = 64; // SHA-512's output
        int ell = (length + b - 1) / b;
        if (ell > 255 || length > 65535) {
            throw new IllegalArgumentException("expand_message_xmd gives at most 255 blocks");
        }
        MessageDigest sha = sha512();
        sha.update(new byte[128]); // Z_pad: SHA-512's block
        sha.update(msg);
        sha.update(new byte[] {(byte) (length >>> 8), (byte) length, 0});
        sha.update(dst);
        sha.update((byte) dst.length);
        byte[] b0 = sha.digest();
        byte[] out = new byte[ell * b];
        byte[] previous = new byte[b];
        for (int i = 1; i <= ell; i++) {
            byte[] input = new byte[b];
            for (int j = 0; j < b; j++) {
                input[j] = (byte) (b0[j] ^ previous[j]);
            }
            sha.update(i == 1 ? b0 : input);
            sha.update((byte) i);
            sha.update(dst);
            sha.update((byte) dst.length);
            previous = sha.digest();
            System.arraycopy(previous, 0, out, (i - 1) * b, b);
        }
        return Arrays.copyOf(out, length);
    }

    /**
     * RFC 9380 section 6.7.1, Elligator 2 for curve25519 ({@code J = 486662}, {@code K = 1},
     * {@code Z = 2}), the u-coordinate of the point only: {@code x1 = -J / (1 + Z·u^2)}; if
     * {@code x1^3 + J·x1^2 + x1} is a square the point's u is {@code x1}, else {@code -x1 - J}.
     * ({@code 1 + 2u^2} is never zero: {@code -1/2} is not a square modulo {@code 2^255 - 19}; the
     * RFC's exceptional case is kept all the same.)
     *
     * @param element a field element, 32 bytes little-endian, canonical
     */
    static byte[] mapToCurve(byte[] element) {
        long[] d = elligatorDenominator(element);
        Field25519.inv(d, d);
        return elligatorFinish(d);
    }

    /**
     * {@link #mapToCurve} of each element, the same bytes, with one field inversion for all of them
     * (Montgomery's trick: three multiplications each instead of an inversion each, about half of one
     * element's map).
     */
    static byte[][] mapToCurveAll(byte[][] elements) {
        int n = elements.length;
        byte[][] out = new byte[n][];
        if (n == 0) {
            return out;
        }
        long[][] ds = new long[n][];
        long[][] prefix = new long[n][];
        for (int i = 0; i < n; i++) {
            ds[i] = elligatorDenominator(elements[i]);
            prefix[i] = Field25519.create();
            if (i == 0) {
                Field25519.copy(ds[0], prefix[0]);
            } else {
                Field25519.mul(prefix[i - 1], ds[i], prefix[i]);
            }
        }
        long[] inverse = Field25519.create();
        Field25519.inv(prefix[n - 1], inverse); // 1 / (d_0 ... d_{n-1}); no d is zero
        long[] dInverse = Field25519.create();
        for (int i = n - 1; i >= 0; i--) {
            if (i > 0) {
                Field25519.mul(inverse, prefix[i - 1], dInverse); // 1 / d_i
                Field25519.mul(inverse, ds[i], inverse); // 1 / (d_0 ... d_{i-1})
            } else {
                Field25519.copy(inverse, dInverse);
            }
            out[i] = elligatorFinish(dInverse);
        }
        return out;
    }

    /** Elligator 2's denominator {@code 1 + Z·u^2}, or 1 in the RFC's exceptional case where it is zero. */
    private static long[] elligatorDenominator(byte[] element) {
        long[] u = Field25519.create();
        Field25519.decode(element, 0, u);
        long[] tv1 = Field25519.create();
        Field25519.sqr(u, tv1);
        Field25519.add(tv1, tv1, tv1); // Z·u^2
        Field25519.carry(tv1);
        long[] x1 = Field25519.create();
        Field25519.copy(tv1, x1);
        x1[0] += 1;
        if (Field25519.isZero(x1) == 1) { // Z·u^2 = -1: tv1 = 0, so x1 = -J
            Field25519.one(x1);
        }
        return x1;
    }

    /** The rest of Elligator 2 from the inverse of {@link #elligatorDenominator}: the point's u-coordinate. */
    private static byte[] elligatorFinish(long[] denominatorInverse) {
        long[] x1 = Field25519.create();
        long[] a = Field25519.create();
        a[0] = A;
        Field25519.mul(denominatorInverse, a, x1);
        Field25519.negate(x1, x1); // x1 = -J / (1 + Z·u^2)
        Field25519.carry(x1);
        long[] gx1 = Field25519.create();
        curveRightSide(x1, gx1);
        long[] one = Field25519.create();
        Field25519.one(one);
        long[] x = x1;
        if (!Field25519.sqrtRatio(gx1, one, Field25519.create())) {
            x = Field25519.create();
            Field25519.negate(x1, x);
            x[0] -= A; // x2 = -x1 - J (2p's low limb is far above J: no limb goes negative)
        }
        byte[] out = new byte[SIZE];
        Field25519.encode(x, out, 0);
        return out;
    }

    /** {@code u^3 + A·u^2 + u} into {@code out}; {@code u} reduced. */
    private static void curveRightSide(long[] u, long[] out) {
        long[] t = Field25519.create();
        Field25519.copy(u, t);
        t[0] += A; // u + A
        Field25519.mul(t, u, t); // u^2 + A·u
        t[0] += 1;
        Field25519.mul(t, u, out); // u^3 + A·u^2 + u
    }

    /** A value as it travels: base64 of its 32 bytes. */
    public static String encode(byte[] value) {
        return Base64.getEncoder().encodeToString(value);
    }

    /**
     * A received value that fails validation: the rule it breaks ({@code base64}, {@code length},
     * {@code canonical}, {@code on-curve}, {@code low-order}) and, in a list, its position.
     */
    public static final class InvalidValue extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;
        private final int index;
        private final String rule;

        InvalidValue(int index, String rule, String message) {
            super(index < 0 ? message : "[" + index + "]: " + message);
            this.index = index;
            this.rule = rule;
        }

        /** The position in the list received, or -1 for a single value. */
        public int index() {
            return index;
        }

        /** The rule broken. */
        public String rule() {
            return rule;
        }

        /** The message without the position. */
        public String reason() {
            String m = getMessage();
            return index < 0 ? m : m.substring(m.indexOf(':') + 2);
        }

        InvalidValue at(int i) {
            return new InvalidValue(i, rule, reason());
        }
    }

    /**
     * A received value, validated: base64 of 32 bytes, a canonical field element (below
     * {@code 2^255 - 19}), the u-coordinate of a point of Curve25519 rather than of its twist. (Whether it
     * has small order shows only in the product: {@link Key#reblind} refuses an all-zero one.)
     *
     * @throws InvalidValue naming the rule broken
     */
    public static byte[] decode(String text) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new InvalidValue(-1, "base64", "not base64");
        }
        if (bytes.length != SIZE) {
            throw new InvalidValue(-1, "length", "not a Curve25519 u-coordinate: " + bytes.length + " bytes, not " + SIZE);
        }
        long[] u = Field25519.create();
        Field25519.decode(bytes, 0, u);
        byte[] canonical = new byte[SIZE];
        Field25519.encode(u, canonical, 0);
        if (!Arrays.equals(canonical, bytes)) {
            throw new InvalidValue(-1, "canonical", "not a canonical field element: at least 2^255 - 19 (or the top bit set)");
        }
        long[] rhs = Field25519.create();
        curveRightSide(u, rhs);
        long[] one = Field25519.create();
        Field25519.one(one);
        if (!Field25519.sqrtRatio(rhs, one, Field25519.create())) {
            throw new InvalidValue(-1, "on-curve", "not on Curve25519: u^3 + 486662u^2 + u is not a square (a point of the twist)");
        }
        return bytes;
    }

    /** A fresh secret scalar, clamped: one per session, never reused. */
    public static Key freshKey() {
        byte[] k = new byte[X25519.SCALAR_SIZE];
        X25519.generatePrivateKey(RANDOM, k);
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
            if (scalar.length != X25519.SCALAR_SIZE || (scalar[0] & 7) != 0 || (scalar[31] & 0xC0) != 0x40) {
                Arrays.fill(scalar, (byte) 0);
                throw new IllegalStateException("the sealed scalar is not a clamped X25519 scalar");
            }
            return new Key(scalar);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the sealed key does not open with this node's sealing key: " + e.getMessage(), e);
        }
    }

    /** A secret scalar: 32 bytes, clamped per RFC 7748. */
    public static final class Key {
        private final byte[] scalar;

        private Key(byte[] scalar) {
            this.scalar = scalar;
        }

        /** {@code H(key)^k} for each key, in order, encoded; spread over every core. */
        public List<String> blindKeys(List<String> keys) {
            return inBatches(keys.size(), i -> hashToField(keys.get(i).getBytes(StandardCharsets.UTF_8), DST),
                    elements -> X25519Multipliers.chosen().scalarMultAll(scalar, mapToCurveAll(elements)), false);
        }

        /**
         * Each received value times this key, in the order received, encoded; spread over every core.
         * Each is validated ({@link #decode}) before it is multiplied, and an all-zero product (a
         * low-order input) is refused.
         *
         * @throws InvalidValue naming the position of the first value refused and the rule it broke
         */
        public List<String> reblind(List<String> received) {
            return inBatches(received.size(), i -> decode(received.get(i)), us -> X25519Multipliers.chosen().scalarMultAll(scalar, us), true);
        }

        /** {@code H(key)^k} for one key: the plain reference the batched {@link #blindKeys} must agree with. */
        String blindOne(String key) {
            return encode(multiply(hashToCurve(key)));
        }

        /** X25519 of {@code u} with this scalar (no validation: {@link #reblind} validates first). */
        byte[] multiply(byte[] u) {
            return X25519Multipliers.chosen().scalarMult(scalar, u);
        }

        /**
         * This key encrypted with AES-GCM under {@code aes}, bound to {@code associated} (a session id):
         * 12 bytes of nonce, then the ciphertext and tag. For keeping a session's key across a restart
         * without writing it in plaintext.
         */
        byte[] seal(SecretKey aes, byte[] associated) {
            byte[] nonce = new byte[12];
            RANDOM.nextBytes(nonce);
            try {
                Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
                cipher.init(Cipher.ENCRYPT_MODE, aes, new GCMParameterSpec(128, nonce));
                cipher.updateAAD(associated);
                byte[] sealed = cipher.doFinal(scalar);
                byte[] out = new byte[12 + sealed.length];
                System.arraycopy(nonce, 0, out, 0, 12);
                System.arraycopy(sealed, 0, out, 12, sealed.length);
                return out;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("AES-GCM is on every Java platform", e);
            }
        }

        @Override
        public String toString() {
            return "Key[secret]";
        }
    }

    private interface Input {
        /** The u-coordinate to multiply at position {@code i}, or the rule it breaks. */
        byte[] at(int i);
    }

    private interface Multiply {
        byte[][] all(byte[][] us);
    }

    /**
     * Runs {@code input} over {@code [0, size)} in batches of {@value #BATCH}, on every core, and multiplies
     * each batch at once ({@link X25519Multipliers.Multiplier#scalarMultAll}). With
     * {@code refuseZero}, an all-zero product (a low-order input) is refused.
     *
     * @throws InvalidValue the one of the lowest position, if any value was refused
     */
    private static List<String> inBatches(int size, Input input, Multiply multiply, boolean refuseZero) {
        String[] out = new String[size];
        InvalidValue[] refused = new InvalidValue[1];
        int batches = (size + BATCH - 1) / BATCH;
        IntStream.range(0, batches).parallel().forEach(b -> {
            int from = b * BATCH;
            int to = Math.min(size, from + BATCH);
            byte[][] us = new byte[to - from][];
            int valid = to - from;
            InvalidValue first = null;
            for (int i = from; i < to; i++) {
                try {
                    us[i - from] = input.at(i);
                } catch (InvalidValue e) {
                    first = e.at(i);
                    valid = i - from; // the rest of this batch comes after the refused one
                    break;
                }
            }
            byte[][] products = multiply.all(valid == us.length ? us : Arrays.copyOf(us, valid));
            Base64.Encoder base64 = Base64.getEncoder();
            for (int j = 0; j < valid; j++) {
                if (refuseZero && isZero(products[j])) {
                    first = new InvalidValue(from + j, "low-order", "a point of small order: its product with the secret is zero");
                    break;
                }
                out[from + j] = base64.encodeToString(products[j]);
            }
            if (first != null) {
                synchronized (refused) {
                    if (refused[0] == null || first.index() < refused[0].index()) {
                        refused[0] = first;
                    }
                }
            }
        });
        if (refused[0] != null) {
            throw refused[0];
        }
        return Arrays.asList(out);
    }

    private static boolean isZero(byte[] value) {
        int any = 0;
        for (byte b : value) {
            any |= b;
        }
        return any == 0;
    }

    private static byte[] littleEndian(BigInteger e) {
        byte[] big = e.toByteArray();
        byte[] out = new byte[SIZE];
        for (int i = 0; i < SIZE && i < big.length; i++) {
            out[i] = big[big.length - 1 - i];
        }
        return out;
    }

    private static MessageDigest sha512() {
        try {
            return MessageDigest.getInstance("SHA-512");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-512", e);
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
