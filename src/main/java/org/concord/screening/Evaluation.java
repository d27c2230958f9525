package org.concord.screening;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.concord.screening.names.InvalidName;
import org.concord.screening.names.NameForms;
import org.concord.screening.names.NameIndex;
import org.concord.screening.names.NameMatcher;
import org.concord.screening.names.Thresholds;

/**
 * Measures name matching on a labelled development set built from a UN consolidated list, plus
 * hand-made cross-script variants of the names in the January 2024 case:
 * <ul>
 * <li>one alias of each entry that has one is held out of the index and searched for: the entry is expected;</li>
 * <li>each original-script name ({@code NAME_ORIGINAL_SCRIPT}) is left out of the index and searched for: the
 * entry (its Latin names) is expected; these and the January 2024 variants in other scripts are the cross-script queries;</li>
 * <li>every tenth entry is left out of the index altogether and its name searched for: nothing is expected, unless
 * the same person is listed again under another entry ({@link #listedTwice}), which is then expected.</li>
 * </ul>
 * A query's matches are the entries it finds in the MATCH band. Precision counts every match that is
 * not the expected entry as a mistake; recall counts every expected entry not found.
 */
public final class Evaluation {

    /** The names of the January 2024 case, each with the ways it is written. The first is the one indexed. */
    static final List<List<String>> JANUARY_2024 = List.of(
            List.of("Jaish al-Adl", "Jaysh al-Adl", "Jeish ul-Adl", "Jaish-ul-Adl", "Jaish ul Adal", "جيش العدل", "جیش العدل", "Джейш аль-Адль"),
            List.of("Jundallah", "Jundullah", "Jund Allah", "جندالله", "جند الله", "جنداللہ"),
            List.of("Baloch Liberation Army", "Baluch Liberation Army", "Balochistan Liberation Army", "بلوچ لبریشن آرمی",
                    "بلوچستان لبریشن آرمی"),
            List.of("Baloch Liberation Front", "Baluch Liberation Front", "Balochistan Liberation Front", "بلوچستان لبریشن فرنٹ"),
            List.of("Sarmachar", "Sarmachaar", "سرمچار"),
            List.of("Abdolmalek Rigi", "Abdul Malik Rigi", "Abdulmalik Regi", "Abdolmalik Rigi", "عبدالمالک ریگی", "عبد المالك ريغي",
                    "عبدالملک ریگی"),
            List.of("Salahuddin Farooqui", "Salah al-Din Faruqi", "Salahudin Farouqi", "Salah-ud-Din Farooqi", "صلاح الدین فاروقی",
                    "صلاح الدين فاروقي"),
            List.of("Abdul Rauf Rigi", "Abd al-Rauf Rigi", "Abdolrauf Rigi", "عبدالرئوف ریگی", "عبد الرؤوف ريغي"));

    /** The figures of one run. */
    public record Figures(int queries, int positives, int truePositives, int falsePositives, int crossScript, int crossScriptFound) {

        public double precision() {
            return truePositives + falsePositives == 0 ? 1.0 : (double) truePositives / (truePositives + falsePositives);
        }

        public double recall() {
            return positives == 0 ? 1.0 : (double) truePositives / positives;
        }

        public double f1() {
            double p = precision();
            double r = recall();
            return p + r == 0 ? 0 : 2 * p * r / (p + r);
        }

        public double crossScriptRecall() {
            return crossScript == 0 ? 1.0 : (double) crossScriptFound / crossScript;
        }
    }

    /**
     * @param wanted the kind of entry the query asks for ({@link Watchlists#search(String, String, String, String, int)}'s
     *        {@code kind}); null for any
     */
    private record Query(String name, String expected, String kind, boolean crossScript, org.concord.screening.names.Particulars particulars,
            WatchlistEntry.Kind wanted) {

        Query(String name, String expected, String kind, boolean crossScript, org.concord.screening.names.Particulars particulars) {
            this(name, expected, kind, crossScript, particulars, null);
        }
    }

