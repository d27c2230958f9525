package org.concord.node;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.Signature;
import java.util.concurrent.TimeUnit;

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
 * One Ed25519 signature and one verification of a receipt-sized message (300 bytes), on one thread:
 * {@link Ed25519Signatures} (BouncyCastle's arithmetic, what the project signs with) against the JDK 17
 * provider's {@code Signature "Ed25519"} (what it signed with before: the baseline of the same run).
 * Run: {@code ./mvnw -B -o -Pbench -DskipTests test -Dbench="Ed25519Benchmark -f 1"}; add
 * {@code -jvmArgs -XX:TieredStopAtLevel=1} for the test JVMs' C1-only setting.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class Ed25519Benchmark {

    KeyPair pair;
    Ed25519Signatures.Signer signer;
    byte[] rawPublic;
    byte[] message;
    byte[] signature;

    @Setup
    public void setUp() throws GeneralSecurityException {
        pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        signer = Ed25519Signatures.signer(pair.getPrivate());
        rawPublic = Ed25519Signatures.raw(pair.getPublic());
        message = new byte[300];
        new SecureRandom().nextBytes(message);
        signature = signer.sign(message);
    }

    @Benchmark
    public byte[] projectSign() {
        return signer.sign(message);
    }

    @Benchmark
    public boolean projectVerify() {
        return Ed25519Signatures.verify(rawPublic, message, signature);
    }

    @Benchmark
    public byte[] jdkSign() throws GeneralSecurityException {
        Signature jdk = Signature.getInstance("Ed25519");
        jdk.initSign(pair.getPrivate());
        jdk.update(message);
        return jdk.sign();
    }

    @Benchmark
    public boolean jdkVerify() throws GeneralSecurityException {
        Signature jdk = Signature.getInstance("Ed25519");
        jdk.initVerify(pair.getPublic());
        jdk.update(message);
        return jdk.verify(signature);
    }
}
