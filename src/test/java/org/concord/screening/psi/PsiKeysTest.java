package org.concord.screening.psi;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** The keys a name gives a private set intersection: short skeletons make no skeleton or sound key. */
class PsiKeysTest {

    @Test
    void anAcronymOfTwoConsonantsMeetsNoOtherNameOnItsSkeletonOrSound() {
        // a CSV alias "BLA" (Baloch Liberation Army) met Bilal and Belaoua on the other side through "bl"
        for (String other : new String[] {"Bilal", "Belaoua"}) {
            Set<String> shared = new HashSet<>(PsiKeys.of("BLA").keySet());
            shared.retainAll(PsiKeys.of(other).keySet());
            assertThat(shared).as("BLA and %s", other).isEmpty();
        }
        assertThat(PsiKeys.of("BLA")).containsOnlyKeys("latin:bla");
        assertThat(PsiKeys.of("Bilal").keySet()).allMatch(k -> k.startsWith("latin:"));
    }

    @Test
    void aNameOfThreeConsonantsOrMoreKeepsItsThreeKinds() {
        assertThat(PsiKeys.of("Baloch Liberation Army").values()).containsExactlyInAnyOrder("latin", "skeleton", "sound");
        assertThat(PsiKeys.of("Baluch Liberation Army").keySet()).containsAnyElementsOf(PsiKeys.of("Baloch Liberation Army").keySet());
        assertThat(PsiKeys.of("Jundallah").values()).containsExactlyInAnyOrder("latin", "skeleton", "sound");
        assertThat(PsiKeys.of("جيش العدل").values()).contains("skeleton");
    }
}