    private Evaluation() {
    }

    /** The default thresholds of the matcher. */
    public static double[] defaultThresholds() {
        return new double[] {Thresholds.DEFAULT.match(), Thresholds.DEFAULT.review()};
    }

    /** Reads a UN consolidated list and runs the evaluation on it; see {@link #run(List, Thresholds, int, int, PrintStream)}. */
    public static Figures run(java.io.InputStream unList, double match, double review, int limit, int mistakes, PrintStream out) {
        Thresholds thresholds;
        try {
            thresholds = new Thresholds(match, review);
        } catch (IllegalArgumentException e) {
            throw new org.concord.node.InvalidInput("--match", "thresholds", e.getMessage());
        }
        return run(UnConsolidatedList.read(unList).entries(), thresholds, limit, mistakes, out);
    }

    /**
     * Runs the evaluation on the first {@code limit} entries of the list (all if {@code limit <= 0})
     * and prints the figures, then up to {@code mistakes} of the mistakes.
     */
    public static Figures run(List<WatchlistEntry> list, Thresholds thresholds, int limit, int mistakes, PrintStream out) {
        out.println("by name alone:");
        run(list, thresholds, limit, mistakes, out, false);
        out.println("with date of birth and nationality (each query gives its entry's, as an officer who knows them would):");
        run(list, thresholds, limit, mistakes, out, true);
        out.println("with the kind as well (each query of a listed entry asks for a person only or a body only, as its entry is):");
        return run(list, thresholds, limit, mistakes, out, true, true);
    }

    private static org.concord.screening.names.Particulars particulars(WatchlistEntry entry) {
        return new org.concord.screening.names.Particulars(entry.datesOfBirth(), entry.nationalities());
    }

    private static Figures run(List<WatchlistEntry> list, Thresholds thresholds, int limit, int mistakes, PrintStream out,
            boolean withParticulars) {
        return run(list, thresholds, limit, mistakes, out, withParticulars, false);
    }

