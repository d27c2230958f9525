package org.concord.screening.names;

import java.util.List;
import java.util.Locale;

/**
 * Scores two names (0 to 1) and says why. Two views of each name are compared, and the better one
 * counts: the folded Latin spelling (for names written in the same script, or transliterated alike),
 * and the consonant skeleton (between names written in different scripts, above all Arabic script against
 * another, as Arabic script does not write short vowels; between two Latin spellings it counts less,
 * {@link #LATIN_SKELETON}, and only when both write as many glides ({@link #glides}): it would make Hasan and Husayn one
 * name; between two names in another
 * same script not at all). Each view is compared as a whole with the words sorted (word order
 * does not count) and word by word (each word against its best partner, both ways, so that a missing
 * middle name costs something but not everything), with Jaro-Winkler. Shared phonetic keys (Double
 * Metaphone) add a little (at most 0.04). Two words that both begin with "abd" are compared on what follows it: that
 * "Abdul Rahman" and "Abdul Karim" share the particle says nothing.
 */
public final class NameMatcher {

    private static final double SKELETON_WEIGHT = 0.96;
    /**
     * Between two names in Latin letters the consonants' view counts this much of what it counts between two scripts:
     * two Latin spellings of one Arabic or Persian name differ most in their vowels (Silsilet and Selselat, Noori and
     * Nuri, Patek and Pa'tek), which the spelling's Jaro-Winkler counts against them, but two Latin spellings also
     * write the long vowels that tell Hasan from Husayn, which the skeleton throws away: so it counts less, and seldom
     * decides alone (0.90 x 0.96 of the consonants, plus the sounds, is at most 0.904, under the match band). Chosen on
     * the development set: 0.90 found 4 more and no wrong match more; 0.93 and 0.95 added wrong matches (BENCHMARKS.md).
     */
    static final double LATIN_SKELETON = 0.90;
    /**
     * How much of itself the consonants' view counts when it reads a name in Arabic script another way than the Latin
     * spellings of Arabic do ({@link Prepared#persianReadings}: ق as gh, as Iran writes it): a reading that needs the other
     * sound is a little less sure than one that does not. Ghasem Soleimani against قاسم سلیمانی scores 0.98, a match,
     * under Qasem Soleimani's 1.00.
     */
    static final double ANOTHER_READING = 0.98;
    /** The most words of qaf in a name read every way (2^3 - 1 readings); a name with more is read with all of them as gh too. */
    static final int QAF_WORDS = 3;
    private static final Prepared[] NO_READINGS = {};
    /**
     * Taken off the consonants' view between a name in Arabic script and one in Latin letters for each word whose
     * consonants are the other's but whose long vowels are not ({@link #anotherVowel}: Muhammad and محمود, Mahmood and
     * محمد, Hasan and حسين, Saeed and سعد all share their consonants, and scored 0.96-1.00, matches), for at most two
     * such words: the two names are then for review, not a match.
     */
    static final double ANOTHER_VOWEL = 0.10;
    /**
     * The most consonants of a word whose long vowels {@link #vowelsApart} reads: given names are short (Hasan, Husayn,
     * Muhammad, Mahmud, Saad, Saeed: 2-4), and two names of five consonants alike are seldom two names; a longer word is
     * more often a word borrowed from English, whose a is ay (لبریشن, liberation).
     */
    static final int VOWELS_TELL = 4;
    private static final double PHONETIC_BONUS = 0.04;
    private static final double SUBSET_WEIGHT = 0.90;
    /** A shorter name found in a longer one scores at least this much of its word-by-word score, more as it covers more of the longer one. */
    private static final double PART_WEIGHT = 0.70;
    /** How much the sorted words compared as one string count against the word-by-word measure (0.5 until 2026-12-04). */
    private static final double WHOLE_WEIGHT = 0.3;

    /** A word at least this similar to its partner counts as found, and weighs what the rarer of the two weighs. */
    private static final double FOUND = 0.85;

    /**
     * Two names of at least {@link #FAMILY_WORDS} words each whose first words are alike in nothing (each under
     * {@link #UNALIKE} against every word of the other) lose {@link #ANOTHER_OF_THE_FAMILY}: the rest of the name is
     * the family's (a father's and grandfather's names, a tribe), the first the person's own. "Bashar Sab'awi Ibrahim
     * Hasan al-Tikriti" and "Omar Sab'awi Ibrahim Hasan al-Tikriti" are brothers, both listed; without this they
     * scored 0.996 (match), now under the match band, for an officer to review. Two spellings of one given name are
     * alike (Husayn, Hussein 0.8 and more), so they keep their score; the cut and the penalty were chosen on the
     * development set (BENCHMARKS.md).
     */
    static final int FAMILY_WORDS = 3;
    static final double UNALIKE = 0.75;
    static final double ANOTHER_OF_THE_FAMILY = 0.08;

    /**
     * Two names each with a word of direction, and no direction in common, lose {@link #ANOTHER_PLACE}: "State
     * Establishment for Housing Implementation of Southern Area" and "... of Northern Area" are two bodies of the UN
     * list, alike in five words of six and, in one long string, 0.97 (a match) without this. A word of direction names
     * a region or a branch, and what else the two names share is often the parent body's or the kind of body: for an
     * officer to review. The same direction written two ways (South, Southern) is one place; a name with no word of
     * direction may just leave its region out, and is left to the other rules.
     */
    static final double ANOTHER_PLACE = 0.10;

    /**
     * The countries whose English name is one word (the JDK's ISO 3166 list: Libya, Yemen, Tunisia, Syria...), as
     * folded words. Two names in Latin letters that do not name the same countries lose {@link #ANOTHER_PLACE} too:
     * a branch is often its parent's name and a country ("Islamic State in Iraq and the Levant in Libya", "Ansar
     * al-Sharia in Tunisia"), and scored 0.95-0.995 against the parent. Unlike a word of direction, a country named in
     * one name only counts: an organisation's name does not leave its country out the way a region may be left out.
     */
    static final java.util.Set<String> COUNTRIES = java.util.Arrays.stream(java.util.Locale.getISOCountries())
            .map(code -> new java.util.Locale("", code).getDisplayCountry(java.util.Locale.ENGLISH).toLowerCase(java.util.Locale.ROOT))
            .filter(name -> name.matches("[a-z]+")).collect(java.util.stream.Collectors.toUnmodifiableSet());

