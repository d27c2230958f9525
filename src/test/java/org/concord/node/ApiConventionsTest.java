package org.concord.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import org.concord.party.Role;
import org.concord.testing.Https;
import org.concord.testing.TestNode;
import org.concord.testing.TwoNodes;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One API style, as a caller of a real node over HTTPS sees it (docs/api.md): every problem
 * document names the field as the caller sent it and the rule; 404s and 409s too; a value outside a
 * fixed set lists the values allowed; a 403 names the role needed; a body property the endpoint
 * does not know is refused, naming it, while STIX sent to the TAXII server keeps its custom
 * properties.
 */
class ApiConventionsTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static TestNode node;
    private static Https https;
    private static Https partner;

    @BeforeAll
    static void start() {
        TwoNodes nodes = TwoNodes.shared();
        node = nodes.pk;
        https = Https.to(node);
        partner = Https.asPartner(nodes.ir, nodes.pk);
    }

    private static HttpResponse<String> send(Role role, String method, String path, String body) throws Exception {
        String[] auth = Https.basic(node.username(role), node.password(role));
        return body == null ? https.send(method, path, null, auth)
                : https.send(method, path, body, auth[0], auth[1], "Content-Type", "application/json");
    }

    /** A one-line problem document with this status, a field and a rule. */
    private static JsonNode problem(int status, HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        JsonNode json = JSON.readTree(response.body());
        assertThat(json.path("detail").asString()).as(response.body()).isNotBlank().doesNotContain("\n");
        assertThat(json.path("rule").asString()).as("rule: " + response.body()).isNotBlank();
        return json;
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(item -> out.add(item.asString()));
        return out;
    }

    @Test
    void a404NamesThePathVariableTheCallerUsedAndTheRule() throws Exception {
        JsonNode partnerNotPaired = problem(404, send(Role.VIEWER, "GET", "/api/partners/AF", null));
        assertThat(partnerNotPaired.path("field").asString()).isEqualTo("code");
        assertThat(partnerNotPaired.path("rule").asString()).isEqualTo("exists");
        JsonNode noUser = problem(404, send(Role.ADMIN, "DELETE", "/api/users/nobody-here", null));
        assertThat(noUser.path("field").asString()).isEqualTo("username");
        assertThat(noUser.path("detail").asString()).startsWith("username: ");
        // a workflow case: the older NotFound names a STIX property (case_ref); the caller sent the path variable
        JsonNode noCase = problem(404, send(Role.VIEWER, "GET", "/api/requests/x-concord-request--0f0e0d0c-0b0a-4909-8807-060504030201", null));
        assertThat(noCase.path("field").asString()).doesNotContain("_");
        assertThat(noCase.path("detail").asString()).doesNotContain("_ref");
    }

    @Test
    void anUnknownEndpointAMethodNotAllowedAndAnUnacceptableAnswerNameWhatIsWrong() throws Exception {
        JsonNode unknown = problem(404, send(Role.VIEWER, "GET", "/api/no-such-thing", null));
        assertThat(unknown.path("field").asString()).isEqualTo("path");
        assertThat(unknown.path("rule").asString()).isEqualTo("exists");
        JsonNode method = problem(405, send(Role.ADMIN, "DELETE", "/api/requests", null));
        assertThat(method.path("field").asString()).isEqualTo("method");
        String[] viewer = Https.basic(node.username(Role.VIEWER), node.password(Role.VIEWER));
        JsonNode accept = problem(406, https.send("GET", "/api/requests", null, viewer[0], viewer[1], "Accept", "image/png"));
        assertThat(accept.path("field").asString()).isEqualTo("Accept");
    }

    @Test
    void a409CarriesItsRuleApartFromTheText() throws Exception {
        String body = "{\"username\":\"" + node.username(Role.VIEWER) + "\",\"roles\":[\"VIEWER\"],\"password\":\"a-long-enough-password-123\"}";
        JsonNode taken = problem(409, send(Role.ADMIN, "POST", "/api/users", body));
        assertThat(taken.path("field").asString()).isEqualTo("username");
        assertThat(taken.path("rule").asString()).isEqualTo("unique");
    }

    @Test
    void theOlderConflictSplitsTheRuleFromTheText() {
        Conflict old = new Conflict("sender", "CASE_CLOSED: the case is closed");
        assertThat(old.rule()).isEqualTo("CASE_CLOSED");
        assertThat(new Conflict("id", "no rule written here").rule()).isEqualTo("state");
        NotFound older = new NotFound("case_ref: no case x");
        assertThat(older.field()).isEqualTo("case_ref");
        assertThat(older.explanation()).isEqualTo("no case x");
        assertThat(older.rule()).isEqualTo(NotFound.EXISTS);
    }

    @Test
    void anUnknownEnumValueListsTheAllowedValues() throws Exception {
        JsonNode role = problem(400, send(Role.ADMIN, "POST", "/api/users",
                "{\"username\":\"someone-new\",\"roles\":[\"KING\"],\"password\":\"a-long-enough-password-123\"}"));
        assertThat(role.path("field").asString()).isEqualTo("roles[0]");
        assertThat(role.path("rule").asString()).isEqualTo("one-of");
        assertThat(strings(role.path("allowed"))).containsExactly("ADMIN", "LIAISON", "ANALYST", "VIEWER");
        assertThat(role.path("detail").asString()).contains("ADMIN, LIAISON, ANALYST, VIEWER");
    }

    @Test
    void a403NamesTheRoleNeeded() throws Exception {
        JsonNode viewerAddsUser = problem(403, send(Role.VIEWER, "POST", "/api/users", "{}"));
        assertThat(strings(viewerAddsUser.path("requiredRoles"))).containsExactly("ADMIN");
        assertThat(viewerAddsUser.path("detail").asString()).contains("ADMIN");
        JsonNode adminImports = problem(403, send(Role.ADMIN, "POST", "/api/intel/bundle", "{}"));
        assertThat(strings(adminImports.path("requiredRoles"))).containsExactly("ANALYST");
        JsonNode adminCalls = problem(403, send(Role.ADMIN, "POST", "/api/hotline/calls", "{}"));
        assertThat(strings(adminCalls.path("requiredRoles"))).containsExactly("LIAISON");
        // a rule of the security configuration rather than of a controller: the partner node on a user endpoint
        JsonNode partnerReadsUsers = problem(403, partner.get("/api/partners"));
        assertThat(strings(partnerReadsUsers.path("requiredRoles"))).containsExactlyInAnyOrder("ADMIN", "LIAISON", "ANALYST", "VIEWER");
        JsonNode viewerListsOthersTokens = problem(403, send(Role.VIEWER, "GET", "/api/tokens?user=" + node.username(Role.ADMIN), null));
        assertThat(strings(viewerListsOthersTokens.path("requiredRoles"))).containsExactly("ADMIN");
    }

    @Test
    void anUnknownPropertyInABodyIsRefusedNamingItAsSent() throws Exception {
        JsonNode token = problem(400, send(Role.VIEWER, "POST", "/api/tokens", "{\"label\":\"x\",\"expires_in\":3}"));
        assertThat(token.path("field").asString()).isEqualTo("expires_in");
        assertThat(token.path("rule").asString()).isEqualTo("unknown-property");
        assertThat(strings(token.path("allowed"))).containsExactly("hours", "label");
        // the issue's own example: claim_ref where claimRef is meant was silently ignored
        JsonNode claim = problem(400, send(Role.LIAISON, "POST",
                "/api/incidents/x-concord-incident-message--0f0e0d0c-0b0a-4909-8807-060504030201/answers",
                "{\"claim_ref\":\"claim-1\",\"verdict\":\"CONFIRM\"}"));
        assertThat(claim.path("field").asString()).isEqualTo("claim_ref");
        assertThat(strings(claim.path("allowed"))).contains("claimRef");
    }

    @Test
    void theHandReadBodiesOfDeconflictionRefuseUnknownPropertiesAsTheBoundOnesDo() throws Exception {
        // a notice whose area says "radius" for radiusKm: it would otherwise be read as no radius at all
        JsonNode notice = problem(400, send(Role.LIAISON, "POST", "/api/deconfliction/notices?dryRun=true", """
                {"partner":"IR","type":"BORDER_PATROL","area":{"centre":{"type":"Point","coordinates":[62.1,28.75]},"radius":2,"radiusKm":2},
                 "window":{"start":"2030-02-01T06:00:00Z","end":"2030-02-02T06:00:00Z"},
                 "contact":{"name":"Duty officer","channel":"hotline"},"classification":"AMBER_STRICT"}"""));
        assertThat(notice.path("field").asString()).isEqualTo("area.radius");
        assertThat(notice.path("rule").asString()).isEqualTo("unknown-property");
        assertThat(strings(notice.path("allowed"))).contains("radiusKm", "centre", "polygon");
        // the STIX spelling of a property is not the REST API's
        JsonNode snake = problem(400, send(Role.LIAISON, "POST", "/api/deconfliction/notices?dryRun=true", """
                {"partner":"IR","operation_type":"BORDER_PATROL"}"""));
        assertThat(snake.path("field").asString()).isEqualTo("operation_type");
        assertThat(strings(snake.path("allowed"))).contains("type", "area", "window");
        JsonNode event = problem(400, send(Role.LIAISON, "POST", "/api/deconfliction/events",
                "{\"partner\":\"IR\",\"kind\":\"ACCIDENTAL_LAUNCH\",\"observed_at\":\"2026-01-01T00:00:00Z\"}"));
        assertThat(event.path("field").asString()).isEqualTo("observed_at");
        assertThat(strings(event.path("allowed"))).contains("observedAt");
    }

    @Test
    void theWorkflowBodiesAreCamelCaseAndListTheMessageTypesAllowed() throws Exception {
        String someCase = "/api/requests/x-concord-request-message--0f0e0d0c-0b0a-4909-8807-060504030201/messages";
        JsonNode snake = problem(400, send(Role.LIAISON, "POST", someCase, "{\"message_type\":\"acknowledge\"}"));
        assertThat(snake.path("field").asString()).isEqualTo("message_type");
        assertThat(snake.path("rule").asString()).isEqualTo("unknown-property");
        assertThat(strings(snake.path("allowed"))).contains("messageType", "termsRef", "toLevel");
        JsonNode unknownType = problem(400, send(Role.LIAISON, "POST", someCase, "{\"messageType\":\"counter_propose\"}"));
        assertThat(unknownType.path("field").asString()).isEqualTo("messageType");
        assertThat(unknownType.path("rule").asString()).isEqualTo("one-of");
        assertThat(strings(unknownType.path("allowed"))).contains("counterPropose", "progressUpdate", "escalate");
        JsonNode priority = problem(400, send(Role.LIAISON, "POST", "/api/hotline/calls",
                "{\"from\":{\"name\":\"Duty officer\",\"post\":\"Liaison cell\"},\"addressee\":\"IR\","
                        + "\"to\":{\"name\":\"Duty officer\",\"post\":\"Liaison cell\"},\"priority\":\"URGENT\",\"text\":\"x\"}"));
        assertThat(priority.path("field").asString()).isEqualTo("priority");
        assertThat(strings(priority.path("allowed"))).containsExactly("ROUTINE", "PRIORITY", "FLASH");
        JsonNode awaiting = problem(400, send(Role.VIEWER, "GET", "/api/cases?awaiting=us", null));
        assertThat(awaiting.path("field").asString()).isEqualTo("awaiting");
        assertThat(strings(awaiting.path("allowed"))).containsExactly("me", "partner");
    }

    @Test
    void aValueOfTheWrongTypeNamesItsPath() throws Exception {
        JsonNode hours = problem(400, send(Role.VIEWER, "POST", "/api/tokens", "{\"label\":\"x\",\"hours\":\"many\"}"));
        assertThat(hours.path("field").asString()).isEqualTo("hours");
        assertThat(hours.path("rule").asString()).isEqualTo("integer");
    }

    @Test
    void stixSentToTheTaxiiServerKeepsItsCustomProperties() throws Exception {
        String id = "indicator--" + java.util.UUID.randomUUID();
        String envelope = "{\"objects\":[{\"type\":\"indicator\",\"spec_version\":\"2.1\",\"id\":\"" + id + "\","
                + "\"created\":\"2024-01-16T00:00:00.000Z\",\"modified\":\"2024-01-16T00:00:00.000Z\",\"name\":\"test\","
                + "\"pattern\":\"[ipv4-addr:value = '198.51.100.7']\",\"pattern_type\":\"stix\","
                + "\"valid_from\":\"2024-01-16T00:00:00.000Z\",\"x_not_known_here\":\"kept\"}],\"x_envelope_extra\":1}";
        String[] auth = Https.basic(node.username(Role.ANALYST), node.password(Role.ANALYST));
        HttpResponse<String> response = https.send("POST", "/taxii2/concord/collections/intel/objects/", envelope,
                auth[0], auth[1], "Content-Type", "application/taxii+json;version=2.1", "Accept", "application/taxii+json;version=2.1");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        JsonNode status = JSON.readTree(response.body());
        assertThat(status.path("success_count").asInt()).as(response.body()).isEqualTo(1);
    }
}
