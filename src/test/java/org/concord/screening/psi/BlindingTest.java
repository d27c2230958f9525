package org.concord.screening.psi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class BlindingTest {

    @Test
    void blindingCommutesSoOnlyEqualKeysMeet() {
        Blinding.Key a = Blinding.freshKey();
        Blinding.Key b = Blinding.freshKey();
        List<String> keys = List.of("latin:adl jaish", "skeleton:dl jc", "latin:rigi abdmalek");
        List<String> ab = b.reblind(a.blindKeys(keys));
        List<String> ba = a.reblind(b.blindKeys(keys));
        assertThat(ab).isEqualTo(ba).doesNotHaveDuplicates();
        // singly blinded values differ from the plain points and between keys
        assertThat(a.blindKeys(keys)).doesNotContainAnyElementsOf(keys.stream().map(k -> Blinding.encode(Blinding.hashToCurve(k))).toList())
                .doesNotContainAnyElementsOf(b.blindKeys(keys));
        assertThat(Blinding.encode(Blinding.hashToCurve("latin:x"))).isEqualTo(Blinding.encode(Blinding.hashToCurve("latin:x")));
        assertThat(Base64.getDecoder().decode(ab.get(0))).hasSize(32);
        assertThat(Blinding.hashToCurve("latin:x")).hasSize(32);
    }

    @Test
    void doubleBlindingCommutesForEveryPairOfFreshKeys() {
        // clamp(b)·clamp(a)·Q = clamp(a)·clamp(b)·Q: the two orders agree, for fresh keys each round, and a key meets only itself
        for (int round = 0; round < 20; round++) {
            Blinding.Key a = Blinding.freshKey();
            Blinding.Key b = Blinding.freshKey();
            List<String> keys = java.util.stream.IntStream.range(0, 50).mapToObj(i -> "sound:k" + i).toList();
            List<String> ab = b.reblind(a.blindKeys(keys));
            assertThat(ab).isEqualTo(a.reblind(b.blindKeys(keys))).doesNotHaveDuplicates();
            assertThat(ab).doesNotContainAnyElementsOf(a.blindKeys(keys)).doesNotContainAnyElementsOf(b.blindKeys(keys));
        }
    }

    @Test
    void batchedBlindingOnEveryCoreGivesWhatThePointByPointReferenceGives() {
        // more than three batches and a ragged last one, so that batch edges and the shared inversion are exercised
        List<String> keys = java.util.stream.IntStream.range(0, 3 * Blinding.BATCH + 37).mapToObj(i -> "latin:name " + i).toList();
        Blinding.Key a = Blinding.freshKey();
        Blinding.Key b = Blinding.freshKey();
        List<String> batched = a.blindKeys(keys);
        assertThat(batched).isEqualTo(keys.stream().map(a::blindOne).toList());
        List<String> plain = keys.stream().map(k -> Blinding.encode(Blinding.hashToCurve(k))).toList();
        assertThat(a.reblind(plain)).isEqualTo(batched);
        assertThat(b.reblind(batched)).isEqualTo(a.reblind(b.blindKeys(keys)));
    }

    @Test
    void aSealedKeyOpensOnlyWithItsAesKeyAndSessionAndBlindsAsBefore() throws Exception {
        javax.crypto.KeyGenerator generator = javax.crypto.KeyGenerator.getInstance("AES");
        generator.init(256);
        javax.crypto.SecretKey aes = generator.generateKey();
        byte[] session = "concord-psi-state 0f0e0d0c-0b0a-4909-8807-060504030201".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        Blinding.Key a = Blinding.freshKey();
        byte[] sealed = a.seal(aes, session);
        assertThat(sealed).hasSize(12 + 32 + 16);
        assertThat(a.seal(aes, session)).as("a fresh nonce each time").isNotEqualTo(sealed);
        List<String> keys = List.of("latin:adl jaish", "skeleton:dl jc");
        assertThat(Blinding.unseal(aes, sealed, session).blindKeys(keys)).isEqualTo(a.blindKeys(keys));
        byte[] otherSession = "concord-psi-state 11111111-0b0a-4909-8807-060504030201".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        assertThatThrownBy(() -> Blinding.unseal(aes, sealed, otherSession)).isInstanceOf(IllegalStateException.class);
        byte[] altered = sealed.clone();
        altered[20] ^= 1;
        assertThatThrownBy(() -> Blinding.unseal(aes, altered, session)).isInstanceOf(IllegalStateException.class);
        generator.init(256);
        assertThatThrownBy(() -> Blinding.unseal(generator.generateKey(), sealed, session)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aValueThatIsNotAPointOfTheCurveIsRefusedNamingItsPositionAndRule() {
        Blinding.Key a = Blinding.freshKey();
        String good = Blinding.encode(Blinding.hashToCurve("k"));
        assertRefused(a, List.of(good, Base64.getEncoder().encodeToString(new byte[] {0x04, 1, 2})), 1, "length", "3 bytes, not 32");
        assertRefused(a, List.of(Base64.getEncoder().encodeToString(new byte[33])), 0, "length", "33 bytes, not 32");
        assertRefused(a, List.of("%%%"), 0, "base64", "not base64");
        assertThat(a.reblind(List.of(good))).hasSize(1);
    }

    @Test
    void aPointOfTheTwistIsRefused() {
        Blinding.Key a = Blinding.freshKey();
        // u = 2: 8 + 4·486662 + 2 is not a square modulo 2^255 - 19, so u = 2 is on the twist, not the curve
        BigInteger two = BigInteger.TWO;
        assertThat(HashToCurveTest.isSquare(two.pow(3).add(BigInteger.valueOf(486662).multiply(two.pow(2))).add(two))).isFalse();
        String twist = u(two);
        assertRefused(a, List.of(Blinding.encode(Blinding.hashToCurve("k")), twist), 1, "on-curve", "not a square");
        // and many random points of the twist, each checked by BigInteger
        java.util.Random random = new java.util.Random(7748);
        int twists = 0;
        for (int i = 0; i < 200; i++) {
            BigInteger x = new BigInteger(255, random).mod(Blinding.PRIME);
            boolean onCurve = HashToCurveTest.isSquare(x.pow(3).add(BigInteger.valueOf(486662).multiply(x.pow(2))).add(x));
            if (onCurve) {
                assertThat(Blinding.decode(u(x))).hasSize(32);
            } else {
                twists++;
                assertThatThrownBy(() -> Blinding.decode(u(x))).isInstanceOfSatisfying(Blinding.InvalidValue.class,
                        e -> assertThat(e.rule()).isEqualTo("on-curve"));
            }
        }
        assertThat(twists).isBetween(60, 140);
    }

    @Test
    void aNonCanonicalFieldElementIsRefused() {
        Blinding.Key a = Blinding.freshKey();
        BigInteger p = Blinding.PRIME;
        // p + 9 is 9 (a point of the curve) written non-canonically; p is 0; the top bit set over a good value
        assertRefused(a, List.of(u(p.add(BigInteger.valueOf(9)))), 0, "canonical", "2^255 - 19");
        assertRefused(a, List.of(u(p)), 0, "canonical", "");
        byte[] high = Blinding.hashToCurve("k");
        high[31] |= (byte) 0x80;
        assertRefused(a, List.of(Base64.getEncoder().encodeToString(high)), 0, "canonical", "");
        assertThat(a.reblind(List.of(u(BigInteger.valueOf(9))))).hasSize(1);
    }

    @Test
    void aPointOfSmallOrderIsRefusedForItsZeroProduct() {
        Blinding.Key a = Blinding.freshKey();
        // u = 0 (order 2), u = 1 (order 4) and the two points of order 8: all on the curve, all killed by the clamped scalar
        for (String low : List.of("0", "1", "325606250916557431795983626356110631294008115727848805560023387167927233504",
                "39382357235489614581723060781553021112529911719440698176882885853963445705823")) {
            String value = u(new BigInteger(low));
            assertThat(Blinding.decode(value)).as("u = %s is on the curve", low).hasSize(32);
            assertRefused(a, List.of(Blinding.encode(Blinding.hashToCurve("k")), Blinding.encode(Blinding.hashToCurve("j")), value), 2,
                    "low-order", "small order");
        }
    }

    private static void assertRefused(Blinding.Key key, List<String> values, int index, String rule, String text) {
        assertThatThrownBy(() -> key.reblind(values)).isInstanceOfSatisfying(Blinding.InvalidValue.class, e -> {
            assertThat(e.index()).isEqualTo(index);
            assertThat(e.rule()).isEqualTo(rule);
            assertThat(e.getMessage()).startsWith("[" + index + "]: ").contains(text);
        });
    }

    private static String u(BigInteger x) {
        byte[] le = new byte[32];
        byte[] be = x.toByteArray();
        for (int i = 0; i < 32 && i < be.length; i++) {
            le[i] = be[be.length - 1 - i];
        }
        return Base64.getEncoder().encodeToString(le);
    }

    @Test
    void spellingsAndScriptsOfOneNameShareAKey() {
        Map<String, String> latin = PsiKeys.of("JAISH AL-ADL");
        Map<String, String> arabic = PsiKeys.of("جيش العدل");
        Map<String, String> persian = PsiKeys.of("جیش العدل");
        assertThat(latin.keySet()).contains("skeleton:dl rm").containsAnyOf(arabic.keySet().toArray(String[]::new));
        assertThat(arabic.keySet()).isEqualTo(persian.keySet());
        assertThat(PsiKeys.of("")).isEmpty();
        assertThat(PsiKeys.of("x".repeat(10_000))).isEmpty();
    }
}
