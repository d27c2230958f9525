package org.concord.requests;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;

import org.concord.exchange.Outbox;
import org.concord.intel.stix.Tlp;
import org.concord.party.PartyCode;
import org.concord.requests.internal.RequestStix;
import org.concord.testing.TwoNodes;
import org.concord.workflow.Envelope;
import org.concord.workflow.StixId;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

/**
 * Bad input is refused naming the field and the rule, and the case does not change: nothing is
 * stored, nothing is queued for the partner.
 */
class RefusedRequestMessagesTest {

    static TwoNodes nodes;
    static RequestsApi pk;
    static RequestsApi ir;

    @BeforeAll
    static void start() {
        nodes = TwoNodes.shared();
        pk = RequestsApi.liaisonAt(nodes.pk);
        ir = RequestsApi.liaisonAt(nodes.ir);
    }

    /** A case PK opened and IR holds. */
    static String aCaseAtBothNodes() throws Exception {
        String caseId = pk.open(RequestForActionBetweenTwoNodesTest.saravanRequest()).path("caseId").asString();
        pk.deliverTo("IR");
        ir.caseWhen(caseId, RequestsApi.withMessages(1));
        return caseId;
    }

    static JsonNode problem(HttpResponse<String> response) {
        return RequestsApi.JSON.readTree(response.body());
    }

    @Test
    void anAnswerToAnUnknownCaseIsRefusedNamingCaseRef() throws Exception {
        String unknown = StixId.random(RequestStix.TYPE).value();
        HttpResponse<String> response = ir.post("/api/requests/" + unknown + "/messages", "{\"messageType\":\"acknowledge\"}");
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(problem(response).path("detail").asString()).startsWith("caseId:");
        assertThat(problem(response).path("field").asString()).isEqualTo("caseId");
        assertThat(ir.get("/api/requests/" + unknown).statusCode()).isEqualTo(404);
    }

    @Test
    void aDeclineWithoutAReasonIsRefusedNamingReasonAndTheCaseIsUnchanged() throws Exception {
        String caseId = aCaseAtBothNodes();
        int queued = nodes.ir.bean(Outbox.class).pending(PartyCode.of("PK")).size();
        HttpResponse<String> response = ir.post("/api/requests/" + caseId + "/messages", "{\"messageType\":\"decline\"}");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(problem(response).path("field").asString()).isEqualTo("reason");
        assertThat(problem(response).path("rule").asString()).isEqualTo("FIELD_REQUIRED");
        JsonNode after = ir.caseOf(caseId);
        assertThat(after.path("state").asString()).isEqualTo("Requested");
        assertThat(after.path("history").size()).isEqualTo(1);
        assertThat(nodes.ir.bean(Outbox.class).pending(PartyCode.of("PK"))).hasSize(queued);
    }

    @Test
    void theRequesterCannotAnswerItsOwnRequest() throws Exception {
        String caseId = aCaseAtBothNodes();
        HttpResponse<String> response = pk.post("/api/requests/" + caseId + "/messages", "{\"messageType\":\"acknowledge\"}");
        assertThat(response.statusCode()).isEqualTo(409);
        assertThat(problem(response).path("field").asString()).isEqualTo("sender");
        assertThat(problem(response).path("detail").asString()).contains("REQUESTER_CANNOT_ANSWER_OWN_REQUEST");
        assertThat(pk.caseOf(caseId).path("history").size()).isEqualTo(1);
    }

    @Test
    void acceptingTwiceIsRefused() throws Exception {
        String caseId = aCaseAtBothNodes();
        ir.send(caseId, "{\"messageType\":\"accept\",\"termsRef\":\"" + caseId + "\"}");
        HttpResponse<String> again = ir.post("/api/requests/" + caseId + "/messages",
                "{\"messageType\":\"accept\",\"termsRef\":\"" + caseId + "\"}");
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(problem(again).path("detail").asString()).contains("ALREADY_ACCEPTED");
        assertThat(ir.caseOf(caseId).path("history").size()).isEqualTo(2);
    }

