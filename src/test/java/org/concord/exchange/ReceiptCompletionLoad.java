package org.concord.exchange;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.concord.exchange.sync.OutboxDelivery;
import org.concord.exchange.sync.ReceiptCompletion;
import org.concord.intel.stix.Tlp;
import org.concord.party.PartyCode;
import org.concord.testing.Stix;
import org.concord.testing.TwoNodes;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A load run of completing promised receipts (not a test): each round PK's outbox delivers {@code n} messages to
 * IR, whose receipts are promises (no checkpoint includes them yet), and then {@link ReceiptCompletion} replaces
 * every promise with IR's completed receipt, checked against IR's pinned key. Measured: the completion alone, in
 * receipts per second, in {@code rounds} rounds (three unless given; the first warms up), and after each round a
 * run of the completion with nothing promised (the best of five), which is what the node's schedule does every
 * 30 s once all is complete: its cost should not grow with the messages delivered before. The nodes run no
 * schedule, so nothing else competes.
 *
 * <p>Run: {@code ./mvnw -Pbench -DskipTests test -Dbench.main=org.concord.exchange.ReceiptCompletionLoad -Dbench="1000 3"}
 */
public final class ReceiptCompletionLoad {

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        Map<String, Object> quiet = Map.of("logging.level.root", "WARN", "logging.level.org.concord", "WARN");
        TwoNodes nodes = TwoNodes.startPaired(quiet, quiet);
        try {
            String pk = nodes.pk.identity().stixIdentityId();
            Outbox outbox = nodes.pk.bean(Outbox.class);
            JdbcClient jdbc = nodes.pk.bean(JdbcClient.class);
            PartyCode ir = PartyCode.of("IR");
            System.out.println("| round | delivered before | promised receipts | completion took | receipts/s | a run with nothing promised |");
            System.out.println("| --- | --- | --- | --- | --- | --- |");
            for (int round = 1; round <= rounds; round++) {
                long before = jdbc.sql("select count(*) from exchange_outbox where partner = 'IR' and delivered_at is not null")
                        .query(Long.class).single();
                for (int i = 0; i < n; i++) {
                    outbox.enqueue(ir, Stix.intrusionSet("round " + round + " message " + i, pk, Tlp.GREEN));
                }
                while (nodes.pk.bean(OutboxDelivery.class).deliver(ir) > 0) {
                    // until the outbox is empty
                }
                long promised = jdbc.sql("select count(*) from exchange_outbox where partner = 'IR' and receipt like '%\"promise\"%'")
                        .query(Long.class).single();
                Instant start = Instant.now();
                int completed = 0;
                int run;
                while ((run = nodes.pk.bean(ReceiptCompletion.class).complete(ir)) > 0) {
                    completed += run;
                }
                double seconds = Duration.between(start, Instant.now()).toNanos() / 1e9;
                long idle = Long.MAX_VALUE;
                for (int i = 0; i < 5; i++) {
                    long t0 = System.nanoTime();
                    nodes.pk.bean(ReceiptCompletion.class).complete(ir);
                    idle = Math.min(idle, System.nanoTime() - t0);
                }
                System.out.printf("| %d | %,d | %,d (%,d completed) | %.2f s | %,.0f | %.2f ms |%n", round, before, promised, completed, seconds,
                        completed / seconds, idle / 1e6);
            }
        } finally {
            nodes.stop();
        }
        System.exit(0);
    }
}