    private static Figures run(List<WatchlistEntry> list, Thresholds thresholds, int limit, int mistakes, PrintStream out,
            boolean withParticulars, boolean withKind) {
        java.util.Map<String, WatchlistEntry.Kind> kinds = new java.util.HashMap<>();
        java.util.Map<String, org.concord.screening.names.Particulars> known = new java.util.HashMap<>();
        Set<String> persons = new HashSet<>();
        List<WatchlistEntry> entries = limit > 0 ? list.subList(0, Math.min(limit, list.size())) : list;
        List<NameIndex.Entry<String>> indexed = new ArrayList<>();
        List<Query> queries = new ArrayList<>();
        int skipped = 0;
        for (int i = 0; i < entries.size(); i++) {
            WatchlistEntry entry = entries.get(i);
            var given = withParticulars ? particulars(entry) : org.concord.screening.names.Particulars.NONE;
            known.put(entry.reference(), particulars(entry));
            if (entry.kind() == WatchlistEntry.Kind.INDIVIDUAL) {
                persons.add(entry.reference());
            }
            kinds.put(entry.reference(), entry.kind());
            WatchlistEntry.Kind wanted = withKind ? entry.kind() : null;
            if (i % 10 == 9) {
                String twin = listedTwice(entry, entries);
                queries.add(new Query(entry.name(), twin, twin == null ? "left out" : "left out, listed twice", false, given, wanted));
                continue;
            }
            WatchlistEntry.Alias heldOut = heldOut(entry);
            for (WatchlistEntry.Alias alias : entry.names()) {
                if (alias.type().equals("ORIGINAL_SCRIPT")) {
                    queries.add(new Query(alias.name(), entry.reference(), "original script", true, given, wanted));
                } else if (alias == heldOut) {
                    queries.add(new Query(alias.name(), entry.reference(), anotherName(alias, entry) ? ANOTHER_NAME
                            : partlyAnotherName(alias.name(), entry) ? PARTLY_ANOTHER_NAME : "held-out alias", false,
                            given, wanted));
                } else {
                    try {
                        indexed.add(new NameIndex.Entry<>(entry.reference(), alias.type(), NameForms.of(alias.name())));
                    } catch (InvalidName e) {
                        skipped++;
                    }
                }
            }
        }
        for (int i = 0; i < JANUARY_2024.size(); i++) {
            List<String> names = JANUARY_2024.get(i);
            String reference = "JAN2024-" + (i + 1);
            indexed.add(new NameIndex.Entry<>(reference, "PRIMARY", NameForms.of(names.get(0))));
            for (String variant : names.subList(1, names.size())) {
                boolean latin = variant.chars().allMatch(c -> c < 0x250);
                queries.add(new Query(variant, reference, latin ? "January 2024 spelling" : "January 2024 script", !latin,
                        org.concord.screening.names.Particulars.NONE));
            }
        }
        NameMatcher matcher = new NameMatcher(thresholds);
        NameIndex<String> index = NameIndex.build(indexed, matcher);

        int positives = 0;
        int truePositives = 0;
        int falsePositives = 0;
        int crossScript = 0;
        int crossScriptFound = 0;
        List<String> errors = new ArrayList<>();
        long started = System.nanoTime();
        int others = 0;
        int othersFound = 0;
        int othersWrong = 0;
        // What the officer is shown: the expected entry in the match or the review band, and how many other entries a
        // query puts up for review (the cost of reading the review band)
        int shown = 0;
        int othersForReview = 0;
        // the held-out aliases partly another name (PARTLY_ANOTHER_NAME): how many, found, and their wrong matches
        int partly = 0;
        int partlyFound = 0;
        int partlyWrong = 0;
        for (Query query : queries) {
            List<NameIndex.Hit<String>> hits;
            NameForms.Name asked;
            try {
                asked = NameForms.of(query.name());
                WatchlistEntry.Kind wanted = query.wanted();
                // the January 2024 names are of no kind the list says: let in whatever is asked for
                hits = index.search(asked, 10, wanted == null ? null : owner -> kinds.getOrDefault(owner, wanted) == wanted);
            } catch (InvalidName e) {
                asked = null;
                hits = List.of();
            }
            NameForms.Name name = asked;
            hits = hits.stream().map(hit -> new NameIndex.Hit<>(hit.owner(), hit.entry(), matcher.judged(hit.comparison(), name, hit.entry().name(),
                    persons.contains(hit.owner()), query.particulars(),
                    known.getOrDefault(hit.owner(), org.concord.screening.names.Particulars.NONE)))).toList();
            Set<String> matched = new HashSet<>();
            Set<String> reviewed = new HashSet<>();
            NameIndex.Hit<String> wrong = null;
            for (var hit : hits) {
                if (hit.comparison().band() == org.concord.screening.names.Band.REVIEW) {
                    reviewed.add(hit.owner());
                }
                if (hit.comparison().band() == org.concord.screening.names.Band.MATCH) {
                    matched.add(hit.owner());
                    if (!hit.owner().equals(query.expected()) && wrong == null) {
                        wrong = hit;
                    }
                }
            }
            if (query.kind().equals(ANOTHER_NAME)) {
                others++;
                othersFound += matched.contains(query.expected()) ? 1 : 0;
                othersWrong += matched.size() - (matched.contains(query.expected()) ? 1 : 0);
            }
            if (query.kind().equals(PARTLY_ANOTHER_NAME)) {
                partly++;
                partlyFound += matched.contains(query.expected()) ? 1 : 0;
                partlyWrong += matched.size() - (matched.contains(query.expected()) ? 1 : 0);
            }
            reviewed.removeAll(matched);
            if (query.expected() != null && (matched.contains(query.expected()) || reviewed.contains(query.expected()))) {
                shown++;
            }
            reviewed.remove(query.expected());
            othersForReview += reviewed.size();
            if (query.expected() != null) {
                positives++;
                boolean found = matched.contains(query.expected());
                if (found) {
                    truePositives++;
                } else {
                    String best = hits.stream().filter(h -> h.owner().equals(query.expected())).findFirst()
                            .map(h -> String.format(Locale.ROOT, " (it scored %.3f against '%s')", h.comparison().score(), h.entry().name().written()))
                            .orElse("");
                    errors.add("missed   [" + query.kind() + "] '" + query.name() + "' should find " + query.expected() + best);
                }
                if (query.crossScript()) {
                    crossScript++;
                    crossScriptFound += found ? 1 : 0;
                }
                falsePositives += matched.size() - (found ? 1 : 0);
            } else {
                falsePositives += matched.size();
            }
            if (wrong != null) {
                errors.add(String.format(Locale.ROOT, "wrong    [%s] '%s' matched %s '%s' (%.3f)", query.kind(), query.name(), wrong.owner(),
                        wrong.entry().name().written(), wrong.comparison().score()));
            }
        }
        double micros = (System.nanoTime() - started) / 1e3 / Math.max(1, queries.size());
        Figures figures = new Figures(queries.size(), positives, truePositives, falsePositives, crossScript, crossScriptFound);
        out.printf(Locale.ROOT, "development set: %d entries, %d names indexed (%d unusable skipped), %d queries (%d expecting a match, %d cross-script)%n",
                entries.size() + JANUARY_2024.size(), indexed.size(), skipped, queries.size(), positives, crossScript);
        out.printf(Locale.ROOT, "thresholds: match %.2f, review %.2f%n", thresholds.match(), thresholds.review());
        out.printf(Locale.ROOT, "precision %.3f  recall %.3f  F1 %.3f  cross-script recall %.3f  (%d found, %d wrong matches, %d missed; %.0f us a query)%n",
                figures.precision(), figures.recall(), figures.f1(), figures.crossScriptRecall(), truePositives, falsePositives,
                positives - truePositives, micros);
        Figures spellings = new Figures(queries.size() - others, positives - others, truePositives - othersFound, falsePositives - othersWrong,
                crossScript, crossScriptFound);
        out.printf(Locale.ROOT, "spellings only, without the %d held-out aliases that share no word with their entry's other names (%d of them found):"
                + " precision %.3f  recall %.3f  F1 %.3f%n", others, othersFound, spellings.precision(), spellings.recall(), spellings.f1());
        out.printf(Locale.ROOT, "shown to the officer, in the match or the review band: %d of the %d expected entries (%.3f); other entries"
                + " put up for review: %.2f a query%n", shown, positives, positives == 0 ? 1.0 : (double) shown / positives,
                (double) othersForReview / Math.max(1, queries.size()));
        Figures throughout = new Figures(queries.size() - others - partly, positives - others - partly, truePositives - othersFound - partlyFound,
                falsePositives - othersWrong - partlyWrong, crossScript, crossScriptFound);
        out.printf(Locale.ROOT, "spellings throughout, without those and the %d that are partly another name, a word spelled like none of"
                + " their entry's other names (%d of them found): precision %.3f  recall %.3f  F1 %.3f%n", partly, partlyFound,
                throughout.precision(), throughout.recall(), throughout.f1());
        out.printf("mistakes (%d):%n", errors.size());
        errors.stream().limit(mistakes).forEach(line -> out.println("  " + line));
        if (errors.size() > mistakes) {
            out.printf("  ... and %d more%n", errors.size() - mistakes);
        }
        return figures;
    }