    @Test
    void malformedFieldsAreNamed() throws Exception {
        HttpResponse<String> noAddressee = pk.post("/api/requests", "{\"targets\":[],\"urgency\":\"URGENT\"}");
        assertThat(noAddressee.statusCode()).isEqualTo(400);
        assertThat(problem(noAddressee).path("field").asString()).isEqualTo("addressee");
        HttpResponse<String> noTargets = pk.post("/api/requests",
                "{\"addressee\":\"IR\",\"action\":{\"kind\":\"ARREST\"},\"urgency\":\"URGENT\"}");
        assertThat(noTargets.statusCode()).isEqualTo(400);
        assertThat(problem(noTargets).path("field").asString()).isEqualTo("targets");
        HttpResponse<String> badUrgency = pk.post("/api/requests",
                "{\"addressee\":\"IR\",\"targets\":[\"location--6b5a1c52-8d0e-4a55-9d5f-0d0c9e4f6a11\"],\"urgency\":\"SOON\"}");
        assertThat(problem(badUrgency).path("field").asString()).isEqualTo("urgency");
        HttpResponse<String> notPaired = pk.post("/api/requests", RequestForActionBetweenTwoNodesTest.saravanRequest()
                .replace("\"addressee\":\"IR\"", "\"addressee\":\"AF\""));
        assertThat(notPaired.statusCode()).isEqualTo(400);
        assertThat(problem(notPaired).path("field").asString()).isEqualTo("addressee");
        assertThat(problem(notPaired).path("rule").asString()).isEqualTo("paired-partner");
        HttpResponse<String> toItself = pk.post("/api/requests", RequestForActionBetweenTwoNodesTest.saravanRequest()
                .replace("\"addressee\":\"IR\"", "\"addressee\":\"PK\""));
        assertThat(problem(toItself).path("rule").asString()).isEqualTo("SELF_ADDRESSED");
        HttpResponse<String> red = pk.post("/api/requests", RequestForActionBetweenTwoNodesTest.saravanRequest().replace("AMBER", "RED"));
        assertThat(red.statusCode()).isEqualTo(400);
        assertThat(problem(red).path("field").asString()).isEqualTo("tlp");
    }

    @Test
    void aMessageFromAPartyThatIsNotTheCounterpartIsRefusedAndChangesNothing() throws Exception {
        String caseId = aCaseAtBothNodes();
        JsonNode before = ir.caseOf(caseId);
        // AF, a third party, acknowledges PK's request to IR as if it were the responder.
        StixId head = StixId.of(before.path("history").get(0).path("id").asString());
        RequestMessage fromAf = new RequestMessage.Acknowledge(Envelope.answer(StixId.random(RequestStix.TYPE), StixId.of(caseId),
                PartyCode.of("AF"), java.time.Instant.now(), head));
        JsonNode object = RequestStix.toStix(fromAf, "identity--0b7f9c1e-2d3a-4e5f-8a6b-7c8d9e0f1a2b", Tlp.AMBER, List.of());
        assertThat(nodes.ir.bean(org.concord.workflow.Workflow.class).receive(nodes.ir.bean(org.concord.requests.RequestType.class), PartyCode.of("AF"), object)).isTrue();

        JsonNode after = ir.caseOf(caseId);
        assertThat(after.path("state").asString()).isEqualTo("Requested");
        assertThat(after.path("history")).isEqualTo(before.path("history"));
        assertThat(after.path("refused").get(0).path("rule").asString()).isEqualTo("NOT_A_PARTY_TO_THE_CASE");
        assertThat(after.path("refused").get(0).path("field").asString()).isEqualTo("sender");
        // and IR still acknowledges as the real counterpart
        assertThat(ir.send(caseId, "{\"messageType\":\"acknowledge\"}").path("state").asString()).isEqualTo("Acknowledged");
    }

    @Test
    void aMessageWhoseSenderIsNotThePartnerThatDeliveredItIsNotStored() throws Exception {
        String caseId = aCaseAtBothNodes();
        JsonNode before = ir.caseOf(caseId);
        StixId head = StixId.of(before.path("history").get(0).path("id").asString());
        RequestMessage claimsIr = new RequestMessage.Acknowledge(Envelope.answer(StixId.random(RequestStix.TYPE), StixId.of(caseId),
                PartyCode.of("IR"), java.time.Instant.now(), head));
        JsonNode object = RequestStix.toStix(claimsIr, nodes.pk.identity().stixIdentityId(), Tlp.AMBER, List.of());
        assertThat(nodes.ir.bean(org.concord.workflow.Workflow.class).receive(nodes.ir.bean(org.concord.requests.RequestType.class), PartyCode.of("PK"), object)).isFalse();
        assertThat(ir.caseOf(caseId)).isEqualTo(before);
    }
}
