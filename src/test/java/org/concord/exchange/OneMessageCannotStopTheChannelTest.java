package org.concord.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;

import org.concord.exchange.sync.OutboxDelivery;
import org.concord.exchange.sync.PartnerLinks;
import org.concord.intel.stix.Tlp;
import org.concord.party.PartyCode;
import org.concord.party.Role;
import org.concord.testing.Eventually;
import org.concord.testing.Https;
import org.concord.testing.Stix;
import org.concord.testing.TwoNodes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Issue 9, defects 2 and 10, from the sender's seat: PK delivers to IR, whose TAXII API root
 * advertises a {@code max_content_length} of 64 KiB. One message too large for IR, or a batch IR
 * refuses as too large, must not stop the channel; FLASH goes before ROUTINE; and no message of a
 * case ever overtakes an earlier one of the same case, even when two transactions commit out of
 * the order in which they queued.
 */
class OneMessageCannotStopTheChannelTest {

    static final PartyCode IR = PartyCode.of("IR");
    static final long IR_LIMIT = 64 * 1024;
    static TwoNodes nodes;
    static Outbox outbox;
    static OutboxDelivery delivery;
    static JdbcClient jdbc;
    static String pk;

    @BeforeAll
    static void start() {
        nodes = TwoNodes.startPaired(Map.of(), Map.of("concord.exchange.max-content-length", IR_LIMIT));
        outbox = nodes.pk.bean(Outbox.class);
        delivery = nodes.pk.bean(OutboxDelivery.class);
        jdbc = nodes.pk.bean(JdbcClient.class);
        pk = nodes.pk.identity().stixIdentityId();
    }

    @AfterAll
    static void stop() {
        nodes.stop();
    }

    @AfterEach
    void drained() {
        delivery.deliver(IR);
        assertThat(outbox.pending(IR)).isEmpty();
        for (Outbox.Message alarm : outbox.poisoned(null)) {
            outbox.acknowledgePoison(alarm.seq(), "test");
        }
    }

    /** An intrusion set of about {@code bytes} bytes, created by PK. */
    static ObjectNode ofSize(String name, int bytes) {
        ObjectNode object = Stix.intrusionSet(name, pk, Tlp.GREEN);
        object.put("description", "x".repeat(Math.max(0, bytes - 400)));
        return object;
    }

    long postsReceivedByIr() {
        return nodes.ir.bean(JdbcClient.class).sql("select count(*) from exchange_status").query(Long.class).single();
    }

    @Test
    void batchesAreSizedToThePartnersAdvertisedLimit() {
        // Twelve messages of 20 KB: 240 KB, far more than IR takes in one request.
        List<Long> queued = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            queued.add(outbox.enqueue(IR, ofSize("batch " + i, 20_000)));
        }
        long postsBefore = postsReceivedByIr();

        assertThat(delivery.deliver(IR)).isEqualTo(12);

