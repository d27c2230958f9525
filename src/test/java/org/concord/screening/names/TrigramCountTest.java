package org.concord.screening.names;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;

/**
 * The index's trigram count ({@code NameIndex.Scratch.count}) lists exactly the texts that have at least
 * the trigrams needed, in the order a pass over every text met (each trigram's posting in turn, in the
 * query word's order) would list them: the words the index then compares, and the order it finds them
 * in, on which its sums and so its answers depend. Checked against that pass, with one scratch reused
 * over many rounds as a search reuses it.
 */
class TrigramCountTest {

    @Property(tries = 300)
    void theTextsReachingTheNeedInTheOrderFirstMet(
            @ForAll @Size(min = 1, max = 60) List<@StringLength(min = 1, max = 9) @CharRange(from = 'a', to = 'e') String> texts,
            @ForAll @Size(min = 1, max = 20) List<@StringLength(min = 1, max = 9) @CharRange(from = 'a', to = 'e') String> queries) {
        String[] all = texts.toArray(String[]::new);
        Map<String, int[]> postings = NameIndex.postings(all);
        NameIndex.Scratch s = new NameIndex.Scratch(1, all.length, 1);
        for (String query : queries) {
            List<String> trigrams = NameIndex.trigrams(query);
            for (int need = 1; need <= trigrams.size() + 1; need++) {
                List<Integer> expected = byEveryText(trigrams, postings, need);
                NameIndex.IntList passing = s.count(trigrams, postings, s.wordCounts, need);
                assertThat(toList(passing)).as(query + " need " + need + " in " + texts).isEqualTo(expected);
            }
        }
    }

    @Test
    void aQueryOfMoreTrigramsThanTheCountBitsHold() {
        List<String> words = new ArrayList<>();
        List<String> trigrams = new ArrayList<>();
        for (int i = 0; i < 1100; i++) {
            String t = "" + (char) ('a' + i % 26) + (char) ('a' + i / 26 % 26) + (char) ('a' + i / 676);
            trigrams.add(t);
        }
        Map<String, int[]> postings = new LinkedHashMap<>();
        for (int i = 0; i < trigrams.size(); i++) {
            // text x has trigram i when i is a multiple of x + 1
            List<Integer> holders = new ArrayList<>();
            for (int x = 0; x < 40; x++) {
                if (i % (x + 1) == 0) {
                    holders.add(x);
                }
            }
            postings.put(trigrams.get(i), holders.stream().mapToInt(Integer::intValue).toArray());
        }
        for (int x = 0; x < 40; x++) {
            words.add("w" + x);
        }
        NameIndex.Scratch s = new NameIndex.Scratch(1, words.size(), 1);
        for (int need : new int[] {1, 30, 100, 550, 1100}) {
            assertThat(toList(s.count(trigrams, postings, s.wordCounts, need))).as("need " + need)
                    .isEqualTo(byEveryText(trigrams, postings, need)).isNotEmpty();
        }
    }

    /** Every text's count, listed in the order first met in the postings. */
    private static List<Integer> byEveryText(List<String> trigrams, Map<String, int[]> postings, int need) {
        Map<Integer, Integer> counts = new LinkedHashMap<>();
        for (String trigram : trigrams) {
            for (int x : postings.getOrDefault(trigram, new int[0])) {
                counts.merge(x, 1, Integer::sum);
            }
        }
        List<Integer> out = new ArrayList<>();
        counts.forEach((x, c) -> {
            if (c >= need) {
                out.add(x);
            }
        });
        return out;
    }

    private static List<Integer> toList(NameIndex.IntList list) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < list.size; i++) {
            out.add(list.values[i]);
        }
        return out;
    }
}
