package org.concord.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.concord.demo.January2024;
import org.concord.party.Role;
import org.concord.testing.Https;
import org.concord.testing.TestNode;
import org.concord.testing.TwoNodes;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * From a liaison officer's seat: every free-text and list field of requests, the hotline,
 * incidents and commitments has a limit, and every date and place a range. A request that breaks
 * one is refused with 400 naming the field (as the body spells it) and the rule, and nothing is
 * stored or queued for the partner.
 */
class WorkflowInputLimitsTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String TOO_LONG = "x".repeat(10_001);
    private final TwoNodes nodes = TwoNodes.shared();
    private final TestNode pk = nodes.pk;

    private HttpResponse<String> post(String path, JsonNode body) throws Exception {
        String[] basic = Https.basic(pk.username(Role.LIAISON), pk.password(Role.LIAISON));
        return Https.to(pk).send("POST", path, body.toString(), basic[0], basic[1], "Content-Type", "application/json");
    }

    private int held(String path) throws Exception {
        HttpResponse<String> response = Https.to(pk).get(path, Https.basic(pk.username(Role.VIEWER), pk.password(Role.VIEWER)));
        assertThat(response.statusCode()).isEqualTo(200);
        return JSON.readTree(response.body()).size();
    }

    private int queued() throws Exception {
        HttpResponse<String> response = Https.to(pk).get("/api/exchange/outbox?partner=IR&limit=1000",
                Https.basic(pk.username(Role.ADMIN), pk.password(Role.ADMIN)));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body()).size();
    }

    /** Posts {@code body}; expects 400 naming {@code field} and {@code rule}; checks nothing more is held or queued. */
    private JsonNode refused(String list, String path, JsonNode body, String field, String rule) throws Exception {
        int before = held(list);
        int queuedBefore = queued();
        HttpResponse<String> response = post(path, body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.path("field").asString()).as(response.body()).isEqualTo(field);
        assertThat(problem.path("rule").asString()).as(response.body()).isEqualTo(rule);
        assertThat(held(list)).isEqualTo(before);
        assertThat(queued()).isEqualTo(queuedBefore);
        return problem;
    }

    private ObjectNode request() {
        ObjectNode body = JSON.createObjectNode().put("addressee", "IR").put("urgency", "URGENT").put("text", "act near Saravan");
        body.putArray("targets").add(January2024.JAISH_AL_ADL.toString());
        body.putObject("action").put("kind", "DISMANTLE_HIDEOUT").put("detail", "the hideout near Saravan");
        return body;
    }

    @Test
    void requests_refuse_an_oversized_text_and_too_many_targets() throws Exception {
        JsonNode problem = refused("/api/requests", "/api/requests", request().put("text", TOO_LONG), "text", "max-length");
        assertThat(problem.path("detail").asString()).contains("10001").contains("10000");
        ObjectNode many = request();
        var targets = many.putArray("targets");
        for (int i = 0; i < 101; i++) {
            targets.add(StixId.random("intrusion-set").value());
        }
        refused("/api/requests", "/api/requests", many, "targets", "max-items");
        refused("/api/requests", "/api/requests", request().put("text", "a\u0000b"), "text", "no-control-characters");
    }

    private ObjectNode call(String text) {
        ObjectNode body = JSON.createObjectNode().put("addressee", "IR").put("priority", "ROUTINE").put("text", text);
        body.putObject("from").put("name", "Duty officer PK").put("post", "DGMO office");
        body.putObject("to").put("name", "Duty officer IR").put("post", "Operations");
        return body;
    }

    @Test
    void the_hotline_refuses_an_oversized_text_and_an_oversized_name() throws Exception {
        refused("/api/hotline/calls", "/api/hotline/calls", call(TOO_LONG), "text", "max-length");
        ObjectNode longName = call("hello");
        ((ObjectNode) longName.get("from")).put("name", "n".repeat(201));
        refused("/api/hotline/calls", "/api/hotline/calls", longName, "from.name", "max-length");
    }

    private ObjectNode incident() {
        ObjectNode body = JSON.createObjectNode().put("addressee", "IR").put("occurredAt", "2024-01-16T16:00:00Z")
                .put("incidentType", "CROSS_BORDER_STRIKE").put("whatHappened", "a strike near Panjgur");
        body.putObject("place").put("type", "Point").putArray("coordinates").add(64.10).add(26.97);
        body.putArray("claims").addObject().put("ref", "claim-1").put("statement", "two children were killed");
        return body;
    }

    @Test
    void incidents_refuse_oversized_text_dates_out_of_range_and_places_off_the_globe() throws Exception {
        refused("/api/incidents", "/api/incidents", incident().put("whatHappened", TOO_LONG), "whatHappened", "max-length");
        ObjectNode statement = incident();
        ((ObjectNode) statement.get("claims").get(0)).put("statement", TOO_LONG);
        refused("/api/incidents", "/api/incidents", statement, "claims[0].statement", "max-length");
        for (String date : new String[] {"0001-01-01T00:00:00Z", "9999-01-01T00:00:00Z", "+100000-01-01T00:00:00Z",
            "+1000000000-01-01T00:00:00Z"}) {
            refused("/api/incidents", "/api/incidents", incident().put("occurredAt", date), "occurredAt", "date-range");
        }
        String tomorrow = Instant.now().plus(1, ChronoUnit.DAYS).toString();
        refused("/api/incidents", "/api/incidents", incident().put("occurredAt", tomorrow), "occurredAt", "not-in-the-future");
        ObjectNode offTheGlobe = incident();
        offTheGlobe.putObject("place").put("type", "Point").putArray("coordinates").add(999).add(999);
        JsonNode problem = refused("/api/incidents", "/api/incidents", offTheGlobe, "place.coordinates[1]", "out-of-range");
        assertThat(problem.path("detail").asString()).contains("[-90, 90]");
        ObjectNode open = incident();
        open.putObject("place").put("type", "Polygon").putArray("coordinates").addArray()
                .add(JSON.readTree("[64.0,27.0]")).add(JSON.readTree("[64.1,27.0]")).add(JSON.readTree("[64.1,27.1]"))
                .add(JSON.readTree("[64.0,27.1]"));
        refused("/api/incidents", "/api/incidents", open, "place.coordinates[0]", "ring-not-closed");
    }

    private ObjectNode commitment(String dueBy) {
        return JSON.createObjectNode().put("counterpart", "IR").put("owner", "IR").put("what", "the ambassador returns")
                .put("dueBy", dueBy);
    }

    @Test
    void commitments_refuse_an_oversized_what_and_due_dates_out_of_range() throws Exception {
        refused("/api/commitments", "/api/commitments", commitment("2027-01-26T00:00:00Z").put("what", TOO_LONG), "what", "max-length");
        for (String date : new String[] {"0001-01-01T00:00:00Z", "9999-01-01T00:00:00Z", "+100000-01-01T00:00:00Z",
            "+1000000000-01-01T00:00:00Z"}) {
            JsonNode problem = refused("/api/commitments", "/api/commitments", commitment(date), "dueBy", "date-range");
            assertThat(problem.path("detail").asString()).as(date).isNotBlank();
        }
        String elevenYears = Instant.now().plus(11 * 366, ChronoUnit.DAYS).toString();
        refused("/api/commitments", "/api/commitments", commitment(elevenYears), "dueBy", "date-range");
        HttpResponse<String> sound = post("/api/commitments", commitment(Instant.now().plus(30, ChronoUnit.DAYS).toString()));
        assertThat(sound.statusCode()).as(sound.body()).isEqualTo(201);
    }
}
