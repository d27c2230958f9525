package org.concord.screening.psi;

/**
 * Arithmetic modulo {@code p = 2^255 - 19} in radix 2^51: an element is five {@code long} limbs,
 * {@code z = z[0] + z[1]·2^51 + z[2]·2^102 + z[3]·2^153 + z[4]·2^204}, each limb non-negative and below
 * 2^63 so that {@link Math#multiplyHigh} (signed, an intrinsic on x86-64) gives the high half of each
 * 128-bit limb product. Plain Java, no allocation in the arithmetic, constant time (no branch or index
 * depending on a value) except where a method says {@code Var}.
 *
 * <p>Bounds. {@link #mul}, {@link #sqr}, {@link #mul121665} and {@link #decode} leave a <em>reduced</em>
 * element: limbs below {@code 2^51 + 2^24}, not necessarily canonical. {@link #add} of two reduced elements
 * and {@link #sub} (which adds {@code 2p} first) leave limbs below {@code 2^53}; the multiplications accept
 * limbs up to {@code 2^53} (their column sums then stay below {@code 2^114}, carries below {@code 2^63}).
 * Adding an unreduced element again needs a {@link #carry} first. {@link #encode} gives the canonical bytes.
 *
 * <p>Each 128-bit product is taken as {@code lo = a·b} (the low 64 bits, wrapping) and
 * {@code hi = multiplyHigh(a, b)}; a column's sum modulo 2^51 is its wrapping sum of {@code lo}s masked
 * (2^51 divides 2^64), and its carry {@code sum >> 51} is {@code (Σhi << 13) + Σ(lo >>> 51)} plus the carry
 * out of the low 51 bits' sum, so no 128-bit addition with carry flags is needed.
 */
final class Field25519 {

    static final int SIZE = 5;
    private static final long M = (1L << 51) - 1;
    /** {@code 2p} in limbs: added before a subtraction so that limbs stay non-negative. */
    private static final long TWO_P0 = 0xFFFFFFFFFFFDAL;
    private static final long TWO_P1234 = 0xFFFFFFFFFFFFEL;
    /** sqrt(-1) = 2^((p-1)/4) mod p, in limbs. */
    private static final long[] SQRT_M1 = {
        0x61b274a0ea0b0L, 0xd5a5fc8f189dL, 0x7ef5e9cbd0c60L, 0x78595a6804c9eL, 0x2b8324804fc1dL,
    };

    private Field25519() {
    }

    static long[] create() {
        return new long[SIZE];
    }

    static void zero(long[] z) {
        z[0] = 0;
        z[1] = 0;
        z[2] = 0;
        z[3] = 0;
        z[4] = 0;
    }

    static void one(long[] z) {
        z[0] = 1;
        z[1] = 0;
        z[2] = 0;
        z[3] = 0;
        z[4] = 0;
    }

    static void copy(long[] x, long[] z) {
        System.arraycopy(x, 0, z, 0, SIZE);
    }

    /**
     * 32 bytes, little-endian, bit 255 ignored (RFC 7748 section 5): a reduced element, not necessarily
     * canonical (a value from {@code p} to {@code 2^255 - 1} is read as it is).
     */
    static void decode(byte[] in, int off, long[] z) {
        z[0] = load64(in, off) & M;
        z[1] = (load64(in, off + 6) >>> 3) & M;
        z[2] = (load64(in, off + 12) >>> 6) & M;
        z[3] = (load64(in, off + 19) >>> 1) & M;
        z[4] = (load64(in, off + 24) >>> 12) & M;
    }

