package org.concord.hotline;

import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

import org.concord.exchange.sync.OutboxDelivery;
import org.concord.party.ApiTokens;
import org.concord.party.PartyCode;
import org.concord.testing.Https;
import org.concord.testing.TwoNodes;
import org.springframework.jdbc.core.simple.JdbcClient;

import tools.jackson.databind.json.JsonMapper;

/**
 * A load run of the hotline between two local nodes on PostgreSQL (not a test): {@code n} messages
 * sent by {@code clients} concurrent liaison officers to PK's {@code POST /api/hotline/calls} over
 * HTTPS (bearer token), delivered to IR's TAXII inbox by PK's outbox, handed to IR's hotline module
 * through the event publication log and stored there. Measured: messages per second end to end (first
 * send to last message stored at IR) and, per message, the latency from the start of the POST at PK to
 * its row in IR's {@code workflow_message} (both nodes run on this machine's clock).
 *
 * <p>Delivery runs in a loop on one thread, as back-to-back runs of the delivery job (in a node it runs
 * every {@code concord.exchange.delivery-interval}, default 2 s, which would add up to that interval to
 * each latency). The ledger and its receipts are not part of this path yet.
 *
 * <p>Run: {@code ./mvnw -Pbench -DskipTests test -Dbench.main=org.concord.hotline.HotlineLoad -Dbench="2000 4"}
 */
