package org.concord.screening.names;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.apache.commons.text.similarity.JaroWinklerSimilarity;
import org.junit.jupiter.api.Test;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.StringLength;

/** The allocation-free Jaro-Winkler gives Apache Commons Text's figure, to the last bit, on any two strings. */
class JaroWinklerTest {

    private static final JaroWinklerSimilarity REFERENCE = new JaroWinklerSimilarity();

    @Property(tries = 3000)
    void agreesWithCommonsTextOnShortWordsOfFewLetters(@ForAll @StringLength(max = 12) @CharRange(from = 'a', to = 'f') String a,
            @ForAll @StringLength(max = 12) @CharRange(from = 'a', to = 'f') String b) {
        assertThat(JaroWinkler.similarity(a, b)).as(a + " ~ " + b).isEqualTo(REFERENCE.apply(a, b));
        assertThat(JaroWinkler.similarity(a, b, POSITIONS)).as(a + " ~ " + b).isEqualTo(REFERENCE.apply(a, b));
        assertThat(POSITIONS).containsOnly(0L);
    }

    /** The table of letter positions the faster figure uses, shared by every check: it must be left all zero. */
    private static final long[] POSITIONS = new long[128];

    @Property(tries = 3000)
    void theFigureFromLetterPositionsIsTheSameOnWordsOfUpToSixtyFourLetters(@ForAll @StringLength(max = 70) @CharRange(from = 'a', to = 'e') String a,
            @ForAll @StringLength(max = 70) @CharRange(from = 'a', to = 'e') String b) {
        assertThat(JaroWinkler.similarity(a, b, POSITIONS)).as(a + " ~ " + b).isEqualTo(JaroWinkler.similarity(a, b));
        assertThat(POSITIONS).containsOnly(0L);
    }

    @Property(tries = 1000)
    void theFigureFromLetterPositionsIsTheSameWithLettersBeyondAscii(@ForAll @StringLength(max = 20) @CharRange(from = '~', to = '\u0082') String a,
            @ForAll @StringLength(max = 20) @CharRange(from = '|', to = '\u0081') String b) {
        assertThat(JaroWinkler.similarity(a, b, POSITIONS)).as(a + " ~ " + b).isEqualTo(REFERENCE.apply(a, b));
        assertThat(POSITIONS).containsOnly(0L);
    }

    @Property(tries = 1000)
    void agreesWithCommonsTextOnLongStringsToo(@ForAll @StringLength(max = 90) @CharRange(from = 'a', to = 'd') String a,
            @ForAll @StringLength(max = 90) @CharRange(from = 'a', to = 'd') String b) {
        assertThat(JaroWinkler.similarity(a, b)).as(a + " ~ " + b).isEqualTo(REFERENCE.apply(a, b));
    }

    @Test
    void agreesOnNames() {
        List<String> names = List.of("jaish", "jaysh", "jeish", "jysh", "abdolmalek", "abdulmalik", "rigi", "regi", "mohammad", "muhammad",
                "mohamed", "baradar", "akhund", "salahuddin", "farooqui", "faruqi", "", "a", "ab", "ba");
        for (String a : names) {
            for (String b : names) {
                assertThat(JaroWinkler.similarity(a, b)).as(a + " ~ " + b).isEqualTo(REFERENCE.apply(a, b));
                assertThat(JaroWinkler.similarity(a, b, POSITIONS)).as(a + " ~ " + b).isEqualTo(REFERENCE.apply(a, b));
            }
        }
    }
}