    /** The canonical encoding (the value modulo p, below p), 32 bytes little-endian. */
    static void encode(long[] x, byte[] out, int off) {
        long t0 = x[0];
        long t1 = x[1];
        long t2 = x[2];
        long t3 = x[3];
        long t4 = x[4];
        // two carry passes: limbs below 2^51, the value below 2^255 + small, then below 2^255
        for (int pass = 0; pass < 2; pass++) {
            t1 += t0 >>> 51;
            t0 &= M;
            t2 += t1 >>> 51;
            t1 &= M;
            t3 += t2 >>> 51;
            t2 &= M;
            t4 += t3 >>> 51;
            t3 &= M;
            t0 += 19 * (t4 >>> 51);
            t4 &= M;
        }
        t1 += t0 >>> 51;
        t0 &= M;
        // the value is now in [0, 2^255). Add 19: a carry out of bit 255 exactly when the value is at least p.
        t0 += 19;
        t1 += t0 >>> 51;
        t0 &= M;
        t2 += t1 >>> 51;
        t1 &= M;
        t3 += t2 >>> 51;
        t2 &= M;
        t4 += t3 >>> 51;
        t3 &= M;
        t0 += 19 * (t4 >>> 51);
        t4 &= M;
        // now value + 19 (mod 2^255 - 19, in [19, 2^255)); add 2^255 - 19 and drop bit 255: value mod p
        t0 += (1L << 51) - 19;
        t1 += (1L << 51) - 1;
        t2 += (1L << 51) - 1;
        t3 += (1L << 51) - 1;
        t4 += (1L << 51) - 1;
        t1 += t0 >>> 51;
        t0 &= M;
        t2 += t1 >>> 51;
        t1 &= M;
        t3 += t2 >>> 51;
        t2 &= M;
        t4 += t3 >>> 51;
        t3 &= M;
        t4 &= M;
        store64(out, off, t0 | (t1 << 51));
        store64(out, off + 8, (t1 >>> 13) | (t2 << 38));
        store64(out, off + 16, (t2 >>> 26) | (t3 << 25));
        store64(out, off + 24, (t3 >>> 39) | (t4 << 12));
    }

    /** {@code z = x + y}, no carry. */
    static void add(long[] x, long[] y, long[] z) {
        z[0] = x[0] + y[0];
        z[1] = x[1] + y[1];
        z[2] = x[2] + y[2];
        z[3] = x[3] + y[3];
        z[4] = x[4] + y[4];
    }

    /** {@code z = x - y + 2p}, no carry; {@code y} must be reduced. */
    static void sub(long[] x, long[] y, long[] z) {
        z[0] = x[0] + TWO_P0 - y[0];
        z[1] = x[1] + TWO_P1234 - y[1];
        z[2] = x[2] + TWO_P1234 - y[2];
        z[3] = x[3] + TWO_P1234 - y[3];
        z[4] = x[4] + TWO_P1234 - y[4];
    }

    /** {@code z = -x} ({@code 2p - x}); {@code x} must be reduced. */
    static void negate(long[] x, long[] z) {
        z[0] = TWO_P0 - x[0];
        z[1] = TWO_P1234 - x[1];
        z[2] = TWO_P1234 - x[2];
        z[3] = TWO_P1234 - x[3];
        z[4] = TWO_P1234 - x[4];
    }

    /** Carries {@code z} (limbs below 2^62) in place: a reduced element of the same value. */
    static void carry(long[] z) {
        long t0 = z[0];
        long t1 = z[1];
        long t2 = z[2];
        long t3 = z[3];
        long t4 = z[4];
        t1 += t0 >>> 51;
        t0 &= M;
        t2 += t1 >>> 51;
        t1 &= M;
        t3 += t2 >>> 51;
        t2 &= M;
        t4 += t3 >>> 51;
        t3 &= M;
        t0 += 19 * (t4 >>> 51);
        t4 &= M;
        z[0] = t0;
        z[1] = t1;
        z[2] = t2;
        z[3] = t3;
        z[4] = t4;
    }