public final class HotlineLoad {

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        int clients = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        Map<String, Object> quiet = Map.of("logging.level.root", "WARN", "logging.level.org.concord", "WARN");
        TwoNodes nodes = TwoNodes.startPaired(quiet, quiet);
        JsonMapper json = JsonMapper.builder().build();
        try {
            String token = nodes.pk.bean(ApiTokens.class).issue("pk-liaison", "benchmark", Duration.ofHours(1)).token();
            Https client = Https.to(nodes.pk);
            Map<String, Instant> sentAt = new ConcurrentHashMap<>();
            String body = """
                    {"from":{"name":"Maj Gen A. Khan","post":"DGMO"},"addressee":"IR",
                     "to":{"name":"Brig Gen R. Karimi","post":"Director of Operations"},"priority":"FLASH",
                     "text":"stray drone crossed the border near Panjgur at 04:10; not hostile, please acknowledge"}""";

            // Warm-up: 200 messages through the whole path, not measured.
            run(client, token, body, 200, clients, new ConcurrentHashMap<>(), nodes, json);

            OutboxDelivery delivery = nodes.pk.bean(OutboxDelivery.class);
            AtomicBoolean sending = new AtomicBoolean(true);
            Thread deliverer = new Thread(() -> {
                while (sending.get() || !nodes.pk.bean(org.concord.exchange.Outbox.class).pending(PartyCode.of("IR")).isEmpty()) {
                    delivery.deliver(PartyCode.of("IR"));
                }
            });
            JdbcClient ir = nodes.ir.bean(JdbcClient.class);
            int before = ir.sql("select count(*) from workflow_message where case_type = 'call'").query(Integer.class).single();
            Instant start = Instant.now();
            deliverer.start();
            send(client, token, body, n, clients, sentAt, json);
            sending.set(false);
            deliverer.join();
            while (ir.sql("select count(*) from workflow_message where case_type = 'call'").query(Integer.class).single() < before + n) {
                Thread.sleep(5);
            }
            List<Long> micros = new ArrayList<>();
            Instant last = start;
            for (Map.Entry<String, Instant> e : sentAt.entrySet()) {
                Instant stored = ir.sql("select recorded_at from workflow_message where id = ?").param(e.getKey())
                        .query(Timestamp.class).single().toInstant();
                micros.add(Duration.between(e.getValue(), stored).toNanos() / 1000);
                last = stored.isAfter(last) ? stored : last;
            }
            Collections.sort(micros);

            // Latency without queueing: one message at a time, the next sent once the last is stored at IR.
            int paced = Math.min(n, 300);
            List<Long> alone = new ArrayList<>();
            List<Long> posting = new ArrayList<>();
            List<Long> delivering = new ArrayList<>();
            List<Long> handingOver = new ArrayList<>();
            for (int i = 0; i < paced; i++) {
                Map<String, Instant> one = new ConcurrentHashMap<>();
                send(client, token, body, 1, 1, one, json);
                Instant posted = Instant.now();
                String id = one.keySet().iterator().next();
                while (!nodes.pk.bean(org.concord.exchange.Outbox.class).pending(PartyCode.of("IR")).isEmpty()) {
                    delivery.deliver(PartyCode.of("IR"));
                }
                Instant delivered = Instant.now();
                Timestamp stored;
                while ((stored = ir.sql("select recorded_at from workflow_message where id = ?").param(id).query(Timestamp.class)
                        .optional().orElse(null)) == null) {
                    Thread.sleep(1);
                }
                alone.add(Duration.between(one.get(id), stored.toInstant()).toNanos() / 1000);
                posting.add(Duration.between(one.get(id), posted).toNanos() / 1000);
                delivering.add(Duration.between(posted, delivered).toNanos() / 1000);
                handingOver.add(Duration.between(delivered, stored.toInstant()).toNanos() / 1000);
            }
            Collections.sort(alone);
            Collections.sort(posting);
            Collections.sort(delivering);
            Collections.sort(handingOver);
            double seconds = Duration.between(start, last).toNanos() / 1e9;
            System.out.println();
            System.out.printf("%,d FLASH hotline messages, %d concurrent senders, PK -> IR on loopback, PostgreSQL%n", n, clients);
            System.out.println("| what | value |");
            System.out.println("| --- | --- |");
            System.out.printf("| end to end, first send to last stored at IR | %,.0f messages/s |%n", n / seconds);
            System.out.printf("| send to stored at IR, p50 | %.1f ms |%n", percentile(micros, 50) / 1000.0);
            System.out.printf("| send to stored at IR, p99 | %.1f ms |%n", percentile(micros, 99) / 1000.0);
            System.out.printf("| send to stored at IR, max | %.1f ms |%n", micros.get(micros.size() - 1) / 1000.0);
            System.out.printf("| one message at a time (%d), send to stored at IR, p50 | %.1f ms |%n", paced, percentile(alone, 50) / 1000.0);
            System.out.printf("| one message at a time (%d), send to stored at IR, p99 | %.1f ms |%n", paced, percentile(alone, 99) / 1000.0);
            System.out.printf("| of which POST at PK (HTTPS, fold, store, enqueue), p50 / p99 | %.1f / %.1f ms |%n",
                    percentile(posting, 50) / 1000.0, percentile(posting, 99) / 1000.0);
            System.out.printf("| of which delivery to IR's inbox (TAXII POST, IR stores), p50 / p99 | %.1f / %.1f ms |%n",
                    percentile(delivering, 50) / 1000.0, percentile(delivering, 99) / 1000.0);
            System.out.printf("| of which hand-over at IR (event log, listener, store), p50 / p99 | %.1f / %.1f ms |%n",
                    percentile(handingOver, 50) / 1000.0, percentile(handingOver, 99) / 1000.0);
        } finally {
            nodes.stop();
        }
        System.exit(0);
    }

    static void run(Https client, String token, String body, int n, int clients, Map<String, Instant> sentAt, TwoNodes nodes,
            JsonMapper json) throws Exception {
        send(client, token, body, n, clients, sentAt, json);
        while (!nodes.pk.bean(org.concord.exchange.Outbox.class).pending(PartyCode.of("IR")).isEmpty()) {
            nodes.pk.bean(OutboxDelivery.class).deliver(PartyCode.of("IR"));
        }
    }

    static void send(Https client, String token, String body, int n, int clients, Map<String, Instant> sentAt, JsonMapper json)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<?>> done = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            int share = n / clients + (c < n % clients ? 1 : 0);
            done.add(pool.submit(() -> {
                for (int i = 0; i < share; i++) {
                    Instant t0 = Instant.now();
                    HttpResponse<String> response = client.send("POST", "/api/hotline/calls", body,
                            "Authorization", "Bearer " + token, "Content-Type", "application/json");
                    if (response.statusCode() != 201) {
                        throw new IllegalStateException(response.statusCode() + " " + response.body());
                    }
                    sentAt.put(json.readTree(response.body()).path("callId").asString(), t0);
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();
    }

    static long percentile(List<Long> sorted, int p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }
}
