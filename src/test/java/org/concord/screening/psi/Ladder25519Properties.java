package org.concord.screening.psi;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;

import org.bouncycastle.math.ec.rfc7748.X25519Field;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * {@link Ladder25519} and {@link Field25519} against BouncyCastle's X25519 and a BigInteger reading of the
 * field, on random scalars and u-coordinates including hostile ones: non-canonical (from p to 2^255 - 1),
 * with bit 255 set (which RFC 7748 masks), of small order, and limbs at the largest the field's
 * multiplications accept (2^53 - 1). The ladder's output must be bit-identical to BouncyCastle's: it is
 * what travels between nodes.
 */
class Ladder25519Properties {

    private static final BigInteger P = Blinding.PRIME;
    private static final BigInteger MASK255 = BigInteger.ONE.shiftLeft(255).subtract(BigInteger.ONE);

    @Property(tries = 3000)
    void theLadderGivesBouncyCastlesBytes(@ForAll("bytes32") byte[] k, @ForAll("coordinates") byte[] u) {
        assertThat(Ladder25519Test.x25519(k, u)).isEqualTo(Ladder25519Test.bouncyCastle(k, u));
    }

    /** The batch (one inversion for all) gives each value's bytes, small-order inputs (zero) among them included. */
    @Property(tries = 200)
    void aBatchGivesWhatEachAloneGives(@ForAll("bytes32") byte[] k, @ForAll("batches") java.util.List<byte[]> us) {
        byte[][] all = Ladder25519.scalarMultAll(k, us.toArray(new byte[0][]));
        assertThat(all.length).isEqualTo(us.size());
        for (int i = 0; i < us.size(); i++) {
            assertThat(all[i]).isEqualTo(Ladder25519Test.x25519(k, us.get(i)));
            assertThat(all[i]).isEqualTo(Ladder25519Test.bouncyCastle(k, us.get(i)));
        }
    }

    @Provide
    Arbitrary<java.util.List<byte[]>> batches() {
        return coordinates().list().ofMinSize(0).ofMaxSize(40);
    }

    @Property(tries = 300)
    void blindingTwiceCommutes(@ForAll("bytes32") byte[] a, @ForAll("bytes32") byte[] b, @ForAll("coordinates") byte[] u) {
        assertThat(Ladder25519Test.x25519(b, Ladder25519Test.x25519(a, u)))
                .isEqualTo(Ladder25519Test.x25519(a, Ladder25519Test.x25519(b, u)));
    }

    @Property(tries = 3000)
    void fieldOperationsAgreeWithBigInteger(@ForAll("coordinates") byte[] xb, @ForAll("coordinates") byte[] yb) {
        long[] x = Field25519.create();
        long[] y = Field25519.create();
        Field25519.decode(xb, 0, x);
        Field25519.decode(yb, 0, y);
        BigInteger xv = value(xb);
        BigInteger yv = value(yb);
        assertThat(read(x)).isEqualTo(xv.mod(P));
        long[] z = Field25519.create();
        Field25519.mul(x, y, z);
        assertThat(read(z)).isEqualTo(xv.multiply(yv).mod(P));
        Field25519.sqr(x, z);
        assertThat(read(z)).isEqualTo(xv.multiply(xv).mod(P));
        Field25519.add(x, y, z);
        assertThat(read(z)).isEqualTo(xv.add(yv).mod(P));
        Field25519.sub(x, y, z);
        assertThat(read(z)).isEqualTo(xv.subtract(yv).mod(P));
        Field25519.negate(x, z);
        assertThat(read(z)).isEqualTo(xv.negate().mod(P));
        Field25519.mul121665(x, z);
        assertThat(read(z)).isEqualTo(xv.multiply(BigInteger.valueOf(121665)).mod(P));
        Field25519.inv(x, z);
        assertThat(read(z)).isEqualTo(xv.mod(P).signum() == 0 ? BigInteger.ZERO : xv.modInverse(P));
        // unreduced inputs, as the ladder feeds them: sums and differences into a product and a square
        long[] s = Field25519.create();
        long[] d = Field25519.create();
        Field25519.add(x, y, s);
        Field25519.sub(x, y, d);
        Field25519.mul(s, d, z);
        assertThat(read(z)).isEqualTo(xv.add(yv).multiply(xv.subtract(yv)).mod(P));
        Field25519.sqr(s, z);
        assertThat(read(z)).isEqualTo(xv.add(yv).pow(2).mod(P));
        Field25519.mul121665(d, z);
        assertThat(read(z)).isEqualTo(xv.subtract(yv).multiply(BigInteger.valueOf(121665)).mod(P));
    }

