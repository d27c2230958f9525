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

    /**
     * A query word's trigrams counted in the index's postings list the texts with at least half of
     * them, each once, in the order counting every trigram's postings in turn first meets them (the order
     * the words found for a query word are kept and replayed in), round after round on the same arrays.
     */
    @Property(tries = 300)
    void theTextsCountedAreThoseWithHalfTheTrigramsInTheOrderFirstMet(
            @ForAll @Size(min = 1, max = 30) List<@StringLength(min = 1, max = 9) @CharRange(from = 'a', to = 'd') String> words,
            @ForAll @Size(min = 1, max = 4) List<@StringLength(min = 1, max = 9) @CharRange(from = 'a', to = 'd') String> queries) {
        String[] texts = new LinkedHashSet<>(words).toArray(String[]::new);
        java.util.Map<String, int[]> postings = NameIndex.postings(texts);
        NameIndex.Scratch scratch = new NameIndex.Scratch(1, texts.length, 1);
        for (String query : queries) {
            List<String> trigrams = NameIndex.trigrams(query);
            int need = Math.max(1, trigrams.size() / 2);
            List<Integer> expected = new ArrayList<>();
            for (String trigram : trigrams) {
                for (int k = 0; k < texts.length; k++) {
                    if (!expected.contains(k) && NameIndex.trigrams(texts[k]).contains(trigram)) {
                        expected.add(k);
                    }
                }
            }
            expected.removeIf(k -> NameIndex.trigrams(texts[k]).stream().filter(trigrams::contains).count() < need);
            scratch.count(trigrams, postings, scratch.wordCounts, need);
            List<Integer> reached = new ArrayList<>();
            for (int c = 0; c < scratch.reached.size; c++) {
                reached.add(scratch.reached.values[c]);
            }
            assertThat(reached).as(query + " in " + List.of(texts)).isEqualTo(expected);
        }
    }

    /** A query word of more trigrams than the count's bits hold (a long name read from another script) is counted as any other. */
    @Test
    void aWordOfManyTrigramsIsCountedAsAnyOther() {
        StringBuilder longWord = new StringBuilder();
        java.util.Random random = new java.util.Random(5);
        while (longWord.length() < 900) {
            longWord.append((char) ('a' + random.nextInt(26)));
        }
        String word = longWord.toString();
        String[] texts = {"abc", word.substring(0, 700), word.substring(300), word, "zzz"};
        java.util.Map<String, int[]> postings = NameIndex.postings(texts);
        NameIndex.Scratch scratch = new NameIndex.Scratch(1, texts.length, 1);
        List<String> trigrams = NameIndex.trigrams(word);
        assertThat(trigrams.size()).isGreaterThan(600);
        scratch.count(trigrams, postings, scratch.wordCounts, trigrams.size() / 2);
        List<Integer> reached = new ArrayList<>();
        for (int c = 0; c < scratch.reached.size; c++) {
            reached.add(scratch.reached.values[c]);
        }
        // the whole word holds every trigram from the first; its first 700 letters too; the last 600 from a later one
        assertThat(reached).containsExactly(1, 3, 2);
        // and the arrays serve a short word after it
        scratch.count(NameIndex.trigrams("abc"), postings, scratch.wordCounts, 2);
        assertThat(scratch.reached.size).isEqualTo(1);
        assertThat(scratch.reached.values[0]).isZero();
    }
}
