package org.concord.screening.names;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.StringLength;

/**
 * The index's bound before Jaro-Winkler ({@code NameIndex.mayReach}: the letters two words share and
 * the prefix they share) never turns away a pair that reaches the cut: were it to, the index would
 * find fewer words than it did, and answer differently.
 */
class JaroWinklerBoundTest {

    private static final double[] CUTS = {NameIndex.WORD_CUT, NameIndex.SKELETON_CUT, 0.7, 0.9, 0.95};

    @Property(tries = 5000)
    void neverFalseForAPairThatReachesTheCut(@ForAll @StringLength(max = 14) @CharRange(from = 'a', to = 'f') String a,
            @ForAll @StringLength(max = 14) @CharRange(from = 'a', to = 'f') String b) {
        check(a, b);
    }

    @Property(tries = 3000)
    void neverFalseOnWordsOfManyLetters(@ForAll @StringLength(min = 3, max = 30) @CharRange(from = 'a', to = 'z') String a,
            @ForAll @StringLength(min = 3, max = 30) @CharRange(from = 'a', to = 'z') String b) {
        check(a, b);
        check(a, a.substring(0, a.length() - 1) + b.charAt(0));
        check(a, b.charAt(0) + a.substring(1));
    }

    @Test
    void neverFalseOnNames() {
        List<String> names = List.of("jaish", "jaysh", "jeish", "jysh", "jc", "abdolmalek", "abdulmalik", "dlmlk", "rigi", "regi", "mohammad",
                "muhammad", "mohamed", "mhmd", "baradar", "akhund", "salahuddin", "farooqui", "faruqi", "hassanzadeh", "hasanzade", "a", "ab");
        for (String a : names) {
            for (String b : names) {
                check(a, b);
            }
        }
    }

    private static void check(String a, String b) {
        double jw = JaroWinkler.similarity(a, b);
        for (double cut : CUTS) {
            if (jw >= cut) {
                assertThat(NameIndex.mayReach(NameIndex.letters(a), NameIndex.letters(b), NameIndex.prefix(a, b), cut))
                        .as(a + " ~ " + b + " " + jw + " >= " + cut).isTrue();
            }
        }
    }
}
