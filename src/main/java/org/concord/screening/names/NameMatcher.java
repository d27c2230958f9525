package org.concord.screening.names;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.apache.commons.text.similarity.JaroWinklerSimilarity;

/**
 * Scores two names (0 to 1) and says why. Two views of each name are compared, and the better one
 * counts: the folded Latin spelling (for names written in the same script, or transliterated alike),
 * and the consonant skeleton (only between names written in different scripts, above all Arabic script against
 * another, as Arabic script does not write short vowels: between two Latin spellings the skeleton
 * would make Khaled and Kholid one name). Each view is compared as a whole with the words sorted (word order
 * does not count) and word by word (each word against its best partner, both ways, so that a missing
 * middle name costs something but not everything), with Jaro-Winkler. Shared phonetic keys (Double
 * Metaphone) add a little (at most 0.04). Two words that both begin with "abd" are compared on what follows it: that
 * "Abdul Rahman" and "Abdul Karim" share the particle says nothing.
 */
public final class NameMatcher {

    private static final JaroWinklerSimilarity JW = new JaroWinklerSimilarity();

    private static final double SKELETON_WEIGHT = 0.96;
    private static final double PHONETIC_BONUS = 0.04;
    private static final double SUBSET_WEIGHT = 0.90;

    /** A word at least this similar to its partner counts as found, and weighs what the rarer of the two weighs. */
    private static final double FOUND = 0.85;

    private final Thresholds thresholds;
    private final java.util.function.ToDoubleFunction<String> rarity;

    public NameMatcher(Thresholds thresholds) {
        this(thresholds, word -> 1.0);
    }

    private NameMatcher(Thresholds thresholds, java.util.function.ToDoubleFunction<String> rarity) {
        this.thresholds = thresholds;
        this.rarity = rarity;
    }

    /**
     * This matcher, weighing each word by how rare it is among {@code names} names (inverse document
     * frequency, scaled to 0.1..1): agreeing on "Mohammad", "Abdul", "Haji" or "Akhund", which many listed names
     * share, says less about two names being one than agreeing on "Baradar"; a word never seen weighs 1.
     *
     * @param frequency in how many names each folded word and each consonant skeleton occurs
     */
    public NameMatcher weighingRarity(java.util.Map<String, Integer> frequency, int names) {
        double most = Math.log(names + 1.0);
        return new NameMatcher(thresholds, word -> {
            Integer df = frequency.get(word);
            if (df == null || names < 20) {
                return 1.0;
            }
            return Math.max(0.1, Math.min(1.0, Math.log((names + 1.0) / df) / most * 1.6));
        });
    }

    /** The score of two names, its band and why. */
    public record Comparison(double score, Band band, List<String> why) {
    }

    public Comparison compare(NameForms.Name query, NameForms.Name candidate) {
        double folded = view(query.tokens(), candidate.tokens(), query.sortedTokens(), candidate.sortedTokens(), query.sortedTokens(),
                candidate.sortedTokens());
        double skeleton = query.script() == candidate.script() ? 0 : view(query.skeletons(), candidate.skeletons(),
                query.sortedSkeleton(), candidate.sortedSkeleton(), query.skeleton(), candidate.skeleton());
        double phonetic = shared(query.phonetic(), candidate.phonetic());
        // the skeleton throws vowels away, so it agrees more easily: it counts a little less
        double score = combine(folded, skeleton, phonetic);
        List<String> why = new ArrayList<>();
        why.add(String.format(Locale.ROOT, "spelling '%s' ~ '%s' %.2f", query.sortedTokens(), candidate.sortedTokens(), folded));
        why.add(String.format(Locale.ROOT, "consonants '%s' ~ '%s' %.2f", String.join(" ", query.skeletons()),
                String.join(" ", candidate.skeletons()), skeleton));
        Set<String> keys = new LinkedHashSet<>(query.phonetic());
        keys.retainAll(Set.copyOf(candidate.phonetic()));
        why.add(String.format(Locale.ROOT, "sounds %s %.2f", keys.isEmpty() ? "(none shared)" : String.join(" ", keys), phonetic));
        if (!query.latin().equals(query.written().toLowerCase(Locale.ROOT).strip())) {
            why.add("'" + query.written().strip() + "' read as '" + query.latin() + "'");
        }
        if (!candidate.latin().equals(candidate.written().toLowerCase(Locale.ROOT).strip())) {
            why.add("'" + candidate.written().strip() + "' read as '" + candidate.latin() + "'");
        }
        why.add(String.format(Locale.ROOT, "score %.3f (the better of spelling and 0.96 x consonants, plus 0.04 x sounds)",
                score));
        return new Comparison(score, thresholds.band(score), List.copyOf(why));
    }