    /**
     * In the consonants' view, a shorter name counts as found inside a longer one (the two rules of {@link #view} for
     * a part of a name) only when each of its skeletons has at least this many consonants. A skeleton of one or two
     * (Yemen and Amin are both {@code mn}, Qaida {@code kd}, Allah {@code l}) is found in nearly any long name in
     * Arabic script: "Al-Qaida in Yemen" was 0.96 inside امین الله امین قدوس (Aminullah Amin Quddus), and "Sedoy" 0.98
     * inside سعد الدين سيد. The spelling's view keeps the rules for every word: its words keep their vowels.
     */
    static final int PART_CONSONANTS = 3;
    private static final java.util.Map<String, String> DIRECTIONS = directions();

    private static java.util.Map<String, String> directions() {
        java.util.Map<String, String> directions = new java.util.HashMap<>();
        for (String[] d : new String[][] {{"n", "north", "northern"}, {"s", "south", "southern"}, {"e", "east", "eastern"},
            {"w", "west", "western"}, {"ne", "northeast", "northeastern"},
            {"nw", "northwest", "northwestern"}, {"se", "southeast", "southeastern"},
            {"sw", "southwest", "southwestern"}, {"c", "central", "centre", "center", "middle"}}) {
            for (int i = 1; i < d.length; i++) {
                directions.put(d[i], d[0]);
            }
        }
        return java.util.Map.copyOf(directions);
    }

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
     * The words that say what legal form a body has, and their consonant skeletons: where the matcher weighs rarity
     * they weigh the least a word weighs, however rarely a list writes them. They say little of which body a name is
     * ("Al Wafa" is the "Al Wafa Organization", the Sulaimaniyah Sugar State Company its "Sugar State Enterprise"),
     * and a list that holds few companies would otherwise weigh "company" as much as a rare family name.
     */
    static final java.util.Set<String> LEGAL_FORMS = legalForms("company", "corporation", "limited", "incorporated", "organization",
            "establishment", "enterprise");

    private static java.util.Set<String> legalForms(String... words) {
        java.util.Set<String> forms = new java.util.HashSet<>();
        for (String word : words) {
            forms.add(word);
            forms.add(NameForms.skeleton(word));
        }
        return java.util.Set.copyOf(forms);
    }

    /** The least a word weighs where the matcher weighs rarity: the commonest words, and {@link #LEGAL_FORMS}. */
    private static final double LEAST_WEIGHT = 0.1;

    /**
     * This matcher, weighing each word by how rare it is among {@code names} names (inverse document
     * frequency, scaled to {@link #LEAST_WEIGHT}..1): agreeing on "Mohammad", "Abdul", "Haji" or "Akhund", which many listed names
     * share, says less about two names being one than agreeing on "Baradar"; a word never seen weighs 1.
     *
     * @param frequency in how many names each folded word and each consonant skeleton occurs
     */
    public NameMatcher weighingRarity(java.util.Map<String, Integer> frequency, int names) {
        double most = Math.log(names + 1.0);
        return new NameMatcher(thresholds, word -> {
            if (names < 20) {
                return 1.0;
            }
            if (LEGAL_FORMS.contains(word)) {
                return LEAST_WEIGHT;
            }
            Integer df = frequency.get(word);
            if (df == null) {
                return 1.0;
            }
            return Math.max(LEAST_WEIGHT, Math.min(1.0, Math.log((names + 1.0) / df) / most * 1.6));
        });
    }

    /** The score of two names, its band and why. */
    public record Comparison(double score, Band band, List<String> why) {
    }

    /**
     * A name with what its comparisons need computed once: its words, consonant skeletons and phonetic
     * keys as arrays, each word's and skeleton's particle ({@link #particle}) and what follows it, the
     * rarity of each, and the sorted and joined spellings (the skeleton's only once a comparison with a
     * name in another script asks for them). An index keeps none of these for its names (it keeps word
     * ids, and each distinct word's particle and rarity once) and prepares only the names it scores in
     * full, from those.
     */
    static final class Prepared {
        final String[] tokens;
        final String[] skeletons;
        final String[] phonetic;
        final int[] tokenParticle;
        final String[] tokenRest;
        final int[] skeletonParticle;
        final String[] skeletonRest;
        final double[] tokenRarity;
        final double[] skeletonRarity;
        final Character.UnicodeScript script;
        final String sortedTokens;
        final String joinedTokens;
        private String skeleton;
        private String sortedSkeleton;
        /** Whether a word of the name is a word of direction ({@link #ANOTHER_PLACE}): 0 not yet known, 1 no, 2 yes. */
        private byte direction;
        /** The glides the name's words write ({@link NameMatcher#glides(String[])}); -1 not yet counted. */
        private int glides = -1;

        /** {@link #persianReadings()}, once read. */
        private Prepared[] persian;

        /**
         * The name read from Arabic script with its qafs read as gh, the way Iran's Latin spellings write it
         * ({@link NameForms#persianQafSkeleton}), each qaf word one way or the other (a Latin spelling may write one
         * of them q and another gh: Mohammad Bagher Qalibaf): its words and sounds as they are, its consonants read
         * again. None when it is not written in Arabic script or has no qaf; with more than {@link #QAF_WORDS} words
         * of qaf, only all of them read as gh. Read once, when first asked.
         */
        Prepared[] persianReadings() {
            if (persian == null) {
                persian = NO_READINGS;
                if (script == Character.UnicodeScript.ARABIC) {
                    int[] at = new int[tokens.length];
                    String[] reading = new String[tokens.length];
                    int n = 0;
                    for (int i = 0; i < tokens.length; i++) {
                        String read = NameForms.persianQafSkeleton(tokens[i]);
                        if (read != null) {
                            at[n] = i;
                            reading[n++] = read;
                        }
                    }
                    if (n > 0) {
                        // every choice of the qaf words read as gh (a bit each, at least one set), or only all of them
                        int all = (1 << Math.min(n, 30)) - 1;
                        int first = n <= QAF_WORDS ? 1 : all;
                        persian = new Prepared[all - first + 1];
                        int made = 0;
                        for (int choice = first; choice <= all; choice++) {
                            String[] other = skeletons.clone();
                            for (int j = 0; j < n; j++) {
                                if (n > QAF_WORDS || (choice & 1 << j) != 0) {
                                    other[at[j]] = reading[j];
                                }
                            }
                            // a word weighs what it weighs however its consonants are read
                            persian[made++] = new Prepared(tokens, other, phonetic, tokenParticle, tokenRest, null, null, tokenRarity,
                                    skeletonRarity, script);
                        }
                    }
                }
            }
            return persian;
        }

