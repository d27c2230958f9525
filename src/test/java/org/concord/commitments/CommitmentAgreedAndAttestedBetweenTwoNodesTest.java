package org.concord.commitments;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import org.concord.commitments.internal.CommitmentStix;
import org.concord.exchange.Outbox;
import org.concord.party.PartyCode;
import org.concord.party.Role;
import org.concord.testing.TwoNodes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

/**
 * PK records that Iran's ambassador returns to Islamabad by 26 January 2024, over real HTTPS
 * between two nodes on PostgreSQL; IR agrees; it is fulfilled only when both have attested. Both
 * nodes show the same commitment; bad input is refused naming the field, the commitment unchanged.
 */
class CommitmentAgreedAndAttestedBetweenTwoNodesTest {

    /** A due date to come: one that has passed is refused (see the bad input below). */
    static final String DUE_BY = java.time.Instant.now().plus(java.time.Duration.ofDays(30))
            .truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();

    static TwoNodes nodes;
    static CommitmentsApi pk;
    static CommitmentsApi ir;

    @BeforeAll
    static void start() {
        nodes = TwoNodes.shared();
        pk = CommitmentsApi.liaisonAt(nodes.pk);
        ir = CommitmentsApi.liaisonAt(nodes.ir);
    }

    /** Leaves the shared nodes' outboxes empty, as other classes on them count what they deliver. */
    @AfterAll
    static void drain() {
        CommitmentsApi.drain(nodes);
    }

    static String ambassadorBack() {
        return CommitmentsApi.commitment("IR", "IR", "Iran's ambassador returns to his post in Islamabad", DUE_BY);
    }

    @Test
    void pkProposesIrAgreesAndOnlyBothAttestationsFulfilIt() throws Exception {
        // given PK's record of the commitment, agreed by IR
        JsonNode proposed = pk.propose(ambassadorBack());
        String id = proposed.path("commitmentId").asString();
        assertThat(proposed.path("state").asString()).isEqualTo("Proposed");
        pk.deliverTo("IR");
        ir.commitmentWhen(id, CommitmentsApi.withMessages(1));
        assertThat(ir.ok("/api/commitments/" + id + "/agree", "").path("state").asString()).isEqualTo("Agreed");

        // when IR, the owner, attests: still not fulfilled
        JsonNode once = ir.ok("/api/commitments/" + id + "/attest", "{\"text\":\"The ambassador is back at his post.\"}");
        assertThat(once.path("state").asString()).isEqualTo("Agreed");
        assertThat(once.path("attestations").has("IR")).isTrue();
        ir.deliverTo("PK");
        pk.commitmentWhen(id, CommitmentsApi.withMessages(3));

        // and PK attests as well
        JsonNode fulfilled = pk.ok("/api/commitments/" + id + "/attest",
                "{\"text\":\"Confirmed.\",\"evidence\":[\"report--5b1c9a2f-0e5b-4c0e-9d7e-3b0e6bd25c1a\"]}");
        assertThat(fulfilled.path("state").asString()).isEqualTo("Fulfilled");
        pk.deliverTo("IR");

        // then both nodes show the same fulfilled commitment, every message receipted
        JsonNode atIr = ir.commitmentWhen(id, CommitmentsApi.withMessages(4));
        JsonNode atPk = pk.commitment(id);
        assertThat(atIr.path("state").asString()).isEqualTo("Fulfilled");
        assertThat(history(atIr)).isEqualTo(history(atPk)).containsExactly("propose PK", "agree IR", "attest IR", "attest PK");
        assertThat(atIr.path("attestations")).isEqualTo(atPk.path("attestations"));
        List<Outbox.Message> sent = new ArrayList<>(nodes.pk.bean(Outbox.class).recent(PartyCode.of("IR"), 500));
        sent.addAll(nodes.ir.bean(Outbox.class).recent(PartyCode.of("PK"), 500));
        for (JsonNode m : atPk.path("history")) {
            assertThat(sent).anySatisfy(o -> {
                assertThat(o.objectId()).isEqualTo(m.path("id").asString());
                assertThat(o.receipt()).isNotNull();
            });
        }

        // and nothing changes a fulfilled commitment
        HttpResponse<String> again = ir.post("/api/commitments/" + id + "/attest", "{}");
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(CommitmentsApi.JSON.readTree(again.body()).path("detail").asString()).contains("ALREADY_FULFILLED");
    }

