package org.concord.screening;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.concord.screening.names.InvalidName;
import org.concord.screening.names.NameForms;
import org.concord.screening.names.NameIndex;
import org.concord.screening.names.NameMatcher;
import org.concord.screening.names.Particulars;
import org.concord.screening.names.Thresholds;

/**
 * Every answer of the name index, written out whole (not a test): the owner, kind and forms of each hit's
 * name, its score to the last bit, its band and its explanation, for queries against the 2020 UN list
 * (every alias of every entry asked, against an index of all of them) and against synthetic names
 * ({@link SyntheticNames}); plus a few queries scored against every name ({@link NameIndex#searchEverything})
 * and with date of birth and nationality ({@link Particulars#adjust}). Run on two commits and compared
 * with {@code diff}, it shows that a change to how the index computes its answers left them as they were.
 *
 * <p>Run: {@code java -cp <test-classes>:<classes>:<test classpath> org.concord.screening.ScreeningAnswers OUT [SYNTHETIC_NAMES]}
 */
public final class ScreeningAnswers {

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]);
        int synthetic = args.length > 1 ? Integer.parseInt(args[1]) : 60_000;
        try (PrintStream print = new PrintStream(Files.newOutputStream(out), false, StandardCharsets.UTF_8)) {
            un2020(print);
            synthetic(print, synthetic);
        }
    }

    private static void un2020(PrintStream out) {
        List<WatchlistEntry> entries = UnConsolidatedList.read(UnConsolidatedListTest.un2020()).entries();
        List<NameIndex.Entry<String>> indexed = new ArrayList<>();
        List<String> queries = new ArrayList<>();
        for (WatchlistEntry entry : entries) {
            for (WatchlistEntry.Alias alias : entry.names()) {
                queries.add(alias.name());
                try {
                    indexed.add(new NameIndex.Entry<>(entry.reference(), alias.type(), NameForms.of(alias.name())));
                } catch (InvalidName e) {
                    // not indexed
                }
            }
        }
        NameIndex<String> index = NameIndex.build(indexed, new NameMatcher(Thresholds.DEFAULT));
        ask(out, index, queries, 10, 20);
    }

    private static void synthetic(PrintStream out, int n) {
        SyntheticNames names = new SyntheticNames(42);
        List<SyntheticNames.Entry> entries = new ArrayList<>();
        List<NameIndex.Entry<String>> indexed = names.indexEntries(n, entries);
        NameIndex<String> index = NameIndex.build(indexed, new NameMatcher(Thresholds.DEFAULT));
        Random random = new Random(7);
        List<String> queries = new ArrayList<>();
        for (int i = 0; i < 3_000; i++) {
            queries.add(random.nextInt(3) == 0 ? names.unlisted() : names.queryFor(entries.get(random.nextInt(entries.size()))));
        }
        ask(out, index, queries, 20, 5);
    }

    private static void ask(PrintStream out, NameIndex<String> index, List<String> queries, int limit, int everything) {
        Particulars given = new Particulars(List.of("1970"), List.of("Afghanistan"));
        for (int q = 0; q < queries.size(); q++) {
            NameForms.Name name;
            try {
                name = NameForms.of(queries.get(q));
            } catch (InvalidName e) {
                out.println("query '" + queries.get(q) + "': " + e.getMessage());
                continue;
            }
            out.println("query '" + queries.get(q) + "' " + name);
            for (var hit : index.search(name, limit)) {
                print(out, hit);
                var adjusted = given.adjust(hit.comparison(), new Particulars(List.of("1970-1972"), List.of("AF")), index.matcher().thresholds());
                out.println("    with particulars " + adjusted.score() + " " + adjusted.band() + " " + adjusted.why());
            }
            if (q % (queries.size() / Math.max(1, everything)) == 0) {
                out.println("  every name:");
                for (var hit : index.searchEverything(name, limit)) {
                    print(out, hit);
                }
            }
        }
    }

    private static void print(PrintStream out, NameIndex.Hit<String> hit) {
        out.println("  " + hit.owner() + " | " + hit.entry().kind() + " | " + hit.entry().name() + " | " + hit.comparison().score() + " "
                + hit.comparison().band() + " " + hit.comparison().why());
    }
}