        /** The glides the name's words write, counted once: a query's, for every candidate it is scored against. */
        int glides() {
            if (glides < 0) {
                glides = NameMatcher.glides(tokens);
            }
            return glides;
        }

        /** The countries the name's words name ({@link #COUNTRIES}), found once; empty if none. */
        private java.util.Set<String> countries;

        java.util.Set<String> countries() {
            if (countries == null) {
                java.util.Set<String> found = null;
                for (String token : tokens) {
                    if (COUNTRIES.contains(token)) {
                        found = found == null ? new java.util.TreeSet<>() : found;
                        found.add(token);
                    }
                }
                countries = found == null ? java.util.Set.of() : found;
            }
            return countries;
        }

        /** Whether a word of the name is a word of direction, found once. */
        boolean hasDirection() {
            if (direction == 0) {
                direction = 1;
                for (String token : tokens) {
                    if (DIRECTIONS.containsKey(token)) {
                        direction = 2;
                        break;
                    }
                }
            }
            return direction == 2;
        }

        /** A name given whole: its particles cut and its rarities looked up here. */
        Prepared(NameForms.Name name, java.util.function.ToDoubleFunction<String> rarity) {
            this(name.tokens().toArray(String[]::new), name.skeletons().toArray(String[]::new), name.phonetic().toArray(String[]::new),
                    null, null, null, null, name.tokens().stream().mapToDouble(rarity).toArray(),
                    name.skeletons().stream().mapToDouble(rarity).toArray(), name.script());
        }

        /**
         * A name from parts already computed (an index's words); a null particle array is computed
         * here. The arrays are kept, not copied.
         */
        Prepared(String[] tokens, String[] skeletons, String[] phonetic, int[] tokenParticle, String[] tokenRest, int[] skeletonParticle,
                String[] skeletonRest, double[] tokenRarity, double[] skeletonRarity, Character.UnicodeScript script) {
            this.tokens = tokens;
            this.skeletons = skeletons;
            this.phonetic = phonetic;
            if (tokenParticle == null) {
                tokenParticle = new int[tokens.length];
                tokenRest = new String[tokens.length];
                cut(tokens, tokenParticle, tokenRest);
            }
            if (skeletonParticle == null) {
                skeletonParticle = new int[skeletons.length];
                skeletonRest = new String[skeletons.length];
                cut(skeletons, skeletonParticle, skeletonRest);
            }
            this.tokenParticle = tokenParticle;
            this.tokenRest = tokenRest;
            this.skeletonParticle = skeletonParticle;
            this.skeletonRest = skeletonRest;
            this.tokenRarity = tokenRarity;
            this.skeletonRarity = skeletonRarity;
            this.script = script;
            // what NameForms.Name's sortedTokens() gives: the words sorted, joined by a space
            this.sortedTokens = sortedJoined(tokens, " ");
            this.joinedTokens = String.join("", tokens);
        }

        private static void cut(String[] words, int[] particle, String[] rest) {
            for (int j = 0; j < words.length; j++) {
                particle[j] = particle(words[j]);
                rest[j] = words[j].substring(particle[j]);
            }
        }

        private static String sortedJoined(String[] words, String separator) {
            if (words.length == 1) {
                return words[0];
            }
            String[] sorted = words.clone();
            java.util.Arrays.sort(sorted);
            return String.join(separator, sorted);
        }

        /** The consonant skeletons joined without spaces, in written order. */
        String skeleton() {
            if (skeleton == null) {
                skeleton = String.join("", skeletons);
            }
            return skeleton;
        }

        /** The consonant skeletons, sorted, joined without spaces. */
        String sortedSkeleton() {
            if (sortedSkeleton == null) {
                sortedSkeleton = sortedJoined(skeletons, "");
            }
            return sortedSkeleton;
        }
    }

    /** The name prepared for comparisons with this matcher's rarity weights. */
    Prepared prepare(NameForms.Name name) {
        return new Prepared(name, rarity);
    }

    /** How much a word (or a consonant skeleton) weighs: 1, or less for a common one once the matcher weighs rarity. */
    double rarity(String word) {
        return rarity.applyAsDouble(word);
    }

    public Comparison compare(NameForms.Name query, NameForms.Name candidate) {
        Prepared q = prepare(query);
        Prepared c = prepare(candidate);
        double folded = foldedView(q, c);
        double skeleton = skeletonView(q, c);
        double phonetic = sounds(q, c);
        // the skeleton throws vowels away, so it agrees more easily: it counts a little less
        double score = combine(folded, skeleton, phonetic);
        return new Comparison(score, thresholds.band(score), explain(q, c, readAs(query), readAs(candidate), folded, skeleton, phonetic, score));
    }

    /**
     * The line of an explanation that says how a name was read: how one not written in plain Latin letters
     * reads in them, and the words a Korean name was read as ({@link KoreanNames}); null for a name in plain
     * Latin letters read as it is written.
     */
    static String readAs(NameForms.Name name) {
        return readAs(name.written(), name.latin(), name.latin().equals(name.written().toLowerCase(Locale.ROOT).strip()), name.abjad());
    }

    /**
     * The same, for a name written as {@code written} and read in Latin letters as {@code latin}: its written form
     * in lower case ({@code plain}) or not, and written mostly in Arabic script ({@code abjad}) or not.
     */
    static String readAs(String written, String latin, boolean plain, boolean abjad) {
        String as = plain ? null : "'" + written.strip() + "' read as '" + latin + "'";
        String translated = NameForms.bodyWordsIn(latin);
        if (translated != null) {
            as = (as == null ? "'" + written.strip() + "'" : as) + ", " + translated;
        }
        List<String> korean = abjad ? null : KoreanNames.read(List.of(latin.strip().split(" +")));
        if (korean == null) {
            return as;
        }
        String reading = "a Korean name, the same in every romanisation: '" + String.join(" ", korean) + "'";
        return as == null ? "'" + written.strip() + "' read as " + reading : as + ", " + reading;
    }