        assertThat(queued).allSatisfy(seq -> {
            Outbox.Message message = outbox.message(seq).orElseThrow();
            assertThat(message.delivered()).isTrue();
            assertThat(message.refusedReason()).isNull();
            assertThat(message.receipt()).isNotNull();
            assertThat(message.poisoned()).isFalse();
        });
        // At most three 20 KB messages fit 64 KiB: at least four requests, each accepted.
        assertThat(postsReceivedByIr() - postsBefore).isGreaterThanOrEqualTo(4);
        assertThat(nodes.pk.bean(PartnerLinks.class).link(IR).maxContentLength()).isEqualTo(IR_LIMIT);
    }

    @Test
    void aMessageLargerThanThePartnersLimitIsSetAsideWithAnAlarmAndTheRestGoOn() throws Exception {
        long before = outbox.enqueue(IR, ofSize("before", 1_000));
        long huge = outbox.enqueue(IR, ofSize("a 100 KB hotline text", 100_000));
        long after = outbox.enqueue(IR, ofSize("after", 1_000));

        assertThat(delivery.deliver(IR)).isEqualTo(2);

        assertThat(outbox.message(before).orElseThrow().delivered()).isTrue();
        assertThat(outbox.message(after).orElseThrow().delivered()).isTrue();
        Outbox.Message poisoned = outbox.message(huge).orElseThrow();
        assertThat(poisoned.delivered()).isFalse();
        assertThat(poisoned.poisoned()).isTrue();
        assertThat(poisoned.poisonReason()).contains("max_content_length").contains(String.valueOf(IR_LIMIT));
        assertThat(outbox.pending(IR)).isEmpty();
        // Nothing is sent again: the next run has nothing to do.
        assertThat(delivery.deliver(IR)).isZero();

        // The alarm: audited, in the outbox listing and the alarm list, in health and in the gauge.
        assertThat(nodes.pk.bean(org.concord.audit.AuditLog.class).recent(50))
                .anySatisfy(entry -> assertThat(entry.toString()).contains("exchange.poisoned").contains(poisoned.objectId()));
        var viewer = Https.to(nodes.pk);
        HttpResponse<String> listing = viewer.get("/api/exchange/outbox?partner=IR", Https.basic(nodes.pk.username(Role.VIEWER),
                nodes.pk.password(Role.VIEWER)));
        assertThat(listing.statusCode()).isEqualTo(200);
        JsonNode shown = Stix.JSON.readTree(listing.body());
        assertThat(shown.valueStream().filter(m -> m.path("seq").asLong() == huge).findFirst().orElseThrow()
                .path("poisoned").asBoolean()).isTrue();
        HttpResponse<String> alarms = viewer.get("/api/exchange/outbox/alarms", Https.basic(nodes.pk.username(Role.VIEWER),
                nodes.pk.password(Role.VIEWER)));
        assertThat(alarms.statusCode()).isEqualTo(200);
        assertThat(Stix.JSON.readTree(alarms.body()).valueStream().map(m -> m.path("seq").asLong())).containsExactly(huge);
        assertThat(health("outbox").getStatus()).isEqualTo(Status.DOWN);
        assertThat(gauge("concord.outbox.poisoned")).isEqualTo(1.0);

        // Who may acknowledge the alarm: nobody and the partner may not; a viewer may read but not
        // acknowledge; a liaison officer may.
        String path = "/api/exchange/outbox/alarms/" + huge + "/acknowledge";
        assertThat(Https.to(nodes.pk).send("POST", path, null).statusCode()).isEqualTo(401);
        assertThat(Https.asPartner(nodes.ir, nodes.pk).send("POST", path, null).statusCode()).isEqualTo(403);
        assertThat(Https.asPartner(nodes.ir, nodes.pk).get("/api/exchange/outbox/alarms").statusCode()).isEqualTo(403);
        assertThat(viewer.send("POST", path, null, Https.basic(nodes.pk.username(Role.VIEWER), nodes.pk.password(Role.VIEWER)))
                .statusCode()).isEqualTo(403);
        HttpResponse<String> acknowledged = viewer.send("POST", path, null,
                Https.basic(nodes.pk.username(Role.LIAISON), nodes.pk.password(Role.LIAISON)));
        assertThat(acknowledged.statusCode()).as(acknowledged.body()).isEqualTo(200);
        assertThat(outbox.poisoned(null)).isEmpty();
        assertThat(viewer.send("POST", path, null, Https.basic(nodes.pk.username(Role.LIAISON), nodes.pk.password(Role.LIAISON)))
                .statusCode()).isEqualTo(404);
        nodes.pk.bean(org.concord.exchange.sync.OutboxMonitor.class).invalidate();
        assertThat(health("outbox").getStatus()).isEqualTo(Status.UP);
        assertThat(gauge("concord.outbox.poisoned")).isZero();
    }

    @Test
    void aBatchThePartnerRefusesAsTooLargeIsSplitInsteadOfSentAgainAsItWas() {
        // PK still believes IR takes 10 MB per request (IR lowered its limit since PK last asked).
        nodes.pk.bean(PartnerLinks.class).maxContentLength(IR);
        jdbc.sql("update exchange_partner_link set max_content_length = 10000000, limit_checked_at = ? where partner = 'IR'")
                .param(java.sql.Timestamp.from(Instant.now())).update();
        List<Long> queued = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            queued.add(outbox.enqueue(IR, ofSize("split " + i, 20_000)));
        }
        double failuresBefore = counter("concord.outbox.failures");

        assertThat(delivery.deliver(IR)).isEqualTo(6);

        assertThat(queued).allSatisfy(seq -> assertThat(outbox.message(seq).orElseThrow().delivered()).isTrue());
        // IR's 413 was counted, and PK asked IR's API root again.
        assertThat(counter("concord.outbox.failures")).isGreaterThan(failuresBefore);
        assertThat(nodes.pk.bean(PartnerLinks.class).link(IR).maxContentLength()).isEqualTo(IR_LIMIT);
    }

    @Test
    void flashGoesBeforeRoutineButNeverAheadOfAnEarlierMessageOfItsOwnCase() {
        String caseA = Stix.newId("intrusion-set");
        long a1 = outbox.enqueue(IR, Stix.intrusionSet(caseA, "case A, first", pk, Tlp.GREEN, "2024-01-16T18:00:00.000Z"),
                DeliveryPriority.ROUTINE);
        long b = outbox.enqueue(IR, Stix.intrusionSet("routine B", pk, Tlp.GREEN), DeliveryPriority.ROUTINE);
        long c = outbox.enqueue(IR, Stix.intrusionSet("routine C", pk, Tlp.GREEN), DeliveryPriority.ROUTINE);
        long flash = outbox.enqueue(IR, Stix.intrusionSet("FLASH D", pk, Tlp.GREEN), DeliveryPriority.FLASH);
        long a2 = outbox.enqueue(IR, Stix.intrusionSet(caseA, "case A, second (FLASH)", pk, Tlp.GREEN, "2024-01-16T19:00:00.000Z"),
                DeliveryPriority.FLASH);

        assertThat(delivery.deliver(IR)).isEqualTo(5);

        // The order in which they left is the order of their SENT entries in PK's ledger.
        assertThat(sentOrder(List.of(a1, b, c, flash, a2))).containsExactly(a1, flash, a2, b, c);
        assertThat(outbox.message(flash).orElseThrow().priority()).isEqualTo(DeliveryPriority.FLASH);
    }

    @Test
    void aFlashHotlineCallOvertakesRoutineCallsQueuedBeforeIt() {
        var hotline = nodes.pk.bean(org.concord.hotline.internal.HotlineService.class);
        var from = new org.concord.hotline.Official(PartyCode.of("PK"), "Duty officer, DGMO", "DGMO");
        var to = new org.concord.hotline.Official(IR, "Duty officer, joint staff", "Joint staff operations");
        String routine = hotline.send(from, to, org.concord.hotline.Priority.ROUTINE, "weekly coordination", null, "test").caseId();
        String flash = hotline.send(from, to, org.concord.hotline.Priority.FLASH, "shots across the border near Panjgur", null, "test")
                .caseId();
        Outbox.Message routineMessage = outbox.recent(IR, 10).stream().filter(m -> m.objectId().equals(routine)).findFirst().orElseThrow();
        Outbox.Message flashMessage = outbox.recent(IR, 10).stream().filter(m -> m.objectId().equals(flash)).findFirst().orElseThrow();
        assertThat(routineMessage.priority()).isEqualTo(DeliveryPriority.ROUTINE);
        assertThat(flashMessage.priority()).isEqualTo(DeliveryPriority.FLASH);

        delivery.deliver(IR);

        assertThat(sentOrder(List.of(routineMessage.seq(), flashMessage.seq()))).containsExactly(flashMessage.seq(), routineMessage.seq());
    }

    @Test
    void twoTransactionsOfOneCaseCommittingOutOfOrderAreDeliveredInTheOrderTheyWereWritten() throws Exception {
        String caseId = "x-concord-test-case--" + java.util.UUID.randomUUID();
        TransactionTemplate transactions = nodes.pk.bean(TransactionTemplate.class);
        CountDownLatch firstQueued = new CountDownLatch(1);
        CountDownLatch commitFirst = new CountDownLatch(1);
        long[] seqs = new long[2];
        // The first message of the case is queued, and its transaction stays open...
        CompletableFuture<Void> first = CompletableFuture.runAsync(() -> transactions.executeWithoutResult(status -> {
            seqs[0] = outbox.enqueue(IR, caseMessage(caseId, "first"));
            firstQueued.countDown();
            await(commitFirst);
        }));
        assertThat(firstQueued.await(60, TimeUnit.SECONDS)).isTrue();
        // ...while a second message of the same case is written in another transaction, which
        // would commit first.
        CompletableFuture<Void> second = CompletableFuture.runAsync(() -> transactions.executeWithoutResult(status ->
                seqs[1] = outbox.enqueue(IR, caseMessage(caseId, "second"))));
        Eventually.until("the second transaction commits or waits for the first's lock", Duration.ofSeconds(30),
                () -> second.isDone() || waitingForALock());
        // A delivery runs now: it must not send the second message ahead of the first.
        delivery.deliver(IR);
        commitFirst.countDown();
        first.get(60, TimeUnit.SECONDS);
        second.get(60, TimeUnit.SECONDS);
        delivery.deliver(IR);

        assertThat(seqs[1]).isGreaterThan(seqs[0]);
        assertThat(sentOrder(List.of(seqs[1], seqs[0]))).containsExactly(seqs[0], seqs[1]);
    }

    /** A custom workflow-like message of case {@code caseId}, created by PK. */
    static ObjectNode caseMessage(String caseId, String text) {
        ObjectNode o = Stix.JSON.createObjectNode();
        o.put("type", "x-concord-test-message");
        o.put("spec_version", "2.1");
        o.put("id", Stix.newId("x-concord-test-message"));
        o.put("created", Stix.T0);
        o.put("modified", Stix.T0);
        o.put("created_by_ref", pk);
        o.putArray("object_marking_refs").add(Tlp.GREEN.markingDefinitionId());
        o.put("case_ref", caseId);
        o.put("text", text);
        return o;
    }

    static boolean waitingForALock() {
        try (var connection = org.concord.testing.Postgres.connect(); var statement = connection.createStatement();
                var rs = statement.executeQuery("select count(*) from pg_stat_activity where wait_event_type = 'Lock'"
                        + " and query like '%exchange_outbox_case%'")) {
            rs.next();
            return rs.getLong(1) > 0;
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static void await(CountDownLatch latch) {
        try {
            latch.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The outbox positions, in the order their messages left PK (their SENT entries in PK's ledger). */
    static List<Long> sentOrder(List<Long> seqs) {
        List<Outbox.Message> messages = new ArrayList<>(seqs.stream().map(seq -> outbox.message(seq).orElseThrow()).toList());
        assertThat(messages).allSatisfy(m -> assertThat(m.ledgerIndex()).as("message %d was sent", m.seq()).isNotNull());
        messages.sort(Comparator.comparing(Outbox.Message::ledgerIndex));
        return messages.stream().map(Outbox.Message::seq).toList();
    }

    /** The health indicator as the actuator names it ({@code outbox}, {@code partners}). */
    static org.springframework.boot.health.contributor.Health health(String name) {
        return ((HealthIndicator) nodes.pk.bean(org.springframework.boot.health.registry.HealthContributorRegistry.class)
                .getContributor(name)).health();
    }

    static double gauge(String name) {
        nodes.pk.bean(org.concord.exchange.sync.OutboxMonitor.class).invalidate();
        return nodes.pk.bean(MeterRegistry.class).get(name).tag("partner", "IR").gauge().value();
    }

    static double counter(String name) {
        return nodes.pk.bean(MeterRegistry.class).get(name).tag("partner", "IR").counter().count();
    }
}