    /** Just the score, for ranking. */
    public double score(NameForms.Name query, NameForms.Name candidate) {
        double folded = view(query.tokens(), candidate.tokens(), query.sortedTokens(), candidate.sortedTokens(), query.sortedTokens(),
                candidate.sortedTokens());
        double skeleton = query.script() == candidate.script() ? 0 : view(query.skeletons(), candidate.skeletons(),
                query.sortedSkeleton(), candidate.sortedSkeleton(), query.skeleton(), candidate.skeleton());
        double phonetic = shared(query.phonetic(), candidate.phonetic());
        return combine(folded, skeleton, phonetic);
    }

    /** The better of the spelling and 0.96 x the consonants, plus up to 0.04 for shared sounds. */
    private static double combine(double folded, double skeleton, double phonetic) {
        return Math.min(1.0, Math.max(folded, SKELETON_WEIGHT * skeleton) + PHONETIC_BONUS * phonetic);
    }

    public Thresholds thresholds() {
        return thresholds;
    }

    private double view(List<String> a, List<String> b, String sortedA, String sortedB, String orderedA, String orderedB) {
        double whole = Math.max(similarity(sortedA, sortedB), similarity(orderedA, orderedB));
        double words = (bestPartners(a, b) + bestPartners(b, a)) / 2;
        double both = (whole + words) / 2;
        // a shorter name of two words or more, each found in the other (Abdul Manan in Abdul Manan Agha): nearly as good
        List<String> shorter = a.size() <= b.size() ? a : b;
        List<String> longer = shorter == a ? b : a;
        if (shorter.size() >= 2 && shorter.size() < longer.size()) {
            both = Math.max(both, SUBSET_WEIGHT * bestPartners(shorter, longer));
        }
        // the same letters, split into words differently (Kakazada, کاکا زاده; Shahidkhel, شهيد خيل)
        double joined = similarity(String.join("", a), String.join("", b));
        return joined >= 0.95 ? Math.max(both, joined) : both;
    }

    /** Monge-Elkan: each word of a against its most similar word of b, averaged. */
    private double bestPartners(List<String> a, List<String> b) {
        double sum = 0;
        double weights = 0;
        for (String x : a) {
            double best = 0;
            String partner = null;
            for (String y : b) {
                double s = similarity(x, y);
                if (s > best || partner == null) {
                    best = s;
                    partner = y;
                }
            }
            // a word found in the other name weighs what the more common of the two spellings weighs
            // (a query may spell Mohammad in a way no listed name does); a word not found weighs its own rarity
            double weight = best >= FOUND ? Math.min(rarity.applyAsDouble(x), rarity.applyAsDouble(partner)) : rarity.applyAsDouble(x);
            sum += weight * best;
            weights += weight;
        }
        return weights == 0 ? 0 : sum / weights;
    }

    static double similarity(String x, String y) {
        if (x.equals(y)) {
            return 1.0;
        }
        String a = x;
        String b = y;
        if (a.startsWith("abd") && b.startsWith("abd") && a.length() > 3 && b.length() > 3) {
            a = a.substring(3);
            b = b.substring(3);
        } else if (a.startsWith("bd") && b.startsWith("bd") && a.length() > 2 && b.length() > 2) {
            a = a.substring(2);
            b = b.substring(2);
        }
        return JW.apply(a, b);
    }

    /** The share of phonetic keys the two names have in common (of the smaller set). */
    private static double shared(List<String> a, List<String> b) {
        Set<String> x = Set.copyOf(a);
        Set<String> y = Set.copyOf(b);
        long common = x.stream().filter(y::contains).count();
        return (double) common / Math.max(1, Math.max(x.size(), y.size()));
    }
}
