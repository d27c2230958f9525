package org.concord.screening.psi;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.spec.NamedParameterSpec;
import java.security.spec.XECPrivateKeySpec;
import java.security.spec.XECPublicKeySpec;
import java.util.concurrent.TimeUnit;

import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.math.ec.ECCurve;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.rfc7748.X25519;
import org.bouncycastle.math.ec.rfc7748.X25519Field;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import javax.crypto.KeyAgreement;

/**
 * One value's worth of the PSI's curve arithmetic, on one thread, Curve25519 (this protocol,
 * {@code concord-psi/2}) against NIST P-256 (the first version, whose code is kept here as the baseline of
 * the same run): a variable-base scalar multiplication, a hash to the curve, and the validation of a
 * received value. Curve25519's arithmetic three ways in the same run: this project's {@link Ladder25519} on
 * {@link Field25519} (radix 2^51, what {@link Blinding} uses), BouncyCastle's {@code X25519} and
 * {@code X25519Field} (radix 2^25.5, what it used before; its hash and validation are kept here as
 * {@code bc*}), the JDK's own XDH ({@code KeyAgreement "X25519"}, the multiplication only), and libsodium's
 * ({@code crypto_scalarmult} over JNA, {@link X25519Multipliers}: what {@link Blinding} uses where it loads;
 * {@link #x25519Multiply} runs whichever this JVM chose).
 * Run: {@code ./mvnw -B -o -Pbench -DskipTests test -Dbench="CurveBenchmark -f 1"}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class CurveBenchmark {

    private static final X9ECParameters P256 = CustomNamedCurves.getByName("secp256r1");
    private static final ECCurve CURVE = P256.getCurve();
    private static final BigInteger PRIME = CURVE.getField().getCharacteristic();
    private static final byte[] OLD_DOMAIN = "concord-psi/1 P-256".getBytes(StandardCharsets.UTF_8);

    Blinding.Key key;
    byte[] u;
    String received;
    BigInteger scalar;
    ECPoint point;
    byte[] compressed;
    int counter;
    byte[] k25519;
    BigInteger uInteger;
    PrivateKey xdhKey;
    KeyFactory xdhFactory;
    KeyAgreement xdh;
    long[] fa;
    long[] fb;
    int[] ia;
    int[] ib;
    byte[][] batch;
    X25519Multipliers.Multiplier sodium;

    @Setup
    public void setUp() throws GeneralSecurityException {
        k25519 = new byte[32];
        X25519.generatePrivateKey(new SecureRandom(), k25519);
        uInteger = HashToCurveTest.fromLittleEndian(Blinding.hashToCurve("latin:adl jaish"));
        xdhFactory = KeyFactory.getInstance("XDH");
        xdhKey = xdhFactory.generatePrivate(new XECPrivateKeySpec(NamedParameterSpec.X25519, k25519));
        xdh = KeyAgreement.getInstance("X25519");
        sodium = X25519Multipliers.choose("libsodium", X25519Multipliers::bundledSodium);
        batch = new byte[256][];
        for (int i = 0; i < batch.length; i++) {
            batch[i] = Blinding.hashToCurve("latin:adl jaish " + i);
        }
        fa = Field25519.create();
        fb = Field25519.create();
        Field25519.decode(Blinding.hashToCurve("a"), 0, fa);
        Field25519.decode(Blinding.hashToCurve("b"), 0, fb);
        ia = X25519Field.create();
        ib = X25519Field.create();
        X25519Field.decode(Blinding.hashToCurve("a"), 0, ia);
        X25519Field.decode(Blinding.hashToCurve("b"), 0, ib);
        key = Blinding.freshKey();
        u = Blinding.hashToCurve("latin:adl jaish");
        received = Blinding.encode(key.multiply(u));
        scalar = new BigInteger(256, new SecureRandom()).mod(P256.getN());
        point = p256HashToCurve("latin:adl jaish");
        compressed = point.multiply(scalar).normalize().getEncoded(true);
    }

    @Benchmark
    public byte[] x25519Multiply() {
        return key.multiply(u);
    }

    @Benchmark
    public byte[] x25519HashToCurve() {
        return Blinding.hashToCurve("latin:adl jaish " + (counter++ & 1023));
    }

    @Benchmark
    public byte[] x25519ValidateReceived() {
        return Blinding.decode(received);
    }

    /** The ladder alone, this project's: what {@link #x25519Multiply} runs. */
    @Benchmark
    public byte[] x25519MultiplyLadder25519() {
        byte[] out = new byte[32];
        Ladder25519.scalarMult(k25519, 0, u, 0, out, 0);
        return out;
    }

    /** {@link Ladder25519#scalarMultAll} on a batch of 256 (as {@link Blinding} multiplies): one inversion a batch. */
    @Benchmark
    @org.openjdk.jmh.annotations.OperationsPerInvocation(256)
    public byte[][] x25519MultiplyBatchOf256Ladder25519() {
        return Ladder25519.scalarMultAll(k25519, batch);
    }

    /** Hashing 256 keys to the curve as {@link Blinding.Key#blindKeys} does: Elligator 2's inversions shared. */
    @Benchmark
    @org.openjdk.jmh.annotations.OperationsPerInvocation(256)
    public byte[][] x25519HashToCurveBatchOf256() {
        byte[][] elements = new byte[256][];
        int base = counter++ & 1023;
        for (int i = 0; i < 256; i++) {
            elements[i] = Blinding.hashToField(("latin:adl jaish " + (base + i)).getBytes(StandardCharsets.UTF_8), Blinding.DST);
        }
        return Blinding.mapToCurveAll(elements);
    }

    /** libsodium's {@code crypto_scalarmult} over JNA, one value a call: what {@link #x25519Multiply} runs where it loads. */
    @Benchmark
    public byte[] x25519MultiplyLibsodium() {
        return sodium.scalarMult(k25519, u);
    }

    /** libsodium on a batch of 256, as {@link Blinding} calls it. */
    @Benchmark
    @org.openjdk.jmh.annotations.OperationsPerInvocation(256)
    public byte[][] x25519MultiplyBatchOf256Libsodium() {
        return sodium.scalarMultAll(k25519, batch);
    }

    /** BouncyCastle's {@code X25519.scalarMult}, the baseline. */
    @Benchmark
    public byte[] x25519MultiplyBouncyCastle() {
        byte[] out = new byte[32];
        X25519.scalarMult(k25519, 0, u, 0, out, 0);
        return out;
    }

    /** The JDK's XDH: the point as an {@code XECPublicKeySpec}, one key agreement. */
    @Benchmark
    public byte[] x25519MultiplyJdkXdh() throws GeneralSecurityException {
        xdh.init(xdhKey);
        xdh.doPhase(xdhFactory.generatePublic(new XECPublicKeySpec(NamedParameterSpec.X25519, uInteger)), true);
        return xdh.generateSecret();
    }

    @Benchmark
    public long[] field25519Mul() {
        Field25519.mul(fa, fb, fa);
        return fa;
    }

    @Benchmark
    public long[] field25519Sqr() {
        Field25519.sqr(fa, fa);
        return fa;
    }

    @Benchmark
    public int[] bouncyCastleFieldMul() {
        X25519Field.mul(ia, ib, ia);
        return ia;
    }

    @Benchmark
    public int[] bouncyCastleFieldSqr() {
        X25519Field.sqr(ia, ia);
        return ia;
    }

    /** The hash to curve as it was, on BouncyCastle's field: the baseline of {@link #x25519HashToCurve}. */
    @Benchmark
    public byte[] x25519HashToCurveBouncyCastle() {
        byte[] msg = ("latin:adl jaish " + (counter++ & 1023)).getBytes(StandardCharsets.UTF_8);
        return bcMapToCurve(Blinding.hashToField(msg, Blinding.DST));
    }

    /** The validation as it was, on BouncyCastle's field: the baseline of {@link #x25519ValidateReceived}. */
    @Benchmark
    public byte[] x25519ValidateReceivedBouncyCastle() {
        byte[] bytes = java.util.Base64.getDecoder().decode(received);
        int[] v = X25519Field.create();
        X25519Field.decode(bytes, 0, v);
        X25519Field.normalize(v);
        byte[] canonical = new byte[32];
        X25519Field.encode(v, canonical, 0);
        int[] rhs = X25519Field.create();
        bcCurveRightSide(v, rhs);
        int[] one = X25519Field.create();
        X25519Field.one(one);
        if (!java.util.Arrays.equals(canonical, bytes) || !X25519Field.sqrtRatioVar(rhs, one, X25519Field.create())) {
            throw new IllegalStateException();
        }
        return bytes;
    }

    /** Blinding's Elligator 2 before it moved to {@link Field25519}. */
    static byte[] bcMapToCurve(byte[] element) {
        int[] v = X25519Field.create();
        X25519Field.decode(element, 0, v);
        int[] tv1 = X25519Field.create();
        X25519Field.sqr(v, tv1);
        X25519Field.mul(tv1, 2, tv1);
        int[] x1 = X25519Field.create();
        X25519Field.copy(tv1, 0, x1, 0);
        X25519Field.addOne(x1);
        X25519Field.normalize(x1);
        if (X25519Field.isZeroVar(x1)) {
            X25519Field.one(x1);
        }
        X25519Field.inv(x1, x1);
        X25519Field.mul(x1, 486662, x1);
        X25519Field.negate(x1, x1);
        X25519Field.normalize(x1);
        int[] gx1 = X25519Field.create();
        bcCurveRightSide(x1, gx1);
        int[] one = X25519Field.create();
        X25519Field.one(one);
        int[] x = x1;
        if (!X25519Field.sqrtRatioVar(gx1, one, X25519Field.create())) {
            x = X25519Field.create();
            X25519Field.negate(x1, x);
            x[0] -= 486662;
        }
        X25519Field.normalize(x);
        byte[] out = new byte[32];
        X25519Field.encode(x, out, 0);
        return out;
    }

    private static void bcCurveRightSide(int[] v, int[] out) {
        int[] t = X25519Field.create();
        X25519Field.copy(v, 0, t, 0);
        t[0] += 486662;
        X25519Field.mul(t, v, t);
        X25519Field.addOne(t);
        X25519Field.mul(t, v, out);
    }

    @Benchmark
    public ECPoint p256Multiply() {
        return point.multiply(scalar).normalize();
    }

    @Benchmark
    public ECPoint p256HashToCurve() {
        return p256HashToCurve("latin:adl jaish " + (counter++ & 1023));
    }

    @Benchmark
    public ECPoint p256ValidateReceived() {
        ECPoint p = CURVE.decodePoint(compressed);
        if (p.isInfinity() || !p.isValid()) {
            throw new IllegalStateException();
        }
        return p;
    }

    /** The first version's try-and-increment: SHA-256 of the domain, a counter and the key, until it is the x of a point. */
    private static ECPoint p256HashToCurve(String key) {
        byte[] text = key.getBytes(StandardCharsets.UTF_8);
        byte[] compressed = new byte[33];
        compressed[0] = 0x02;
        for (int counter = 0; counter < 1000; counter++) {
            byte[] x = Blinding.sha256(OLD_DOMAIN, new byte[] {(byte) (counter >>> 8), (byte) counter}, text);
            if (new BigInteger(1, x).compareTo(PRIME) >= 0) {
                continue;
            }
            System.arraycopy(x, 0, compressed, 1, 32);
            try {
                return CURVE.decodePoint(compressed);
            } catch (IllegalArgumentException notOnCurve) {
                // not the x of a point: the next counter
            }
        }
        throw new IllegalStateException("no point in 1000 tries");
    }
}