    /**
     * Whether a held-out alias that shares a word with its entry's other names has a word spelled like none of them ("Amadou
     * Barry" for Amadou Koufa, "Son Min" for Son Jong Hyok), by the same loose test as {@link #anotherName}: partly another
     * name, which a spelling matcher finds only as a part of a name. Reported apart as well as in the whole.
     */
    static boolean partlyAnotherName(String alias, WatchlistEntry entry) {
        NameForms.Name held;
        try {
            held = NameForms.of(alias);
        } catch (InvalidName e) {
            return false;
        }
        List<NameForms.Name> others = otherNames(entry, other -> other.name().equals(alias));
        for (String token : held.tokens()) {
            NameForms.Name word;
            try {
                word = NameForms.of(token);
            } catch (InvalidName e) {
                // a word that is no name alone once read again (a particle): it tells nothing
                continue;
            }
            if (others.stream().noneMatch(other -> NameMatcher.shareAWord(word, other))) {
                return true;
            }
        }
        return false;
    }

    /** The label of a held-out alias that shares a word with its entry's other names and has one spelled like none of them. */
    static final String PARTLY_ANOTHER_NAME = "held-out alias, partly another name";

    /** The label of a held-out alias that is another name altogether, not a spelling of the entry's names. */
    static final String ANOTHER_NAME = "held-out alias, another name";

