package org.concord.screening.names;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

import org.junit.jupiter.api.Test;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;

/**
 * The index's words kept as letters in one array ({@code NameIndex.Letters}) give the search what it
 * had from each word's string: the same similarity to a query word (the "abd" particle set aside when
 * both have it, equal words 1), the same letter set and common prefix for the bound before it.
 */
class IndexLettersTest {

    private static final long[] POSITIONS = new long[128];

    @Property(tries = 300)
    void theSearchSeesEachWordAsItsString(@ForAll @Size(min = 1, max = 12) List<@StringLength(min = 1, max = 9) @CharRange(from = 'a', to = 'e') String> stems,
            @ForAll @Size(min = 1, max = 12) List<@StringLength(max = 9) @CharRange(from = 'a', to = 'e') String> queryStems) {
        // with and without the particle and its skeleton, so that both sides have it in some pairs
        List<String> words = new ArrayList<>(withParticles(stems));
        NameIndex.Letters letters = new NameIndex.Letters(words.toArray(String[]::new));
        for (String query : withParticles(queryStems)) {
            if (query.isEmpty()) {
                continue;
            }
            char[] q = query.toCharArray();
            int qp = NameMatcher.particle(query);
            String qRest = query.substring(qp);
            for (int k = 0; k < words.size(); k++) {
                String word = words.get(k);
                int wp = NameMatcher.particle(word);
                String wRest = word.substring(wp);
                assertThat(letters.particle(k)).isEqualTo(wp);
                assertThat(letters.similarity(q, qp, k, POSITIONS)).as(query + " ~ " + word)
                        .isEqualTo(NameMatcher.similarity(query, qp, qRest, word, wp, wRest, POSITIONS));
                boolean cut = qp > 0 && qp == wp;
                assertThat(letters.lettersOf(qp, k)).as(query + " ~ " + word).isEqualTo(NameIndex.letters(cut ? wRest : word));
                assertThat(letters.prefixOf(q, qp, k)).as(query + " ~ " + word).isEqualTo(NameIndex.prefix(cut ? qRest : query, cut ? wRest : word));
                assertThat(POSITIONS).containsOnly(0L);
            }
        }
    }

    @Test
    void equalWordsAreOneAndWordsWithTheParticleAreComparedWithoutIt() {
        NameIndex.Letters letters = new NameIndex.Letters(new String[] {"abdulrahman", "abdulkarim", "rahman", "bdlrhmn"});
        assertThat(letters.similarity("abdulrahman".toCharArray(), 3, 0, POSITIONS)).isEqualTo(1.0);
        assertThat(letters.similarity("abdulrahman".toCharArray(), 3, 1, POSITIONS))
                .isEqualTo(JaroWinkler.similarity("ulrahman", "ulkarim")).isLessThan(JaroWinkler.similarity("abdulrahman", "abdulkarim"));
        assertThat(letters.similarity("rahman".toCharArray(), 0, 2, POSITIONS)).isEqualTo(1.0);
        assertThat(letters.similarity("bdlrhmn".toCharArray(), 2, 3, POSITIONS)).isEqualTo(1.0);
        assertThat(letters.particle(0)).isEqualTo(3);
        assertThat(letters.particle(3)).isEqualTo(2);
        assertThat(letters.particle(2)).isZero();
    }

    private static List<String> withParticles(List<String> stems) {
        LinkedHashSet<String> out = new LinkedHashSet<>();
        for (String stem : stems) {
            out.add(stem);
            out.add("abd" + stem);
            out.add("bd" + stem);
        }
        return new ArrayList<>(out);
    }
}