    @Test
    void badInputIsRefusedNamingTheFieldAndTheCommitmentIsUnchanged() throws Exception {
        String id = pk.propose(ambassadorBack()).path("commitmentId").asString();
        JsonNode before = pk.commitment(id);
        HttpResponse<String> ownAgreement = pk.post("/api/commitments/" + id + "/agree", "");
        assertThat(ownAgreement.statusCode()).isEqualTo(409);
        assertThat(problem(ownAgreement).path("field").asString()).isEqualTo("sender");
        HttpResponse<String> attestEarly = pk.post("/api/commitments/" + id + "/attest", "{}");
        assertThat(attestEarly.statusCode()).isEqualTo(409);
        assertThat(problem(attestEarly).path("detail").asString()).contains("NOT_AGREED_YET");
        assertThat(pk.commitment(id)).isEqualTo(before);

        HttpResponse<String> unknown = ir.post("/api/commitments/x-concord-commitment-message--00000000-0000-4000-8000-000000000000/agree", "");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(problem(unknown).path("detail").asString()).startsWith("commitmentId:");
        HttpResponse<String> noDate = pk.post("/api/commitments", CommitmentsApi.commitment("IR", "IR", "x", "soon"));
        assertThat(problem(noDate).path("field").asString()).isEqualTo("dueBy");
        HttpResponse<String> strangeOwner = pk.post("/api/commitments", CommitmentsApi.commitment("IR", "AF", "x", DUE_BY));
        assertThat(strangeOwner.statusCode()).isEqualTo(400);
        assertThat(problem(strangeOwner).path("field").asString()).isEqualTo("owner");
        HttpResponse<String> nothing = pk.post("/api/commitments", CommitmentsApi.commitment("IR", "IR", "", DUE_BY));
        assertThat(problem(nothing).path("field").asString()).isEqualTo("what");
        HttpResponse<String> past = pk.post("/api/commitments", CommitmentsApi.commitment("IR", "IR", "x", "2024-01-25T20:30:00Z"));
        assertThat(past.statusCode()).isEqualTo(400);
        assertThat(problem(past).path("field").asString()).isEqualTo("dueBy");
        assertThat(problem(past).path("rule").asString()).isEqualTo("in-the-future");
    }

    @Test
    void eachNodePublishesTheExtensionDefinitionAndTheOpenApiDocumentListsTheEndpoints() throws Exception {
        for (CommitmentsApi node : List.of(pk, ir)) {
            var response = node.get("/api/intel/objects/" + CommitmentStix.EXTENSION_ID);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        }
        JsonNode paths = CommitmentsApi.JSON.readTree(new CommitmentsApi(nodes.pk, Role.VIEWER).get("/v3/api-docs").body())
                .path("paths");
        for (String path : List.of("/api/commitments", "/api/commitments/{commitmentId}", "/api/commitments/reminders",
                "/api/commitments/{commitmentId}/agree", "/api/commitments/{commitmentId}/attest")) {
            assertThat(paths.has(path)).as(path).isTrue();
        }
    }

    static JsonNode problem(HttpResponse<String> response) {
        return CommitmentsApi.JSON.readTree(response.body());
    }

    static List<String> history(JsonNode view) {
        List<String> out = new ArrayList<>();
        view.path("history").forEach(m -> out.add(m.path("messageType").asString() + " " + m.path("sender").asString()));
        return out;
    }
}