    /** {@code z = x·y}; {@code z} may be {@code x} or {@code y}. */
    static void mul(long[] x, long[] y, long[] z) {
        long a0 = x[0];
        long a1 = x[1];
        long a2 = x[2];
        long a3 = x[3];
        long a4 = x[4];
        long b0 = y[0];
        long b1 = y[1];
        long b2 = y[2];
        long b3 = y[3];
        long b4 = y[4];
        long b1n = 19 * b1;
        long b2n = 19 * b2;
        long b3n = 19 * b3;
        long b4n = 19 * b4;

        // each column: s = Σ lo (wrapping), u = Σ (lo >>> 51), h = Σ hi
        long l;
        long s;
        long u;
        long h;

        l = a0 * b0; s = l; u = l >>> 51; h = Math.multiplyHigh(a0, b0);
        l = a1 * b4n; s += l; u += l >>> 51; h += Math.multiplyHigh(a1, b4n);
        l = a2 * b3n; s += l; u += l >>> 51; h += Math.multiplyHigh(a2, b3n);
        l = a3 * b2n; s += l; u += l >>> 51; h += Math.multiplyHigh(a3, b2n);
        l = a4 * b1n; s += l; u += l >>> 51; h += Math.multiplyHigh(a4, b1n);
        long r0 = s & M;
        long c0 = (h << 13) + u + ((s - (u << 51)) >>> 51);

        l = a0 * b1; s = l; u = l >>> 51; h = Math.multiplyHigh(a0, b1);
        l = a1 * b0; s += l; u += l >>> 51; h += Math.multiplyHigh(a1, b0);
        l = a2 * b4n; s += l; u += l >>> 51; h += Math.multiplyHigh(a2, b4n);
        l = a3 * b3n; s += l; u += l >>> 51; h += Math.multiplyHigh(a3, b3n);
        l = a4 * b2n; s += l; u += l >>> 51; h += Math.multiplyHigh(a4, b2n);
        long r1 = s & M;
        long c1 = (h << 13) + u + ((s - (u << 51)) >>> 51);

        l = a0 * b2; s = l; u = l >>> 51; h = Math.multiplyHigh(a0, b2);
        l = a1 * b1; s += l; u += l >>> 51; h += Math.multiplyHigh(a1, b1);
        l = a2 * b0; s += l; u += l >>> 51; h += Math.multiplyHigh(a2, b0);
        l = a3 * b4n; s += l; u += l >>> 51; h += Math.multiplyHigh(a3, b4n);
        l = a4 * b3n; s += l; u += l >>> 51; h += Math.multiplyHigh(a4, b3n);
        long r2 = s & M;
        long c2 = (h << 13) + u + ((s - (u << 51)) >>> 51);

        l = a0 * b3; s = l; u = l >>> 51; h = Math.multiplyHigh(a0, b3);
        l = a1 * b2; s += l; u += l >>> 51; h += Math.multiplyHigh(a1, b2);
        l = a2 * b1; s += l; u += l >>> 51; h += Math.multiplyHigh(a2, b1);
        l = a3 * b0; s += l; u += l >>> 51; h += Math.multiplyHigh(a3, b0);
        l = a4 * b4n; s += l; u += l >>> 51; h += Math.multiplyHigh(a4, b4n);
        long r3 = s & M;
        long c3 = (h << 13) + u + ((s - (u << 51)) >>> 51);

        l = a0 * b4; s = l; u = l >>> 51; h = Math.multiplyHigh(a0, b4);
        l = a1 * b3; s += l; u += l >>> 51; h += Math.multiplyHigh(a1, b3);
        l = a2 * b2; s += l; u += l >>> 51; h += Math.multiplyHigh(a2, b2);
        l = a3 * b1; s += l; u += l >>> 51; h += Math.multiplyHigh(a3, b1);
        l = a4 * b0; s += l; u += l >>> 51; h += Math.multiplyHigh(a4, b0);
        long r4 = s & M;
        long c4 = (h << 13) + u + ((s - (u << 51)) >>> 51);

        reduce(r0 + 19 * c4, r1 + c0, r2 + c1, r3 + c2, r4 + c3, z);
    }

    /** {@code z = x^2}; {@code z} may be {@code x}. */
    static void sqr(long[] x, long[] z) {
        long a0 = x[0];
        long a1 = x[1];
        long a2 = x[2];
        long a3 = x[3];
        long a4 = x[4];
        long d0 = a0 << 1;
        long d1 = a1 << 1;
        long d2 = a2 << 1;
        long d3 = a3 << 1;
        long a3n = 19 * a3;
        long a4n = 19 * a4;

        long l;
        long s;
        long u;
        long h;

        l = a0 * a0; s = l; u = l >>> 51; h = Math.multiplyHigh(a0, a0);
        l = d1 * a4n; s += l; u += l >>> 51; h += Math.multiplyHigh(d1, a4n);
        l = d2 * a3n; s += l; u += l >>> 51; h += Math.multiplyHigh(d2, a3n);
        long r0 = s & M;
        long c0 = (h << 13) + u + ((s - (u << 51)) >>> 51);

        l = d0 * a1; s = l; u = l >>> 51; h = Math.multiplyHigh(d0, a1);
        l = d2 * a4n; s += l; u += l >>> 51; h += Math.multiplyHigh(d2, a4n);
        l = a3 * a3n; s += l; u += l >>> 51; h += Math.multiplyHigh(a3, a3n);
        long r1 = s & M;
        long c1 = (h << 13) + u + ((s - (u << 51)) >>> 51);

        l = d0 * a2; s = l; u = l >>> 51; h = Math.multiplyHigh(d0, a2);
        l = a1 * a1; s += l; u += l >>> 51; h += Math.multiplyHigh(a1, a1);
        l = d3 * a4n; s += l; u += l >>> 51; h += Math.multiplyHigh(d3, a4n);
        long r2 = s & M;
        long c2 = (h << 13) + u + ((s - (u << 51)) >>> 51);

        l = d0 * a3; s = l; u = l >>> 51; h = Math.multiplyHigh(d0, a3);
        l = d1 * a2; s += l; u += l >>> 51; h += Math.multiplyHigh(d1, a2);
        l = a4 * a4n; s += l; u += l >>> 51; h += Math.multiplyHigh(a4, a4n);
        long r3 = s & M;
        long c3 = (h << 13) + u + ((s - (u << 51)) >>> 51);

        l = d0 * a4; s = l; u = l >>> 51; h = Math.multiplyHigh(d0, a4);
        l = d1 * a3; s += l; u += l >>> 51; h += Math.multiplyHigh(d1, a3);
        l = a2 * a2; s += l; u += l >>> 51; h += Math.multiplyHigh(a2, a2);
        long r4 = s & M;
        long c4 = (h << 13) + u + ((s - (u << 51)) >>> 51);

        reduce(r0 + 19 * c4, r1 + c0, r2 + c1, r3 + c2, r4 + c3, z);
    }

