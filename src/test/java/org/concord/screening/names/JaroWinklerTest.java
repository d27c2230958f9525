package org.concord.screening.names;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.apache.commons.text.similarity.JaroWinklerSimilarity;
import org.junit.jupiter.api.Test;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.IntRange;
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

    /** The figure for words held in arrays, at any place in them, is the figure for the same words as strings. */
    @Property(tries = 3000)
    void theFigureFromArraysIsTheSameAsFromStrings(@ForAll @StringLength(max = 70) @CharRange(from = 'a', to = 'e') String a,
            @ForAll @StringLength(max = 70) @CharRange(from = 'a', to = 'e') String b, @ForAll @IntRange(max = 5) int before,
            @ForAll @IntRange(max = 5) int after) {
        assertSameFromArrays(a, b, before, after);
    }

    @Property(tries = 1000)
    void theFigureFromArraysIsTheSameWithLettersBeyondAscii(@ForAll @StringLength(max = 20) @CharRange(from = '~', to = '\u0082') String a,
            @ForAll @StringLength(max = 20) @CharRange(from = '|', to = '\u0081') String b, @ForAll @IntRange(max = 3) int before) {
        assertSameFromArrays(a, b, before, 1);
    }

    private static void assertSameFromArrays(String a, String b, int before, int after) {
        // each word among other letters, the first as its own array, the second inside a larger one
        char[] first = a.toCharArray();
        char[] second = ("z".repeat(before) + b + "y".repeat(after)).toCharArray();
        double expected = JaroWinkler.similarity(a, b, POSITIONS);
        assertThat(JaroWinkler.similarity(first, 0, first.length, second, before, b.length(), POSITIONS)).as(a + " ~ " + b).isEqualTo(expected);
        assertThat(JaroWinkler.similarity(second, before, b.length(), first, 0, first.length, POSITIONS)).as(b + " ~ " + a)
                .isEqualTo(JaroWinkler.similarity(b, a, POSITIONS));
        assertThat(POSITIONS).containsOnly(0L);
    }

    @Test
    void agreesOnNames() {
        List<String> names = List.of("jaish", "jaysh", "jeish", "jysh", "abdolmalek", "abdulmalik", "rigi", "regi", "mohammad", "muhammad",
                "mohamed", "baradar", "akhund", "salahuddin", "farooqui", "faruqi", "", "a", "ab", "ba");
        for (String a : names) {
            for (String b : names) {
                assertThat(JaroWinkler.similarity(a, b)).as(a + " ~ " + b).isEqualTo(REFERENCE.apply(a, b));
                assertThat(JaroWinkler.similarity(a, b, POSITIONS)).as(a + " ~ " + b).isEqualTo(REFERENCE.apply(a, b));
                assertSameFromArrays(a, b, 2, 2);
            }
        }
    }
}