    @Property(tries = 2000)
    void theSquareTestAgreesWithBouncyCastleAndTheRootIsARoot(@ForAll("coordinates") byte[] ub, @ForAll("coordinates") byte[] vb) {
        long[] u = Field25519.create();
        long[] v = Field25519.create();
        Field25519.decode(ub, 0, u);
        Field25519.decode(vb, 0, v);
        BigInteger uv = value(ub).mod(P);
        BigInteger vv = value(vb).mod(P);
        if (vv.signum() == 0) {
            return;
        }
        long[] root = Field25519.create();
        boolean square = Field25519.sqrtRatio(u, v, root);
        BigInteger ratio = uv.multiply(vv.modInverse(P)).mod(P);
        assertThat(square).isEqualTo(HashToCurveTest.isSquare(ratio));
        int[] bu = X25519Field.create();
        int[] bv = X25519Field.create();
        X25519Field.decode(ub, 0, bu);
        X25519Field.decode(vb, 0, bv);
        assertThat(square).isEqualTo(X25519Field.sqrtRatioVar(bu, bv, X25519Field.create()));
        if (square) {
            assertThat(read(root).pow(2).mod(P)).isEqualTo(ratio);
        }
    }

    @Property(tries = 2000)
    void multiplicationsAtTheLargestLimbsTheyAccept(@ForAll("limbs") long[] x, @ForAll("limbs") long[] y) {
        BigInteger xv = limbValue(x);
        BigInteger yv = limbValue(y);
        long[] z = Field25519.create();
        Field25519.mul(x, y, z);
        assertThat(read(z)).isEqualTo(xv.multiply(yv).mod(P));
        assertReduced(z);
        Field25519.sqr(x, z);
        assertThat(read(z)).isEqualTo(xv.multiply(xv).mod(P));
        assertReduced(z);
        Field25519.mul121665(x, z);
        assertThat(read(z)).isEqualTo(xv.multiply(BigInteger.valueOf(121665)).mod(P));
        assertReduced(z);
        byte[] out = new byte[32];
        Field25519.encode(x, out, 0);
        assertThat(value(out)).isEqualTo(xv.mod(P));
    }

    /** The hash to curve and the validation on this field decide as they did on BouncyCastle's (kept in CurveBenchmark). */
    @Property(tries = 2000)
    void elligatorAndValidationAgreeWithTheirBouncyCastleVersions(@ForAll("coordinates") byte[] e) {
        byte[] element = HashToCurveTest.littleEndian(value(e).mod(P));
        assertThat(Blinding.mapToCurve(element)).isEqualTo(CurveBenchmark.bcMapToCurve(element));
        String text = Blinding.encode(e);
        int[] v = X25519Field.create();
        X25519Field.decode(e, 0, v);
        X25519Field.normalize(v);
        byte[] canonical = new byte[32];
        X25519Field.encode(v, canonical, 0);
        boolean bcAccepts = java.util.Arrays.equals(canonical, e) && HashToCurveTest.isSquare(value(e).pow(3)
                .add(BigInteger.valueOf(486662).multiply(value(e).pow(2))).add(value(e)));
        boolean accepts;
        try {
            Blinding.decode(text);
            accepts = true;
        } catch (Blinding.InvalidValue refused) {
            accepts = false;
        }
        assertThat(accepts).isEqualTo(bcAccepts);
    }

