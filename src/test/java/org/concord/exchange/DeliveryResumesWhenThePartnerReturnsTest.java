package org.concord.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;

import org.concord.exchange.sync.OutboxMonitor;
import org.concord.exchange.sync.PartnerLinks;
import org.concord.intel.stix.Tlp;
import org.concord.party.PartyCode;
import org.concord.testing.Eventually;
import org.concord.testing.Postgres;
import org.concord.testing.Stix;
import org.concord.testing.TestNode;
import org.concord.testing.TwoNodes;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Issue 9, defect 4, on two real nodes with PK's scheduled work running: IR is down long enough
 * that PK's backoff has grown to ten minutes; an officer sends FLASH; IR comes back on the same
 * port. PK's probe of IR's TAXII API root notices the return and delivery resumes at once, FLASH
 * first: FLASH reaches IR within seconds of its return, not after the rest of the backoff (79 s
 * and more before). And while FLASH waits for a partner that is down, the backoff is capped at
 * seconds. The bounds of 20 and 30 s are liveness bounds, not measures of speed.
 */
class DeliveryResumesWhenThePartnerReturnsTest {

    static final PartyCode IR = PartyCode.of("IR");

    @Test
    void flashReachesAReturningPartnerWithinSecondsInsteadOfAfterTheBackoff() throws Exception {
        // The caps on the backoff are set out of the way: only the probe can end the backoff here.
        TwoNodes nodes = TwoNodes.startPaired(Map.of("concord.scheduling.enabled", "true", "concord.exchange.deliver-on-commit", "true",
                "concord.exchange.probe-interval", "PT1S", "concord.exchange.backoff.flash", "PT10M",
                "concord.exchange.backoff.priority", "PT10M"), Map.of());
        TestNode pk = nodes.pk;
        TestNode ir = nodes.ir;
        try {
            String creator = pk.identity().stixIdentityId();
            Outbox outbox = pk.bean(Outbox.class);
            TransactionTemplate transactions = pk.bean(TransactionTemplate.class);
            JdbcClient jdbc = pk.bean(JdbcClient.class);

            // IR goes down; routine messages wait.
            ir.close();
            List<String> routine = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                var message = Stix.intrusionSet("routine " + i, creator, Tlp.GREEN);
                transactions.executeWithoutResult(status -> outbox.enqueue(IR, message));
                routine.add(message.path("id").asString());
            }
            Eventually.until("PK sees IR unreachable", Duration.ofSeconds(30),
                    () -> Boolean.FALSE.equals(pk.bean(PartnerLinks.class).link(IR).reachable()));
            // The outage has lasted: nine failures in a row, the next routine attempt ten minutes away.
            jdbc.sql("update exchange_partner_link set failures = 9, last_failure_at = ? where partner = 'IR'")
                    .param(Timestamp.from(Instant.now())).update();

            // An officer sends FLASH while IR is still down.
            var flash = Stix.intrusionSet("FLASH: incident in progress", creator, Tlp.GREEN);
            long flashSeq = transactions.execute(status -> outbox.enqueue(IR, flash, DeliveryPriority.FLASH));
            pk.bean(OutboxMonitor.class).invalidate();
            assertThat(health(pk, "partners").getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
            assertThat(health(pk, "partners").getDetails().toString()).contains("unreachable");
            assertThat(reachable(pk)).isZero();
            assertThat(outbox.message(flashSeq).orElseThrow().delivered()).isFalse();

            // IR returns on the same port, keys and database.
            ir = TestNode.start("IR", "Islamic Republic of Iran", TestNode.Store.POSTGRES, ir.dataDir(), ir.schema(),
                    Map.of("server.port", ir.port()));
            Instant back = Instant.now();
            Eventually.until("FLASH reaches the returned IR", Duration.ofSeconds(20),
                    () -> outbox.message(flashSeq).orElseThrow().delivered());
            assertThat(Duration.between(back, Instant.now())).isLessThan(Duration.ofSeconds(20));
            // The routine messages follow, and FLASH went before them.
            Eventually.until("the routine messages follow", Duration.ofSeconds(20), () -> outbox.pending(IR).isEmpty());
            List<String> arrived = ir.bean(JdbcClient.class)
                    .sql("select id from intel_object where collection = 'inbox' order by seq").query(String.class).list();
            assertThat(arrived).containsSubsequence(flash.path("id").asString(), routine.get(0));
            assertThat(arrived).containsSubsequence(flash.path("id").asString(), routine.get(2));
            pk.bean(OutboxMonitor.class).invalidate();
            assertThat(health(pk, "partners").getStatus()).isEqualTo(Status.UP);
            assertThat(reachable(pk)).isEqualTo(1.0);
            assertThat(pk.bean(PartnerLinks.class).link(IR).failures()).isZero();
        } finally {
            pk.close();
            ir.close();
            Postgres.dropSchema(pk.schema());
            Postgres.dropSchema(ir.schema());
        }
    }

    @Test
    void whileFlashWaitsForAnUnreachablePartnerTheBackoffIsCappedAtSeconds() throws Exception {
        // No probe here: only the cap on the backoff can make PK try again soon.
        TwoNodes nodes = TwoNodes.startPaired(Map.of("concord.scheduling.enabled", "true", "concord.exchange.deliver-on-commit", "true",
                "concord.exchange.probe-interval", "PT1H", "concord.exchange.backoff.flash", "PT2S"), Map.of());
        try {
            Outbox outbox = nodes.pk.bean(Outbox.class);
            TransactionTemplate transactions = nodes.pk.bean(TransactionTemplate.class);
            String creator = nodes.pk.identity().stixIdentityId();
            nodes.ir.close();
            long routine = transactions.execute(status -> outbox.enqueue(IR, Stix.intrusionSet("routine", creator, Tlp.GREEN)));
            Eventually.until("PK tries the routine message once", Duration.ofSeconds(30),
                    () -> outbox.message(routine).orElseThrow().attempts() >= 1);
            nodes.pk.bean(JdbcClient.class).sql("update exchange_partner_link set failures = 9, last_failure_at = ? where partner = 'IR'")
                    .param(Timestamp.from(Instant.now())).update();
            int routineAttempts = outbox.message(routine).orElseThrow().attempts();

            long flash = transactions.execute(status -> outbox.enqueue(IR, Stix.intrusionSet("FLASH", creator, Tlp.GREEN),
                    DeliveryPriority.FLASH));

            // With ROUTINE alone the next attempt would be ten minutes away; with FLASH waiting PK keeps trying every few seconds.
            Eventually.until("PK tries FLASH three times", Duration.ofSeconds(30),
                    () -> outbox.message(flash).orElseThrow().attempts() >= 3);
            assertThat(outbox.message(routine).orElseThrow().attempts()).isGreaterThan(routineAttempts + 1);
            assertThat(nodes.pk.bean(PartnerLinks.class).link(IR).failures()).isGreaterThanOrEqualTo(12);
        } finally {
            nodes.pk.close();
            Postgres.dropSchema(nodes.pk.schema());
            Postgres.dropSchema(nodes.ir.schema());
        }
    }

    /** The health indicator as the actuator names it ({@code outbox}, {@code partners}). */
    static org.springframework.boot.health.contributor.Health health(TestNode node, String name) {
        return ((HealthIndicator) node.bean(org.springframework.boot.health.registry.HealthContributorRegistry.class)
                .getContributor(name)).health();
    }

    static double reachable(TestNode node) {
        node.bean(OutboxMonitor.class).invalidate();
        return node.bean(MeterRegistry.class).get("concord.partner.reachable").tag("partner", "IR").gauge().value();
    }
}
