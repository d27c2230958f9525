package org.concord.requests;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.concord.demo.January2024;
import org.concord.testing.TwoNodes;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

/**
 * PK asks IR, over real HTTPS between two nodes on PostgreSQL, to act against a Jaish al-Adl
 * location near Saravan instead of striking it; IR acknowledges, counter-proposes a joint
 * operation, PK accepts it, IR reports progress and closes. Both nodes show the same case.
 */
class RequestForActionBetweenTwoNodesTest {

    static TwoNodes nodes;
    static RequestsApi pk;
    static RequestsApi ir;

    @BeforeAll
    static void start() {
        nodes = TwoNodes.shared();
        pk = RequestsApi.liaisonAt(nodes.pk);
        ir = RequestsApi.liaisonAt(nodes.ir);
    }


    static String saravanRequest() {
        return """
                {"addressee":"IR","targets":["%s","%s"],
                 "evidence":[{"ref":"report--5b1c9a2f-0e5b-4c0e-9d7e-3b0e6bd25c1a","markings":["marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb"]}],
                 "action":{"kind":"DISMANTLE_HIDEOUT","detail":"the hideout near Saravan"},
                 "urgency":"URGENT","text":"Jaish al-Adl fighters sheltering near Saravan; act instead of us striking.","tlp":"AMBER"}"""
                .formatted(January2024.JAISH_AL_ADL, January2024.NEAR_SARAVAN);
    }

    @Test
    void pkRequestsIrAnswersStepByStepAndBothNodesShowTheSameCase() throws Exception {
        // the shared nodes may hold what earlier test classes queued; deliver it first, so "one message went" counts ours
        pk.deliverTo("IR");
        ir.deliverTo("PK");
        // given PK's request
        JsonNode opened = pk.open(saravanRequest());
        String caseId = opened.path("caseId").asString();
        assertThat(opened.path("state").asString()).isEqualTo("Requested");
        assertThat(pk.deliverTo("IR")).isEqualTo(1);
        assertThat(ir.caseWhen(caseId, RequestsApi.withMessages(1)).path("state").asString()).isEqualTo("Requested");

        // when IR acknowledges and counter-proposes a joint operation
        ir.send(caseId, "{\"messageType\":\"acknowledge\"}");
        JsonNode counter = ir.send(caseId, """
                {"messageType":"counterPropose","proposal":{"kind":"JOINT_OPERATION","text":"a joint operation with our border guards"}}""");
        assertThat(counter.path("state").asString()).isEqualTo("CounterProposed");
        String proposalId = counter.path("history").get(2).path("id").asString();
        ir.deliverTo("PK");
        pk.caseWhen(caseId, RequestsApi.withMessages(3));

        // and PK accepts the counter-proposal
        JsonNode accepted = pk.send(caseId, "{\"messageType\":\"accept\",\"termsRef\":\"" + proposalId + "\",\"text\":\"agreed\"}");
        assertThat(accepted.path("state").asString()).isEqualTo("Accepted");
        pk.deliverTo("IR");
        ir.caseWhen(caseId, RequestsApi.withMessages(4));

        // and IR reports progress and closes
        ir.send(caseId, "{\"messageType\":\"progressUpdate\",\"text\":\"units in position\"}");
        JsonNode closed = ir.send(caseId, "{\"messageType\":\"close\",\"outcome\":\"ACTION_TAKEN\",\"text\":\"hideout dismantled\"}");
        assertThat(closed.path("state").asString()).isEqualTo("Closed");
        ir.deliverTo("PK");

        // then both nodes show the same state and the same history
        JsonNode atPk = pk.caseWhen(caseId, RequestsApi.withMessages(6));
        JsonNode atIr = ir.caseOf(caseId);
        assertThat(atPk.path("state").asString()).isEqualTo("Closed");
        assertThat(atIr.path("state").asString()).isEqualTo("Closed");
        assertThat(history(atPk)).isEqualTo(history(atIr)).containsExactly(
                "request PK", "acknowledge IR", "counter_propose IR", "accept PK", "progress_update IR", "close IR");
        assertThat(atPk.path("refused").size()).isZero();
        assertThat(atIr.path("refused").size()).isZero();
        assertThat(atPk.path("tlp").asString()).isEqualTo("AMBER");
        assertThat(atIr.path("tlp").asString()).isEqualTo("AMBER");
        // each message travelled as the same STIX object, marked TLP:AMBER
        for (int i = 0; i < 6; i++) {
            assertThat(atPk.path("history").get(i).path("object")).isEqualTo(atIr.path("history").get(i).path("object"));
            assertThat(atPk.path("history").get(i).path("object").path("object_marking_refs").get(0).asString())
                    .isEqualTo("marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421");
        }
        // and every message is in the sender's ledger and came back with the receiver's signed receipt,
        // which verifies with the receiver's pinned key; the receiver holds it in its own ledger
        List<org.concord.exchange.Outbox.Message> sent = new ArrayList<>(
                nodes.pk.bean(org.concord.exchange.Outbox.class).recent(org.concord.party.PartyCode.of("IR"), 1000));
        sent.addAll(nodes.ir.bean(org.concord.exchange.Outbox.class).recent(org.concord.party.PartyCode.of("PK"), 1000));
        for (JsonNode message : atPk.path("history")) {
            String id = message.path("id").asString();
            org.concord.exchange.Outbox.Message delivered = sent.stream().filter(m -> m.objectId().equals(id)).findFirst().orElseThrow();
            assertThat(delivered.ledgerIndex()).as(id).isNotNull();
            assertThat(delivered.receipt()).as(id).isNotNull();
            boolean pkSent = nodes.pk.bean(org.concord.exchange.Outbox.class).recent(org.concord.party.PartyCode.of("IR"), 1000)
                    .stream().anyMatch(m -> m.objectId().equals(id));
            var receiver = pkSent ? nodes.ir : nodes.pk;
            var receiverKey = (pkSent ? nodes.pk : nodes.ir).bean(org.concord.party.Partners.class)
                    .byCode(receiver.identity().party().code()).orElseThrow().signingKey();
            var receipt = org.concord.ledger.Receipt.parse(delivered.receipt())
                    .verify(receiverKey, org.concord.ledger.ObjectDigest.of(message.path("object").toString()));
            assertThat(receipt.object().id()).isEqualTo(id);
            assertThat(receipt.entry().direction()).isEqualTo(org.concord.ledger.Direction.RECEIVED);
            assertThat(receiver.bean(org.concord.ledger.Ledger.class).size()).isGreaterThan(receipt.index());
        }
    }

