package org.concord.hotline;

import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.concord.party.ApiTokens;
import org.concord.testing.Https;
import org.concord.testing.TwoNodes;
import org.springframework.jdbc.core.simple.JdbcClient;

import tools.jackson.databind.json.JsonMapper;

/**
 * A load run of the hotline between two local nodes on PostgreSQL (not a test). FLASH calls are sent
 * to PK's {@code POST /api/hotline/calls} over HTTPS (bearer token); PK stores, folds and queues each
 * one, and PK's own outbox delivers it, as a running node does (delivery starts after each commit):
 * PK's SENT ledger entries, the TAXII POST to IR's inbox, IR's checks and store, IR's RECEIVED ledger
 * entries and signed receipts, PK's verification of the receipts, which it keeps next to each message;
 * then IR's hotline module takes each message over from the event publication log and stores it.
 *
 * <p>Two clocks are read per message (both nodes run on this machine): <b>send to receipt</b>, from the
 * start of the POST at PK to the moment PK stored IR's verified receipt ({@code exchange_outbox.delivered_at});
 * <b>send to stored at IR</b>, to the message's row in IR's {@code workflow_message}.
 *
 * <ol>
 *   <li><b>Flat out</b>: {@code n} messages from {@code senders} concurrent officers, each sending its next
 *       message as soon as the last was answered; throughput is messages over first send to last receipt
 *       (and to last stored at IR).</li>
 *   <li><b>Paced</b>: {@code rate} messages per second for {@code seconds}, open loop (each message is due
 *       at its own time, whatever happened to the earlier ones, on a pool large enough never to wait for a
 *       slow answer); latencies are measured from the time each message was due, so a backlog shows.</li>
 *   <li><b>One at a time</b>: 200 messages, the next sent once the last one's receipt is kept.</li>
 *   <li><b>In batches</b> (when {@code batch} is more than 1), after the above, so that they run as before: the
 *       flat-out and paced runs again, each sender POSTing {@code batch} calls at a time to
 *       {@code POST /api/hotline/calls/batch}, as the automatic reporters of a crisis would; paced, a batch
 *       is due when its last message is ({@code batch / rate} seconds apart) and latencies are measured from
 *       the time each batch was due. Both come after a warm-up of the batch path (flat out and paced, the
 *       same sizes, not measured): the JIT still compiling it took a third of the machine's CPU in the paced
 *       run otherwise. Each phase reports the JVM's CPU, the JIT's compile time and the GC's pauses.</li>
 * </ol>
 *
 * <p>The paced run in batches is also reported window by window ({@code -Dbench.window-seconds}, 30 by default), each with
 * what the JVM spent in it: a run that begins while the JIT still compiles shows it in its first windows.
 *
 * <p>Run: {@code ./mvnw -Pbench -DskipTests test -Dbench.main=org.concord.hotline.HotlineLoad -Dbench="4000 4 500 10 50"}
 * (n, senders, paced rate per second, paced seconds, calls per batch: 50 when left out, 1 for no batch runs; then,
 * optionally, the single calls' paced seconds, the paced seconds when left out).
 */
public final class HotlineLoad {