    /**
     * Why two names scored what they did: the figures of each view, the sounds they share, how each was
     * read when it is not plain Latin ({@link #readAs}, null when it is), and the score. The same
     * text {@link #compare} has always given, built without a formatter ({@link Decimals}).
     */
    static List<String> explain(Prepared q, Prepared c, String queryReadAs, String candidateReadAs, double folded, double skeleton,
            double phonetic, double score) {
        // said of the view the score came from (combine: the better of the spelling and 0.96 x the consonants)
        boolean family = folded >= SKELETON_WEIGHT * skeleton
                ? anotherOfTheFamily(q.tokens, q.tokenParticle, q.tokenRest, c.tokens, c.tokenParticle, c.tokenRest)
                : anotherOfTheFamily(q.skeletons, q.skeletonParticle, q.skeletonRest, c.skeletons, c.skeletonParticle, c.skeletonRest);
        // said of the spelling's view, the one the rule is applied in (a skeleton is never a word of direction)
        String places = folded >= SKELETON_WEIGHT * skeleton ? anotherPlace(q, c) : null;
        Prepared[] read = skeletonReadings(q, c);
        // said of the consonants' view as read, when its long vowels took something off it
        StringBuilder apart = new StringBuilder();
        int wordsApart = Math.min(2, vowelsApart(read[0], read[1], apart));
        String vowels = wordsApart == 0 ? null : apart + (wordsApart > 1 ? ", and one word more" : "") + ": another name, -"
                + Decimals.fixed(wordsApart * ANOTHER_VOWEL, 2) + " off the consonants";
        String[] why = new String[4 + (queryReadAs == null ? 0 : 1) + (candidateReadAs == null ? 0 : 1) + (family ? 1 : 0) + (vowels != null ? 1 : 0)
                + (places != null ? 1 : 0)];
        int at = 0;
        why[at++] = "spelling '" + q.sortedTokens + "' ~ '" + c.sortedTokens + "' " + Decimals.fixed(folded, 2);
        why[at++] = "consonants '" + String.join(" ", read[0].skeletons) + "' ~ '" + String.join(" ", read[1].skeletons) + "' "
                + Decimals.fixed(skeleton, 2) + (read[0] != q || read[1] != c
                        ? " (ق read as gh, the Persian way, " + Decimals.fixed(ANOTHER_READING, 2) + " x)"
                        : !bothLatin(q, c) ? "" : q.glides() == c.glides()
                        ? " (" + Decimals.fixed(LATIN_SKELETON, 2) + " x, two Latin spellings)"
                        : " (not counted: two Latin spellings, one with more glides, ai ay ae ei ey, than the other)");
        // the query's keys, each once, in order, that the candidate has too
        StringBuilder keys = new StringBuilder();
        for (int i = 0; i < q.phonetic.length; i++) {
            if (firstAt(q.phonetic, i) && soundShared(q, i, c)) {
                keys.append(keys.length() == 0 ? "" : " ").append(q.phonetic[i]);
            }
        }
        why[at++] = "sounds " + (keys.length() == 0 ? "(none shared)" : keys.toString()) + " " + Decimals.fixed(phonetic, 2);
        if (queryReadAs != null) {
            why[at++] = queryReadAs;
        }
        if (candidateReadAs != null) {
            why[at++] = candidateReadAs;
        }
        if (vowels != null) {
            why[at++] = vowels;
        }
        if (family) {
            why[at++] = "first words '" + q.tokens[0] + "' and '" + c.tokens[0] + "' alike in nothing: perhaps two of one family, each with a name of its own, -"
                    + Decimals.fixed(ANOTHER_OF_THE_FAMILY, 2);
        }
        if (places != null) {
            why[at++] = places + ": two places, or two branches of one body, -" + Decimals.fixed(ANOTHER_PLACE, 2);
        }
        why[at] = "score " + Decimals.fixed(score, 3) + " (the better of spelling and 0.96 x consonants, plus 0.04 x sounds)";
        return List.of(why);
    }

    /**
     * Taken off by {@link #againstAPerson} when a name that says it is an organisation's is compared with a listed
     * person's: "Muhammad Jamal Group" scored 0.93 (a match) against Muhammad Jamal, who is listed, and the group
     * is listed apart. An officer should see the two side by side, not be told they are one.
     */
    static final double ANOTHER_KIND = 0.10;

    /**
     * The comparison of {@code query} with a name of a listed person: less {@link #ANOTHER_KIND}, and said why, when
     * the query names a kind of body ({@link NameForms#kindOfBody}: group, network, company...); as it was otherwise.
     */
    public Comparison againstAPerson(Comparison comparison, NameForms.Name query) {
        String kind = NameForms.kindOfBody(query);
        if (kind == null) {
            return comparison;
        }
        return lessFor(comparison, "'" + kind + "' names a kind of body, and the entry listed is a person", "a body's name against a person's",
                ANOTHER_KIND);
    }

    /**
     * The comparison of a query that gives a date of birth with a name of a listed body: less {@link #ANOTHER_KIND}, and
     * said why. Only a person is born: "Muhammad Jamal" with his year of birth scored as a match against the Muhammad
     * Jamal Network, named after him and listed apart.
     */
    public Comparison againstABody(Comparison comparison) {
        return lessFor(comparison, "a date of birth is given, so the name is a person's, and the entry listed is a body",
                "a person's name against a body's", ANOTHER_KIND);
    }

    /** The words that may stand before a person's own given name as a part of it (Mohammad Moslim is Moslim). */
    static final java.util.Set<String> BEFORE_A_GIVEN_NAME = java.util.Set.of("muhammad", "mohammad", "mohammed", "muhammed", "mohamed",
            "mohamad", "muhamad", "mohd", "mehmet", "sayed", "sayyid", "sayyed", "syed", "seyed", "said", "mir", "ahmad", "ahmed", "abu", "abou",
            "umm", "um", "ibn", "bin", "ben");

