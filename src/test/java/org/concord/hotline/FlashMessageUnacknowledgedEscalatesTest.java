package org.concord.hotline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.concord.workflow.EscalatingMissedDeadlines;
import org.concord.party.Role;
import org.concord.testing.ClockedNodes;
import org.concord.testing.Https;
import org.concord.testing.TwoNodes;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

/**
 * A FLASH message unacknowledged for 10 minutes escalates, rung by rung, until it is acknowledged. The escalation moves
 * a clock of its own nodes; what needs no clock runs on the shared pair.
 */
class FlashMessageUnacknowledgedEscalatesTest {

    @Test
    void anUnacknowledgedFlashMessageEscalatesAndStopsOnceAcknowledged() throws Exception {
        try (ClockedNodes nodes = new ClockedNodes()) {
            escalatesUntilAcknowledged(nodes, HotlineApi.liaisonAt(nodes.pk), HotlineApi.liaisonAt(nodes.ir));
        }
    }

    private static void escalatesUntilAcknowledged(ClockedNodes nodes, HotlineApi pk, HotlineApi ir) throws Exception {
        String callId = pk.send("IR", "FLASH", "stray drone crossed near Panjgur at 04:10, not ours to strike");
        pk.deliverTo("IR");
        assertThat(ir.callWhen(callId, HotlineApi.withMessages(1)).path("state").asString()).isEqualTo("Unacknowledged");

        nodes.clock.advance(Duration.ofMinutes(9));
        assertThat(nodes.pk.bean(EscalatingMissedDeadlines.class).sendDueEscalations()).isZero();
        nodes.clock.advance(Duration.ofMinutes(2));
        assertThat(nodes.pk.bean(EscalatingMissedDeadlines.class).sendDueEscalations()).isEqualTo(1);
        pk.deliverTo("IR");
        JsonNode atIr = ir.callWhen(callId, HotlineApi.withMessages(2));
        assertThat(atIr.path("level").asString()).isEqualTo("SECURITY_CHIEFS");
        assertThat(atIr.path("history").get(1).path("object").path("history").get(0).path("id").asString()).isEqualTo(callId);

        JsonNode acknowledged = ir.acknowledge(callId);
        assertThat(acknowledged.path("state").asString()).isEqualTo("Acknowledged");
        ir.deliverTo("PK");
        JsonNode atPk = pk.callWhen(callId, HotlineApi.withMessages(3));
        assertThat(atPk.path("state").asString()).isEqualTo("Acknowledged");

        nodes.clock.advance(Duration.ofHours(1));
        assertThat(nodes.pk.bean(EscalatingMissedDeadlines.class).sendDueEscalations()).isZero();
        assertThat(nodes.ir.bean(EscalatingMissedDeadlines.class).sendDueEscalations()).isZero();

        // delivered again (at least once): nothing changes at IR
        JsonNode atIrNow = ir.call(callId);
        nodes.pk.bean(org.springframework.jdbc.core.simple.JdbcClient.class).sql("update exchange_outbox set delivered_at = null").update();
        assertThat(pk.deliverTo("IR")).isEqualTo(2);
        for (int i = 0; i < 2; i++) {
            JsonNode object = atIrNow.path("history").get(i).path("object");
            assertThat(nodes.ir.bean(org.concord.workflow.Workflow.class).receive(nodes.ir.bean(org.concord.hotline.HotlineType.class),
                    org.concord.party.PartyCode.of("PK"), object)).isFalse();
        }
        assertThat(ir.call(callId)).isEqualTo(atIrNow);
    }

    @Test
    void theSenderCannotAcknowledgeItsOwnMessageAndFieldsAreNamed() throws Exception {
        HotlineApi pk = HotlineApi.liaisonAt(TwoNodes.shared().pk);
        String callId = pk.send("IR", "FLASH", "launch detected");
        var own = pk.post("/api/hotline/calls/" + callId + "/acknowledge", "{\"by\":{\"name\":\"X\",\"post\":\"Y\"}}");
        assertThat(own.statusCode()).isEqualTo(409);
        assertThat(HotlineApi.JSON.readTree(own.body()).path("detail").asString()).contains("SENDER_CANNOT_ACKNOWLEDGE");
        var noPriority = pk.post("/api/hotline/calls",
                "{\"from\":{\"name\":\"A\",\"post\":\"B\"},\"addressee\":\"IR\",\"to\":{\"name\":\"C\",\"post\":\"D\"},\"text\":\"x\"}");
        assertThat(noPriority.statusCode()).isEqualTo(400);
        assertThat(HotlineApi.JSON.readTree(noPriority.body()).path("field").asString()).isEqualTo("priority");
        pk.deliverTo("IR"); // the shared pair's outbox left as found
    }

    @Test
    void everyEndpointChecksTheCaller() throws Exception {
        TwoNodes nodes = TwoNodes.shared();
        HotlineApi pk = HotlineApi.liaisonAt(nodes.pk);
        String callId = pk.send("IR", "ROUTINE", "weekly check");
        String[] paths = {"/api/hotline/calls", "/api/hotline/calls/" + callId, "/api/hotline/alarms"};
        for (String path : paths) {
            assertThat(Https.to(nodes.pk).get(path).statusCode()).isEqualTo(401);
            assertThat(Https.asPartner(nodes.ir, nodes.pk).get(path).statusCode()).isEqualTo(403);
            assertThat(new HotlineApi(nodes.pk, Role.VIEWER).get(path).statusCode()).isEqualTo(200);
        }
        String body = "{\"from\":{\"name\":\"A\",\"post\":\"B\"},\"addressee\":\"IR\",\"to\":{\"name\":\"C\",\"post\":\"D\"},"
                + "\"priority\":\"ROUTINE\",\"text\":\"x\"}";
        assertThat(Https.to(nodes.pk).send("POST", "/api/hotline/calls", body, "Content-Type", "application/json").statusCode())
                .isEqualTo(401);
        assertThat(Https.asPartner(nodes.ir, nodes.pk).send("POST", "/api/hotline/calls", body, "Content-Type", "application/json")
                .statusCode()).isEqualTo(403);
        assertThat(new HotlineApi(nodes.pk, Role.VIEWER).post("/api/hotline/calls", body).statusCode()).isEqualTo(403);
        assertThat(new HotlineApi(nodes.pk, Role.ANALYST).post("/api/hotline/calls/" + callId + "/acknowledge",
                "{\"by\":{\"name\":\"A\",\"post\":\"B\"}}").statusCode()).isEqualTo(403);
        assertThat(pk.post("/api/hotline/calls", body).statusCode()).isEqualTo(201);
        JsonNode documented = HotlineApi.JSON.readTree(new HotlineApi(nodes.pk, Role.VIEWER).get("/v3/api-docs").body())
                .path("paths");
        assertThat(documented.has("/api/hotline/calls")).isTrue();
        assertThat(documented.has("/api/hotline/calls/{callId}/acknowledge")).isTrue();
        assertThat(documented.has("/api/hotline/alarms")).isTrue();
        pk.deliverTo("IR"); // the shared pair's outbox left as found
    }
}
