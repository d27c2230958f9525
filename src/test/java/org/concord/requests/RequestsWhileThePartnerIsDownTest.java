package org.concord.requests;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.concord.exchange.Outbox;
import org.concord.party.PartyCode;
import org.concord.testing.ClockedNodes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import tools.jackson.databind.JsonNode;

/**
 * IR is down for a simulated day while PK keeps working the case: PK's messages wait in its outbox
 * and reach IR in causal order when it returns; the same message delivered twice changes nothing; a
 * node stopped between its inbox and the requests module picks the messages up again when it restarts.
 */
class RequestsWhileThePartnerIsDownTest {

    ClockedNodes nodes;

    @BeforeEach
    void start() {
        nodes = new ClockedNodes();
    }

    @AfterEach
    void stop() {
        nodes.close();
    }

    @Test
    void messagesWaitInTheOutboxAndArriveInCausalOrder() throws Exception {
        RequestsApi pk = RequestsApi.liaisonAt(nodes.pk);
        String caseId = pk.open(RequestForActionBetweenTwoNodesTest.saravanRequest()).path("caseId").asString();
        pk.deliverTo("IR");
        RequestsApi ir = RequestsApi.liaisonAt(nodes.ir);
        ir.caseWhen(caseId, RequestsApi.withMessages(1));
        JsonNode counter = ir.send(caseId, """
                {"messageType":"counterPropose","proposal":{"kind":"MORE_EVIDENCE_NEEDED"}}""");
        ir.deliverTo("PK");
        pk.caseWhen(caseId, RequestsApi.withMessages(2));

        // IR goes down; PK amends with more evidence, then escalates, then withdraws
        nodes.stopIr();
        pk.send(caseId, """
                {"messageType":"amend","revised":{"targets":["%s"],"action":{"kind":"DISMANTLE_HIDEOUT"},"urgency":"URGENT",
                 "evidence":[{"ref":"report--0c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f"}]}}"""
                .formatted(org.concord.demo.January2024.NEAR_SARAVAN));
        pk.send(caseId, "{\"messageType\":\"escalate\",\"toLevel\":\"SECURITY_CHIEFS\",\"reason\":\"IR unreachable\"}");
        JsonNode atPk = pk.send(caseId, "{\"messageType\":\"close\",\"outcome\":\"WITHDRAWN\"}");
        assertThat(pk.deliverTo("IR")).isZero();
        assertThat(nodes.pk.bean(Outbox.class).pending(PartyCode.of("IR"))).hasSize(3);

        // a simulated day later IR is back; the backoff has long passed
        nodes.clock.advance(Duration.ofDays(1));
        nodes.restartIr();
        ir = RequestsApi.liaisonAt(nodes.ir);
        assertThat(pk.deliverTo("IR")).isEqualTo(3);
        JsonNode atIr = ir.caseWhen(caseId, RequestsApi.withMessages(5));
        assertThat(atIr.path("state").asString()).isEqualTo("Closed");
        assertThat(RequestForActionBetweenTwoNodesTest.history(atIr)).isEqualTo(RequestForActionBetweenTwoNodesTest.history(atPk))
                .containsExactly("request PK", "counter_propose IR", "amend PK", "escalate PK", "close PK");

        // delivered again (at least once): nothing changes at IR
        nodes.pk.bean(JdbcClient.class).sql("update exchange_outbox set delivered_at = null").update();
        assertThat(pk.deliverTo("IR")).isEqualTo(4); // everything PK ever sent IR
        for (int i = 0; i < atIr.path("history").size(); i++) {
            JsonNode object = atIr.path("history").get(i).path("object");
            assertThat(nodes.ir.bean(org.concord.workflow.Workflow.class).receive(nodes.ir.bean(org.concord.requests.RequestType.class), PartyCode.of(object.path("sender").asString()), object))
                    .isFalse();
        }
        assertThat(ir.caseOf(caseId)).isEqualTo(atIr);
        assertThat(counter.path("state").asString()).isEqualTo("CounterProposed");
    }

    @Test
    void aNodeThatStopsBetweenItsInboxAndTheRequestsModuleLosesNothing() throws Exception {
        RequestsApi pk = RequestsApi.liaisonAt(nodes.pk);
        String caseId = pk.open(RequestForActionBetweenTwoNodesTest.saravanRequest()).path("caseId").asString();
        pk.send(caseId, "{\"messageType\":\"escalate\",\"toLevel\":\"SECURITY_CHIEFS\",\"reason\":\"urgent\"}");
        pk.deliverTo("IR");
        RequestsApi ir = RequestsApi.liaisonAt(nodes.ir);
        JsonNode before = ir.caseWhen(caseId, RequestsApi.withMessages(2));

        // As if IR had stopped after its inbox committed and before the hand-over ran: the messages are
        // in the inbox and in the event publication log, not in the module's table.
        nodes.stopIr();
        try (var db = org.concord.testing.Postgres.connect()) {
            db.createStatement().execute("set search_path to " + nodes.ir.schema());
            db.createStatement().execute("delete from workflow_message where case_type = 'request'");
            db.createStatement().execute("update event_publication set completion_date = null");
        }
        nodes.restartIr();
        ir = RequestsApi.liaisonAt(nodes.ir);
        JsonNode after = ir.caseWhen(caseId, RequestsApi.withMessages(2));
        assertThat(after.path("state").asString()).isEqualTo(before.path("state").asString());
        assertThat(after.path("level").asString()).isEqualTo("SECURITY_CHIEFS");
        assertThat(RequestForActionBetweenTwoNodesTest.history(after)).isEqualTo(RequestForActionBetweenTwoNodesTest.history(before));
    }
}
