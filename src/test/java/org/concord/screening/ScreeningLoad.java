package org.concord.screening;

import java.io.BufferedWriter;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.commons.text.similarity.JaroWinklerSimilarity;
import org.concord.screening.names.InvalidName;
import org.concord.screening.names.NameForms;
import org.concord.screening.names.NameIndex;
import org.concord.testing.OfflineNode;
import org.concord.testing.Postgres;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A load run of screening at scale (not a test): {@code n} synthetic aliases ({@link SyntheticNames}:
 * Latin, Arabic, Persian, Urdu and Cyrillic, three to an entry) written as a CSV watchlist and imported
 * through the real path ({@link Watchlists#importList}: parse, one transaction into the database, the
 * in-memory index built from the database); the index rebuilt again as a node does when it starts;
 * then queries (a spelling variant or the original-script name of a listed entry, two in three; a name
 * on no list, one in three) one at a time and on two threads, with their p50/p99 wall and CPU time;
 * the naive baseline of the same run, Jaro-Winkler (Apache Commons Text) of the folded name against
 * every alias; how many of the exhaustive scorer's matches the index finds; and queries while the list
 * is replaced by a newer version (1% added, 5% changed, 1% delisted).
 *
 * <p>Run: {@code ./mvnw -Pbench -DskipTests test -Dbench.main=org.concord.screening.ScreeningLoad -Dbench="1000000 h2"}
 * ({@code postgres} for PostgreSQL at 127.0.0.1:5432). {@code -Dbench.load-only=true} stops after the load through the import,
 * {@code -Dbench.skip-replace=true} leaves out the replacement.
 */
public final class ScreeningLoad {

    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        OfflineNode.Store store = args.length > 1 && args[1].equalsIgnoreCase("postgres") ? OfflineNode.Store.POSTGRES : OfflineNode.Store.H2;
        int queries = Integer.getInteger("bench.queries", 5_000);
        int baselineQueries = Integer.getInteger("bench.baseline", 20);
        int exhaustiveQueries = Integer.getInteger("bench.exhaustive", 10);
        Path dir = Files.createTempDirectory("screening-load-");
        String schema = store == OfflineNode.Store.POSTGRES ? Postgres.newSchema("screening_load") : null;
        System.out.printf(Locale.ROOT, "store %s, %,d aliases, %d cores, max heap %d MB%n", store, n, Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20);

        SyntheticNames names = new SyntheticNames(42);
        List<SyntheticNames.Entry> entries = new ArrayList<>();
        for (int i = 0; entries.size() * 3 < n; i++) {
            entries.add(names.next(String.format(Locale.ROOT, "S-%07d", i)));
        }
        Path v1 = dir.resolve("list-v1.csv");
        write(v1, entries);
        System.out.printf(Locale.ROOT, "list: %,d entries, %,d aliases, %.0f MB of CSV%n", entries.size(), entries.size() * 3, Files.size(v1) / 1e6);

        Map<String, Object> quiet = Map.of("logging.level.root", "WARN", "logging.level.org.concord.screening", "INFO");
        ConfigurableApplicationContext node = OfflineNode.start(store, dir.resolve("node"), schema, quiet);
        try {
            Watchlists watchlists = node.getBean(Watchlists.class);
            long heapBefore = heapInUse();
            System.out.printf(Locale.ROOT, "load average before the load: %s; heap in use after a full collection: %d MB%n", loadAverage(),
                    heapBefore >> 20);
            long started = System.nanoTime();
            long processCpu = processCpu();
            Watchlists.Imported imported;
            try (InputStream in = Files.newInputStream(v1)) {
                imported = watchlists.importList("synthetic", Watchlists.Format.CSV, in);
            }
            double load = (System.nanoTime() - started) / 1e9;
            System.out.printf(Locale.ROOT, "load through the import (parse, database, index): %.1f s (the process's CPU meanwhile, every thread:"
                    + " %.1f s; load average after: %s); %s added, %,d names indexed%n", load, (processCpu() - processCpu) / 1e9, loadAverage(),
                    imported.added(), watchlists.indexed());
            if (Boolean.getBoolean("bench.load-only")) {
                return;
            }
            started = System.nanoTime();
            processCpu = processCpu();
            NameIndex<Watchlists.Listed> index = watchlists.rebuild();
            System.out.printf(Locale.ROOT, "index rebuilt from the database (as at start): %.1f s (process CPU %.1f s), %,d names, %,d distinct words%n",
                    (System.nanoTime() - started) / 1e9, (processCpu() - processCpu) / 1e9, index.size(), index.words());
            long heapIndexed = heapInUse();
            System.out.printf(Locale.ROOT, "heap in use after a full collection, the index built: %d MB (%d MB more than before the load)%n",
                    heapIndexed >> 20, (heapIndexed - heapBefore) >> 20);

            Random random = new Random(7);
            List<String> asked = new ArrayList<>();
            List<String> expected = new ArrayList<>();
            for (int i = 0; i < queries + 1_000; i++) {
                if (random.nextInt(3) == 0) {
                    asked.add(names.unlisted());
                    expected.add(null);
                } else {
                    SyntheticNames.Entry entry = entries.get(random.nextInt(entries.size()));
                    asked.add(names.queryFor(entry));
                    expected.add(entry.reference());
                }
            }
            // warm up, then one thread
            for (int i = 0; i < 1_000; i++) {
                watchlists.search(asked.get(queries + i), 20);
            }
            long[] wall = new long[queries];
            long[] cpu = new long[queries];
            int found = 0;
            int listed = 0;
            long all = System.nanoTime();
            for (int i = 0; i < queries; i++) {
                long c = CPU.getCurrentThreadCpuTime();
                long t = System.nanoTime();
                List<Watchlists.Match> matches = watchlists.search(asked.get(i), 20);
                wall[i] = System.nanoTime() - t;
                cpu[i] = CPU.getCurrentThreadCpuTime() - c;
                if (expected.get(i) != null) {
                    listed++;
                    String want = expected.get(i);
                    found += matches.stream().anyMatch(m -> m.reference().equals(want)) ? 1 : 0;
                }
            }
            double seconds = (System.nanoTime() - all) / 1e9;
            System.out.printf(Locale.ROOT, "index, one thread: %,d queries, %.0f queries/s; wall p50 %.2f ms, p99 %.2f ms; CPU p50 %.2f ms, p99 %.2f ms;"
                    + " the listed entry among the matches for %d of %d (%.1f%%)%n", queries, queries / seconds, pct(wall, 50), pct(wall, 99),
                    pct(cpu, 50), pct(cpu, 99), found, listed, 100.0 * found / listed);
            // two threads
            AtomicInteger next = new AtomicInteger();
            long two = System.nanoTime();
            Thread[] threads = new Thread[2];
            for (int t = 0; t < threads.length; t++) {
                threads[t] = new Thread(() -> {
                    int i;
                    while ((i = next.getAndIncrement()) < queries) {
                        watchlists.search(asked.get(i), 20);
                    }
                });
                threads[t].start();
            }
            for (Thread thread : threads) {
                thread.join();
            }
            System.out.printf(Locale.ROOT, "index, two threads: %.0f queries/s%n", queries / ((System.nanoTime() - two) / 1e9));

            long heapQueried = heapInUse();
            System.out.printf(Locale.ROOT, "heap in use after a full collection, after the queries (the words found per query word kept): %d MB"
                    + " (%d MB more than before the load)%n", heapQueried >> 20, (heapQueried - heapBefore) >> 20);
            baseline(index, asked, baselineQueries);
            exhaustive(index, asked, exhaustiveQueries);
            if (!Boolean.getBoolean("bench.skip-replace")) {
                replacing(watchlists, entries, names, dir, asked, expected);
            }
        } finally {
            node.close();
            if (schema != null) {
                Postgres.dropSchema(schema);
            }
        }
    }

    /** The naive baseline: the folded, sorted name against every alias's, Jaro-Winkler from Commons Text, the best 20 kept. */
    private static void baseline(NameIndex<Watchlists.Listed> index, List<String> asked, int queries) {
        List<String> folded = new ArrayList<>(index.size());
        index.forEachName(name -> folded.add(name.sortedTokens()));
        JaroWinklerSimilarity jw = new JaroWinklerSimilarity();
        long[] wall = new long[queries];
        long[] cpu = new long[queries];
        for (int q = 0; q < queries; q++) {
            String query = NameForms.of(asked.get(q)).sortedTokens();
            long c = CPU.getCurrentThreadCpuTime();
            long t = System.nanoTime();
            double[] best = new double[20];
            for (String candidate : folded) {
                double s = jw.apply(query, candidate);
                if (s > best[0]) {
                    best[0] = s;
                    Arrays.sort(best);
                }
            }
            wall[q] = System.nanoTime() - t;
            cpu[q] = CPU.getCurrentThreadCpuTime() - c;
        }
        double mean = Arrays.stream(wall).average().orElse(0) / 1e9;
        System.out.printf(Locale.ROOT, "baseline, brute-force Jaro-Winkler over %,d aliases, one thread: %d queries, %.1f queries/s;"
                + " wall p50 %.0f ms, p99 %.0f ms; CPU p50 %.0f ms%n", folded.size(), queries, 1 / mean, pct(wall, 50), pct(wall, 99), pct(cpu, 50));
    }

    /** What the index finds of what scoring every name in full finds (MATCH and REVIEW, by owner). */
    private static void exhaustive(NameIndex<Watchlists.Listed> index, List<String> asked, int queries) {
        int wanted = 0;
        int got = 0;
        int top = 0;
        int tops = 0;
        long spent = 0;
        for (int q = 0; q < queries; q++) {
            NameForms.Name name;
            try {
                name = NameForms.of(asked.get(q));
            } catch (InvalidName e) {
                continue;
            }
            long t = System.nanoTime();
            var everything = index.searchEverything(name, 20);
            spent += System.nanoTime() - t;
            var indexed = index.search(name, 20);
            var owners = indexed.stream().map(NameIndex.Hit::owner).toList();
            for (var hit : everything) {
                wanted++;
                got += owners.contains(hit.owner()) ? 1 : 0;
            }
            if (!everything.isEmpty()) {
                tops++;
                top += !indexed.isEmpty() && indexed.get(0).owner().equals(everything.get(0).owner()) ? 1 : 0;
            }
        }
        System.out.printf(Locale.ROOT, "the index against every name scored in full (%d queries, %.1f s each in full): %d of %d matches found"
                + " (%.1f%%), the same best match for %d of %d%n", queries, spent / 1e9 / Math.max(1, queries), got, wanted,
                100.0 * got / Math.max(1, wanted), top, tops);
    }

    /** Queries keep answering, from the old index and then the new, while a newer version of the list is imported. */
    private static void replacing(Watchlists watchlists, List<SyntheticNames.Entry> entries, SyntheticNames names, Path dir,
            List<String> asked, List<String> expected) throws Exception {
        List<SyntheticNames.Entry> v2 = new ArrayList<>();
        Random random = new Random(11);
        int changed = 0;
        for (SyntheticNames.Entry entry : entries) {
            int roll = random.nextInt(100);
            if (roll == 0) {
                continue; // delisted
            }
            if (roll <= 5) {
                List<String> more = new ArrayList<>(entry.names());
                more.add(names.variant(entry.names().get(0)));
                v2.add(new SyntheticNames.Entry(entry.reference(), entry.person(), more, entry.dob(), entry.nationality()));
                changed++;
            } else {
                v2.add(entry);
            }
        }
        for (int i = 0; i < entries.size() / 100; i++) {
            v2.add(names.next(String.format(Locale.ROOT, "T-%07d", i)));
        }
        Path file = dir.resolve("list-v2.csv");
        write(file, v2);
        // a listed entry that stays on the list: it must be found throughout
        SyntheticNames.Entry kept = v2.get(v2.size() / 2);
        AtomicBoolean done = new AtomicBoolean();
        Watchlists.Imported[] imported = new Watchlists.Imported[1];
        Throwable[] failed = new Throwable[1];
        long started = System.nanoTime();
        Thread importer = new Thread(() -> {
            try (InputStream in = Files.newInputStream(file)) {
                imported[0] = watchlists.importList("synthetic", Watchlists.Format.CSV, in);
            } catch (Throwable e) {
                failed[0] = e;
            } finally {
                done.set(true);
            }
        });
        importer.start();
        List<Long> wall = new ArrayList<>();
        int missed = 0;
        int i = 0;
        while (!done.get()) {
            long t = System.nanoTime();
            watchlists.search(asked.get(i++ % asked.size()), 20);
            boolean keptFound = watchlists.search(kept.names().get(0), 5).stream().anyMatch(m -> m.reference().equals(kept.reference()));
            wall.add(System.nanoTime() - t);
            missed += keptFound ? 0 : 1;
        }
        importer.join();
        if (failed[0] != null) {
            throw new IllegalStateException(failed[0]);
        }
        long[] w = wall.stream().mapToLong(Long::longValue).toArray();
        System.out.printf(Locale.ROOT, "replaced by a newer version in %.1f s (%d added, %d changed, %d delisted; %d changes made); meanwhile"
                + " %,d pairs of queries answered, wall p50 %.2f ms, p99 %.2f ms, max %.0f ms; an entry kept on the list missed %d times%n",
                (System.nanoTime() - started) / 1e9, imported[0].added(), imported[0].changed(), imported[0].delisted(), changed, w.length,
                pct(w, 50), pct(w, 99), Arrays.stream(w).max().orElse(0) / 1e6, missed);
    }

    /** The heap in use after a full collection (as near as {@code System.gc()} gets), in bytes. */
    private static long heapInUse() {
        Runtime runtime = Runtime.getRuntime();
        for (int i = 0; i < 2; i++) {
            System.gc();
        }
        return runtime.totalMemory() - runtime.freeMemory();
    }

    /** The CPU time of every thread of this process, in nanoseconds. */
    private static long processCpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** The machine's load average over 1, 5 and 15 minutes, as uptime gives it. */
    static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return parts[0] + ", " + parts[1] + ", " + parts[2];
        } catch (java.io.IOException | RuntimeException e) {
            return String.format(Locale.ROOT, "%.2f (1 min)", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
    }

    private static double pct(long[] nanos, int percentile) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(percentile / 100.0 * sorted.length) - 1)] / 1e6;
    }

    private static void write(Path file, List<SyntheticNames.Entry> entries) throws java.io.IOException {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("reference,name,aliases,type,date_of_birth,nationality\n");
            for (SyntheticNames.Entry e : entries) {
                out.write(e.reference() + "," + SyntheticNames.csv(e.names().get(0)) + ","
                        + SyntheticNames.csv(String.join(";", e.names().subList(1, e.names().size()))) + ","
                        + (e.person() ? "person" : "organisation") + "," + e.dob() + "," + e.nationality() + "\n");
            }
        }
    }
}
