package org.concord.hotline;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.concord.party.ApiTokens;
import org.concord.testing.Https;
import org.concord.party.Pairing;
import org.concord.testing.Postgres;
import org.concord.testing.TestNode;

/**
 * Counts what one hotline call costs in database round trips (not a test; a companion of {@link HotlineLoad}):
 * the PostgreSQL driver's protocol messages (its own java.util.logging at FINEST: every {@code Execute} is
 * one statement, every {@code Sync} one round trip to the server), by the thread that sent them, over
 * {@code n} FLASH calls POSTed one after the other to PK's {@code /api/hotline/calls} and delivered to IR
 * as a running node does. PK's request threads are PK's sending API; the rest is delivery and IR.
 *
 * <p>Run: {@code ./mvnw -B -o -Pbench -DskipTests test -Dbench.main=org.concord.hotline.HotlineSendStatements -Dbench=200}
 */
public final class HotlineSendStatements {

    /** Kept referenced: java.util.logging holds its loggers weakly, and a collected logger loses its level. */
    private static final Logger DRIVER = Logger.getLogger("org.postgresql");

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        Map<String, Object> running = Map.of("logging.level.root", "WARN", "logging.level.org.concord", "WARN",
                "concord.exchange.deliver-on-commit", "true", "concord.scheduling.enabled", "true");
        // PK's driver prepares no statement on the server, so that each statement it sends shows its text
        String pkSchema = Postgres.newSchema("PK");
        Map<String, Object> pkConfig = new java.util.HashMap<>(running);
        pkConfig.put("concord.database.url", Postgres.urlFor(pkSchema) + "&prepareThreshold=0");
        TestNode pkNode = TestNode.start("PK", "Pakistan", TestNode.Store.POSTGRES, null, pkSchema, pkConfig);
        TestNode irNode = TestNode.start("IR", "Islamic Republic of Iran", TestNode.Store.POSTGRES, null, null, running);
        pkNode.bean(Pairing.class).pair(irNode.identity().pairingRecord(), "test", false);
        irNode.bean(Pairing.class).pair(pkNode.identity().pairingRecord(), "test", false);
        record Nodes(TestNode pk, TestNode ir) {
            void stop() {
                pk.close();
                ir.close();
                Postgres.dropSchema(pk.schema());
                Postgres.dropSchema(ir.schema());
            }
        }
        Nodes nodes = new Nodes(pkNode, irNode);
        try {
            String token = nodes.pk().bean(ApiTokens.class).issue("pk-liaison", "benchmark", Duration.ofHours(1)).token();
            Https client = Https.to(nodes.pk());
            for (int i = 0; i < 50; i++) {
                send(client, token);
            }
            Thread.sleep(3000);
            Map<String, AtomicLong> counts = new ConcurrentHashMap<>();
            Map<String, AtomicLong> statements = new ConcurrentHashMap<>();
            String pkThreads = "-" + nodes.pk().port() + "-exec-";
            String irThreads = "-" + nodes.ir().port() + "-exec-";
            Handler handler = new Handler() {
                @Override
                public void publish(LogRecord record) {
                    String message = record.getMessage();
                    if (message == null) {
                        return;
                    }
                    String thread = Thread.currentThread().getName();
                    String who = thread.contains(pkThreads) ? "PK API (request threads)" : thread.contains(irThreads) ? "IR requests"
                            : thread.replaceAll("-[0-9]+$", "-#");
                    String kind = message.contains("FE=> Sync") ? "round trips (Sync)" : message.contains("FE=> Execute") ? "statements (Execute)"
                            : message.contains("FE=> Parse") ? "parses" : null;
                    if (kind == null) {
                        return;
                    }
                    counts.computeIfAbsent(who + " | " + kind, k -> new AtomicLong()).incrementAndGet();
                    int query = message.indexOf("query=\"");
                    if (kind.equals("parses") && (who.startsWith("PK API") || who.startsWith("concord-outbox"))
                            && query >= 0) {
                        String sql = message.substring(query + 7).replaceAll("\",oids=.*$", "").replaceAll("\\s+", " ");
                        statements.computeIfAbsent(who + ": " + (sql.length() > 110 ? sql.substring(0, 110) : sql), k -> new AtomicLong())
                                .incrementAndGet();
                    }
                }

                @Override
                public void flush() {
                }

                @Override
                public void close() {
                }
            };
            handler.setLevel(Level.ALL);
            DRIVER.setUseParentHandlers(false);
            DRIVER.addHandler(handler);
            DRIVER.setLevel(Level.FINEST);
            for (int i = 0; i < n; i++) {
                send(client, token);
            }
            Thread.sleep(3000);
            DRIVER.setLevel(Level.INFO);
            DRIVER.removeHandler(handler);
            System.out.printf("%d FLASH calls, one at a time; per call, by the threads that sent them:%n", n);
            new TreeMap<>(counts).forEach((k, v) -> System.out.printf("| %s | %.2f |%n", k, v.get() / (double) n));
            System.out.println("PK's statements, per call:");
            new TreeMap<>(statements).forEach((k, v) -> System.out.printf("| %.2f | %s |%n", v.get() / (double) n, k));
        } finally {
            nodes.stop();
        }
        System.exit(0);
    }

    private static void send(Https client, String token) throws Exception {
        HttpResponse<String> response = client.send("POST", "/api/hotline/calls", """
                {"from":{"name":"Maj Gen A. Khan","post":"DGMO"},"addressee":"IR",
                 "to":{"name":"Brig Gen R. Karimi","post":"Director of Operations"},"priority":"FLASH",
                 "text":"stray drone crossed the border near Panjgur at 04:10"}""",
                "Authorization", "Bearer " + token, "Content-Type", "application/json");
        if (response.statusCode() != 201) {
            throw new IllegalStateException(response.statusCode() + " " + response.body());
        }
    }
}