    /**
     * Whether a held-out alias is another name altogether (a nom de guerre, a title, "Abu X"): none of
     * its words is spelled like a word of the entry's other Latin names (Jaro-Winkler 0.80 or the same
     * consonant skeleton, the loosest test the matcher uses for a word). Decided from the list alone,
     * before any search, the same way for every entry; no spelling matcher can find such an alias from
     * the names left in the index, so its figures are reported apart as well as in the whole.
     */
    static boolean anotherName(WatchlistEntry.Alias alias, WatchlistEntry entry) {
        NameForms.Name held;
        try {
            held = NameForms.of(alias.name());
        } catch (InvalidName e) {
            return false;
        }
        return otherNames(entry, other -> other == alias).stream().noneMatch(other -> NameMatcher.shareAWord(held, other));
    }

    /**
     * The entry's names in Latin letters besides the one held out ({@code held}), read as the matcher reads them; original-script
     * names and names the matcher cannot take left out.
     */
    private static List<NameForms.Name> otherNames(WatchlistEntry entry, java.util.function.Predicate<WatchlistEntry.Alias> held) {
        List<NameForms.Name> others = new ArrayList<>();
        for (WatchlistEntry.Alias other : entry.names()) {
            if (held.test(other) || other.type().equals("ORIGINAL_SCRIPT")) {
                continue;
            }
            try {
                others.add(NameForms.of(other.name()));
            } catch (InvalidName e) {
                // not a name the matcher can take
            }
        }
        return others;
    }

    /**
     * The entry that lists the same person again, for a person left out of the index: another entry that is indexed, of a
     * person with the same name (folded as the matcher folds it) and the same dates of birth, given (Hassan Dahir Aweys is
     * QDi.042 and SOi.002 of the 2020 list). Finding it is right, not a wrong match. Null for everyone else, and for
     * organisations: branches share their parent's name and are listed apart.
     */
    static String listedTwice(WatchlistEntry entry, List<WatchlistEntry> entries) {
        if (entry.kind() != WatchlistEntry.Kind.INDIVIDUAL || entry.datesOfBirth().isEmpty()) {
            return null;
        }
        String name;
        try {
            name = NameForms.of(entry.name()).sortedTokens();
        } catch (InvalidName e) {
            return null;
        }
        for (int i = 0; i < entries.size(); i++) {
            WatchlistEntry other = entries.get(i);
            if (i % 10 == 9 || other == entry || other.kind() != entry.kind() || !other.datesOfBirth().equals(entry.datesOfBirth())) {
                continue;
            }
            try {
                if (NameForms.of(other.name()).sortedTokens().equals(name)) {
                    return other.reference();
                }
            } catch (InvalidName e) {
                // not a name the matcher can take
            }
        }
        return null;
    }

    /** The alias held out of the index: the first good-quality alias, else the first alias, else none. */
    private static WatchlistEntry.Alias heldOut(WatchlistEntry entry) {
        WatchlistEntry.Alias first = null;
        for (var alias : entry.names()) {
            if (alias.type().equals("ALIAS") || alias.type().equals("FORMER")) {
                if (alias.quality().equalsIgnoreCase("Good")) {
                    return alias;
                }
                if (first == null) {
                    first = alias;
                }
            }
        }
        return first;
    }
}
