package org.concord.screening.psi;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.HexFormat;

import org.bouncycastle.math.ec.rfc7748.X25519;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@link Ladder25519} against RFC 7748's test vectors: section 5.2 (two single vectors, and the iterated
 * one after 1 and 1,000 iterations; the 1,000,000 one takes minutes and runs only when asked, with
 * {@code -Drfc7748.million=true})
 * and section 6.1 (the Diffie-Hellman example). {@code Ladder25519Properties} compares it with
 * BouncyCastle's on random and hostile inputs.
 */
class Ladder25519Test {

    private static final HexFormat HEX = HexFormat.of();

    @ParameterizedTest
    @CsvSource({
        "a546e36bf0527c9d3b16154b82465edd62144c0ac1fc5a18506a2244ba449ac4, e6db6867583030db3594c1a424b15f7c726624ec26b3353b10a903a6d0ab1c4c, c3da55379de9c6908e94ea4df28d084f32eccf03491c71f754b4075577a28552",
        "4b66e9d4d1b4673c5ad22691957d6af5c11b6421e0ea01d42ca4169e7918ba0d, e5210f12786811d3f4b7959d0538ae2c31dbe7106fc03c3efc4cd549c715a493, 95cbde9476e8907d7aade45cb4b873f88b595a68799fa152e6f8f7647aac7957",
    })
    void theSingleVectorsOfRfc7748Section52(String scalar, String u, String out) {
        assertThat(HEX.formatHex(x25519(HEX.parseHex(scalar), HEX.parseHex(u)))).isEqualTo(out);
    }

    @Test
    void theIteratedVectorOfRfc7748Section52After1And1000Iterations() {
        byte[] k = new byte[32];
        k[0] = 9;
        byte[] u = k.clone();
        for (int i = 1; i <= 1000; i++) {
            byte[] r = x25519(k, u);
            u = k;
            k = r;
            if (i == 1) {
                assertThat(HEX.formatHex(k)).isEqualTo("422c8e7a6227d7bca1350b3e2bb7279f7897b87bb6854b783c60e80311ae3079");
            }
        }
        assertThat(HEX.formatHex(k)).isEqualTo("684cf59ba83309552800ef566f2f4d3c1c3887c49360e3875f2eb94d99532c51");
    }

    /** Minutes of CPU: {@code ./mvnw -B -o surefire:test@default-test -Dtest=Ladder25519Test -Drfc7748.million=true}. */
    @Test
    @EnabledIfSystemProperty(named = "rfc7748.million", matches = "true")
    void theIteratedVectorOfRfc7748Section52AfterAMillionIterations() {
        byte[] k = new byte[32];
        k[0] = 9;
        byte[] u = k.clone();
        for (int i = 1; i <= 1_000_000; i++) {
            byte[] r = x25519(k, u);
            u = k;
            k = r;
        }
        assertThat(HEX.formatHex(k)).isEqualTo("7c3911e0ab2586fd864497297e575e6f3bc601c0883c30df5f4dd2d24f665424");
    }

    @Test
    void theDiffieHellmanExampleOfRfc7748Section61() {
        byte[] a = HEX.parseHex("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a");
        byte[] b = HEX.parseHex("5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb");
        byte[] nine = new byte[32];
        nine[0] = 9;
        byte[] alice = x25519(a, nine);
        byte[] bob = x25519(b, nine);
        assertThat(HEX.formatHex(alice)).isEqualTo("8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a");
        assertThat(HEX.formatHex(bob)).isEqualTo("de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f");
        assertThat(HEX.formatHex(x25519(a, bob))).isEqualTo(HEX.formatHex(x25519(b, alice)))
                .isEqualTo("4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742");
    }

    @Test
    void pointsOfSmallOrderGiveZeroAsBouncyCastlesLadderDoes() {
        BigInteger p = Blinding.PRIME;
        String[] smallOrder = {
            "0000000000000000000000000000000000000000000000000000000000000000",
            "0100000000000000000000000000000000000000000000000000000000000000",
            "e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800",
            "5f9c95bca3508c24b1d0b1559c83ef5b04445cc4581c8e86d8224eddd09f1157",
            "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
        };
        byte[] k = HEX.parseHex("a546e36bf0527c9d3b16154b82465edd62144c0ac1fc5a18506a2244ba449ac4");
        for (String hex : smallOrder) {
            byte[] u = HEX.parseHex(hex);
            BigInteger value = HashToCurveTest.fromLittleEndian(u);
            // the same point written non-canonically (plus p, where that stays below 2^255) and with the top bit set
            byte[][] forms = {u, withTopBit(u), value.add(p).bitLength() <= 255 ? HashToCurveTest.littleEndian(value.add(p)) : u};
            for (byte[] form : forms) {
                assertThat(x25519(k, form)).as(HEX.formatHex(form)).isEqualTo(new byte[32]).isEqualTo(bouncyCastle(k, form));
            }
        }
    }

    static byte[] withTopBit(byte[] u) {
        byte[] t = u.clone();
        t[31] |= (byte) 0x80;
        return t;
    }

    static byte[] x25519(byte[] k, byte[] u) {
        byte[] r = new byte[32];
        Ladder25519.scalarMult(k, 0, u, 0, r, 0);
        return r;
    }

    static byte[] bouncyCastle(byte[] k, byte[] u) {
        byte[] r = new byte[32];
        X25519.scalarMult(k, 0, u, 0, r, 0);
        return r;
    }
}
