package org.concord.screening;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import org.concord.screening.names.InvalidName;
import org.concord.screening.names.NameForms;
import org.concord.screening.names.NameIndex;
import org.concord.screening.names.NameMatcher;
import org.concord.screening.names.Thresholds;

/**
 * How a query's time changes as the index answers more of them (not a test): {@code n} synthetic aliases
 * ({@link SyntheticNames}, the same list as {@link ScreeningLoad}'s) in a {@link NameIndex} built in memory,
 * no database, then rounds of 5,000 queries of the same kind as {@link ScreeningLoad}'s, each round new
 * ones (or, with {@code again}, the first round's asked again), one thread, with each round's CPU p50 and
 * p99. {@link ScreeningLoad} measures 5,000 queries after 1,000: a node's first minutes, with the JIT still
 * compiling and few query words seen before (the index keeps the words found for each query word it has
 * met). This shows how far from the steady state that is.
 *
 * <p>Run: {@code ./mvnw -Pbench -DskipTests test -Dbench.main=org.concord.screening.ScreeningQueryRounds -Dbench="1000000 8"}
 * ({@code -Dbench="1000000 8 again"} to ask the first round's queries in every round; a JVM option before the
 * class, as {@code -Dbench.main="-Dconcord.screening.similar-kept=0 org.concord.screening.ScreeningQueryRounds"},
 * keeps none of the words found).
 */
public final class ScreeningQueryRounds {

    private static final int ROUND = 5_000;
    private static final int WARM_UP = 1_000;

    private ScreeningQueryRounds() {
    }

    public static void main(String[] args) {
        int n = Integer.parseInt(args[0]);
        int rounds = Integer.parseInt(args[1]);
        boolean again = args.length > 2 && args[2].equals("again");
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        SyntheticNames names = new SyntheticNames(42);
        List<SyntheticNames.Entry> entries = new ArrayList<>();
        List<NameIndex.Entry<String>> indexed = names.indexEntries(n, entries);
        long built = System.nanoTime();
        NameIndex<String> index = NameIndex.build(indexed, new NameMatcher(Thresholds.DEFAULT));
        System.out.printf(Locale.ROOT, "index of %,d names built in memory in %.1f s; load average %s%n", index.size(),
                (System.nanoTime() - built) / 1e9, ScreeningLoad.loadAverage());
        indexed = null;
        Random random = new Random(7);
        List<NameForms.Name> queries = new ArrayList<>();
        while (queries.size() < WARM_UP + ROUND * (again ? 1 : rounds)) {
            String query = random.nextInt(3) == 0 ? names.unlisted() : names.queryFor(entries.get(random.nextInt(entries.size())));
            try {
                queries.add(NameForms.of(query));
            } catch (InvalidName e) {
                // a synthetic name the forms refuse is not asked
            }
        }
        for (int i = 0; i < WARM_UP; i++) {
            index.search(queries.get(i), 20);
        }
        for (int r = 0; r < rounds; r++) {
            int from = WARM_UP + (again ? 0 : r * ROUND);
            long[] nanos = new long[ROUND];
            for (int i = 0; i < ROUND; i++) {
                long c = cpu.getCurrentThreadCpuTime();
                index.search(queries.get(from + i), 20);
                nanos[i] = cpu.getCurrentThreadCpuTime() - c;
            }
            Arrays.sort(nanos);
            System.out.printf(Locale.ROOT, "round %d (%s): CPU p50 %.2f ms, p99 %.2f ms, mean %.2f ms%n", r + 1,
                    again && r > 0 ? "the first round's queries again" : "queries not asked before", nanos[ROUND / 2] / 1e6,
                    nanos[ROUND * 99 / 100] / 1e6, Arrays.stream(nanos).average().orElse(0) / 1e6);
        }
    }
}