    /**
     * Why the shorter of two persons' names may be a father's named in his son's (Usama bin Laden in Hamza Usama Muhammad bin
     * Laden: a son's name is his own, then his father's and the family's): the longer's first word alike no word of the
     * shorter, and its second word alike the shorter's first; null if not. A longer name's first word that often stands before
     * a given name ({@link #BEFORE_A_GIVEN_NAME}: Mohammad Moslim Haqqani is Moslim Haqqani) does not count.
     */
    static String namedAfter(List<String> shorter, List<String> longer) {
        if (shorter.size() < 2 || longer.size() <= shorter.size() || BEFORE_A_GIVEN_NAME.contains(longer.get(0))
                || BEFORE_A_GIVEN_NAME.contains(shorter.get(0))) {
            return null;
        }
        for (String word : shorter) {
            if (similarity(longer.get(0), word) >= UNALIKE) {
                return null;
            }
        }
        if (similarity(longer.get(1), shorter.get(0)) < FOUND) {
            return null;
        }
        return "'" + longer.get(0) + "' of the longer name is in no word of the shorter, whose first word '" + shorter.get(0)
                + "' is the longer's second: perhaps the father named in his son's name, or the son";
    }

    /** {@code comparison} less {@code penalty}: its score line replaced by {@code reason} and the score that says {@code what}. */
    private Comparison lessFor(Comparison comparison, String reason, String what, double penalty) {
        double score = Math.max(0, comparison.score() - penalty);
        List<String> why = new java.util.ArrayList<>(comparison.why());
        why.remove(why.size() - 1);
        why.add(reason + ": -" + Decimals.fixed(penalty, 2));
        why.add("score " + Decimals.fixed(score, 3) + " (" + Decimals.fixed(comparison.score(), 3) + " before, -"
                + Decimals.fixed(penalty, 2) + " for " + what + ")");
        return new Comparison(score, thresholds.band(score), List.copyOf(why));
    }

    /**
     * A name match as a search of a list judges it, the one composition the list search and the eval share: against an
     * entry listed as a person ({@link #againstAPerson}, and less {@link #ANOTHER_OF_THE_FAMILY} when one of the two names
     * may be the father's named in the other, {@link #namedAfter}), or as a body when the query gives a date of birth
     * ({@link #againstABody}), then with the date of birth and nationality the query gives, if it gives any
     * ({@link Particulars#adjust}; as it was otherwise).
     *
     * @param listedName     the entry's name that matched (null: not known; {@link #namedAfter} is not asked)
     * @param listedIsPerson whether the entry whose name matched is listed as a person
     * @param given          what the query gives besides the name ({@link Particulars#NONE} for nothing)
     * @param listed         what the list gives of the entry
     */
    public Comparison judged(Comparison byName, NameForms.Name query, NameForms.Name listedName, boolean listedIsPerson, Particulars given,
            Particulars listed) {
        Comparison comparison = listedIsPerson ? againstAPerson(byName, query)
                : given.datesOfBirth().isEmpty() ? byName : againstABody(byName);
        // a person's name within which another's stands as the father's (or the other way round): another of the family
        if (listedIsPerson && listedName != null) {
            String father = namedAfter(query.tokens(), listedName.tokens());
            if (father == null) {
                father = namedAfter(listedName.tokens(), query.tokens());
            }
            if (father != null) {
                comparison = lessFor(comparison, father, "one of two of a family named after the other", ANOTHER_OF_THE_FAMILY);
            }
        }
        return given.isEmpty() ? comparison : given.adjust(comparison, listed, thresholds);
    }

    /** Just the score, for ranking. */
    public double score(NameForms.Name query, NameForms.Name candidate) {
        return score(prepare(query), prepare(candidate));
    }

    /** Just the score of two prepared names; the same as {@link #score(NameForms.Name, NameForms.Name)}. */
    double score(Prepared q, Prepared c) {
        return combine(foldedView(q, c), skeletonView(q, c), sounds(q, c));
    }

    /**
     * The score of two prepared names and its parts, into {@code into}: the score, the spelling's view,
     * the consonants' view and the sounds shared (what {@link #explain} shows).
     */
    static void scoreParts(Prepared q, Prepared c, double[] into, int at) {
        double folded = foldedView(q, c);
        double skeleton = skeletonView(q, c);
        double phonetic = sounds(q, c);
        into[at] = combine(folded, skeleton, phonetic);
        into[at + 1] = folded;
        into[at + 2] = skeleton;
        into[at + 3] = phonetic;
    }

    private static double foldedView(Prepared q, Prepared c) {
        double view = view(q.tokens, q.tokenParticle, q.tokenRest, c.tokens, c.tokenParticle, c.tokenRest, q.tokenRarity, c.tokenRarity,
                similarity(q.sortedTokens, c.sortedTokens), q.joinedTokens, c.joinedTokens, 0);
        return anotherPlace(q, c) != null ? view - ANOTHER_PLACE : view;
    }

    /**
     * The consonants' view of two names: as each is read, and, between two scripts, with the qaf of the one in Arabic
     * script read as gh as well ({@link Prepared#persianReadings}), which counts {@link #ANOTHER_READING} of itself.
     */
    private static double skeletonView(Prepared q, Prepared c) {
        return bestReading(q, c, null);
    }

    /**
     * The two names as read for the consonants' view that {@link #skeletonView} gave: {@code q} and {@code c}, or one of
     * them in its Persian reading when that read better.
     */
    static Prepared[] skeletonReadings(Prepared q, Prepared c) {
        Prepared[] readings = {q, c};
        bestReading(q, c, readings);
        return readings;
    }

    /** {@link #skeletonView}, and into {@code readings} (when given) the two names as read for it. */
    private static double bestReading(Prepared q, Prepared c, Prepared[] readings) {
        double view = skeletonViewAsRead(q, c);
        if (q.script != c.script) {
            for (Prepared qp : q.persianReadings()) {
                double read = ANOTHER_READING * skeletonViewAsRead(qp, c);
                if (read > view) {
                    view = read;
                    if (readings != null) {
                        readings[0] = qp;
                        readings[1] = c;
                    }
                }
            }
            for (Prepared cp : c.persianReadings()) {
                double read = ANOTHER_READING * skeletonViewAsRead(q, cp);
                if (read > view) {
                    view = read;
                    if (readings != null) {
                        readings[0] = q;
                        readings[1] = cp;
                    }
                }
            }
        }
        return view;
    }

