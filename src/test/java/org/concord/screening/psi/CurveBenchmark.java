package org.concord.screening.psi;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.concurrent.TimeUnit;

import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.math.ec.ECCurve;
import org.bouncycastle.math.ec.ECPoint;
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

/**
 * One value's worth of the PSI's curve arithmetic, on one thread, Curve25519 (this protocol,
 * {@code concord-psi/2}) against NIST P-256 (the first version, whose code is kept here as the baseline of
 * the same run): a variable-base scalar multiplication, a hash to the curve, and the validation of a
 * received value. Run: {@code ./mvnw -B -o -Pbench -DskipTests test -Dbench="CurveBenchmark -f 1"}.
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

    @Setup
    public void setUp() {
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