    /** Elligator 2 on a batch (one inversion for all, as {@link Blinding.Key#blindKeys} maps) gives each element's point. */
    @Property(tries = 300)
    void aBatchOfMapsToTheCurveGivesWhatEachAloneGives(@ForAll("batches") java.util.List<byte[]> coordinates) {
        byte[][] elements = coordinates.stream().map(e -> HashToCurveTest.littleEndian(value(e).mod(P))).toArray(byte[][]::new);
        byte[][] all = Blinding.mapToCurveAll(elements);
        assertThat(all.length).isEqualTo(elements.length);
        for (int i = 0; i < elements.length; i++) {
            assertThat(all[i]).isEqualTo(Blinding.mapToCurve(elements[i]));
            assertThat(all[i]).isEqualTo(CurveBenchmark.bcMapToCurve(elements[i]));
        }
    }

    /** Reduced: every limb below 2^51 + 2^24, so that a sum of two or a difference stays below 2^53. */
    private static void assertReduced(long[] z) {
        for (long limb : z) {
            assertThat(limb).isBetween(0L, (1L << 51) + (1L << 24));
        }
    }

    @Provide
    Arbitrary<byte[]> bytes32() {
        return Arbitraries.bytes().array(byte[].class).ofSize(32);
    }

    /** u-coordinates: random bytes (half of them with bit 255 set), values from p to 2^255 - 1, small-order points, 0 and 1. */
    @Provide
    Arbitrary<byte[]> coordinates() {
        Arbitrary<byte[]> random = bytes32();
        Arbitrary<byte[]> nonCanonical = Arbitraries.integers().between(0, 18)
                .map(i -> HashToCurveTest.littleEndian(P.add(BigInteger.valueOf(i))));
        Arbitrary<byte[]> nearP = Arbitraries.integers().between(1, 40)
                .map(i -> HashToCurveTest.littleEndian(P.subtract(BigInteger.valueOf(i))));
        Arbitrary<byte[]> smallOrder = Arbitraries.of(
                "0000000000000000000000000000000000000000000000000000000000000000",
                "0100000000000000000000000000000000000000000000000000000000000000",
                "e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800",
                "5f9c95bca3508c24b1d0b1559c83ef5b04445cc4581c8e86d8224eddd09f1157",
                "cdeb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b880",
                "4c9c95bca3508c24b1d0b1559c83ef5b04445cc4581c8e86d8224eddd09f11d7",
                "d9ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff",
                "daffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff",
                "dbffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff")
                .map(java.util.HexFormat.of()::parseHex);
        Arbitrary<byte[]> base = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, random),
                net.jqwik.api.Tuple.of(1, nonCanonical),
                net.jqwik.api.Tuple.of(1, nearP),
                net.jqwik.api.Tuple.of(2, smallOrder));
        return net.jqwik.api.Combinators.combine(base, Arbitraries.of(false, true))
                .as((u, top) -> top ? Ladder25519Test.withTopBit(u) : u);
    }

    /** Limbs from 0 to 2^53 - 1, edges likely. */
    @Provide
    Arbitrary<long[]> limbs() {
        Arbitrary<Long> limb = Arbitraries.oneOf(
                Arbitraries.longs().between(0, (1L << 53) - 1),
                Arbitraries.of((1L << 53) - 1, (1L << 52) - 1, (1L << 51) - 1, 1L << 51, 0L));
        return limb.array(long[].class).ofSize(5);
    }

    /** The value of 32 little-endian bytes with bit 255 masked, as RFC 7748 reads a u-coordinate. */
    private static BigInteger value(byte[] le) {
        return HashToCurveTest.fromLittleEndian(le).and(MASK255);
    }

    private static BigInteger limbValue(long[] x) {
        BigInteger v = BigInteger.ZERO;
        for (int i = 4; i >= 0; i--) {
            v = v.shiftLeft(51).add(BigInteger.valueOf(x[i]));
        }
        return v;
    }

    /** An element's value modulo p, through its canonical encoding (which must be below p). */
    private static BigInteger read(long[] x) {
        byte[] out = new byte[32];
        Field25519.encode(x, out, 0);
        BigInteger v = HashToCurveTest.fromLittleEndian(out);
        assertThat(v).isLessThan(P);
        assertThat(v).isEqualTo(limbValue(x).mod(P));
        return v;
    }
}