    private static final String BODY = """
            {"from":{"name":"Maj Gen A. Khan","post":"DGMO"},"addressee":"IR",
             "to":{"name":"Brig Gen R. Karimi","post":"Director of Operations"},"priority":"FLASH",
             "text":"stray drone crossed the border near Panjgur at 04:10; not hostile, please acknowledge"}""";

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 4000;
        int senders = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        int rate = args.length > 2 ? Integer.parseInt(args[2]) : 500;
        int seconds = args.length > 3 ? Integer.parseInt(args[3]) : 10;
        int batch = args.length > 4 ? Integer.parseInt(args[4]) : 50;
        // The single calls' paced run may be shorter than the batches' (at 500/s one call a POST falls behind, and a
        // long run of it only grows the backlog): a sixth argument gives its seconds.
        int singleSeconds = args.length > 5 ? Integer.parseInt(args[5]) : seconds;
        // As a node runs (tests switch these off): delivery right after each commit, and the scheduled jobs.
        Map<String, Object> running = Map.of("logging.level.root", "WARN", "logging.level.org.concord", "WARN",
                "concord.exchange.deliver-on-commit", "true", "concord.scheduling.enabled", "true");
        TwoNodes nodes = TwoNodes.startPaired(running, running);
        JsonMapper json = JsonMapper.builder().build();
        try {
            String token = nodes.pk.bean(ApiTokens.class).issue("pk-liaison", "benchmark", Duration.ofHours(1)).token();
            Https client = Https.to(nodes.pk);
            JdbcClient pk = nodes.pk.bean(JdbcClient.class);
            JdbcClient ir = nodes.ir.bean(JdbcClient.class);
            Sender sender = new Sender(client, token, json, new ConcurrentHashMap<>());

            System.out.printf("FLASH hotline calls, PK -> IR on loopback, PostgreSQL, with ledger and receipts (%s)%n", Instant.now());
            System.out.println("| what | value |");
            System.out.println("| --- | --- |");
            phase("warm-up");
            Map<String, Instant> warm = new ConcurrentHashMap<>();
            flatOut(sender, 400, senders, warm);
            awaitReceipts(pk, ir, warm.keySet(), Duration.ofMinutes(5));

            phase("flat out");
            Map<String, Instant> flat = new ConcurrentHashMap<>();
            Instant start = Instant.now();
            flatOut(sender, n, senders, flat);
            Instant sent = Instant.now();
            awaitReceipts(pk, ir, flat.keySet(), Duration.ofMinutes(10));
            Times flatTimes = times(pk, ir, flat);
            System.out.printf("| flat out: %,d messages, %d senders, sending took | %,.0f messages/s |%n", n, senders,
                    n / seconds(start, sent));
            System.out.printf("| flat out: end to end, first send to last receipt kept at PK | %,.0f messages/s |%n",
                    n / seconds(start, flatTimes.lastReceipt));
            System.out.printf("| flat out: end to end, first send to last stored at IR | %,.0f messages/s |%n",
                    n / seconds(start, flatTimes.lastStored));
            flatTimes.print("flat out");

            phase("paced");
            Map<String, Instant> paced = new ConcurrentHashMap<>();
            Instant pacedStart = Instant.now();
            int pacedCount = paced(sender, rate, singleSeconds, paced);
            Instant pacedSent = Instant.now();
            awaitReceipts(pk, ir, paced.keySet(), Duration.ofMinutes(10));
            Times pacedTimes = times(pk, ir, paced);
            System.out.printf("| paced: %d/s for %d s, %,d messages, sent at | %,.0f messages/s |%n", rate, singleSeconds, pacedCount,
                    pacedCount / seconds(pacedStart, pacedSent));
            pacedTimes.print("paced " + rate + "/s (from the time each was due)");

            phase("one at a time");
            Map<String, Instant> alone = new ConcurrentHashMap<>();
            for (int i = 0; i < 200; i++) {
                Map<String, Instant> one = new ConcurrentHashMap<>();
                sender.send(one, Instant.now());
                awaitReceipts(pk, ir, one.keySet(), Duration.ofMinutes(1));
                alone.putAll(one);
            }
            Times aloneTimes = times(pk, ir, alone);
            phase("done");

            aloneTimes.print("one at a time (200)");
            stages(pk, ir, alone, sender.answeredAt(), "one at a time (200)");

            if (batch > 1) {
                // The batch path is other code than the single calls' (and the runs above reshaped the profiles the JIT
                // compiled from): run it, flat out and paced, before measuring it, or the JIT compiling it takes a third
                // of the CPU of the paced run below (BENCHMARKS.md, the hotline section of the twelfth stop).
                phase("warm-up in batches of " + batch);
                Map<String, Instant> warmBatches = new ConcurrentHashMap<>();
                flatOutInBatches(sender, n, senders, batch, warmBatches);
                pacedInBatches(sender, rate, seconds, batch, warmBatches, new ArrayList<>());
                awaitReceipts(pk, ir, warmBatches.keySet(), Duration.ofMinutes(10));

                phase("flat out in batches of " + batch);
                Map<String, Instant> flatBatches = new ConcurrentHashMap<>();
                Instant batchStart = Instant.now();
                flatOutInBatches(sender, n, senders, batch, flatBatches);
                Instant batchSent = Instant.now();
                awaitReceipts(pk, ir, flatBatches.keySet(), Duration.ofMinutes(10));
                Times batchTimes = times(pk, ir, flatBatches);
                System.out.printf("| flat out in batches of %d: %,d messages, %d senders, sending took | %,.0f messages/s |%n", batch, n,
                        senders, n / seconds(batchStart, batchSent));
                System.out.printf("| flat out in batches of %d: end to end, first send to last receipt kept at PK | %,.0f messages/s |%n",
                        batch, n / seconds(batchStart, batchTimes.lastReceipt));
                System.out.printf("| flat out in batches of %d: end to end, first send to last stored at IR | %,.0f messages/s |%n",
                        batch, n / seconds(batchStart, batchTimes.lastStored));
                batchTimes.print("flat out in batches of " + batch);
                stages(pk, ir, flatBatches, sender.answeredAt(), "flat out in batches of " + batch);

                phase("paced in batches of " + batch);
                Map<String, Instant> pacedBatches = new ConcurrentHashMap<>();
                Instant pacedBatchStart = Instant.now();
                List<Jvm> windowMarks = new ArrayList<>();
                int pacedBatchCount = pacedInBatches(sender, rate, seconds, batch, pacedBatches, windowMarks);
                Instant pacedBatchSent = Instant.now();
                awaitReceipts(pk, ir, pacedBatches.keySet(), Duration.ofMinutes(10));
                Times pacedBatchTimes = times(pk, ir, pacedBatches);
                System.out.printf("| paced in batches of %d: %d/s for %d s, %,d messages, sent at | %,.0f messages/s |%n", batch, rate,
                        seconds, pacedBatchCount, pacedBatchCount / seconds(pacedBatchStart, pacedBatchSent));
                System.out.printf("| paced in batches of %d: end to end, first send to last receipt kept at PK | %,.0f messages/s |%n",
                        batch, pacedBatchCount / seconds(pacedBatchStart, pacedBatchTimes.lastReceipt));
                pacedBatchTimes.print("paced " + rate + "/s in batches of " + batch + " (from the time each batch was due)");
                stages(pk, ir, pacedBatches, sender.answeredAt(), "paced " + rate + "/s in batches of " + batch);
                windows(pacedBatchTimes, pacedBatches, windowMarks, "paced " + rate + "/s in batches of " + batch);
                // a receipt first promised is completed by PK's scheduled run (every 30 s): what is still a promise at the end
                System.out.printf("| paced %d/s in batches of %d: receipts still promises at PK at the end (all phases) | %,d |%n", rate, batch,
                        pk.sql("select count(*) from exchange_receipt_promise").query(Long.class).single());
                phase("batches done");
            }
        } finally {
            nodes.stop();
        }
        System.exit(0);
    }

    private static void phase(String name) {
        Jvm now = Jvm.now();
        if (lastPhase != null) {
            // What the JIT did in a phase tells a warm measurement from one that still compiles the path it measures.
            Jvm spent = now.since(lastPhase.jvm());
            System.out.printf("| phase %s: the JVM's CPU (both nodes and this load); the JIT's compile time, summed over its threads; GC pauses | %.1f s; %.1f s; %.2f s |%n",
                    lastPhase.name(), spent.cpuNanos() / 1e9, spent.compileMillis() / 1e3, spent.gcMillis() / 1e3);
        }
        lastPhase = new Phase(name, now);
        System.out.println("| phase " + name + " starts | " + LocalTime.now() + " |");
    }

    private static Phase lastPhase;

    private record Phase(String name, Jvm jvm) {
    }

    /** This JVM's CPU time, the JIT's compilation time and the GC's pause time so far. */
    private record Jvm(long cpuNanos, long compileMillis, long gcMillis) {

        static Jvm now() {
            long cpu = ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                    .getProcessCpuTime();
            long compile = java.lang.management.ManagementFactory.getCompilationMXBean().getTotalCompilationTime();
            long gc = java.lang.management.ManagementFactory.getGarbageCollectorMXBeans().stream()
                    .mapToLong(java.lang.management.GarbageCollectorMXBean::getCollectionTime).sum();
            return new Jvm(cpu, compile, gc);
        }

        Jvm since(Jvm before) {
            return new Jvm(cpuNanos - before.cpuNanos, compileMillis - before.compileMillis, gcMillis - before.gcMillis);
        }
    }

    private static double seconds(Instant from, Instant to) {
        return Duration.between(from, to).toNanos() / 1e9;
    }

    /** POSTs a FLASH call at PK and remembers, by call id, when it was due. */
    private record Sender(Https client, String token, JsonMapper json, Map<String, Instant> answeredAt) {
        void send(Map<String, Instant> sentAt, Instant due) throws Exception {
            HttpResponse<String> response = client.send("POST", "/api/hotline/calls", BODY,
                    "Authorization", "Bearer " + token, "Content-Type", "application/json");
            if (response.statusCode() != 201) {
                throw new IllegalStateException(response.statusCode() + " " + response.body());
            }
            String callId = json.readTree(response.body()).path("callId").asString();
            answeredAt.put(callId, Instant.now());
            sentAt.put(callId, due);
        }

        /** POSTs {@code size} FLASH calls at once at PK and remembers, by call id, when the batch was due. */
        void sendBatch(int size, Map<String, Instant> sentAt, Instant due) throws Exception {
            String body = "{\"calls\":[" + String.join(",", Collections.nCopies(size, BODY)) + "]}";
            HttpResponse<String> response = client.send("POST", "/api/hotline/calls/batch", body,
                    "Authorization", "Bearer " + token, "Content-Type", "application/json");
            if (response.statusCode() != 201) {
                throw new IllegalStateException(response.statusCode() + " " + response.body());
            }
            Instant answered = Instant.now();
            json.readTree(response.body()).path("calls").forEach(call -> {
                sentAt.put(call.path("callId").asString(), due);
                answeredAt.put(call.path("callId").asString(), answered);
            });
        }
    }

    private static void flatOutInBatches(Sender sender, int n, int senders, int batch, Map<String, Instant> sentAt) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(senders);
        List<Future<?>> done = new ArrayList<>();
        for (int c = 0; c < senders; c++) {
            int share = n / senders + (c < n % senders ? 1 : 0);
            done.add(pool.submit(() -> {
                for (int sent = 0; sent < share; sent += batch) {
                    sender.sendBatch(Math.min(batch, share - sent), sentAt, Instant.now());
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();
    }

    /** How long each window of the paced run in batches is, for its latencies and what the JVM did in it. */
    private static final int WINDOW_SECONDS = Integer.getInteger("bench.window-seconds", 30);

    /**
     * Open loop in batches: batch j (of {@code batch} messages) is due at start + (j + 1) * batch / rate, when its last
     * message is. {@code marks} gets the JVM's counters at the start and at every {@link #WINDOW_SECONDS} of due times.
     */
    private static int pacedInBatches(Sender sender, int rate, int seconds, int batch, Map<String, Instant> sentAt, List<Jvm> marks)
            throws Exception {
        int batches = Math.max(1, rate * seconds / batch);
        ExecutorService pool = Executors.newFixedThreadPool(16);
        List<Future<?>> done = new ArrayList<>(batches);
        long startNanos = System.nanoTime();
        Instant start = Instant.now();
        windowStart = start;
        marks.add(Jvm.now());
        for (int j = 0; j < batches; j++) {
            long dueNanos = (long) ((j + 1) * (double) batch * 1e9 / rate);
            long wait = startNanos + dueNanos - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            if ((dueNanos - 1) / 1_000_000_000L / WINDOW_SECONDS > marks.size() - 1) {
                marks.add(Jvm.now());
            }
            Instant due = start.plusNanos(dueNanos);
            done.add(pool.submit(() -> {
                sender.sendBatch(batch, sentAt, due);
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();
        marks.add(Jvm.now());
        return batches * batch;
    }

    /** When the last paced run in batches began: its windows count from here. */
    private static Instant windowStart;

    /**
     * The paced run in batches, window by window of due time: send to receipt kept at PK (p50 / p99 / max), and what the
     * JVM spent in each window (its CPU, the JIT's compile time). A run that starts in a JVM still compiling shows its
     * tail in the first windows; the later ones are the node as it runs for hours.
     */
    private static void windows(Times times, Map<String, Instant> sentAt, List<Jvm> marks, String what) {
        Map<Long, List<Long>> byWindow = new java.util.TreeMap<>();
        sentAt.forEach((id, due) -> byWindow.computeIfAbsent(Duration.between(windowStart, due).minusNanos(1).toSeconds() / WINDOW_SECONDS,
                w -> new ArrayList<>()).add(Duration.between(due, times.receipts().get(id)).toNanos() / 1000));
        // the slowest batches by when they were due, to set beside the nodes' and the database's logs
        Map<Instant, Long> byBatch = new java.util.TreeMap<>();
        sentAt.forEach((id, due) -> byBatch.merge(due, Duration.between(due, times.receipts().get(id)).toNanos() / 1000, Math::max));
        System.out.printf("| %s: the ten slowest batches, due at (UTC) and send to last receipt | %s |%n", what,
                byBatch.entrySet().stream().sorted(Map.Entry.<Instant, Long>comparingByValue().reversed()).limit(10)
                        .map(e -> LocalTime.ofInstant(e.getKey(), java.time.ZoneOffset.UTC) + " " + e.getValue() / 1000 + " ms")
                        .collect(java.util.stream.Collectors.joining(", ")));
        byWindow.forEach((w, latencies) -> {
            Collections.sort(latencies);
            int k = (int) Math.min(w, marks.size() - 2);
            Jvm spent = marks.get(k + 1).since(marks.get(k));
            System.out.printf("| %s, seconds %d-%d: send to receipt kept at PK, p50 / p99 / max; the JVM's CPU; the JIT's compile time | %.1f / %.1f / %.1f ms; %.1f s; %.1f s |%n",
                    what, w * WINDOW_SECONDS, (w + 1) * WINDOW_SECONDS, percentile(latencies, 50) / 1000.0, percentile(latencies, 99) / 1000.0,
                    percentile(latencies, 100) / 1000.0, spent.cpuNanos() / 1e9, spent.compileMillis() / 1e3);
        });
    }

    private static void flatOut(Sender sender, int n, int senders, Map<String, Instant> sentAt) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(senders);
        List<Future<?>> done = new ArrayList<>();
        for (int c = 0; c < senders; c++) {
            int share = n / senders + (c < n % senders ? 1 : 0);
            done.add(pool.submit(() -> {
                for (int i = 0; i < share; i++) {
                    sender.send(sentAt, Instant.now());
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();
    }

    /** Open loop: message i is due at start + i / rate and sent then by a pool that does not wait for slow answers. */
    private static int paced(Sender sender, int rate, int seconds, Map<String, Instant> sentAt) throws Exception {
        int total = rate * seconds;
        // More senders than the flat-out run's, fewer than the node's database connections: a sender
        // that waits past the pool's timeout gets a 503, which is not what is measured here.
        ExecutorService pool = Executors.newFixedThreadPool(16);
        List<Future<?>> done = new ArrayList<>(total);
        long startNanos = System.nanoTime();
        Instant start = Instant.now();
        for (int i = 0; i < total; i++) {
            long dueNanos = (long) (i * 1e9 / rate);
            long wait = startNanos + dueNanos - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            Instant due = start.plusNanos(dueNanos);
            done.add(pool.submit(() -> {
                sender.send(sentAt, due);
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();
        return total;
    }

    /** Waits until PK holds a receipt for every message and IR stored every one. */
    private static void awaitReceipts(JdbcClient pk, JdbcClient ir, java.util.Set<String> ids, Duration within) throws Exception {
        Instant deadline = Instant.now().plus(within);
        List<String> all = new ArrayList<>(ids);
        while (true) {
            // exchange_outbox has no index on object_id (the node never looks a message up by it): counting by id
            // read the whole outbox per 1,000 ids every 250 ms, a load on the machine measured that grew with the
            // run. Phases run one after another, so only the rows queued since the last wait ended can be this one's.
            java.util.Set<String> wanted = new java.util.HashSet<>(all);
            long[] last = {settledUpTo};
            int receipted = pk.sql("select seq, object_id from exchange_outbox where seq > ? and receipt is not null").param(settledUpTo)
                    .query(rs -> {
                        int n = 0;
                        while (rs.next()) {
                            last[0] = Math.max(last[0], rs.getLong(1));
                            n += wanted.contains(rs.getString(2)) ? 1 : 0;
                        }
                        return n;
                    });
            int stored = count(ir, "select count(*) from workflow_message where direction = 'RECEIVED' and id in ", all);
            if (receipted >= all.size() && stored >= all.size()) {
                settledUpTo = last[0];
                return;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("after " + within + ": " + receipted + " receipts at PK, " + stored + " stored at IR, of "
                        + all.size());
            }
            // Rarely while many are on their way: the counting must not load the machine it measures
            // (the times come from the rows, not from this loop).
            Thread.sleep(all.size() == 1 ? 1 : 250);
        }
    }

    /** The highest outbox {@code seq} whose phase has had every receipt: the rows up to it belong to phases already done. */
    private static long settledUpTo;

    private static int count(JdbcClient jdbc, String sql, List<String> ids) {
        int total = 0;
        for (int i = 0; i < ids.size(); i += 1000) {
            List<String> chunk = ids.subList(i, Math.min(ids.size(), i + 1000));
            total += jdbc.sql(sql + "(" + String.join(",", Collections.nCopies(chunk.size(), "?")) + ")")
                    .params(new ArrayList<Object>(chunk)).query(Integer.class).single();
        }
        return total;
    }

    /** Each message's latencies, sorted; when the last receipt and message came; and each message's receipt time, by id. */
    private record Times(List<Long> toReceipt, List<Long> toStored, Instant lastReceipt, Instant lastStored, Map<String, Instant> receipts) {
        void print(String what) {
            System.out.printf("| %s: send to receipt kept at PK, p50 / p99 / max | %.1f / %.1f / %.1f ms |%n", what,
                    percentile(toReceipt, 50) / 1000.0, percentile(toReceipt, 99) / 1000.0, percentile(toReceipt, 100) / 1000.0);
            System.out.printf("| %s: send to stored at IR, p50 / p99 / max | %.1f / %.1f / %.1f ms |%n", what,
                    percentile(toStored, 50) / 1000.0, percentile(toStored, 99) / 1000.0, percentile(toStored, 100) / 1000.0);
        }
    }

    private static Times times(JdbcClient pk, JdbcClient ir, Map<String, Instant> sentAt) {
        Map<String, Instant> receipt = new ConcurrentHashMap<>();
        Map<String, Instant> stored = new ConcurrentHashMap<>();
        List<String> ids = new ArrayList<>(sentAt.keySet());
        for (int i = 0; i < ids.size(); i += 1000) {
            List<String> chunk = ids.subList(i, Math.min(ids.size(), i + 1000));
            String in = "(" + String.join(",", Collections.nCopies(chunk.size(), "?")) + ")";
            pk.sql("select object_id, delivered_at from exchange_outbox where receipt is not null and object_id in " + in)
                    .params(new ArrayList<Object>(chunk))
                    .query((java.sql.ResultSet rs) -> {
                        receipt.merge(rs.getString(1), rs.getTimestamp(2).toInstant(), (a, b) -> a.isBefore(b) ? a : b);
                    });
            ir.sql("select id, recorded_at from workflow_message where direction = 'RECEIVED' and id in " + in)
                    .params(new ArrayList<Object>(chunk))
                    .query((java.sql.ResultSet rs) -> {
                        stored.put(rs.getString(1), rs.getTimestamp(2).toInstant());
                    });
        }
        List<Long> toReceipt = new ArrayList<>();
        List<Long> toStored = new ArrayList<>();
        Instant lastReceipt = Instant.EPOCH;
        Instant lastStored = Instant.EPOCH;
        for (Map.Entry<String, Instant> e : sentAt.entrySet()) {
            Instant r = receipt.get(e.getKey());
            Instant s = stored.get(e.getKey());
            toReceipt.add(Duration.between(e.getValue(), r).toNanos() / 1000);
            toStored.add(Duration.between(e.getValue(), s).toNanos() / 1000);
            lastReceipt = r.isAfter(lastReceipt) ? r : lastReceipt;
            lastStored = s.isAfter(lastStored) ? s : lastStored;
        }
        Collections.sort(toReceipt);
        Collections.sort(toStored);
        return new Times(toReceipt, toStored, lastReceipt, lastStored, receipt);
    }

    /**
     * Where each message's send-to-receipt time went, from the rows both nodes keep (one JVM, one clock): due (or sent)
     * to PK's API answering; answered to PK's delivery run taking it (its SENT ledger entry's time, set just before the
     * POST); to IR's inbox storing it ({@code intel_object.date_added}, after IR's checks); to IR's RECEIVED ledger entry
     * (the receipts' start); to PK keeping the checked receipt ({@code delivered_at}). Printed as p50 / p99 / max of each
     * stage, the mean of each stage over the slowest 1% of messages (send to receipt), and the delivery runs' sizes
     * (one {@code delivered_at} a POST).
     */
    private static void stages(JdbcClient pk, JdbcClient ir, Map<String, Instant> sentAt, Map<String, Instant> answeredAt, String what) {
        Map<String, Instant> sent = new ConcurrentHashMap<>();
        Map<String, Instant> stored = new ConcurrentHashMap<>();
        Map<String, Instant> received = new ConcurrentHashMap<>();
        Map<String, Instant> kept = new ConcurrentHashMap<>();
        List<String> ids = new ArrayList<>(sentAt.keySet());
        for (int i = 0; i < ids.size(); i += 1000) {
            List<String> chunk = ids.subList(i, Math.min(ids.size(), i + 1000));
            String in = "(" + String.join(",", Collections.nCopies(chunk.size(), "?")) + ")";
            List<Object> params = new ArrayList<Object>(chunk);
            pk.sql("select stix_id, recorded_at from ledger_entry where direction = 'SENT' and stix_id in " + in).params(params)
                    .query((java.sql.ResultSet rs) -> {
                        sent.merge(rs.getString(1), rs.getTimestamp(2).toInstant(), (a, b) -> a.isBefore(b) ? a : b);
                    });
            pk.sql("select object_id, delivered_at from exchange_outbox where receipt is not null and object_id in " + in).params(params)
                    .query((java.sql.ResultSet rs) -> {
                        kept.merge(rs.getString(1), rs.getTimestamp(2).toInstant(), (a, b) -> a.isBefore(b) ? a : b);
                    });
            ir.sql("select id, date_added from intel_object where id in " + in).params(params)
                    .query((java.sql.ResultSet rs) -> {
                        stored.merge(rs.getString(1), rs.getTimestamp(2).toInstant(), (a, b) -> a.isBefore(b) ? a : b);
                    });
            ir.sql("select stix_id, recorded_at from ledger_entry where direction = 'RECEIVED' and stix_id in " + in).params(params)
                    .query((java.sql.ResultSet rs) -> {
                        received.merge(rs.getString(1), rs.getTimestamp(2).toInstant(), (a, b) -> a.isBefore(b) ? a : b);
                    });
        }
        String[] names = {"due to PK's API answered", "answered to PK's delivery run taking it (SENT entry)",
            "SENT entry to stored in IR's inbox", "stored at IR to IR's RECEIVED entry", "RECEIVED entry at IR to receipt kept at PK",
            "send to receipt kept at PK"};
        List<long[]> rows = new ArrayList<>();
        for (String id : ids) {
            Instant[] at = {sentAt.get(id), answeredAt.get(id), sent.get(id), stored.get(id), received.get(id), kept.get(id)};
            long[] row = new long[names.length];
            for (int k = 0; k < 5; k++) {
                row[k] = at[k] == null || at[k + 1] == null ? 0 : Duration.between(at[k], at[k + 1]).toNanos() / 1000;
            }
            row[5] = Duration.between(at[0], at[5]).toNanos() / 1000;
            rows.add(row);
        }
        rows.sort(java.util.Comparator.comparingLong(r -> r[5]));
        List<long[]> slowest = rows.subList((int) Math.floor(rows.size() * 0.99), rows.size());
        for (int k = 0; k < names.length; k++) {
            int stage = k;
            List<Long> sorted = new ArrayList<>(rows.stream().map(r -> r[stage]).sorted().toList());
            double slowMean = slowest.stream().mapToLong(r -> r[stage]).average().orElse(0);
            System.out.printf("| %s, stage %d, %s: p50 / p99 / max; mean of the slowest 1%% | %.1f / %.1f / %.1f ms; %.1f ms |%n", what, k + 1,
                    names[k], percentile(sorted, 50) / 1000.0, percentile(sorted, 99) / 1000.0, percentile(sorted, 100) / 1000.0,
                    slowMean / 1000.0);
        }
        Map<Instant, Integer> runs = new java.util.TreeMap<>();
        kept.values().forEach(t -> runs.merge(t, 1, Integer::sum));
        List<Long> sizes = new ArrayList<>(runs.values().stream().map(Integer::longValue).sorted().toList());
        System.out.printf("| %s: POSTs to IR (one delivered_at each), messages a POST p50 / max | %d; %d / %d |%n", what, runs.size(),
                percentile(sizes, 50), percentile(sizes, 100));
    }

    static long percentile(List<Long> sorted, int p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }
}
