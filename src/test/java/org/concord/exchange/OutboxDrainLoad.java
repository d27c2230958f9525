package org.concord.exchange;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.concord.intel.stix.Tlp;
import org.concord.party.PartyCode;
import org.concord.testing.Stix;
import org.concord.testing.TwoNodes;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A load run of delivery alone (not a test): {@code n} messages are queued in PK's outbox in one
 * transaction, and PK's outbox, as a running node's (delivery right after the commit), delivers them
 * to IR's inbox: PK's SENT ledger entries, the TAXII POSTs, IR's checks, store and RECEIVED entries,
 * IR's signed receipts and PK's check of every receipt. Measured: messages per second from the commit
 * to the last receipt kept at PK, three rounds (the first warms up). No sending API and no hand-over
 * to a workflow module at IR: what the outbox, the inbox, both ledgers and the receipts can carry.
 *
 * <p>Run: {@code ./mvnw -Pbench -DskipTests test -Dbench.main=org.concord.exchange.OutboxDrainLoad -Dbench=3000}
 */
public final class OutboxDrainLoad {

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 3000;
        Map<String, Object> running = Map.of("logging.level.root", "WARN", "logging.level.org.concord", "WARN",
                "concord.exchange.deliver-on-commit", "true", "concord.scheduling.enabled", "true");
        TwoNodes nodes = TwoNodes.startPaired(running, running);
        try {
            String pk = nodes.pk.identity().stixIdentityId();
            Outbox outbox = nodes.pk.bean(Outbox.class);
            JdbcClient jdbc = nodes.pk.bean(JdbcClient.class);
            TransactionTemplate transaction = new TransactionTemplate(nodes.pk.bean(PlatformTransactionManager.class));
            System.out.println("| round | messages | commit to last receipt kept at PK | messages/s |");
            System.out.println("| --- | --- | --- | --- |");
            for (int round = 1; round <= 3; round++) {
                int r = round;
                long first = transaction.execute(status -> {
                    long seq = -1;
                    for (int i = 0; i < n; i++) {
                        long s = outbox.enqueue(PartyCode.of("IR"), Stix.intrusionSet("round " + r + " message " + i, pk, Tlp.GREEN));
                        seq = seq < 0 ? s : seq;
                    }
                    return seq;
                });
                Instant committed = Instant.now();
                Instant deadline = committed.plus(Duration.ofMinutes(15));
                while (jdbc.sql("select count(*) from exchange_outbox where seq >= ? and receipt is not null").param(first)
                        .query(Integer.class).single() < n) {
                    if (Instant.now().isAfter(deadline)) {
                        throw new IllegalStateException("round " + round + ": not all receipts after 15 minutes");
                    }
                    Thread.sleep(250);
                }
                Instant last = jdbc.sql("select max(delivered_at) from exchange_outbox where seq >= ?").param(first)
                        .query(java.sql.Timestamp.class).single().toInstant();
                double seconds = Duration.between(committed, last).toNanos() / 1e9;
                System.out.printf("| %d | %,d | %.1f s | %,.0f |%n", round, n, seconds, n / seconds);
            }
        } finally {
            nodes.stop();
        }
        System.exit(0);
    }
}
