package org.concord.screening.psi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
        assertThat(Base64.getDecoder().decode(ab.get(0))).hasSize(33);
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
    void aValueThatIsNotAPointOfTheCurveIsRefused() {
        Blinding.Key a = Blinding.freshKey();
        String bad = Base64.getEncoder().encodeToString(new byte[] {0x04, 1, 2});
        assertThatThrownBy(() -> a.reblind(List.of(Blinding.encode(Blinding.hashToCurve("k")), bad)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("[1]: not a compressed P-256 point");
        assertThatThrownBy(() -> a.reblind(List.of("%%%"))).hasMessage("[0]: not base64");
        byte[] infinity = new byte[33];
        assertThatThrownBy(() -> Blinding.decode(Base64.getEncoder().encodeToString(infinity))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void spellingsAndScriptsOfOneNameShareAKey() {
        Map<String, String> latin = PsiKeys.of("JAISH AL-ADL");
        Map<String, String> arabic = PsiKeys.of("جيش العدل");
        Map<String, String> persian = PsiKeys.of("جیش العدل");
        assertThat(latin.keySet()).contains("skeleton:dl jc").containsAnyOf(arabic.keySet().toArray(String[]::new));
        assertThat(arabic.keySet()).isEqualTo(persian.keySet());
        assertThat(PsiKeys.of("")).isEmpty();
        assertThat(PsiKeys.of("x".repeat(10_000))).isEmpty();
    }
}
