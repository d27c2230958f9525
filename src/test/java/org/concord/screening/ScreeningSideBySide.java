package org.concord.screening;

import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
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
 * Two builds of the index side by side in one JVM (not a test): each build's main classes in a class
 * loader of its own (this class's test classes beside them), each with the same {@code n} synthetic
 * aliases ({@link SyntheticNames}, the list {@link ScreeningLoad} loads) in a {@link NameIndex} built in
 * memory and the same queries, not asked before, answered in rounds of {@code perRound}, the two builds
 * taking turns (which goes first alternates). A run of {@link ScreeningLoad} after another is only as
 * fair as the host is steady between them, and the hosts these run on drift by a third from one minute
 * to the next; here both builds meet the same drift, round by round. Prints each round's mean and median
 * wall time a query and how many listed entries were found, for each build, and the ratio.
 *
 * <p>Run: {@code ./mvnw -Pbench -DskipTests test -Dbench.main="-Xmx10g org.concord.screening.ScreeningSideBySide"
 * -Dbench="1000000 1000 10 /path/to/before/target/classes target/classes"} (the first round is a warm-up).
 */
public final class ScreeningSideBySide {

    private ScreeningSideBySide() {
    }

    public static void main(String[] args) throws Exception {
        int n = Integer.parseInt(args[0]);
        int perRound = Integer.parseInt(args[1]);
        int rounds = Integer.parseInt(args[2]);
        String[] builds = {args[3], args[4]};
        URL tests = ScreeningSideBySide.class.getProtectionDomain().getCodeSource().getLocation();
        Object[] runs = new Object[2];
        Method[] round = new Method[2];
        for (int b = 0; b < 2; b++) {
            ClassLoader loader = new OwnClassesFirst(new URL[] {Path.of(builds[b]).toUri().toURL(), tests}, ScreeningSideBySide.class.getClassLoader());
            Class<?> run = loader.loadClass(ScreeningSideBySide.class.getName() + "$Run");
            runs[b] = run.getConstructor(int.class, int.class).newInstance(n, perRound * (rounds + 1));
            round[b] = run.getMethod("round", int.class, int.class);
        }
        System.out.printf(Locale.ROOT, "%,d aliases, two builds: A %s, B %s; %d rounds of %d queries after one of warm-up; load average %s%n", n,
                builds[0], builds[1], rounds, perRound, loadAverage());
        double[][] sums = new double[2][3];
        for (int r = 0; r <= rounds; r++) {
            double[][] result = new double[2][];
            for (int k = 0; k < 2; k++) {
                int b = (r + k) % 2;
                result[b] = (double[]) round[b].invoke(runs[b], r * perRound, (r + 1) * perRound);
            }
            if (r == 0) {
                continue;
            }
            System.out.printf(Locale.ROOT, "round %2d: A mean %4.0f µs, p50 %4.0f µs, found %3.0f | B mean %4.0f µs, p50 %4.0f µs, found %3.0f | B/A p50 %.3f%n", r,
                    result[0][0], result[0][1], result[0][2], result[1][0], result[1][1], result[1][2], result[1][1] / result[0][1]);
            for (int b = 0; b < 2; b++) {
                for (int j = 0; j < 3; j++) {
                    sums[b][j] += result[b][j];
                }
            }
        }
        System.out.printf(Locale.ROOT, "all rounds: A mean %.0f µs, p50 %.0f µs, found %.0f | B mean %.0f µs, p50 %.0f µs, found %.0f | B/A p50 %.3f, mean %.3f%n",
                sums[0][0] / rounds, sums[0][1] / rounds, sums[0][2], sums[1][0] / rounds, sums[1][1] / rounds, sums[1][2], sums[1][1] / sums[0][1],
                sums[1][0] / sums[0][0]);
    }

    /** The load average, as {@link ScreeningLoad} prints it (read here: this class runs without the project's main classes on its class path). */
    private static String loadAverage() throws java.io.IOException {
        String[] fields = java.nio.file.Files.readString(Path.of("/proc/loadavg")).split(" ");
        return String.join(", ", fields[0], fields[1], fields[2]);
    }

    /** A loader that takes the project's classes from its own directories first, everything else from its parent. */
    private static final class OwnClassesFirst extends URLClassLoader {
        OwnClassesFirst(URL[] urls, ClassLoader parent) {
            super(urls, parent);
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            synchronized (getClassLoadingLock(name)) {
                Class<?> c = findLoadedClass(name);
                if (c == null && name.startsWith("org.concord.")) {
                    try {
                        c = findClass(name);
                    } catch (ClassNotFoundException e) {
                        // not in these directories: the parent's
                    }
                }
                if (c == null) {
                    c = super.loadClass(name, false);
                }
                if (resolve) {
                    resolveClass(c);
                }
                return c;
            }
        }
    }

    /** One build's index and queries, loaded in that build's class loader. */
    public static final class Run {
        private final NameIndex<String> index;
        private final List<NameForms.Name> queries = new ArrayList<>();
        private final List<String> expected = new ArrayList<>();

        public Run(int n, int count) {
            SyntheticNames names = new SyntheticNames(42);
            List<SyntheticNames.Entry> entries = new ArrayList<>();
            index = NameIndex.build(names.indexEntries(n, entries), new NameMatcher(Thresholds.DEFAULT));
            Random random = new Random(7);
            while (queries.size() < count) {
                SyntheticNames.Entry entry = random.nextInt(3) == 0 ? null : entries.get(random.nextInt(entries.size()));
                try {
                    queries.add(NameForms.of(entry == null ? names.unlisted() : names.queryFor(entry)));
                    expected.add(entry == null ? null : entry.reference());
                } catch (InvalidName e) {
                    // a synthetic name the forms refuse is not asked
                }
            }
        }

        /** Queries {@code from} to {@code to} (not included): the mean and median wall time in µs, and how many found their listed entry. */
        public double[] round(int from, int to) {
            long[] wall = new long[to - from];
            int found = 0;
            for (int i = from; i < to; i++) {
                long started = System.nanoTime();
                List<NameIndex.Hit<String>> hits = index.search(queries.get(i), 20);
                wall[i - from] = System.nanoTime() - started;
                String want = expected.get(i);
                if (want != null && hits.stream().anyMatch(h -> h.owner().equals(want))) {
                    found++;
                }
            }
            long sum = Arrays.stream(wall).sum();
            Arrays.sort(wall);
            return new double[] {sum / 1e3 / wall.length, wall[wall.length / 2] / 1e3, found};
        }
    }
}
