package org.concord.incidents;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.concord.exchange.Outbox;
import org.concord.incidents.internal.IncidentStix;
import org.concord.party.PartyCode;
import org.concord.testing.TwoNodes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

/**
 * PK reports the strike of 16 January 2024 over real HTTPS between two nodes on PostgreSQL; IR
 * answers each claim (confirm, dispute with evidence, unknown); joint findings signed off by both
 * settle it. Both nodes show the same incident, and every message went with a signed receipt.
 */
class IncidentReportedAnsweredAndSettledBetweenTwoNodesTest {

    static TwoNodes nodes;
    static IncidentsApi pk;
    static IncidentsApi ir;

    @BeforeAll
    static void start() {
        nodes = TwoNodes.shared();
        pk = IncidentsApi.liaisonAt(nodes.pk);
        ir = IncidentsApi.liaisonAt(nodes.ir);
    }

    /** Leaves the shared nodes' outboxes empty, as other classes on them count what they deliver. */
    @AfterAll
    static void drain() {
        IncidentsApi.drain(nodes);
    }

    @Test
    void pkReportsIrAnswersEachClaimBothSignOffAndBothNodesShowTheSameIncident() throws Exception {
        // given PK's report of the strike of 16 January
        JsonNode reported = pk.report(IncidentsApi.strikeOf16January("IR"));
        String incidentId = reported.path("incidentId").asString();
        assertThat(reported.path("state").asString()).isEqualTo("UnderReview");
        assertThat(reported.path("openClaims")).hasSize(3);
        pk.deliverTo("IR");
        JsonNode atIrFirst = ir.incidentWhen(incidentId, IncidentsApi.withMessages(1));
        assertThat(atIrFirst.path("report").path("place").path("type").asString()).isEqualTo("Point");
        assertThat(atIrFirst.path("report").path("casualties").path("killed").asInt()).isEqualTo(2);

        // when IR answers each claim
        String base = "/api/incidents/" + incidentId;
        ir.ok(base + "/answers", "{\"claimRef\":\"claim-1\",\"verdict\":\"CONFIRM\",\"text\":\"regrettably so\"}");
        ir.ok(base + "/answers", """
                {"claimRef":"claim-2","verdict":"DISPUTE","evidence":["report--5b1c9a2f-0e5b-4c0e-9d7e-3b0e6bd25c1a"],
                 "text":"Jaish al-Adl attacked Rask from there in December 2023"}""");
        JsonNode answered = ir.ok(base + "/answers", "{\"claimRef\":\"claim-3\",\"verdict\":\"UNKNOWN\"}");
        assertThat(answered.path("answers").path("claim-2").path("verdict").asString()).isEqualTo("DISPUTE");
        assertThat(answered.path("openClaims")).hasSize(1);
        ir.deliverTo("PK");
        pk.incidentWhen(incidentId, IncidentsApi.withMessages(4));

        // and PK proposes joint findings, which both sign off
        JsonNode proposed = pk.ok(base + "/findings", "{\"findings\":\"Two children were killed; the border was crossed; "
                + "the two sides disagree on provocation and will share evidence through the mechanism.\"}");
        assertThat(proposed.path("state").asString()).isEqualTo("FindingsProposed");
        pk.ok(base + "/sign-off", "{}");
        pk.deliverTo("IR");
        ir.incidentWhen(incidentId, IncidentsApi.withMessages(6));
        JsonNode settled = ir.ok(base + "/sign-off", "{}");
        assertThat(settled.path("state").asString()).isEqualTo("Settled");
        ir.deliverTo("PK");

        // then both nodes show the same settled incident
        JsonNode atPk = pk.incidentWhen(incidentId, IncidentsApi.withMessages(7));
        JsonNode atIr = ir.incident(incidentId);
        assertThat(atPk.path("state").asString()).isEqualTo("Settled");
        assertThat(history(atPk)).isEqualTo(history(atIr)).containsExactly("report PK", "answer_claim IR", "answer_claim IR",
                "answer_claim IR", "propose_findings PK", "sign_off PK", "sign_off IR");
        assertThat(atPk.path("answers")).isEqualTo(atIr.path("answers"));
        assertThat(atPk.path("signedBy")).isEqualTo(atIr.path("signedBy"));
        assertThat(atPk.path("refused").size()).isZero();
        assertThat(atIr.path("refused").size()).isZero();
        for (int i = 0; i < 7; i++) {
            assertThat(atPk.path("history").get(i).path("object")).isEqualTo(atIr.path("history").get(i).path("object"));
        }
        // and every message went through the exchange with the partner's signed receipt
        List<String> ids = new ArrayList<>();
        atPk.path("history").forEach(m -> ids.add(m.path("id").asString()));
        List<Outbox.Message> sent = new ArrayList<>(nodes.pk.bean(Outbox.class).recent(PartyCode.of("IR"), 500));
        sent.addAll(nodes.ir.bean(Outbox.class).recent(PartyCode.of("PK"), 500));
        for (String id : ids) {
            assertThat(sent).as(id).anySatisfy(m -> {
                assertThat(m.objectId()).isEqualTo(id);
                assertThat(m.delivered()).isTrue();
                assertThat(m.receipt()).isNotNull();
                assertThat(m.ledgerIndex()).isNotNull();
            });
        }

        // and nothing changes a settled incident
        var late = pk.post(base + "/findings", "{\"findings\":\"on second thoughts\"}");
        assertThat(late.statusCode()).isEqualTo(409);
        assertThat(IncidentsApi.JSON.readTree(late.body()).path("detail").asString()).contains("INCIDENT_SETTLED");
    }

    @Test
    void eachNodePublishesTheExtensionDefinitionAndTheOpenApiDocumentListsTheEndpoints() throws Exception {
        for (IncidentsApi node : List.of(pk, ir)) {
            var response = node.get("/api/intel/objects/" + IncidentStix.EXTENSION_ID);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            assertThat(IncidentsApi.JSON.readTree(response.body()).path("type").asString()).isEqualTo("extension-definition");
        }
        JsonNode paths = IncidentsApi.JSON.readTree(new IncidentsApi(nodes.pk, org.concord.party.Role.VIEWER)
                .get("/v3/api-docs").body()).path("paths");
        assertThat(paths.has("/api/incidents")).isTrue();
        assertThat(paths.has("/api/incidents/{incidentId}")).isTrue();
        assertThat(paths.has("/api/incidents/{incidentId}/answers")).isTrue();
        assertThat(paths.has("/api/incidents/{incidentId}/findings")).isTrue();
        assertThat(paths.has("/api/incidents/{incidentId}/sign-off")).isTrue();
    }

    static List<String> history(JsonNode view) {
        List<String> out = new ArrayList<>();
        view.path("history").forEach(m -> out.add(m.path("messageType").asString() + " " + m.path("sender").asString()));
        return out;
    }
}