    /** {@code z = x^(2^n)}, {@code n >= 1}. */
    static void sqr(long[] x, int n, long[] z) {
        sqr(x, z);
        while (--n > 0) {
            sqr(z, z);
        }
    }

    /** {@code z = 121665·x} (RFC 7748's a24), {@code x}'s limbs below 2^53. */
    static void mul121665(long[] x, long[] z) {
        final long k = 121665;
        long l0 = x[0] * k;
        long l1 = x[1] * k;
        long l2 = x[2] * k;
        long l3 = x[3] * k;
        long l4 = x[4] * k;
        long c0 = (Math.multiplyHigh(x[0], k) << 13) | (l0 >>> 51);
        long c1 = (Math.multiplyHigh(x[1], k) << 13) | (l1 >>> 51);
        long c2 = (Math.multiplyHigh(x[2], k) << 13) | (l2 >>> 51);
        long c3 = (Math.multiplyHigh(x[3], k) << 13) | (l3 >>> 51);
        long c4 = (Math.multiplyHigh(x[4], k) << 13) | (l4 >>> 51);
        // carries below 2^19: one step each keeps the limbs below 2^51 + 2^24
        z[0] = (l0 & M) + 19 * c4;
        z[1] = (l1 & M) + c0;
        z[2] = (l2 & M) + c1;
        z[3] = (l3 & M) + c2;
        z[4] = (l4 & M) + c3;
    }

    /** The limbs {@code t0..t4} (each below 2^63) carried once into {@code z}: limbs below 2^51 + 2^17. */
    private static void reduce(long t0, long t1, long t2, long t3, long t4, long[] z) {
        t1 += t0 >>> 51;
        t0 &= M;
        t2 += t1 >>> 51;
        t1 &= M;
        t3 += t2 >>> 51;
        t2 &= M;
        t4 += t3 >>> 51;
        t3 &= M;
        t0 += 19 * (t4 >>> 51);
        t4 &= M;
        z[0] = t0;
        z[1] = t1;
        z[2] = t2;
        z[3] = t3;
        z[4] = t4;
    }

    /** Swaps {@code x} and {@code y} if {@code swap} is 1, leaves them if 0, in constant time. */
    static void cswap(int swap, long[] x, long[] y) {
        long mask = -(long) swap;
        long d;
        d = mask & (x[0] ^ y[0]); x[0] ^= d; y[0] ^= d;
        d = mask & (x[1] ^ y[1]); x[1] ^= d; y[1] ^= d;
        d = mask & (x[2] ^ y[2]); x[2] ^= d; y[2] ^= d;
        d = mask & (x[3] ^ y[3]); x[3] ^= d; y[3] ^= d;
        d = mask & (x[4] ^ y[4]); x[4] ^= d; y[4] ^= d;
    }

    /** {@code z = x} if {@code move} is 1, else {@code z} unchanged, in constant time. */
    static void cmov(int move, long[] x, long[] z) {
        long mask = -(long) move;
        z[0] ^= mask & (x[0] ^ z[0]);
        z[1] ^= mask & (x[1] ^ z[1]);
        z[2] ^= mask & (x[2] ^ z[2]);
        z[3] ^= mask & (x[3] ^ z[3]);
        z[4] ^= mask & (x[4] ^ z[4]);
    }

    /** {@code z = 1/x = x^(p-2)} (and 0 for 0): 254 squarings and 11 multiplications. */
    static void inv(long[] x, long[] z) {
        long[] x2 = create();
        long[] x9 = create();
        long[] x11 = create();
        long[] t = create();
        sqr(x, x2); // 2
        sqr(x2, 2, t); // 8
        mul(t, x, x9); // 9
        mul(x9, x2, x11); // 11
        sqr(x11, t); // 22
        long[] x5 = create();
        mul(t, x9, x5); // 2^5 - 1
        long[] x250 = pow2250(x5, t);
        sqr(x250, 5, t); // 2^255 - 2^5
        mul(t, x11, z); // 2^255 - 21 = p - 2
    }