    private static double skeletonViewAsRead(Prepared q, Prepared c) {
        double factor = 1.0;
        if (q.script == c.script) {
            if (q.script != Character.UnicodeScript.LATIN || q.glides() != c.glides()) {
                return 0;
            }
            factor = LATIN_SKELETON;
        }
        double whole = Math.max(similarity(q.sortedSkeleton(), c.sortedSkeleton()), similarity(q.skeleton(), c.skeleton()));
        double view = factor * view(q.skeletons, q.skeletonParticle, q.skeletonRest, c.skeletons, c.skeletonParticle, c.skeletonRest,
                q.skeletonRarity, c.skeletonRarity, whole, q.skeleton(), c.skeleton(), PART_CONSONANTS);
        // between two scripts, words of one skeleton whose long vowels tell them apart (at most two counted)
        int apart = factor == 1.0 ? Math.min(2, vowelsApart(q, c, null)) : 0;
        return apart == 0 ? view : Math.max(0, view - apart * ANOTHER_VOWEL);
    }

    /**
     * How many words of the name in Arabic script (of {@code q} and {@code c}, the other in Latin letters) have the
     * consonants of a word of the other name, and long vowels that tell them apart from every such word
     * ({@link #anotherVowel}); 0 for any other two names. The first such pair is said into {@code said} when given.
     */
    static int vowelsApart(Prepared q, Prepared c, StringBuilder said) {
        Prepared arabic;
        Prepared latin;
        if (q.script == Character.UnicodeScript.ARABIC && c.script == Character.UnicodeScript.LATIN) {
            arabic = q;
            latin = c;
        } else if (c.script == Character.UnicodeScript.ARABIC && q.script == Character.UnicodeScript.LATIN) {
            arabic = c;
            latin = q;
        } else {
            return 0;
        }
        int apart = 0;
        for (int i = 0; i < arabic.tokens.length; i++) {
            String reason = null;
            boolean alike = false;
            for (int j = 0; j < latin.tokens.length && !alike; j++) {
                if (arabic.skeletons[i].length() < 2 || arabic.skeletons[i].length() > VOWELS_TELL
                        || !arabic.skeletons[i].equals(latin.skeletons[j])) {
                    continue;
                }
                // kept per word by NameForms
                int[] a = NameForms.vowelGaps(arabic.tokens[i], true);
                int[] l = NameForms.vowelGaps(latin.tokens[j], false);
                String why = a == null || l == null || a.length != l.length ? null : anotherVowel(a, l, latin.tokens[j], arabic.tokens[i]);
                if (why == null) {
                    alike = true;
                } else if (reason == null) {
                    reason = why;
                }
            }
            if (!alike && reason != null) {
                apart++;
                if (said != null && said.length() == 0) {
                    said.append(reason);
                }
            }
        }
        return apart;
    }

    /**
     * What tells a word in Latin letters from a word read from Arabic script with the same consonants, by the vowels
     * between them ({@link NameForms#vowelGaps} of each, {@code latinGaps} and {@code arabicGaps}); null if nothing
     * does. Arabic script writes a long vowel (و ي) where a Latin spelling of the same name writes a vowel of its kind,
     * and writes none where a Latin spelling writes ee, ii, oo or uu; a glide (ai ay ei ey) needs ي or an alef (a long
     * i, or an a and an i apart: Qaida, القاعدة). Only between consonants: how a name begins and ends varies more.
     */
    static String anotherVowel(int[] arabicGaps, int[] latinGaps, String latin, String arabic) {
        for (int k = 1; k < arabicGaps.length - 1; k++) {
            int a = arabicGaps[k];
            int l = latinGaps[k];
            if ((a & NameForms.LONG_U) != 0 && (a & NameForms.LONG_I) != 0) {
                // و and ي together: one of them a seat of hamza (ئ ؤ, read y and w: عبدالرئوف, Abdul Rauf), or a
                // consonant beside the vowel; a Latin spelling writes a vowel of either kind
                if (l != 0 && (l & (NameForms.U | NameForms.I)) == 0) {
                    return "'" + arabic + "' writes a long vowel (و ي) where '" + latin + "' has none";
                }
                continue;
            }
            if ((a & NameForms.LONG_U) != 0 && l != 0 && (l & NameForms.U) == 0) {
                return "'" + arabic + "' writes a long u (و) where '" + latin + "' has none";
            }
            if ((a & NameForms.LONG_I) != 0 && l != 0 && (l & NameForms.I) == 0) {
                return "'" + arabic + "' writes a long i (ي) where '" + latin + "' has none";
            }
            if ((l & NameForms.LONG_U) != 0 && (a & NameForms.LONG_U) == 0) {
                return "'" + latin + "' writes a long u where '" + arabic + "' has no و";
            }
            if ((l & NameForms.LONG_I) != 0 && (a & NameForms.LONG_I) == 0) {
                return "'" + latin + "' writes a long i where '" + arabic + "' has no ي";
            }
            if ((l & NameForms.GLIDE) != 0 && (a & (NameForms.LONG_I | NameForms.A)) == 0) {
                return "'" + latin + "' writes a glide into i where '" + arabic + "' has no ي";
            }
        }
        return null;
    }

    /**
     * How many times the words write a vowel gliding into i (ai, ay, ei, ey, and ae: Esmaeli and Ismaili, Saeed and Said):
     * in Latin letters what tells Husayn and Hussein from Hasan, whose consonant skeletons are the same ({@code hsn}). Two Latin names are compared by their consonants
     * ({@link #LATIN_SKELETON}) only when they write as many.
     */
    static int glides(String[] words) {
        int n = 0;
        for (String word : words) {
            n += glides(word);
        }
        return n;
    }

    /** Whether both names are written in Latin letters: the consonants' view counts {@link #LATIN_SKELETON} of itself. */
    private static boolean bothLatin(Prepared q, Prepared c) {
        return q.script == c.script && q.script == Character.UnicodeScript.LATIN;
    }

    /** The better of the spelling and 0.96 x the consonants, plus up to 0.04 for shared sounds. */
    private static double combine(double folded, double skeleton, double phonetic) {
        return Math.min(1.0, Math.max(folded, SKELETON_WEIGHT * skeleton) + PHONETIC_BONUS * phonetic);
    }

