package org.concord.incidents;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import org.concord.testing.TwoNodes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

/** Given an incident PK reported to IR, bad input is refused naming the field, and the incident is unchanged. */
class BadIncidentInputIsRefusedTest {

    static TwoNodes nodes;
    static IncidentsApi pk;
    static IncidentsApi ir;
    static String incidentId;

    @BeforeAll
    static void start() throws Exception {
        nodes = TwoNodes.shared();
        pk = IncidentsApi.liaisonAt(nodes.pk);
        ir = IncidentsApi.liaisonAt(nodes.ir);
        incidentId = pk.report(IncidentsApi.strikeOf16January("IR")).path("incidentId").asString();
        pk.deliverTo("IR");
        ir.incidentWhen(incidentId, IncidentsApi.withMessages(1));
    }

    /** Leaves the shared nodes' outboxes empty, as other classes on them count what they deliver. */
    @AfterAll
    static void drain() {
        IncidentsApi.drain(nodes);
    }

    static JsonNode problem(HttpResponse<String> response) {
        return IncidentsApi.JSON.readTree(response.body());
    }

    @Test
    void aReportWithTwoClaimsUnderOneReferenceOrAClaimThatSaysNothingNamesTheClaim() throws Exception {
        int before = IncidentsApi.JSON.readTree(pk.get("/api/incidents").body()).size();
        String repeated = IncidentsApi.strikeOf16January("IR").replace("\"ref\":\"claim-3\"", "\"ref\":\"claim-1\"");
        HttpResponse<String> response = pk.post("/api/incidents", repeated);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(problem(response).path("field").asString()).isEqualTo("claims[2].ref");
        assertThat(problem(response).path("rule").asString()).isEqualTo("CLAIM_REF_REPEATED");
        assertThat(problem(response).path("detail").asString()).contains("claim 3 repeats the reference claim-1");

        String silent = IncidentsApi.strikeOf16January("IR").replace("\"statement\":\"No militants were present at the site.\"",
                "\"statement\":\" \"");
        HttpResponse<String> empty = pk.post("/api/incidents", silent);
        assertThat(empty.statusCode()).as(empty.body()).isEqualTo(400);
        assertThat(problem(empty).path("field").asString()).isEqualTo("claims[2].statement");
        assertThat(problem(empty).path("rule").asString()).isEqualTo("FIELD_REQUIRED");
        assertThat(IncidentsApi.JSON.readTree(pk.get("/api/incidents").body()).size()).as("nothing stored").isEqualTo(before);
    }

    @Test
    void anAnswerToAnUnknownIncidentIsNotFound() throws Exception {
        HttpResponse<String> response = ir.post("/api/incidents/x-concord-incident-message--00000000-0000-4000-8000-000000000000/answers",
                "{\"claimRef\":\"claim-1\",\"verdict\":\"CONFIRM\"}");
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(problem(response).path("detail").asString()).startsWith("incidentId:");
        assertThat(problem(response).path("field").asString()).isEqualTo("incidentId");
    }

    @Test
    void theReporterCannotAnswerItsOwnClaims() throws Exception {
        JsonNode before = pk.incident(incidentId);
        HttpResponse<String> response = pk.post("/api/incidents/" + incidentId + "/answers",
                "{\"claimRef\":\"claim-1\",\"verdict\":\"CONFIRM\"}");
        assertThat(response.statusCode()).isEqualTo(409);
        assertThat(problem(response).path("field").asString()).isEqualTo("sender");
        assertThat(problem(response).path("detail").asString()).contains("REPORTER_CANNOT_ANSWER_OWN_CLAIMS");
        assertThat(pk.incident(incidentId)).isEqualTo(before);
    }

    @Test
    void aDisputeWithoutEvidenceIsRefused() throws Exception {
        JsonNode before = ir.incident(incidentId);
        HttpResponse<String> response = ir.post("/api/incidents/" + incidentId + "/answers",
                "{\"claimRef\":\"claim-2\",\"verdict\":\"DISPUTE\",\"text\":\"not so\"}");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(problem(response).path("field").asString()).isEqualTo("evidence");
        assertThat(problem(response).path("rule").asString()).isEqualTo("EVIDENCE_REQUIRED");
        assertThat(ir.incident(incidentId)).isEqualTo(before);
    }

    @Test
    void anAnswerToAClaimTheReportDoesNotMakeOrWithoutAVerdictIsRefused() throws Exception {
        JsonNode before = ir.incident(incidentId);
        HttpResponse<String> unknownClaim = ir.post("/api/incidents/" + incidentId + "/answers",
                "{\"claimRef\":\"claim-9\",\"verdict\":\"CONFIRM\"}");
        assertThat(unknownClaim.statusCode()).isEqualTo(400);
        assertThat(problem(unknownClaim).path("field").asString()).isEqualTo("claimRef");
        HttpResponse<String> noVerdict = ir.post("/api/incidents/" + incidentId + "/answers", "{\"claimRef\":\"claim-1\"}");
        assertThat(noVerdict.statusCode()).isEqualTo(400);
        assertThat(problem(noVerdict).path("field").asString()).isEqualTo("verdict");
        HttpResponse<String> badEvidence = ir.post("/api/incidents/" + incidentId + "/answers",
                "{\"claimRef\":\"claim-2\",\"verdict\":\"DISPUTE\",\"evidence\":[\"not-an-id\"]}");
        assertThat(badEvidence.statusCode()).isEqualTo(400);
        assertThat(problem(badEvidence).path("field").asString()).isEqualTo("evidence[0]");
        assertThat(ir.incident(incidentId)).isEqualTo(before);
    }

    @Test
    void aReportMissingWhatAReportMustSayIsRefusedNamingTheField() throws Exception {
        int before = IncidentsApi.JSON.readTree(pk.get("/api/incidents").body()).size();
        HttpResponse<String> noPlace = pk.post("/api/incidents", IncidentsApi.strikeOf16January("IR")
                .replace("\"place\":{\"type\":\"Point\",\"coordinates\":[64.10,26.97]},", ""));
        assertThat(noPlace.statusCode()).isEqualTo(400);
        assertThat(problem(noPlace).path("field").asString()).isEqualTo("place");
        HttpResponse<String> toSelf = pk.post("/api/incidents", IncidentsApi.strikeOf16January("PK"));
        assertThat(toSelf.statusCode()).isEqualTo(400);
        assertThat(problem(toSelf).path("field").asString()).isEqualTo("addressee");
        HttpResponse<String> badType = pk.post("/api/incidents", IncidentsApi.strikeOf16January("IR")
                .replace("CROSS_BORDER_STRIKE", "SKIRMISH"));
        assertThat(problem(badType).path("field").asString()).isEqualTo("incidentType");
        HttpResponse<String> signOffNothing = ir.post("/api/incidents/" + incidentId + "/sign-off", "{}");
        assertThat(signOffNothing.statusCode()).isEqualTo(409);
        assertThat(problem(signOffNothing).path("field").asString()).isEqualTo("findingsRef");
        assertThat(IncidentsApi.JSON.readTree(pk.get("/api/incidents").body()).size()).isEqualTo(before);
    }
}
