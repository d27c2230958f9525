package org.concord.ledger.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import org.concord.exchange.sync.OutboxDelivery;
import org.concord.hotline.internal.HotlineJobs;
import org.concord.ledger.Ledger;
import org.concord.ledger.tree.Hash;
import org.concord.ledger.tree.NoteSigner;
import org.concord.party.PartyCode;
import org.concord.party.Role;
import org.concord.testing.ClockedNodes;
import org.concord.testing.Eventually;
import org.concord.testing.Https;
import org.concord.testing.Postgres;
import org.concord.testing.TestNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import tools.jackson.databind.JsonNode;

/**
 * Issue 9, defect 7: a ledger alarm, a missed hotline test call and an escalation left health UP
 * and moved no metric. Here each happens for real on two nodes and IR's health and Prometheus
 * scrape move: ledger ALARM and {@code concord_ledger_alarms}, hotline ALARM and
 * {@code concord_hotline_test_alarms}, {@code concord_escalations_total}. An administrator
 * acknowledges a ledger alarm (a viewer, nobody and the partner may not), and the ledger is UP again.
 * The ledger test runs first: the hotline test moves the shared clock on by an hour and a half,
 * which makes PK's log unwitnessed for longer than the witness-lag alarm.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OperatorsSeeAlarmsTest {

    static final PartyCode PK = PartyCode.of("PK");
    ClockedNodes nodes;
    Instant firstSlot;

    @BeforeAll
    void start() {
        Instant start = Instant.now().truncatedTo(ChronoUnit.HOURS);
        firstSlot = start.plus(Duration.ofHours(1));
        nodes = new ClockedNodes(start, Map.of(
                "concord.hotline.weekly-test.first-slot", firstSlot.toString(),
                "concord.hotline.weekly-test.caller.party", "PK",
                "concord.hotline.weekly-test.caller.name", "Maj Gen A. Khan",
                "concord.hotline.weekly-test.caller.post", "DGMO",
                "concord.hotline.weekly-test.answerer.party", "IR",
                "concord.hotline.weekly-test.answerer.name", "Brig Gen R. Karimi",
                "concord.hotline.weekly-test.answerer.post", "Director of Operations"));
    }

    @AfterAll
    void stop() {
        nodes.close();
    }

    @Test
    @Order(1)
    void aLedgerAlarmTurnsTheLedgerHealthAndGaugeUntilAnAdministratorAcknowledgesIt() throws Exception {
        assertThat(ledgerHealth().path("status").asString()).isEqualTo("UP");
        nodes.pk.bean(Checkpoints.class).publish();
        assertThat(nodes.ir.bean(Witnessing.class).witness(PK)).isInstanceOf(WitnessOutcome.Accepted.class);
        RestoredNodeSeesItsOwnRollbackTest.awaitMetric(nodes.ir,
                "concord_witness_lag_seconds{application=\"concord\",partner=\"PK\"}", 0.0);

        // PK serves a checkpoint signed by a key that is not its pinned one
        LogIdentity pkLog = nodes.pk.bean(LogIdentity.class);
        long size = nodes.pk.bean(Ledger.class).size() + 1;
        String forged = SignedCheckpoint.body(pkLog.origin(), size, Hash.ofHex("11".repeat(32)), nodes.clock.instant())
                .sign(NoteSigner.generate(pkLog.origin())).encode();
        try (var connection = Postgres.connect(); var insert = connection.prepareStatement("insert into "
                + nodes.pk.schema() + ".ledger_checkpoint (size, root, note, signed_at) values (?, ?, ?, now())")) {
            insert.setLong(1, size);
            insert.setBytes(2, Hash.ofHex("11".repeat(32)).bytes());
            insert.setString(3, forged);
            insert.executeUpdate();
        }
        WitnessOutcome outcome = nodes.ir.bean(Witnessing.class).witness(PK);
        assertThat(outcome).isInstanceOf(WitnessOutcome.Alarmed.class);
        long id = ((WitnessOutcome.Alarmed) outcome).alarm().id();

        JsonNode ledger = awaitLedgerHealth("ALARM");
        assertThat(ledger.path("details").path("openAlarms").path("BAD_SIGNATURE").asLong()).isEqualTo(1);
        assertThat(ledger.path("details").path("newest").get(0).path("detail").asString()).contains("pinned key");
        assertThat(health(nodes.ir, null, "/actuator/health", 200).path("status").asString())
                .as("open health shows the status").isEqualTo("ALARM");
        assertThat(health(nodes.ir, null, "/actuator/health/readiness", 200).path("status").asString()).isEqualTo("UP");
        RestoredNodeSeesItsOwnRollbackTest.awaitMetric(nodes.ir,
                "concord_ledger_alarms{application=\"concord\",kind=\"BAD_SIGNATURE\"}", 1.0);

        Https https = Https.to(nodes.ir);
        String body = "{\"note\":\"PK's operators confirm a test key was deployed by mistake on 2 Dec; rolled back\"}";
        HttpResponse<String> byViewer = acknowledge(https, id, body, Role.VIEWER);
        assertThat(byViewer.statusCode()).as(byViewer.body()).isEqualTo(403);
        HttpResponse<String> nobody = https.send("POST", "/ledger/alarms/" + id + "/acknowledgement", body,
                "Content-Type", "application/json");
        assertThat(nobody.statusCode()).isEqualTo(401);
        HttpResponse<String> byPartner = Https.asPartner(nodes.pk, nodes.ir).send("POST",
                "/ledger/alarms/" + id + "/acknowledgement", body, "Content-Type", "application/json");
        assertThat(byPartner.statusCode()).as("PK may not silence IR's alarm about PK").isEqualTo(403);
        HttpResponse<String> empty = acknowledge(https, id, "{\"note\":\" \"}", Role.ADMIN);
        assertThat(empty.statusCode()).isEqualTo(400);
        assertThat(empty.body()).contains("note");
        HttpResponse<String> byAdmin = acknowledge(https, id, body, Role.ADMIN);
        assertThat(byAdmin.statusCode()).as(byAdmin.body()).isEqualTo(200);
        JsonNode acknowledged = RestoredNodeSeesItsOwnRollbackTest.JSON.readTree(byAdmin.body());
        assertThat(acknowledged.path("acknowledged").path("by").asString()).isEqualTo(nodes.ir.username(Role.ADMIN));
        assertThat(acknowledge(https, id, body, Role.ADMIN).statusCode()).as("once").isEqualTo(409);

        assertThat(awaitLedgerHealth("UP").path("details").path("openAlarms").size()).isZero();
        RestoredNodeSeesItsOwnRollbackTest.awaitMetric(nodes.ir,
                "concord_ledger_alarms{application=\"concord\",kind=\"BAD_SIGNATURE\"}", 0.0);
        assertThat(RestoredNodeSeesItsOwnRollbackTest.alarms(nodes.ir).get(0).path("acknowledged").path("note").asString())
                .as("the alarm and its evidence stay").contains("test key");
        try (var connection = Postgres.connect(); var delete = connection.createStatement()) {
            delete.execute("delete from " + nodes.pk.schema() + ".ledger_checkpoint where size = " + size);
        }
    }

    @Test
    @Order(2)
    void aMissedTestCallAndAnEscalationShowInHealthAndMetrics() throws Exception {
        assertThat(health(nodes.ir, Role.ADMIN, "/actuator/health", 200).path("components").path("hotline").path("status")
                .asString()).isEqualTo("UP");
        // PK's node does not send the weekly test call (its job did not run); the window closes
        nodes.clock.set(firstSlot.plus(Duration.ofMinutes(31)));
        assertThat(nodes.ir.bean(HotlineJobs.class).runWeeklyTest()).hasSize(1);
        JsonNode hotline = awaitComponent(nodes.ir, "hotline", "ALARM");
        assertThat(hotline.path("details").path("failedTests").get(0).path("reason").asString()).isEqualTo("NOT_SENT");
        assertThat(hotline.path("details").path("failedTests").get(0).path("atFault").asString()).isEqualTo("PK");
        RestoredNodeSeesItsOwnRollbackTest.awaitMetric(nodes.ir, "concord_hotline_test_alarms{application=\"concord\"}", 1.0);
        assertThat(health(nodes.ir, null, "/actuator/health/readiness", 200).path("status").asString()).isEqualTo("UP");

        // a FLASH message nobody at IR acknowledges escalates at PK
        String escalations = "concord_escalations_total{application=\"concord\",level=\"SECURITY_CHIEFS\",module=\"hotline\"}";
        RestoredNodeSeesItsOwnRollbackTest.awaitMetric(nodes.pk, escalations, 0.0);
        String[] liaison = Https.basic(nodes.pk.username(Role.LIAISON), nodes.pk.password(Role.LIAISON));
        HttpResponse<String> sent = Https.to(nodes.pk).send("POST", "/api/hotline/calls", """
                {"from":{"name":"Duty officer PK","post":"DGMO office"},"addressee":"IR",
                 "to":{"name":"Duty officer IR","post":"Operations"},"priority":"FLASH","text":"stray drone near Panjgur"}""",
                liaison[0], liaison[1], "Content-Type", "application/json");
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(201);
        nodes.pk.bean(OutboxDelivery.class).deliver(PartyCode.of("IR"));
        nodes.clock.advance(Duration.ofMinutes(11));
        assertThat(nodes.pk.bean(org.concord.workflow.EscalatingMissedDeadlines.class).sendDueEscalations()).isEqualTo(1);
        RestoredNodeSeesItsOwnRollbackTest.awaitMetric(nodes.pk, escalations, 1.0);
    }

    HttpResponse<String> acknowledge(Https https, long id, String body, Role role) throws Exception {
        String[] basic = Https.basic(nodes.ir.username(role), nodes.ir.password(role));
        return https.send("POST", "/ledger/alarms/" + id + "/acknowledgement", body, basic[0], basic[1],
                "Content-Type", "application/json");
    }

    JsonNode ledgerHealth() throws Exception {
        return health(nodes.ir, Role.ADMIN, "/actuator/health", 200).path("components").path("ledger");
    }

    JsonNode awaitLedgerHealth(String status) throws Exception {
        return awaitComponent(nodes.ir, "ledger", status);
    }

    /** Health components are read at most 5 s old: waits for the new state, giving up after a minute. */
    static JsonNode awaitComponent(TestNode node, String component, String status) {
        return Eventually.value("the " + component + " health of " + node.code() + " is " + status, Duration.ofMinutes(1),
                Duration.ofMillis(500),
                () -> health(node, Role.ADMIN, "/actuator/health", 200).path("components").path(component),
                last -> last.path("status").asString().equals(status));
    }

    static JsonNode health(TestNode node, Role role, String path, int status) throws Exception {
        return RestoredNodeSeesItsOwnRollbackTest.health(node, role, path, status);
    }
}
