package org.concord.exchange;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import org.concord.exchange.sync.OutboxDelivery;
import org.concord.intel.stix.Tlp;
import org.concord.party.PartyCode;
import org.concord.testing.Https;
import org.concord.testing.Stix;
import org.concord.testing.TwoNodes;

/**
 * A load run (not a test): the latency of delivering one message from PK's outbox to IR's inbox
 * and getting back IR's signed receipt, both ledgers written, over real HTTPS between two local
 * nodes on PostgreSQL. Baseline in the same run: a partner's GET /api/whoami round trip.
 *
 * <p>Run: {@code ./mvnw -Pbench -DskipTests test -Dbench.main=org.concord.exchange.ReceiptLatencyLoad -Dbench=500}
 */
public final class ReceiptLatencyLoad {

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 500;
        Map<String, Object> quiet = Map.of("logging.level.root", "WARN", "logging.level.org.concord", "WARN");
        TwoNodes nodes = TwoNodes.startPaired(quiet, quiet);
        try {
            Outbox outbox = nodes.pk.bean(Outbox.class);
            OutboxDelivery delivery = nodes.pk.bean(OutboxDelivery.class);
            String pk = nodes.pk.identity().stixIdentityId();
            Https partner = Https.asPartner(nodes.pk, nodes.ir);
            List<Double> baseline = new ArrayList<>();
            List<Double> receipts = new ArrayList<>();
            for (int i = 0; i < n + 100; i++) {
                long t0 = System.nanoTime();
                partner.get("/api/whoami");
                double whoami = (System.nanoTime() - t0) / 1e6;
                outbox.enqueue(PartyCode.of("IR"), Stix.intrusionSet("message " + i, pk, Tlp.GREEN));
                t0 = System.nanoTime();
                if (delivery.deliver(PartyCode.of("IR")) != 1) {
                    throw new IllegalStateException("message " + i + " was not delivered");
                }
                double delivered = (System.nanoTime() - t0) / 1e6;
                if (i >= 100) { // the first 100 warm the JIT up
                    baseline.add(whoami);
                    receipts.add(delivered);
                }
            }
            long withReceipt = outbox.recent(PartyCode.of("IR"), n).stream().filter(m -> m.receipt() != null).count();
            System.out.printf("%n%d messages, each delivered alone; %d with a verified receipt%n", n, withReceipt);
            System.out.println("| what | p50 ms | p99 ms |");
            System.out.println("| --- | --- | --- |");
            System.out.printf("| baseline: partner GET /api/whoami over the same kind of connection | %.2f | %.2f |%n",
                    percentile(baseline, 50), percentile(baseline, 99));
            System.out.printf("| send one message: ledger entry, TAXII POST, store, receipt signed, receipt verified and kept | %.2f | %.2f |%n",
                    percentile(receipts, 50), percentile(receipts, 99));
        } finally {
            nodes.stop();
        }
        System.exit(0);
    }

    static double percentile(List<Double> values, int p) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }
}
