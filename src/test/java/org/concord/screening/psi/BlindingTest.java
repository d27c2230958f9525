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