    public Thresholds thresholds() {
        return thresholds;
    }

    private static double view(String[] a, int[] particleA, String[] restA, String[] b, int[] particleB, String[] restB, double[] rarityA,
            double[] rarityB, double whole, String joinedA, String joinedB, int partLetters) {
        // covered[0]: of the longer name's words, the share (weighed by rarity) found in the shorter one, counted in the
        // pass that compares them anyway
        double[] covered = new double[1];
        double[] firsts = new double[2];
        double ab = bestPartners(a, particleA, restA, b, particleB, restB, rarityA, rarityB, b.length < a.length ? covered : null, firsts, 0);
        double ba = bestPartners(b, particleB, restB, a, particleA, restA, rarityB, rarityA, a.length < b.length ? covered : null, firsts, 1);
        // the word-by-word measure weighs rarity, the whole string does not: in a long name one different
        // word ("Southern" for "Northern") barely moves the whole string's Jaro-Winkler, so it counts for less
        double both = WHOLE_WEIGHT * whole + (1 - WHOLE_WEIGHT) * (ab + ba) / 2;
        // the shorter name, when it may count as a part of the longer one: its words long enough in this view
        // (PART_CONSONANTS for skeletons), decided once for the two rules below
        boolean aPart = a.length < b.length && eachAtLeast(a, partLetters);
        boolean bPart = b.length < a.length && eachAtLeast(b, partLetters);
        // a shorter name of two words or more, each found in the other (Abdul Manan in Abdul Manan Agha): nearly as good
        if (aPart && a.length >= 2) {
            both = Math.max(both, SUBSET_WEIGHT * ab);
        } else if (bPart && b.length >= 2) {
            both = Math.max(both, SUBSET_WEIGHT * ba);
        }
        // a shorter name, even of one word, found in a longer one counts by how much of the longer one it
        // covers, each word weighed by its rarity: "Makaburi" covers most of "Abu Makaburi Shariff" (Abu
        // is common), "Hassan" little of a four-word name
        if (aPart) {
            both = Math.max(both, ab * (PART_WEIGHT + (1 - PART_WEIGHT) * covered[0]));
        } else if (bPart) {
            both = Math.max(both, ba * (PART_WEIGHT + (1 - PART_WEIGHT) * covered[0]));
        }
        if (a.length >= FAMILY_WORDS && b.length >= FAMILY_WORDS && firsts[0] < UNALIKE && firsts[1] < UNALIKE) {
            both -= ANOTHER_OF_THE_FAMILY;
        }
        // the same letters, split into words differently (Kakazada, کاکا زاده; Shahidkhel, شهيد خيل)
        double joined = similarity(joinedA, joinedB);
        return joined >= 0.95 ? Math.max(both, joined) : both;
    }

    /** Whether every word has at least {@code letters} letters. */
    private static boolean eachAtLeast(String[] words, int letters) {
        for (String word : words) {
            if (word.length() < letters) {
                return false;
            }
        }
        return true;
    }

    /**
     * What tells two names apart as two places ({@link #ANOTHER_PLACE}), as the explanation says it; null if nothing
     * does. Each name's words are looked up once ({@link Prepared#hasDirection}, {@link Prepared#countries}): the
     * query's for all its comparisons, a candidate's for words of direction only when the query has one.
     */
    static String anotherPlace(Prepared q, Prepared c) {
        if (q.hasDirection() && c.hasDirection()) {
            String[] directions = directionsApart(q.tokens, c.tokens);
            if (directions != null) {
                return "words of direction '" + directions[0] + "' and '" + directions[1] + "' differ";
            }
        }
        // countries are read in English: only between two names in Latin letters
        if (q.script != c.script || q.script != Character.UnicodeScript.LATIN || q.countries().equals(c.countries())) {
            return null;
        }
        List<String> onlyQuery = q.countries().stream().filter(x -> !c.countries().contains(x)).toList();
        List<String> onlyListed = c.countries().stream().filter(x -> !q.countries().contains(x)).toList();
        if (!onlyQuery.isEmpty() && !onlyListed.isEmpty()) {
            return "countries '" + String.join("', '", onlyQuery) + "' and '" + String.join("', '", onlyListed) + "' differ";
        }
        return "'" + String.join("', '", onlyQuery.isEmpty() ? onlyListed : onlyQuery) + "' named in one name only";
    }

    /**
     * The first word of direction of each name when both have one and no direction is in both ({@link #ANOTHER_PLACE});
     * null otherwise.
     */
    private static String[] directionsApart(String[] a, String[] b) {
        String first = null;
        String second = null;
        java.util.Set<String> inA = null;
        for (String word : a) {
            String direction = DIRECTIONS.get(word);
            if (direction != null) {
                inA = inA == null ? new java.util.HashSet<>() : inA;
                inA.add(direction);
                first = first == null ? word : first;
            }
        }
        if (inA == null) {
            return null;
        }
        for (String word : b) {
            String direction = DIRECTIONS.get(word);
            if (direction != null) {
                if (inA.contains(direction)) {
                    return null;
                }
                second = second == null ? word : second;
            }
        }
        return second == null ? null : new String[] {first, second};
    }

    /**
     * Monge-Elkan: each word of a against its most similar word of b, averaged, weighed by rarity. With {@code covered}
     * not null, its first element is set to the share of the words of a found in b (at least {@link #FOUND}), each
     * word weighed by its own rarity. {@code firsts[first]} is set to the similarity of a's first word to its partner.
     */
    private static double bestPartners(String[] a, int[] particleA, String[] restA, String[] b, int[] particleB, String[] restB,
            double[] rarityA, double[] rarityB, double[] covered, double[] firsts, int first) {
        double sum = 0;
        double weights = 0;
        double found = 0;
        double all = 0;
        for (int i = 0; i < a.length; i++) {
            double best = 0;
            int partner = -1;
            for (int j = 0; j < b.length; j++) {
                double s = similarity(a[i], particleA[i], restA[i], b[j], particleB[j], restB[j]);
                if (s > best || partner < 0) {
                    best = s;
                    partner = j;
                }
            }
            if (i == 0) {
                firsts[first] = best;
            }
            // a word found in the other name weighs what the more common of the two spellings weighs
            // (a query may spell Mohammad in a way no listed name does); a word not found weighs its own rarity
            double weight = best >= FOUND && partner >= 0 ? Math.min(rarityA[i], rarityB[partner]) : rarityA[i];
            sum += weight * best;
            weights += weight;
            all += rarityA[i];
            found += best >= FOUND ? rarityA[i] : 0;
        }
        if (covered != null) {
            covered[0] = all == 0 ? 0 : found / all;
        }
        return weights == 0 ? 0 : sum / weights;
    }

