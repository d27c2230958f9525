package org.concord.screening.psi;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Random;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * The hash to curve against RFC 9380's test vectors: {@code expand_message_xmd} with SHA-512
 * (Appendix K.3) and the suite {@code curve25519_XMD:SHA-512_ELL2_NU_} (Appendix J.7.2), and the
 * Elligator 2 map on BouncyCastle's field arithmetic against a plain BigInteger reading of RFC 9380
 * section 6.7.1 on random field elements.
 */
class HashToCurveTest {

    private static final BigInteger P = Blinding.PRIME;
    private static final BigInteger A = BigInteger.valueOf(486662);

    /** RFC 9380 Appendix K.3: DST QUUX-V01-CS02-with-expander-SHA512-256. */
    @ParameterizedTest
    @CsvSource({
        "'', 32, 6b9a7312411d92f921c6f68ca0b6380730a1a4d982c507211a90964c394179ba",
        "abc, 32, 0da749f12fbe5483eb066a5f595055679b976e93abe9be6f0f6318bce7aca8dc",
        "abcdef0123456789, 32, 087e45a86e2939ee8b91100af1583c4938e0f5fc6c9db4b107b83346bc967f58",
        "q128, 32, 7336234ee9983902440f6bc35b348352013becd88938d2afec44311caf8356b3",
        "a512, 32, 57b5f7e766d5be68a6bfe1768e3c2b7f1228b3e4b3134956dd73a59b954c66f4",
        "'', 128, 41b037d1734a5f8df225dd8c7de38f851efdb45c372887be655212d07251b921b052b62eaed99b46f72f2ef4cc96bfaf254ebbbec091e1a3b9e4fb5e5b619d2e0c5414800a1d882b62bb5cd1778f098b8eb6cb399d5d9d18f5d5842cf5d13d7eb00a7cff859b605da678b318bd0e65ebff70bec88c753b159a805d2c89c55961",
        "abc, 128, 7f1dddd13c08b543f2e2037b14cefb255b44c83cc397c1786d975653e36a6b11bdd7732d8b38adb4a0edc26a0cef4bb45217135456e58fbca1703cd6032cb1347ee720b87972d63fbf232587043ed2901bce7f22610c0419751c065922b488431851041310ad659e4b23520e1772ab29dcdeb2002222a363f0c2b1c972b3efe1",
        "abcdef0123456789, 128, 3f721f208e6199fe903545abc26c837ce59ac6fa45733f1baaf0222f8b7acb0424814fcb5eecf6c1d38f06e9d0a6ccfbf85ae612ab8735dfdf9ce84c372a77c8f9e1c1e952c3a61b7567dd0693016af51d2745822663d0c2367e3f4f0bed827feecc2aaf98c949b5ed0d35c3f1023d64ad1407924288d366ea159f46287e61ac",
        "q128, 128, b799b045a58c8d2b4334cf54b78260b45eec544f9f2fb5bd12fb603eaee70db7317bf807c406e26373922b7b8920fa29142703dd52bdf280084fb7ef69da78afdf80b3586395b433dc66cde048a258e476a561e9deba7060af40adf30c64249ca7ddea79806ee5beb9a1422949471d267b21bc88e688e4014087a0b592b695ed",
        "a512, 128, 05b0bfef265dcee87654372777b7c44177e2ae4c13a27f103340d9cd11c86cb2426ffcad5bd964080c2aee97f03be1ca18e30a1f14e27bc11ebbd650f305269cc9fb1db08bf90bfc79b42a952b46daf810359e7bc36452684784a64952c343c52e5124cd1f71d474d5197fefc571a92929c9084ffe1112cf5eea5192ebff330b",
    })
    void expandMessageXmdWithSha512GivesTheRfcVectors(String msg, int length, String uniformBytes) {
        byte[] dst = "QUUX-V01-CS02-with-expander-SHA512-256".getBytes(StandardCharsets.US_ASCII);
        assertThat(HexFormat.of().formatHex(Blinding.expandMessageXmd(message(msg), dst, length))).isEqualTo(uniformBytes);
    }

