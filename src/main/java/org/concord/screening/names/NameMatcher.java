package org.concord.screening.names;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

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

    /**
     * A name with what its comparisons need computed once: the sorted and joined spellings and
     * skeletons, and the rarity of each word. An index keeps none of these for its names (it keeps
     * word ids) and prepares only the few names it scores in full.
     */
    static final class Prepared {
        final NameForms.Name name;
        final String sortedTokens;
        final String sortedSkeleton;
        final String skeleton;
        final String joinedTokens;
        final double[] tokenRarity;
        final double[] skeletonRarity;

        Prepared(NameForms.Name name, java.util.function.ToDoubleFunction<String> rarity) {
            this.name = name;
            this.sortedTokens = name.sortedTokens();
            this.sortedSkeleton = name.sortedSkeleton();
            this.skeleton = name.skeleton();
            this.joinedTokens = String.join("", name.tokens());
            this.tokenRarity = name.tokens().stream().mapToDouble(rarity).toArray();
            this.skeletonRarity = name.skeletons().stream().mapToDouble(rarity).toArray();
        }
    }

    /** The name prepared for comparisons with this matcher's rarity weights. */
    Prepared prepare(NameForms.Name name) {
        return new Prepared(name, rarity);
    }

    public Comparison compare(NameForms.Name query, NameForms.Name candidate) {
        Prepared q = prepare(query);
        Prepared c = prepare(candidate);
        double folded = foldedView(q, c);
        double skeleton = skeletonView(q, c);
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
        return score(prepare(query), prepare(candidate));
    }

    /** Just the score of two prepared names; the same as {@link #score(NameForms.Name, NameForms.Name)}. */
    double score(Prepared q, Prepared c) {
        return combine(foldedView(q, c), skeletonView(q, c), shared(q.name.phonetic(), c.name.phonetic()));
    }

    private double foldedView(Prepared q, Prepared c) {
        return view(q.name.tokens(), c.name.tokens(), q.tokenRarity, c.tokenRarity, similarity(q.sortedTokens, c.sortedTokens),
                q.joinedTokens, c.joinedTokens);
    }

    private double skeletonView(Prepared q, Prepared c) {
        if (q.name.script() == c.name.script()) {
            return 0;
        }
        double whole = Math.max(similarity(q.sortedSkeleton, c.sortedSkeleton), similarity(q.skeleton, c.skeleton));
        return view(q.name.skeletons(), c.name.skeletons(), q.skeletonRarity, c.skeletonRarity, whole, q.skeleton, c.skeleton);
    }

    /** The better of the spelling and 0.96 x the consonants, plus up to 0.04 for shared sounds. */
    private static double combine(double folded, double skeleton, double phonetic) {
        return Math.min(1.0, Math.max(folded, SKELETON_WEIGHT * skeleton) + PHONETIC_BONUS * phonetic);
    }

    public Thresholds thresholds() {
        return thresholds;
    }

    private static double view(List<String> a, List<String> b, double[] rarityA, double[] rarityB, double whole, String joinedA,
            String joinedB) {
        double ab = bestPartners(a, b, rarityA, rarityB);
        double ba = bestPartners(b, a, rarityB, rarityA);
        double both = (whole + (ab + ba) / 2) / 2;
        // a shorter name of two words or more, each found in the other (Abdul Manan in Abdul Manan Agha): nearly as good
        if (a.size() >= 2 && a.size() < b.size()) {
            both = Math.max(both, SUBSET_WEIGHT * ab);
        } else if (b.size() >= 2 && b.size() < a.size()) {
            both = Math.max(both, SUBSET_WEIGHT * ba);
        }
        // the same letters, split into words differently (Kakazada, کاکا زاده; Shahidkhel, شهيد خيل)
        double joined = similarity(joinedA, joinedB);
        return joined >= 0.95 ? Math.max(both, joined) : both;
    }

    /** Monge-Elkan: each word of a against its most similar word of b, averaged, weighed by rarity. */
    private static double bestPartners(List<String> a, List<String> b, double[] rarityA, double[] rarityB) {
        double sum = 0;
        double weights = 0;
        for (int i = 0; i < a.size(); i++) {
            String x = a.get(i);
            double best = 0;
            int partner = -1;
            for (int j = 0; j < b.size(); j++) {
                double s = similarity(x, b.get(j));
                if (s > best || partner < 0) {
                    best = s;
                    partner = j;
                }
            }
            // a word found in the other name weighs what the more common of the two spellings weighs
            // (a query may spell Mohammad in a way no listed name does); a word not found weighs its own rarity
            double weight = best >= FOUND && partner >= 0 ? Math.min(rarityA[i], rarityB[partner]) : rarityA[i];
            sum += weight * best;
            weights += weight;
        }
        return weights == 0 ? 0 : sum / weights;
    }

    static double similarity(String x, String y) {
        if (x.equals(y)) {
            return 1.0;
        }
        int from = particle(x);
        if (from > 0 && from == particle(y)) {
            return JaroWinkler.similarity(x.substring(from), y.substring(from));
        }
        return JaroWinkler.similarity(x, y);
    }

    /**
     * The same, with the words' particle already known ({@link #particle}) and the rest already cut:
     * what an index computes once per word instead of once per comparison.
     */
    static double similarity(String x, int xParticle, String xRest, String y, int yParticle, String yRest) {
        if (x.equals(y)) {
            return 1.0;
        }
        return xParticle > 0 && xParticle == yParticle ? JaroWinkler.similarity(xRest, yRest) : JaroWinkler.similarity(x, y);
    }

    /**
     * How many letters of a word are the particle "abd" (3: abdrahman) or its skeleton "bd" (2:
     * bdrhmn), which two words that both have it are compared without ("Abdul Rahman" and "Abdul
     * Karim" share only the particle); 0 for any other word.
     */
    static int particle(String word) {
        if (word.startsWith("abd") && word.length() > 3) {
            return 3;
        }
        return word.startsWith("bd") && word.length() > 2 ? 2 : 0;
    }

    /**
     * Whether some word of one name is spelled like some word of the other: Jaro-Winkler at least
     * 0.80 (with the "abd" particle set aside, as always), or the same consonant skeleton.
     */
    public static boolean shareAWord(NameForms.Name a, NameForms.Name b) {
        for (int i = 0; i < a.tokens().size(); i++) {
            for (int j = 0; j < b.tokens().size(); j++) {
                if (similarity(a.tokens().get(i), b.tokens().get(j)) >= 0.80 || a.skeletons().get(i).equals(b.skeletons().get(j))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The share of distinct phonetic keys the two names have in common (of the larger set of distinct keys). */
    private static double shared(List<String> a, List<String> b) {
        int distinctA = distinct(a);
        int distinctB = distinct(b);
        int common = 0;
        for (int i = 0; i < a.size(); i++) {
            if (a.indexOf(a.get(i)) == i && b.contains(a.get(i))) {
                common++;
            }
        }
        return (double) common / Math.max(1, Math.max(distinctA, distinctB));
    }

    private static int distinct(List<String> keys) {
        int n = 0;
        for (int i = 0; i < keys.size(); i++) {
            if (keys.indexOf(keys.get(i)) == i) {
                n++;
            }
        }
        return n;
    }
}
