package org.concord.screening.psi;

/**
 * X25519 (RFC 7748 section 5): the Montgomery ladder on {@link Field25519}, x-only. Same inputs and
 * outputs as BouncyCastle's {@code X25519.scalarMult}: the scalar is clamped (bits 0, 1, 2 and 255 cleared,
 * bit 254 set), bit 255 of {@code u} is ignored, a non-canonical {@code u} (from {@code p} to
 * {@code 2^255 - 1}) is read as it is, and the result is the canonical u-coordinate, all zero for a point
 * of small order.
 *
 * <p>Constant time in the scalar: each of the 255 steps does the same field operations and a masked
 * conditional swap; the scalar's bits choose no branch and no index. The final inversion is
 * {@code z^(p-2)} by a fixed addition chain.
 */
final class Ladder25519 {

    static final int SIZE = 32;

    private Ladder25519() {
    }

    /** {@code r = X25519(k, u)}: 32 bytes each, little-endian. */
    static void scalarMult(byte[] k, int kOff, byte[] u, int uOff, byte[] r, int rOff) {
        long[] x2 = Field25519.create();
        long[] z2 = Field25519.create();
        ladder(k, kOff, u, uOff, x2, z2);
        Field25519.inv(z2, z2);
        Field25519.mul(x2, z2, x2);
        Field25519.encode(x2, r, rOff);
    }

    /**
     * {@code X25519(k, u)} for each {@code u}, the same bytes as {@link #scalarMult} one by one, with one
     * field inversion for all of them (Montgomery's trick: three multiplications each instead of an
     * inversion each, about a tenth of a ladder). Constant time in the scalar and in which inputs have small
     * order (their {@code z} is replaced by 1 and their result by 0 with masks).
     */
    static byte[][] scalarMultAll(byte[] k, byte[][] us) {
        int n = us.length;
        byte[][] out = new byte[n][SIZE];
        if (n == 0) {
            return out;
        }
        long[][] xs = new long[n][SIZE];
        long[][] zs = new long[n][SIZE];
        int[] zero = new int[n];
        long[] one = Field25519.create();
        Field25519.one(one);
        long[][] prefix = new long[n][SIZE];
        for (int i = 0; i < n; i++) {
            ladder(k, 0, us[i], 0, xs[i], zs[i]);
            zero[i] = Field25519.isZero(zs[i]);
            Field25519.cmov(zero[i], one, zs[i]);
            if (i == 0) {
                Field25519.copy(zs[0], prefix[0]);
            } else {
                Field25519.mul(prefix[i - 1], zs[i], prefix[i]);
            }
        }
        long[] inverse = Field25519.create();
        Field25519.inv(prefix[n - 1], inverse); // 1 / (z_0 ... z_{n-1})
        long[] zInverse = Field25519.create();
        long[] zeroElement = Field25519.create();
        for (int i = n - 1; i >= 0; i--) {
            if (i > 0) {
                Field25519.mul(inverse, prefix[i - 1], zInverse); // 1 / z_i
                Field25519.mul(inverse, zs[i], inverse); // 1 / (z_0 ... z_{i-1})
            } else {
                Field25519.copy(inverse, zInverse);
            }
            Field25519.mul(xs[i], zInverse, xs[i]);
            Field25519.cmov(zero[i], zeroElement, xs[i]);
            Field25519.encode(xs[i], out[i], 0);
        }
        return out;
    }

    /** The ladder: {@code X25519(k, u) = x2 / z2} (z2 is 0 for a point of small order). */
    private static void ladder(byte[] k, int kOff, byte[] u, int uOff, long[] x2, long[] z2) {
        byte[] n = new byte[SIZE];
        System.arraycopy(k, kOff, n, 0, SIZE);
        n[0] &= (byte) 0xF8;
        n[31] &= 0x7F;
        n[31] |= 0x40;

        long[] x1 = Field25519.create();
        Field25519.decode(u, uOff, x1);
        Field25519.one(x2);
        Field25519.zero(z2);
        long[] x3 = Field25519.create();
        Field25519.copy(x1, x3);
        long[] z3 = Field25519.create();
        Field25519.one(z3);

        long[] a = Field25519.create();
        long[] aa = Field25519.create();
        long[] b = Field25519.create();
        long[] bb = Field25519.create();
        long[] e = Field25519.create();
        long[] c = Field25519.create();
        long[] d = Field25519.create();
        long[] da = Field25519.create();
        long[] cb = Field25519.create();

        int swap = 0;
        for (int t = 254; t >= 0; t--) {
            int bit = (n[t >>> 3] >>> (t & 7)) & 1;
            swap ^= bit;
            Field25519.cswap(swap, x2, x3);
            Field25519.cswap(swap, z2, z3);
            swap = bit;

            Field25519.add(x2, z2, a); // A = x2 + z2
            Field25519.sub(x2, z2, b); // B = x2 - z2
            Field25519.add(x3, z3, c); // C = x3 + z3
            Field25519.sub(x3, z3, d); // D = x3 - z3
            Field25519.mul(d, a, da); // DA
            Field25519.mul(c, b, cb); // CB
            Field25519.sqr(a, aa); // AA
            Field25519.sqr(b, bb); // BB
            Field25519.add(da, cb, x3);
            Field25519.sqr(x3, x3); // x3 = (DA + CB)^2
            Field25519.sub(da, cb, z3);
            Field25519.sqr(z3, z3);
            Field25519.mul(z3, x1, z3); // z3 = x1 (DA - CB)^2
            Field25519.mul(aa, bb, x2); // x2 = AA BB
            Field25519.sub(aa, bb, e); // E = AA - BB
            Field25519.mul121665(e, z2);
            Field25519.add(z2, aa, z2);
            Field25519.mul(z2, e, z2); // z2 = E (AA + a24 E)
        }
        Field25519.cswap(swap, x2, x3);
        Field25519.cswap(swap, z2, z3);
        java.util.Arrays.fill(n, (byte) 0);
    }
}
