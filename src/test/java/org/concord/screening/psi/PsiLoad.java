package org.concord.screening.psi;

import java.io.ByteArrayInputStream;
import java.lang.management.ManagementFactory;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import org.concord.party.Pairing;
import org.concord.party.Role;
import org.concord.screening.Watchlists;
import org.concord.testing.Https;
import org.concord.testing.Postgres;
import org.concord.testing.TestNode;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A load run of the private set intersection (not a test): the wall time of a whole session between two
 * nodes started here (PK and IR, paired over mutual TLS, each on its own port), from PK's person's request
 * to IR's person's acceptance returning complete, with sets of about {@code n} keys on each side, for each
 * {@code n} given. Each list is about {@code n / 3} synthetic names of three words (three keys each: Latin,
 * skeleton, sound), a tenth of them on both lists; imported through {@code Watchlists} like any list.
 *
 * <p>Measured apart, so the session's time is the exchange alone: the import, and the keys of each list
 * (normalising every name, {@code PsiSessions.keysOf}, done once per list version and kept). The baseline in
 * the same run: hashing and blinding one set of {@code n} keys once, in this process, on every core
 * ({@code Blinding.Key.blindKeys}). A session does that work four times over (each side blinds its own set
 * and re-blinds the other's), two of them on each node, so about four baselines is the floor on two cores
 * shared by both nodes.
 *
 * <p>Run: {@code ./mvnw -Pbench -DskipTests test -Dbench.main=org.concord.screening.psi.PsiLoad -Dbench="10000,100000,1000000 h2"}
 * ({@code postgres} for PostgreSQL at 127.0.0.1:5432).
 */
public final class PsiLoad {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String[] SYLLABLES = {"ba", "ka", "da", "fa", "ga", "ha", "ja", "la", "ma", "na", "pa", "ra", "sa", "ta", "za",
        "bi", "ki", "di", "mi", "ni", "ri", "si", "ti", "zi", "bo", "ko", "do", "mo", "no", "ro", "so", "to", "bu", "ku", "du", "mu", "nu",
        "ru", "su", "tu", "sha", "kha", "gha", "dar", "bar", "mar", "nur", "zar", "gul", "far"};

    public static void main(String[] args) throws Exception {
        List<Integer> sizes = new ArrayList<>();
        for (String s : (args.length > 0 ? args[0] : "10000,100000").split(",")) {
            sizes.add(Integer.parseInt(s.trim()));
        }
        TestNode.Store store = args.length > 1 && args[1].equalsIgnoreCase("postgres") ? TestNode.Store.POSTGRES : TestNode.Store.H2;
        int largest = sizes.stream().mapToInt(Integer::intValue).max().orElse(0);
        Map<String, Object> config = Map.of("logging.level.root", "WARN", "logging.level.org.concord", "WARN",
                "concord.screening.psi.max-set-size", largest * 2, "concord.screening.psi.max-sessions-per-day", 1000);
        TestNode pk = TestNode.start("PK", "Pakistan", store, null, null, config);
        TestNode ir = TestNode.start("IR", "Islamic Republic of Iran", store, null, null, config);
        try {
            pk.bean(Pairing.class).pair(ir.identity().pairingRecord(), "bench", false);
            ir.bean(Pairing.class).pair(pk.identity().pairingRecord(), "bench", false);
            System.out.printf("X25519 by %s%n", X25519Multipliers.chosen().name());
            System.out.printf("store %s, %d cores, max heap %d MB, load average %.1f at start%n", store,
                    Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20,
                    ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
            List<String> rows = new ArrayList<>();
            for (int n : sizes) {
                rows.add(run(pk, ir, n));
                System.out.println(rows.get(rows.size() - 1));
            }
            System.out.println();
            System.out.println("| keys a side (PK · IR) | import a side (s) | keys of the list a side (s) | baseline: hash and blind one set in-process (s)"
                    + " | PSI session wall time (s) | session / baseline | PK's entries matched (shared names) | load average"
                    + " | heap used after GC, both nodes (MB) |");
            System.out.println("| --- | --- | --- | --- | --- | --- | --- | --- | --- |");
            rows.forEach(System.out::println);
        } finally {
            pk.close();
            ir.close();
            if (store == TestNode.Store.POSTGRES) {
                Postgres.dropSchema(pk.schema());
                Postgres.dropSchema(ir.schema());
            }
        }
    }

    private static String run(TestNode pk, TestNode ir, int n) throws Exception {
        int names = Math.max(1, n / 3);
        int shared = names / 10;
        Random random = new Random(n);
        List<String> common = names(random, shared);
        List<String> pkNames = new ArrayList<>(common);
        pkNames.addAll(names(random, names - shared));
        List<String> irNames = new ArrayList<>(common);
        irNames.addAll(names(random, names - shared));
        String pkList = "bench-pk-" + n;
        String irList = "bench-ir-" + n;

        long t = System.nanoTime();
        pk.bean(Watchlists.class).importUnList(pkList, un("P", pkNames));
        ir.bean(Watchlists.class).importUnList(irList, un("I", irNames));
        double imported = seconds(t) / 2;

        t = System.nanoTime();
        int pkKeys = pk.bean(PsiSessions.class).keysOf(pkList, org.concord.party.PartyCode.of("IR")).entriesByKey().size();
        int irKeys = ir.bean(PsiSessions.class).keysOf(irList, org.concord.party.PartyCode.of("PK")).entriesByKey().size();
        double keying = seconds(t) / 2;

        List<String> keys = new ArrayList<>(pk.bean(PsiSessions.class).keysOf(pkList, org.concord.party.PartyCode.of("IR")).entriesByKey().keySet());
        Blinding.freshKey().blindKeys(keys.subList(0, Math.min(keys.size(), 2000))); // warm the JIT
        t = System.nanoTime();
        long cpu = processCpu();
        Blinding.freshKey().blindKeys(keys);
        double baseline = seconds(t);
        double baselineCpu = (processCpu() - cpu) / 1e9;

        double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        t = System.nanoTime();
        cpu = processCpu();
        HttpResponse<String> requested = Https.to(pk).send("POST", "/api/screening/psi/sessions",
                "{\"partner\":\"IR\",\"list\":\"" + pkList + "\"}", auth(pk, Role.LIAISON));
        if (requested.statusCode() != 201) {
            throw new IllegalStateException("request: " + requested.body());
        }
        String id = JSON.readTree(requested.body()).path("id").asString();
        HttpResponse<String> accepted = Https.to(ir).waitingAtMost(Duration.ofMinutes(30)).send("POST", "/api/screening/psi/sessions/" + id + "/accept",
                "{\"list\":\"" + irList + "\"}", auth(ir, Role.ANALYST));
        double session = seconds(t);
        double sessionCpu = (processCpu() - cpu) / 1e9;
        System.out.printf("CPU of the whole process (both nodes, every thread): baseline %.1f s, session %.1f s%n", baselineCpu, sessionCpu);
        JsonNode done = JSON.readTree(accepted.body());
        if (accepted.statusCode() != 200 || !"COMPLETED".equals(done.path("state").asString())) {
            throw new IllegalStateException("accept: " + accepted.statusCode() + " " + accepted.body().substring(0,
                    Math.min(500, accepted.body().length())));
        }
        JsonNode pkView = JSON.readTree(Https.to(pk).get("/api/screening/psi/sessions/" + id, basic(pk, Role.VIEWER)).body());
        int pkMatched = pkView.path("matchedEntries").asInt();
        Set<String> expected = new HashSet<>(common);
        if (pkMatched < expected.size()) {
            throw new IllegalStateException("PK matched " + pkMatched + " entries, fewer than the " + expected.size() + " shared names");
        }
        load = Math.max(load, ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        System.gc();
        long heap = (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) >> 20;
        return String.format("| %,d · %,d | %.1f | %.1f | %.1f | **%.1f** | %.1f | %,d (%,d) | %.1f | %,d |", pkKeys, irKeys, imported, keying,
                baseline, session, session / baseline, pkMatched, shared, load, heap);
    }

    /** CPU time of this process, every thread (the JIT's and the collector's too), in nanoseconds. */
    private static long processCpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** Names of three made-up words, e.g. "Kadar Zibo Mursa": distinct, so about three distinct keys each. */
    private static List<String> names(Random random, int count) {
        List<String> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            StringBuilder name = new StringBuilder();
            for (int w = 0; w < 3; w++) {
                if (w > 0) {
                    name.append(' ');
                }
                int syllables = 2 + random.nextInt(2);
                StringBuilder word = new StringBuilder();
                for (int s = 0; s < syllables; s++) {
                    word.append(SYLLABLES[random.nextInt(SYLLABLES.length)]);
                }
                name.append(Character.toUpperCase(word.charAt(0))).append(word, 1, word.length());
            }
            out.add(name.toString());
        }
        return out;
    }

    private static ByteArrayInputStream un(String prefix, List<String> names) {
        StringBuilder xml = new StringBuilder(names.size() * 120).append("<CONSOLIDATED_LIST dateGenerated=\"2026-12-03\"><ENTITIES>");
        for (int i = 0; i < names.size(); i++) {
            xml.append("<ENTITY><DATAID>").append(i + 1).append("</DATAID><FIRST_NAME>").append(names.get(i))
                    .append("</FIRST_NAME><REFERENCE_NUMBER>").append(prefix).append(i).append("</REFERENCE_NUMBER></ENTITY>");
        }
        xml.append("</ENTITIES></CONSOLIDATED_LIST>");
        return new ByteArrayInputStream(xml.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static String[] auth(TestNode node, Role role) {
        String[] basic = basic(node, role);
        return new String[] {"Content-Type", "application/json", basic[0], basic[1]};
    }

    private static String[] basic(TestNode node, Role role) {
        return Https.basic(node.username(role), node.password(role));
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}