    /**
     * RFC 9380 Appendix J.7.2: for each message, u[0] (hash_to_field), Q.x (the map's u-coordinate,
     * what {@link Blinding#encodeToCurve} returns) and P.x, which is 8·Q (checked here by three x-only
     * doublings: the cofactor clearing the clamped X25519 scalar does in the protocol).
     */
    @ParameterizedTest
    @CsvSource({
        "'', 608d892b641f0328523802a6603427c26e55e6f27e71a91a478148d45b5093cd, 51125222da5e763d97f3c10fcc92ea6860b9ccbbd2eb1285728f566721c1e65b, 1bb913f0c9daefa0b3375378ffa534bda5526c97391952a7789eb976edfe4d08",
        "abc, 46f5b22494bfeaa7f232cc8d054be68561af50230234d7d1d63d1d9abeca8da5, 7d56d1e08cb0ccb92baf069c18c49bb5a0dcd927eff8dcf75ca921ef7f3e6eeb, 7c22950b7d900fa866334262fcaea47a441a578df43b894b4625c9b450f9a026",
        "abcdef0123456789, 235fe40c443766ce7e18111c33862d66c3b33267efa50d50f9e8e5d252a40aaa, 3fbe66b9c9883d79e8407150e7c2a1c8680bee496c62fabe4619a72b3cabe90f, 31ad08a8b0deeb2a4d8b0206ca25f567ab4e042746f792f4b7973f3ae2096c52",
        "q128, 001e92a544463bda9bd04ddbe3d6eed248f82de32f522669efc5ddce95f46f5b, 227e0bb89de700385d19ec40e857db6e6a3e634b1c32962f370d26f84ff19683, 027877759d155b1997d0d84683a313eb78bdb493271d935b622900459d52ceaa",
        "a512, 1a68a1af9f663592291af987203393f707305c7bac9c8d63d6a729bdc553dc19, 3bcd651ee54d5f7b6013898aab251ee8ecc0688166fce6e9548d38472f6bd196, 5fd892c0958d1a75f54c3182a18d286efab784e774d1e017ba2fb252998b5dc1",
    })
    void encodeToCurveGivesTheRfcVectorsOfCurve25519WithSha512AndElligator2(String msg, String u0, String qx, String px) {
        byte[] dst = "QUUX-V01-CS02-with-curve25519_XMD:SHA-512_ELL2_NU_".getBytes(StandardCharsets.US_ASCII);
        byte[] element = Blinding.hashToField(message(msg), dst);
        assertThat(fromLittleEndian(element)).isEqualTo(new BigInteger(u0, 16));
        byte[] q = Blinding.encodeToCurve(message(msg), dst);
        assertThat(fromLittleEndian(q)).isEqualTo(new BigInteger(qx, 16));
        BigInteger x = fromLittleEndian(q);
        for (int i = 0; i < 3; i++) {
            x = doubled(x);
        }
        assertThat(x).isEqualTo(new BigInteger(px, 16));
    }

    @Test
    void theMapOnTheFieldArithmeticAgreesWithABigIntegerReadingOfTheRfc() {
        Random random = new Random(9380);
        for (int i = 0; i < 2000; i++) {
            BigInteger u = i < 4 ? BigInteger.valueOf(i) : i < 8 ? P.subtract(BigInteger.valueOf(i - 3)) : new BigInteger(255, random).mod(P);
            BigInteger x = fromLittleEndian(Blinding.mapToCurve(littleEndian(u)));
            assertThat(x).as("u = %s", u).isEqualTo(elligator2(u));
            assertThat(isSquare(x.pow(3).add(A.multiply(x.pow(2))).add(x))).as("on the curve").isTrue();
        }
    }

    @Test
    void theProtocolHashesWithItsOwnVersionedTag() {
        assertThat(new String(Blinding.DST, StandardCharsets.US_ASCII)).isEqualTo("concord-psi/2 curve25519_XMD:SHA-512_ELL2_NU_");
        assertThat(Blinding.hashToCurve("latin:x")).isEqualTo(Blinding.encodeToCurve("latin:x".getBytes(StandardCharsets.UTF_8), Blinding.DST))
                .isNotEqualTo(Blinding.encodeToCurve("latin:x".getBytes(StandardCharsets.UTF_8),
                        "QUUX-V01-CS02-with-curve25519_XMD:SHA-512_ELL2_NU_".getBytes(StandardCharsets.US_ASCII)));
    }

    /** RFC 9380 section 6.7.1 straight: x1 = -J / (1 + Z u^2), x2 = -x1 - J; the one whose g(x) is square. */
    private static BigInteger elligator2(BigInteger u) {
        BigInteger tv1 = BigInteger.TWO.multiply(u).multiply(u).mod(P);
        if (tv1.equals(P.subtract(BigInteger.ONE))) {
            tv1 = BigInteger.ZERO;
        }
        BigInteger d = tv1.add(BigInteger.ONE).mod(P);
        BigInteger x1 = A.negate().multiply(d.signum() == 0 ? BigInteger.ZERO : d.modInverse(P)).mod(P);
        BigInteger gx1 = x1.pow(3).add(A.multiply(x1.pow(2))).add(x1).mod(P);
        return isSquare(gx1) ? x1 : x1.negate().subtract(A).mod(P);
    }

    /** x-only doubling on the Montgomery curve: (x^2 - 1)^2 / (4x(x^2 + Ax + 1)). */
    private static BigInteger doubled(BigInteger x) {
        BigInteger num = x.pow(2).subtract(BigInteger.ONE).pow(2).mod(P);
        BigInteger den = BigInteger.valueOf(4).multiply(x).multiply(x.pow(2).add(A.multiply(x)).add(BigInteger.ONE)).mod(P);
        return num.multiply(den.modInverse(P)).mod(P);
    }

    static boolean isSquare(BigInteger g) {
        g = g.mod(P);
        return g.signum() == 0 || g.modPow(P.subtract(BigInteger.ONE).shiftRight(1), P).equals(BigInteger.ONE);
    }

    /** The RFC's messages; "q128" and "a512" stand for the long ones, written out in the RFC. */
    private static byte[] message(String name) {
        String text = name == null ? "" : switch (name) {
            case "q128" -> "q128_" + "q".repeat(128);
            case "a512" -> "a512_" + "a".repeat(512);
            default -> name;
        };
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    static BigInteger fromLittleEndian(byte[] le) {
        byte[] be = new byte[le.length];
        for (int i = 0; i < le.length; i++) {
            be[i] = le[le.length - 1 - i];
        }
        return new BigInteger(1, be);
    }

    static byte[] littleEndian(BigInteger x) {
        byte[] out = new byte[32];
        byte[] be = x.toByteArray();
        for (int i = 0; i < 32 && i < be.length; i++) {
            out[i] = be[be.length - 1 - i];
        }
        return out;
    }
}
