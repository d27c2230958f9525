package org.concord.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.concord.exchange.sync.OutboxDelivery;
import org.concord.party.PartyCode;
import org.concord.party.Role;
import org.concord.testing.Https;
import org.concord.testing.TestNode;
import org.concord.testing.TwoNodes;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every answer of the REST API, read as an administrator and a liaison officer would read it,
 * shows values, not the node's internals: a party or an id is a string, never
 * {@code {"value": "IR"}}; a receipt is JSON, not a string holding JSON; a duration has its readable
 * twin ({@code ...Text}); a time is an ISO instant, never POSIX seconds. "Every answer" is every
 * {@code GET /api/...} row of the authorization matrix, an item endpoint with the first id its list
 * gives, after a hotline call, a request and a token have been made and the outbox delivered.
 */
class ApiAnswersShowNoInternalsTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern ISO_DURATION = Pattern.compile("-?P(\\d+D)?(T(\\d+H)?(\\d+M)?([\\d.]+S)?)?");
    private static TestNode node;
    private static Https https;

    @BeforeAll
    static void somethingToShow() throws Exception {
        TwoNodes nodes = TwoNodes.shared();
        node = nodes.pk;
        https = Https.to(node);
        String call = "{\"from\":{\"name\":\"Duty officer\",\"post\":\"Quetta\"},\"addressee\":\"IR\","
                + "\"to\":{\"name\":\"Duty officer\",\"post\":\"Zahedan\"},\"priority\":\"ROUTINE\",\"text\":\"a test of the line\"}";
        HttpResponse<String> sent = send(Role.LIAISON, "POST", "/api/hotline/calls", call);
        assertThat(sent.statusCode()).as(sent.body()).isBetween(200, 201);
        HttpResponse<String> token = send(Role.VIEWER, "POST", "/api/tokens", "{\"label\":\"answers\",\"hours\":2}");
        assertThat(token.statusCode()).as(token.body()).isEqualTo(201);
        node.bean(OutboxDelivery.class).deliver(PartyCode.of("IR"));
    }

    private static HttpResponse<String> send(Role role, String method, String path, String body) throws Exception {
        String[] auth = Https.basic(node.username(role), node.password(role));
        return body == null ? https.send(method, path, null, auth)
                : https.send(method, path, body, auth[0], auth[1], "Content-Type", "application/json");
    }

    /** The GET endpoints under /api of the authorization matrix, each as a target: {@code path?query}. */
    static List<String> endpoints() throws Exception {
        try (InputStream in = ApiAnswersShowNoInternalsTest.class.getResourceAsStream("/authorization-matrix.txt")) {
            Set<String> out = new LinkedHashSet<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                String[] cells = line.replaceFirst("\\s+#.*$", "").strip().split("\\s+");
                if (cells.length >= 9 && cells[0].equals("GET") && cells[1].startsWith("/api/")) {
                    String query = cells.length > 9 && cells[9].startsWith("?") ? cells[9] : "";
                    out.add(cells[1] + query);
                }
            }
            return new ArrayList<>(out);
        }
    }

    @Test
    void noAnswerShowsAValueObjectAJsonStringAnUnreadableDurationOrPosixSeconds() throws Exception {
        List<String> leaks = new ArrayList<>();
        int read = 0;
        for (String endpoint : endpoints()) {
            String target = endpoint.contains("{") ? itemOf(endpoint) : endpoint;
            if (target == null) {
                continue;
            }
            for (Role role : new Role[] {Role.ADMIN, Role.LIAISON}) {
                HttpResponse<String> response = send(role, "GET", target, null);
                if (response.statusCode() != 200 || !response.headers().firstValue("Content-Type").orElse("").contains("json")) {
                    continue;
                }
                read++;
                scan(target, "$", JSON.readTree(response.body()), leaks);
            }
        }
        assertThat(read).as("answers read").isGreaterThan(20);
        assertThat(leaks).as("internals in answers").isEmpty();
    }

    /** {@code /api/x/{id}} with the id of the first item {@code GET /api/x} lists, or null when it lists none. */
    private static String itemOf(String endpoint) throws Exception {
        int brace = endpoint.indexOf('{');
        String variable = endpoint.substring(brace + 1, endpoint.indexOf('}'));
        String list = endpoint.substring(0, brace - 1);
        HttpResponse<String> response = send(Role.ADMIN, "GET", list, null);
        if (response.statusCode() != 200) {
            return null;
        }
        JsonNode items = JSON.readTree(response.body());
        if (!items.isArray() || items.isEmpty()) {
            return null;
        }
        JsonNode first = items.get(0);
        JsonNode id = first.has(variable) ? first.get(variable) : first.path("id");
        return id.isValueNode() ? endpoint.replace("{" + variable + "}", id.asString()) : null;
    }

    static void scan(String target, String at, JsonNode value, List<String> leaks) {
        if (value.isObject()) {
            if (value.size() == 1 && value.has("value") && value.get("value").isValueNode()) {
                leaks.add(target + " " + at + ": a value object, " + value);
            }
            for (Map.Entry<String, JsonNode> property : value.properties()) {
                JsonNode child = property.getValue();
                String name = property.getKey();
                if (child.isString() && ISO_DURATION.matcher(child.asString()).matches() && !child.asString().equals("P")
                        && !value.has(name + "Text")) {
                    leaks.add(target + " " + at + "." + name + ": a duration without its readable twin, " + child);
                }
                scan(target, at + "." + name, child, leaks);
            }
        } else if (value.isArray()) {
            for (int i = 0; i < value.size(); i++) {
                scan(target, at + "[" + i + "]", value.get(i), leaks);
            }
        } else if (value.isString()) {
            String text = value.asString().strip();
            if ((text.startsWith("{") && text.endsWith("}")) || (text.startsWith("[{") && text.endsWith("}]"))) {
                try {
                    JSON.readTree(text);
                    leaks.add(target + " " + at + ": JSON inside a string, " + excerpt(text));
                } catch (RuntimeException notJson) {
                    // a text that merely looks like it
                }
            }
        } else if (value.isIntegralNumber()) {
            long n = value.asLong();
            if ((n >= 1_000_000_000L && n < 10_000_000_000L) || (n >= 1_000_000_000_000L && n < 10_000_000_000_000L)) {
                leaks.add(target + " " + at + ": a number that looks like POSIX time, " + n);
            }
        }
    }

    private static String excerpt(String text) {
        return text.length() > 120 ? text.substring(0, 120) + "…" : text;
    }

    @Test
    void theOutboxShowsThePartnerAsItsCodeAndTheReceiptAsJson() throws Exception {
        HttpResponse<String> response = send(Role.VIEWER, "GET", "/api/exchange/outbox?partner=IR", null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode delivered = null;
        for (JsonNode message : JSON.readTree(response.body())) {
            if (message.path("delivered").asBoolean()) {
                delivered = message;
            }
        }
        assertThat(delivered).as("a delivered message: " + response.body()).isNotNull();
        assertThat(delivered.path("partner").isString()).as(delivered.toString()).isTrue();
        assertThat(delivered.path("partner").asString()).isEqualTo("IR");
        assertThat(delivered.path("receipt").isObject()).as(delivered.toString()).isTrue();
        assertThat(delivered.path("enqueuedAt").asString()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
    }

    @Test
    void aDurationIsIsoWithAReadableTwin() {
        record Reminder(java.time.Duration beforeDue) {
        }
        JsonNode json = JSON.readTree(node.bean(JsonMapper.class).writeValueAsString(new Reminder(java.time.Duration.parse("PT48H3M12.5S"))));
        assertThat(json.path("beforeDue").asString()).isEqualTo("PT48H3M12.5S");
        assertThat(json.path("beforeDueText").asString()).isEqualTo("48 h 3 min");
        assertThat(Durations.readable(java.time.Duration.ofSeconds(312))).isEqualTo("5 min 12 s");
        assertThat(Durations.readable(java.time.Duration.ofMillis(12_500))).isEqualTo("12 s");
        assertThat(Durations.readable(java.time.Duration.ofHours(-2))).isEqualTo("-2 h");
    }

    @Test
    void aPartyCodeReadsFromTheStringAndFromTheObjectFormerlyWritten() {
        JsonMapper mapper = node.bean(JsonMapper.class);
        assertThat(mapper.writeValueAsString(PartyCode.of("IR"))).isEqualTo("\"IR\"");
        assertThat(mapper.readValue("\"IR\"", PartyCode.class)).isEqualTo(PartyCode.of("IR"));
        assertThat(mapper.readValue("{\"value\":\"IR\"}", PartyCode.class)).isEqualTo(PartyCode.of("IR"));
    }

    @Test
    void theScanFindsWhatItLooksFor() {
        List<String> leaks = new ArrayList<>();
        scan("t", "$", JSON.readTree("{\"partner\":{\"value\":\"IR\"},\"receipt\":\"{\\\"a\\\":1}\",\"due\":\"PT48H3M12.5S\","
                + "\"at\":1705420800,\"ok\":\"PT1H\",\"okText\":\"1 h\"}"), leaks);
        assertThat(leaks).hasSize(4);
    }
}