    /** Whether {@link #view} takes {@link #ANOTHER_OF_THE_FAMILY} off for these words: what {@link #explain} says. */
    static boolean anotherOfTheFamily(String[] a, int[] particleA, String[] restA, String[] b, int[] particleB, String[] restB) {
        return a.length >= FAMILY_WORDS && b.length >= FAMILY_WORDS && firstUnalike(a, particleA, restA, b, particleB, restB)
                && firstUnalike(b, particleB, restB, a, particleA, restA);
    }

    /** Whether the first word of x is under {@link #UNALIKE} against every word of y. */
    private static boolean firstUnalike(String[] x, int[] particleX, String[] restX, String[] y, int[] particleY, String[] restY) {
        for (int j = 0; j < y.length; j++) {
            if (similarity(x[0], particleX[0], restX[0], y[j], particleY[j], restY[j]) >= UNALIKE) {
                return false;
            }
        }
        return true;
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

    /** {@code s}, or {@link #ANOTHER_NAME_OF_GOD} if less, when one word only is compounded with Allah. */
    private static double capped(String x, String y, double s) {
        return theophoric(x) != theophoric(y) ? Math.min(s, ANOTHER_NAME_OF_GOD) : s;
    }

    /**
     * The same, with the words' particle already known ({@link #particle}) and the rest already cut:
     * what an index computes once per word instead of once per comparison.
     */
    static double similarity(String x, int xParticle, String xRest, String y, int yParticle, String yRest) {
        if (x.equals(y)) {
            return 1.0;
        }
        return capped(x, y, xParticle > 0 && xParticle == yParticle ? JaroWinkler.similarity(xRest, yRest) : JaroWinkler.similarity(x, y));
    }

    /**
     * The most two words are alike when one is a name compounded with Allah (folded -allah) and the
     * other is not: Faiz and Faizullah, Fazl and Faizullah, Asad and Asadullah are different given names, which
     * Jaro-Winkler, counting the shared beginning, put at 0.85-0.89 (a word found). Under {@link #FOUND}, so the word
     * counts as not found; a name whose only word is such a compound is still compared as a whole string.
     */
    static final double ANOTHER_NAME_OF_GOD = 0.80;

    /** Whether a word is a name compounded with Allah, longer than the compound's end alone. */
    static boolean theophoric(String word) {
        return word.length() > 6 && word.endsWith("allah");
    }

    /** The same, with {@link JaroWinkler#similarity(CharSequence, CharSequence, long[])}'s table of letter positions. */
    static double similarity(String x, int xParticle, String xRest, String y, int yParticle, String yRest, long[] positions) {
        if (x.equals(y)) {
            return 1.0;
        }
        return capped(x, y, xParticle > 0 && xParticle == yParticle ? JaroWinkler.similarity(xRest, yRest, positions)
                : JaroWinkler.similarity(x, y, positions));
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

    /**
     * The share of sounds (phonetic keys) two names have in common ({@link #shared}), where between two Latin spellings a
     * key counts only for two words that write as many glides into i ({@link #glides}): Double Metaphone keys Hasan and
     * Husayn, Hassan and Hussein alike ({@code HSN}), which lifted Hasan Ali against Husayn Ali to a match (0.932).
     */
    static double sounds(Prepared q, Prepared c) {
        if (!bothLatin(q, c)) {
            return shared(q.phonetic, c.phonetic);
        }
        int common = 0;
        for (int i = 0; i < q.phonetic.length; i++) {
            if (firstAt(q.phonetic, i) && soundShared(q, i, c)) {
                common++;
            }
        }
        return (double) common / Math.max(1, Math.max(distinct(q.phonetic), distinct(c.phonetic)));
    }

    /** Whether the sound of {@code q}'s word {@code i} is one of {@code c}'s, as {@link #sounds} counts it. */
    private static boolean soundShared(Prepared q, int i, Prepared c) {
        String key = q.phonetic[i];
        if (!bothLatin(q, c)) {
            return contains(c.phonetic, key);
        }
        for (int j = 0; j < c.phonetic.length; j++) {
            if (c.phonetic[j].equals(key)) {
                // any word of the query with this sound, against this word of the candidate
                for (int k = i; k < q.phonetic.length; k++) {
                    if (q.phonetic[k].equals(key) && glides(q.tokens[k]) == glides(c.tokens[j])) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** {@link #glides(String[])} of one word. */
    static int glides(String word) {
        int n = 0;
        for (int i = 1; i < word.length(); i++) {
            char a = word.charAt(i - 1);
            char b = word.charAt(i);
            if ((a == 'a' || a == 'e') && (b == 'i' || b == 'y') || a == 'a' && b == 'e') {
                n++;
            }
        }
        return n;
    }

    /** The share of distinct phonetic keys the two names have in common (of the larger set of distinct keys). */
    private static double shared(String[] a, String[] b) {
        int distinctA = distinct(a);
        int distinctB = distinct(b);
        int common = 0;
        for (int i = 0; i < a.length; i++) {
            if (firstAt(a, i) && contains(b, a[i])) {
                common++;
            }
        }
        return (double) common / Math.max(1, Math.max(distinctA, distinctB));
    }

    private static int distinct(String[] keys) {
        int n = 0;
        for (int i = 0; i < keys.length; i++) {
            if (firstAt(keys, i)) {
                n++;
            }
        }
        return n;
    }

    /** Whether {@code keys[i]} is the first of its value in {@code keys}. */
    private static boolean firstAt(String[] keys, int i) {
        for (int k = 0; k < i; k++) {
            if (keys[k].equals(keys[i])) {
                return false;
            }
        }
        return true;
    }

    private static boolean contains(String[] keys, String key) {
        for (String k : keys) {
            if (k.equals(key)) {
                return true;
            }
        }
        return false;
    }
}