    /** {@code z = x^((p-5)/8) = x^(2^252 - 3)}. */
    static void pow22523(long[] x, long[] z) {
        long[] x2 = create();
        long[] x9 = create();
        long[] x11 = create();
        long[] t = create();
        sqr(x, x2); // 2
        sqr(x2, 2, t); // 8
        mul(t, x, x9); // 9
        mul(x9, x2, x11); // 11
        sqr(x11, t); // 22
        long[] x5 = create();
        mul(t, x9, x5); // 2^5 - 1
        long[] x250 = pow2250(x5, t);
        sqr(x250, 2, t); // 2^252 - 4
        mul(t, x, z); // 2^252 - 3
    }

    /** From {@code x^(2^5 - 1)}: {@code x^(2^250 - 1)}; {@code t} is scratch. */
    private static long[] pow2250(long[] x5, long[] t) {
        long[] x10 = create();
        sqr(x5, 5, t);
        mul(t, x5, x10); // 2^10 - 1
        long[] x20 = create();
        sqr(x10, 10, t);
        mul(t, x10, x20); // 2^20 - 1
        long[] x40 = create();
        sqr(x20, 20, t);
        mul(t, x20, x40); // 2^40 - 1
        long[] x50 = create();
        sqr(x40, 10, t);
        mul(t, x10, x50); // 2^50 - 1
        long[] x100 = create();
        sqr(x50, 50, t);
        mul(t, x50, x100); // 2^100 - 1
        long[] x200 = create();
        sqr(x100, 100, t);
        mul(t, x100, x200); // 2^200 - 1
        long[] x250 = create();
        sqr(x200, 50, t);
        mul(t, x50, x250); // 2^250 - 1
        return x250;
    }

    /** Whether {@code x} is 0 modulo p, in constant time (1 or 0). */
    static int isZero(long[] x) {
        byte[] b = new byte[32];
        encode(x, b, 0);
        int any = 0;
        for (int i = 0; i < 32; i++) {
            any |= b[i];
        }
        return ((any & 0xFF) - 1) >>> 31;
    }

    /** Whether {@code x = y} modulo p, in constant time (1 or 0); both reduced. */
    static int equal(long[] x, long[] y) {
        long[] d = create();
        sub(x, y, d);
        return isZero(d);
    }

    /**
     * RFC 9380's {@code sqrt_ratio} for {@code q = 5 (mod 8)}, as in Ed25519's decoding: whether
     * {@code u/v} is a square, and if it is a root of it in {@code root}; {@code v} must not be 0. (If it
     * is not, {@code root} holds an unspecified value.) 0 is a square. Constant time. {@code u} and
     * {@code v} reduced.
     */
    static boolean sqrtRatio(long[] u, long[] v, long[] root) {
        long[] v3 = create();
        long[] v7 = create();
        long[] t = create();
        sqr(v, t);
        mul(t, v, v3); // v^3
        sqr(v3, t);
        mul(t, v, v7); // v^7
        mul(v7, u, t); // u v^7
        long[] r = create();
        pow22523(t, r); // (u v^7)^((p-5)/8)
        mul(r, v3, r);
        mul(r, u, r); // r = u v^3 (u v^7)^((p-5)/8)
        long[] check = create();
        sqr(r, t);
        mul(t, v, check); // v r^2
        long[] minusU = create();
        negate(u, minusU);
        int correct = equal(check, u);
        int flipped = equal(check, minusU);
        long[] ri = create();
        mul(r, SQRT_M1, ri);
        cmov(flipped, ri, r);
        copy(r, root);
        return (correct | flipped) != 0;
    }

    private static long load64(byte[] b, int off) {
        return (b[off] & 0xFFL) | (b[off + 1] & 0xFFL) << 8 | (b[off + 2] & 0xFFL) << 16 | (b[off + 3] & 0xFFL) << 24
                | (b[off + 4] & 0xFFL) << 32 | (b[off + 5] & 0xFFL) << 40 | (b[off + 6] & 0xFFL) << 48
                | (b[off + 7] & 0xFFL) << 56;
    }

    private static void store64(byte[] b, int off, long v) {
        for (int i = 0; i < 8; i++) {
            b[off + i] = (byte) (v >>> (8 * i));
        }
    }
}
