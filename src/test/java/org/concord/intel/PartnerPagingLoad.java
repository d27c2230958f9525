package org.concord.intel;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import org.concord.intel.persistence.IntelTable;
import org.concord.intel.stix.HeldObject;
import org.concord.intel.stix.SharingPolicy;
import org.concord.intel.stix.Tlp;
import org.concord.party.ApiTokens;
import org.concord.party.Pairing;
import org.concord.party.PartyCode;
import org.concord.testing.Https;
import org.concord.testing.TestNode;
import org.springframework.jdbc.core.simple.JdbcClient;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A load run (not a test) of the partner's pull when most of the store is withheld, and of paging
 * through a large store (issue 13). PK holds {@code withheld} objects IR may not read (TLP:AMBER,
 * TLP:AMBER+STRICT, TLP:RED, unmarked, and TLP:GREEN ones received from AF, which the policy does
 * not pass on; a share of them TLP:GREEN relationships withheld only for pointing at an AMBER
 * object, which rule 5 decides in Java) and {@code visible} TLP:GREEN and TLP:CLEAR objects
 * spread evenly among them. Rows are written straight into {@code intel_object} as the store
 * writes them ({@code IntelStore.row}, one batch per 10,000 rows), not over HTTP.
 *
 * <p>Measured, over HTTPS as the partner (IR's TLS key) and as a user (an API token):
 * <ol>
 *   <li>IR's full pull, pages of 1,000 and of 100, repeated: time per page, pages per pull,
 *       objects received (must be exactly the visible ones), and the whole JVM's RSS
 *       ({@code /proc/self/status} VmRSS, sampled every 50 ms; both nodes and the client run in
 *       this JVM, so it bounds the serving node's);</li>
 *   <li>a single withheld object and a single visible one, as IR (404 and 200 must take alike);</li>
 *   <li>the user's paged read of the whole store, 1,000 a page, with the time of each page at
 *       its depth;</li>
 *   <li>baselines of the same run: the same rows by a plain keyset SELECT over JDBC, and the
 *       partner page as the code before issue 13 computed it (walk every row in order, decide
 *       each in Java), once, stopped after {@code bench.baseline-seconds} (default 120).</li>
 * </ol>
 *
 * <p>Run: {@code ./mvnw -Pbench -DskipTests test -Dbench.main=org.concord.intel.PartnerPagingLoad
 * -Dbench="500000 1000 h2 20"} (withheld, visible, {@code h2} or {@code postgres} at 127.0.0.1:5432, pulls of each page size).
 *
 * <p>With {@code -Dbench.apart=true} given inside {@code bench.main} (PostgreSQL only), PK serves from a JVM of its own after
 * the seeding (same keys, schema and port; JVM options from {@code bench.serve-opts}, apart by semicolons), and the RSS
 * reported is that process's alone; the old-path baseline is then skipped.
 */
public final class PartnerPagingLoad {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String INTEL = "/taxii2/concord/collections/" + Collection.INTEL.id() + "/";
    private static final String TAXII = "application/taxii+json;version=2.1";

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("--serve")) {
            serve(Path.of(args[1]), args[2], Integer.parseInt(args[3]));
            return;
        }
        boolean apart = Boolean.getBoolean("bench.apart");
        int withheld = args.length > 0 ? Integer.parseInt(args[0]) : 500_000;
        int visible = args.length > 1 ? Integer.parseInt(args[1]) : 1_000;
        TestNode.Store store = args.length > 2 && args[2].equalsIgnoreCase("postgres") ? TestNode.Store.POSTGRES : TestNode.Store.H2;
        int pulls = args.length > 3 ? Integer.parseInt(args[3]) : 20;
        Map<String, Object> quiet = Map.of("logging.level.root", "WARN", "logging.level.org.concord", "WARN",
                "concord.exchange.pull-interval", "PT24H");
        RssSampler rss = new RssSampler(Path.of("/proc/self/status"));
        rss.start();
        Process serving = null;
        RssSampler servingRss = null;
        TestNode pk = TestNode.start("PK", "Pakistan", store, null, null, quiet);
        TestNode ir = TestNode.start("IR", "Islamic Republic of Iran", TestNode.Store.H2, null, null, quiet);
        try {
            pk.bean(Pairing.class).pair(ir.identity().pairingRecord(), "bench", false);
            ir.bean(Pairing.class).pair(pk.identity().pairingRecord(), "bench", false);
            System.out.printf("store %s: %,d objects withheld from IR, %,d visible; %d pulls of each page size%n", store, withheld, visible,
                    pulls);
            Https asIr = Https.asPartner(ir, pk);
            long before = pull(asIr, 1000, null).objects; // what the node shares of its own on start (its identity, the TLP definitions)
            long t0 = System.nanoTime();
            Seeded seeded = seed(pk, withheld, visible);
            System.out.printf("seeded %,d rows in %.1f s (%,d withheld by rule 5 only: GREEN relationships to AMBER objects)%n",
                    seeded.rows, (System.nanoTime() - t0) / 1e9, seeded.byReferences);
            System.out.printf("RSS after seeding: %,d MB%n", rss.current() / 1024);
            String token = pk.bean(ApiTokens.class).issue("pk-analyst", "benchmark", java.time.Duration.ofHours(1)).token();
            if (apart) {
                // The serving node alone: this JVM's PK (which seeded, and whose heap the seeding grew) stops, and the same node
                // (keys, schema, port) starts in a JVM of its own, with the launcher's JVM defaults unless bench.serve-opts.
                baselineSelect(pk);
                pk.close();
                serving = startServing(pk);
                servingRss = new RssSampler(Path.of("/proc/" + serving.pid() + "/status"));
                servingRss.start();
                System.out.printf("serving node in its own JVM (pid %d, options '%s'): RSS %,d MB once started%n",
                        serving.pid(), System.getProperty("bench.serve-opts", ""), servingRss.current() / 1024);
            }

            // Warm up the JIT and the connection on a few pulls.
            for (int i = 0; i < 3; i++) {
                pull(asIr, 1000, null);
            }
            rss.resetPeak();
            if (servingRss != null) {
                System.out.printf("serving node RSS after 3 warm-up pulls: %,d MB%n", servingRss.current() / 1024);
                servingRss.resetPeak();
            }
            for (int limit : new int[] {1000, 100}) {
                List<Double> pages = new ArrayList<>();
                int pageCount = 0;
                long received = 0;
                long started = System.nanoTime();
                for (int i = 0; i < pulls; i++) {
                    Pull pull = pull(asIr, limit, pages);
                    pageCount += pull.pages;
                    received = pull.objects;
                    if (pull.objects != visible + before) {
                        throw new IllegalStateException("IR received " + pull.objects + " objects, not the " + (visible + before)
                                + " visible ones");
                    }
                }
                double seconds = (System.nanoTime() - started) / 1e9;
                System.out.printf("partner pull, limit %d: %d pulls, %.1f pages a pull, %d objects each; page p50 %.1f / p99 %.1f / max %.1f ms;"
                        + " a whole pull %.0f ms%n", limit, pulls, pageCount / (double) pulls, received, pct(pages, 50), pct(pages, 99),
                        pct(pages, 100), seconds * 1000 / pulls);
            }
            if (servingRss != null) {
                System.out.printf("serving node's RSS peak while serving the partner: %,d MB (its own JVM)%n", servingRss.peak() / 1024);
            } else {
                System.out.printf("RSS peak while serving the partner: %,d MB (whole JVM: both nodes and the client)%n", rss.peak() / 1024);
            }

            List<Double> hidden = new ArrayList<>();
            List<Double> shown = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                hidden.add(timed(() -> expect(asIr.get(INTEL + "objects/" + seeded.aWithheldId + "/", "Accept", TAXII), 404)));
                shown.add(timed(() -> expect(asIr.get(INTEL + "objects/" + seeded.aVisibleId + "/", "Accept", TAXII), 200)));
            }
            System.out.printf("single object as IR: withheld (404) p50 %.2f / p99 %.2f ms; visible (200) p50 %.2f / p99 %.2f ms%n",
                    pct(hidden, 50), pct(hidden, 99), pct(shown, 50), pct(shown, 99));

            Https asUser = Https.to(pk);
            List<Double> userPages = new ArrayList<>();
            double[] slowestAt = {0, 0};
            long started = System.nanoTime();
            long read = 0;
            String next = null;
            int page = 0;
            do {
                String path = INTEL + "objects/?limit=1000" + (next == null ? "" : "&next=" + next);
                long s = System.nanoTime();
                HttpResponse<String> response = expect(asUser.get(path, "Accept", TAXII, "Authorization", "Bearer " + token), 200);
                double ms = (System.nanoTime() - s) / 1e6;
                userPages.add(ms);
                if (ms > slowestAt[0]) {
                    slowestAt[0] = ms;
                    slowestAt[1] = page;
                }
                JsonNode envelope = JSON.readTree(response.body());
                read += envelope.path("objects").size();
                next = envelope.path("more").asBoolean() ? envelope.path("next").asString() : null;
                page++;
            } while (next != null);
            double userSeconds = (System.nanoTime() - started) / 1e9;
            int third = userPages.size() / 3;
            System.out.printf("user's paged read, 1,000 a page, of all %,d: %,.0f objects/s; page p50 %.1f / p99 %.1f / max %.1f ms"
                    + " (slowest: page %d); p99 of the first third %.1f ms, of the last third %.1f ms%n", read, read / userSeconds,
                    pct(userPages, 50), pct(userPages, 99), pct(userPages, 100), (int) slowestAt[1], pct(userPages.subList(0, third), 99),
                    pct(userPages.subList(userPages.size() - third, userPages.size()), 99));

            if (servingRss != null) {
                System.out.printf("serving node's RSS: peak %,d MB over the partner pulls, single objects and user's read; VmHWM %,d MB"
                        + " (its whole life); now %,d MB%n", servingRss.peak() / 1024, servingRss.field("VmHWM:") / 1024,
                        servingRss.current() / 1024);
            } else {
                baselineSelect(pk);
                baselineOldPartnerPage(pk, ir, Integer.getInteger("bench.baseline-seconds", 120));
            }
        } finally {
            rss.stop = true;
            if (servingRss != null) {
                servingRss.stop = true;
            }
            if (serving != null) {
                serving.getOutputStream().close();
                if (!serving.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
                    serving.destroyForcibly();
                    serving.waitFor();
                }
            }
            ir.close();
            pk.close();
            // The 500,000 rows are about 900 MB on PostgreSQL: not left behind.
            if (pk.schema() != null) {
                org.concord.testing.Postgres.dropSchema(pk.schema());
            }
        }
    }

    /** {@code bench.apart}: PK as a JVM of its own on the same data directory, schema and port; returns once it serves. */
    private static Process startServing(TestNode pk) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        String opts = System.getProperty("bench.serve-opts", "").trim();
        if (!opts.isEmpty()) {
            command.addAll(List.of(opts.split(";"))); // options apart by ";" (JFR's own take commas)
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), PartnerPagingLoad.class.getName(), "--serve",
                pk.dataDir().toString(), pk.schema(), Integer.toString(pk.port())));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        java.io.BufferedReader out = new java.io.BufferedReader(new java.io.InputStreamReader(process.getInputStream(),
                java.nio.charset.StandardCharsets.UTF_8));
        java.util.concurrent.CountDownLatch ready = new java.util.concurrent.CountDownLatch(1);
        Thread echo = new Thread(() -> {
            try {
                for (String line; (line = out.readLine()) != null; ) {
                    if (line.equals("SERVING")) {
                        ready.countDown();
                    } else {
                        System.out.println("[PK] " + line);
                    }
                }
            } catch (java.io.IOException e) {
                // the process ended
            }
            ready.countDown(); // ended without serving: the wait below sees it dead
        });
        echo.setDaemon(true);
        echo.start();
        if (!ready.await(180, java.util.concurrent.TimeUnit.SECONDS) || !process.isAlive()) {
            process.destroyForcibly();
            throw new IllegalStateException("the serving node did not start");
        }
        return process;
    }

    /** The child of {@code bench.apart}: the node, until its standard input ends. */
    private static void serve(Path dataDir, String schema, int port) throws Exception {
        TestNode pk = TestNode.start("PK", "Pakistan", TestNode.Store.POSTGRES, dataDir, schema, Map.of("logging.level.root", "WARN",
                "logging.level.org.concord", "WARN", "concord.exchange.pull-interval", "PT24H", "server.port", port));
        System.out.println("SERVING");
        System.out.flush();
        while (System.in.read() >= 0) {
            // until the load closes the pipe
        }
        pk.close();
        System.exit(0);
    }

    /** The rows as the store writes them, in batches of 10,000 (each its own date added), and the clock moved past them. */
    private static Seeded seed(TestNode pk, int withheld, int visible) {
        IntelTable table = pk.bean(IntelTable.class);
        String self = pk.identity().stixIdentityId();
        int total = withheld + visible;
        int every = Math.max(1, total / Math.max(1, visible));
        Instant added = Instant.parse("2026-12-01T00:00:00Z");
        List<IntelTable.NewRow> batch = new ArrayList<>(10_000);
        List<String> amberIds = new ArrayList<>();
        Seeded seeded = new Seeded();
        int shown = 0;
        for (int i = 0; i < total; i++) {
            boolean isVisible = i % every == every / 2 && shown < visible;
            ObjectNode object;
            String source = null;
            if (isVisible) {
                shown++;
                object = sdo(i, self, i % 2 == 0 ? Tlp.GREEN : Tlp.CLEAR);
                seeded.aVisibleId = object.path("id").asString();
            } else {
                int kind = i % 100;
                if (kind < 1 && !amberIds.isEmpty()) {
                    // Withheld by rule 5 alone: GREEN, made here, pointing at an AMBER object.
                    object = relationship(i, self, amberIds.get(i % amberIds.size()), Tlp.GREEN);
                    seeded.byReferences++;
                } else if (kind < 30) {
                    object = sdo(i, self, Tlp.AMBER);
                    if (amberIds.size() < 10_000) {
                        amberIds.add(object.path("id").asString());
                    }
                } else if (kind < 45) {
                    object = sdo(i, self, Tlp.RED);
                } else if (kind < 55) {
                    object = sdo(i, self, Tlp.AMBER_STRICT);
                } else if (kind < 75) {
                    object = sdo(i, self, null);
                } else {
                    object = relationship(i, self, null, Tlp.AMBER);
                    if (kind >= 90) {
                        object = sdo(i, self, Tlp.GREEN);
                        source = "AF";
                    }
                }
                seeded.aWithheldId = object.path("id").asString();
            }
            batch.add(IntelStore.row(Collection.INTEL, object, IntelStore.versionKey(object), source, true));
            if (batch.size() == 10_000 || i == total - 1) {
                table.insert(batch, added);
                seeded.rows += batch.size();
                batch.clear();
                added = added.plusMillis(10);
            }
        }
        pk.bean(JdbcClient.class).sql("update intel_clock set last_added = ? where name = 'intel'").param(Timestamp.from(added)).update();
        table.refreshStatistics();
        return seeded;
    }

    private static final class Seeded {
        long rows;
        int byReferences;
        String aWithheldId;
        String aVisibleId;
    }

    private static final String[] TYPES = {"intrusion-set", "malware", "indicator", "campaign", "threat-actor"};

    private static ObjectNode sdo(int i, String self, Tlp tlp) {
        String type = TYPES[i % TYPES.length];
        ObjectNode object = JSON.createObjectNode();
        object.put("type", type).put("spec_version", "2.1").put("id", type + "--" + UUID.nameUUIDFromBytes(("o" + i).getBytes()))
                .put("created", "2026-11-01T08:00:00.000Z").put("modified", "2026-11-01T08:00:00.000Z").put("created_by_ref", self)
                .put("name", type + " " + i)
                .put("description", "Seen in the border districts of Kech, Panjgur and Sistan-Baluchestan; reported by two liaison cells "
                        + "and a human source, graded B2. Activity peaks after dark along the N-85 and the Mand-Pishin crossing.");
        if (type.equals("indicator")) {
            object.put("pattern", "[ipv4-addr:value = '10." + (i % 250) + "." + (i / 250 % 250) + ".7']").put("pattern_type", "stix")
                    .put("valid_from", "2026-11-01T08:00:00.000Z");
        } else {
            object.putArray("aliases").add("alias " + i).add("alias " + (i + 1));
        }
        if (tlp != null) {
            object.putArray("object_marking_refs").add(tlp.markingDefinitionId());
        }
        return object;
    }

    private static ObjectNode relationship(int i, String self, String target, Tlp tlp) {
        ObjectNode object = JSON.createObjectNode();
        object.put("type", "relationship").put("spec_version", "2.1")
                .put("id", "relationship--" + UUID.nameUUIDFromBytes(("r" + i).getBytes()))
                .put("created", "2026-11-01T08:00:00.000Z").put("modified", "2026-11-01T08:00:00.000Z").put("created_by_ref", self)
                .put("relationship_type", "uses")
                .put("source_ref", "intrusion-set--" + UUID.nameUUIDFromBytes(("o" + (i - 1)).getBytes()))
                .put("target_ref", target != null ? target : "malware--" + UUID.nameUUIDFromBytes(("o" + (i - 2)).getBytes()))
                .put("description", "Observed together in three reports of the liaison cells.");
        object.putArray("object_marking_refs").add(tlp.markingDefinitionId());
        return object;
    }

    private record Pull(int pages, long objects) {
    }

    /** One full pull as IR does it: pages of {@code limit} until {@code more} is false. */
    private static Pull pull(Https asIr, int limit, List<Double> pageTimes) throws Exception {
        String next = null;
        int pages = 0;
        long objects = 0;
        do {
            String path = INTEL + "objects/?limit=" + limit + (next == null ? "" : "&next=" + next);
            long s = System.nanoTime();
            HttpResponse<String> response = expect(asIr.get(path, "Accept", TAXII), 200);
            if (pageTimes != null) {
                pageTimes.add((System.nanoTime() - s) / 1e6);
            }
            JsonNode envelope = JSON.readTree(response.body());
            objects += envelope.path("objects").size();
            next = envelope.path("more").asBoolean() ? envelope.path("next").asString() : null;
            pages++;
        } while (next != null);
        return new Pull(pages, objects);
    }

    /** The same rows as the user's read, by a plain keyset SELECT over JDBC, 1,000 at a time. */
    private static void baselineSelect(TestNode pk) {
        JdbcClient jdbc = pk.bean(JdbcClient.class);
        List<Double> pages = new ArrayList<>();
        long started = System.nanoTime();
        long after = 0;
        long read = 0;
        while (true) {
            long s = System.nanoTime();
            List<Object[]> rows = jdbc.sql("select seq, object from intel_object where collection = 'intel' and seq > ? order by seq limit 1000")
                    .param(after).query((rs, n) -> new Object[] {rs.getLong(1), rs.getString(2)}).list();
            pages.add((System.nanoTime() - s) / 1e6);
            if (rows.isEmpty()) {
                break;
            }
            read += rows.size();
            after = (Long) rows.get(rows.size() - 1)[0];
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("baseline, plain SELECT of the same rows over JDBC, 1,000 at a time: %,.0f objects/s; p99 %.1f ms%n", read / seconds,
                pct(pages, 99));
    }

    /**
     * The partner's first page as the code before issue 13 computed it: read every row in the order
     * of adding, 2,000 at a time, and decide each in Java (referenced objects read by id), until a
     * page is full or the time is up.
     */
    private static void baselineOldPartnerPage(TestNode pk, TestNode ir, int seconds) {
        IntelTable table = pk.bean(IntelTable.class);
        SharingPolicy policy = pk.bean(IntelStore.class).policy();
        String irIdentity = JSON.readTree(ir.identity().stixIdentity()).path("id").asString();
        Map<String, Optional<HeldObject>> held = new HashMap<>();
        SharingPolicy.Decider decider = policy.decider(new SharingPolicy.Reader(PartyCode.of("IR"), irIdentity,
                pk.identity().stixIdentityId()), id -> held.computeIfAbsent(id, k -> Optional.ofNullable(
                        table.current(Collection.INTEL.alias(), List.of(k)).get(k)).map(PartnerPagingLoad::held)));
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        long started = System.nanoTime();
        long cursor = 0;
        long walked = 0;
        int found = 0;
        IntelQuery query = IntelQuery.all(Collection.INTEL, 1000, 0);
        while (found < 1001 && System.nanoTime() < deadline) {
            List<IntelTable.Row> rows = table.find(query, cursor, 2000);
            if (rows.isEmpty()) {
                break;
            }
            for (IntelTable.Row row : rows) {
                walked++;
                if (decider.decide(held(row)).mayRead()) {
                    found++;
                }
            }
            cursor = rows.get(rows.size() - 1).object().seq();
        }
        double took = (System.nanoTime() - started) / 1e9;
        System.out.printf("baseline, the partner's first page as before (every row walked and decided in Java): %s after %.1f s,"
                + " %,d rows walked, %d visible found%n", found > 1000 ? "page filled" : System.nanoTime() >= deadline
                        ? "stopped at the time limit" : "store exhausted", took, walked, found);
    }

    private static HeldObject held(IntelTable.Row row) {
        JsonNode object = JSON.readTree(row.object().json());
        return row.sourceParty() == null ? HeldObject.local(object) : HeldObject.receivedFrom(PartyCode.of(row.sourceParty()), object);
    }

    private static HttpResponse<String> expect(HttpResponse<String> response, int status) {
        if (response.statusCode() != status) {
            throw new IllegalStateException("expected " + status + ", got " + response.statusCode() + ": " + response.body());
        }
        return response;
    }

    private interface Call {
        void run() throws Exception;
    }

    private static double timed(Call call) throws Exception {
        long s = System.nanoTime();
        call.run();
        return (System.nanoTime() - s) / 1e6;
    }

    private static double pct(List<Double> values, double p) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        if (sorted.length == 0) {
            return 0;
        }
        int index = (int) Math.ceil(p / 100 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    /** A JVM's resident set (VmRSS, kB, of this one or another by its status file), sampled every 50 ms. */
    private static final class RssSampler extends Thread {
        private final AtomicLong peak = new AtomicLong();
        private final Path status;
        volatile boolean stop;

        RssSampler(Path status) {
            this.status = status;
            setDaemon(true);
        }

        @Override
        public void run() {
            while (!stop) {
                peak.accumulateAndGet(current(), Math::max);
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        long current() {
            return field("VmRSS:");
        }

        long field(String name) {
            try {
                return Files.readAllLines(status).stream().filter(l -> l.startsWith(name))
                        .map(l -> Long.parseLong(l.replaceAll("[^0-9]", ""))).findFirst().orElse(0L);
            } catch (java.io.IOException e) {
                return 0;
            }
        }

        long peak() {
            return peak.get();
        }

        void resetPeak() {
            peak.set(current());
        }
    }
}