    @Test
    void eachNodePublishesTheExtensionDefinitionOfItsMessagesInItsIntelCollection() throws Exception {
        for (RequestsApi node : List.of(pk, ir)) {
            var response = node.get("/api/intel/objects/" + org.concord.requests.internal.RequestStix.EXTENSION_ID);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            JsonNode definition = RequestsApi.JSON.readTree(response.body());
            assertThat(definition.path("type").asString()).isEqualTo("extension-definition");
            assertThat(definition.path("extension_types").get(0).asString()).isEqualTo("new-sdo");
            assertThat(definition.path("object_marking_refs").get(0).asString())
                    .isEqualTo("marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487");
        }
    }

    @Test
    void theOpenApiDocumentDescribesTheRequestsEndpoints() throws Exception {
        var response = new RequestsApi(nodes.pk, org.concord.party.Role.VIEWER).get("/v3/api-docs");
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode paths = RequestsApi.JSON.readTree(response.body()).path("paths");
        assertThat(paths.has("/api/requests")).isTrue();
        assertThat(paths.has("/api/requests/{caseId}")).isTrue();
        assertThat(paths.has("/api/requests/{caseId}/messages")).isTrue();
    }

    static List<String> history(JsonNode view) {
        List<String> out = new ArrayList<>();
        view.path("history").forEach(m -> out.add(m.path("messageType").asString() + " " + m.path("sender").asString()));
        return out;
    }
}
