package org.concord.screening.names;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An in-memory index of names for candidate retrieval: postings from character trigrams of each
 * name's consonant skeleton and folded spelling, and from each word's phonetic key, to the names that
 * have them. A query is scored only against the names that share the most keys with it, never against
 * every name. Immutable once built: build a new one to replace it, and swap.
 *
 * @param <R> what a name belongs to (a watchlist entry)
 */
public final class NameIndex<R> {

    /** How many candidates (by shared keys) are scored for one query. */
    static final int CANDIDATES = 400;

    /** One indexed name and what it belongs to. */
    public record Entry<R>(R owner, String kind, NameForms.Name name) {
    }

    /** A match: the owner, the name of it that matched best, and the comparison. */
    public record Hit<R>(R owner, Entry<R> entry, NameMatcher.Comparison comparison) {
    }

    private final List<Entry<R>> entries;
    private final Map<String, int[]> postings;
    private final NameMatcher matcher;

    private NameIndex(List<Entry<R>> entries, Map<String, int[]> postings, NameMatcher matcher) {
        this.entries = entries;
        this.postings = postings;
        this.matcher = matcher;
    }

    /** Builds an index of these names. */
    public static <R> NameIndex<R> build(List<Entry<R>> entries, NameMatcher matcher) {
        Map<String, List<Integer>> lists = new HashMap<>();
        for (int i = 0; i < entries.size(); i++) {
            for (String key : keys(entries.get(i).name())) {
                lists.computeIfAbsent(key, k -> new ArrayList<>()).add(i);
            }
        }
        Map<String, int[]> postings = new HashMap<>(lists.size() * 2);
        lists.forEach((key, ids) -> postings.put(key, ids.stream().mapToInt(Integer::intValue).toArray()));
        // how many names each word and each skeleton occurs in: common words weigh less in the score
        Map<String, Integer> frequency = new HashMap<>();
        for (Entry<R> entry : entries) {
            Set<String> words = new HashSet<>(entry.name().tokens());
            words.addAll(entry.name().skeletons());
            words.forEach(word -> frequency.merge(word, 1, Integer::sum));
        }
        return new NameIndex<>(List.copyOf(entries), postings, matcher.weighingRarity(frequency, entries.size()));
    }

    public int size() {
        return entries.size();
    }

    /** The retrieval keys of a name: skeleton and spelling trigrams, phonetic keys. */
    static Set<String> keys(NameForms.Name name) {
        Set<String> keys = new HashSet<>();
        for (String skeleton : name.skeletons()) {
            trigrams("s", "^" + skeleton + "$", keys);
        }
        for (String token : name.tokens()) {
            trigrams("t", "^" + token + "$", keys);
        }
        for (String key : name.phonetic()) {
            keys.add("p" + key);
        }
        return keys;
    }

    private static void trigrams(String prefix, String text, Set<String> into) {
        if (text.length() < 3) {
            into.add(prefix + text);
            return;
        }
        for (int i = 0; i + 3 <= text.length(); i++) {
            into.add(prefix + text.substring(i, i + 3));
        }
    }

    /**
     * The owners whose names score at least the review threshold against the query, best first, each
     * once, with its best-matching name.
     */
    public List<Hit<R>> search(NameForms.Name query, int limit) {
        Map<Integer, Integer> shared = new HashMap<>();
        for (String key : keys(query)) {
            int[] ids = postings.get(key);
            if (ids == null) {
                continue;
            }
            for (int id : ids) {
                shared.merge(id, 1, Integer::sum);
            }
        }
        Integer[] candidates = shared.keySet().toArray(Integer[]::new);
        Arrays.sort(candidates, Comparator.comparing((Integer id) -> shared.get(id)).reversed());
        Map<R, Hit<R>> best = new LinkedHashMap<>();
        double review = matcher.thresholds().review();
        for (int i = 0; i < Math.min(CANDIDATES, candidates.length); i++) {
            Entry<R> entry = entries.get(candidates[i]);
            double score = matcher.score(query, entry.name());
            if (score < review) {
                continue;
            }
            Hit<R> previous = best.get(entry.owner());
            if (previous == null || previous.comparison().score() < score) {
                best.put(entry.owner(), new Hit<>(entry.owner(), entry, matcher.compare(query, entry.name())));
            }
        }
        return best.values().stream()
                .sorted(Comparator.comparingDouble((Hit<R> h) -> h.comparison().score()).reversed())
                .limit(limit).toList();
    }
}
