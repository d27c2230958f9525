package org.concord.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.concord.party.Role;
import org.concord.testing.Https;
import org.concord.testing.RawHttps;
import org.concord.testing.TestNode;
import org.concord.testing.TwoNodes;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Whatever refuses a request (Tomcat parsing it, Spring Security's firewall, Spring MVC finding no
 * endpoint, method or media type, the body limit) the caller gets an RFC 9457 problem document in
 * UTF-8, never Tomcat's HTML page or Spring Boot's default JSON, and never a 500 for bad input.
 * Asked of a real node over HTTPS, the malformed requests on a raw TLS socket.
 */
class EveryErrorIsAProblemDocumentTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static TestNode node;
    private static Https https;

    @BeforeAll
    static void start() {
        node = TwoNodes.shared().pk;
        https = Https.to(node);
    }

    private static String[] as(Role role) {
        return Https.basic(node.username(role), node.password(role));
    }

    /** A problem document with this status: its media type, UTF-8, and the members RFC 9457 names. */
    private static JsonNode problem(int expected, int status, String contentType, String body) {
        assertThat(status).as(body).isEqualTo(expected);
        assertThat(contentType).as(body).startsWith("application/problem+json");
        assertThat(body).doesNotContainIgnoringCase("<html").doesNotContain("Apache Tomcat");
        JsonNode json = JSON.readTree(body);
        assertThat(json.path("status").asInt()).as(body).isEqualTo(expected);
        assertThat(json.path("title").asString()).as(body).isNotBlank();
        assertThat(json.path("detail").asString()).as(body).isNotBlank();
        assertThat(json.has("error")).as("not Spring Boot's default error JSON: " + body).isFalse();
        assertThat(json.has("timestamp")).as("not Spring Boot's default error JSON: " + body).isFalse();
        return json;
    }

    private static JsonNode problem(int expected, HttpResponse<String> response) {
        return problem(expected, response.statusCode(), response.headers().firstValue("Content-Type").orElse(""), response.body());
    }

    private static JsonNode problem(int expected, RawHttps.Answer answer) {
        return problem(expected, answer.status(), String.valueOf(answer.header("Content-Type")), answer.body());
    }

    @Test
    void get_error_itself_is_an_unknown_path_not_a_500() throws Exception {
        problem(404, https.get("/error"));
        problem(404, https.get("/error", as(Role.VIEWER)));
        problem(404, https.send("POST", "/error", "{}", "Content-Type", "application/json"));
    }

    @Test
    void an_unknown_path_a_wrong_method_and_a_wrong_media_type_are_problems() throws Exception {
        problem(401, https.get("/api/no-such-thing"));
        JsonNode unknown = problem(404, https.get("/api/no-such-thing", as(Role.VIEWER)));
        assertThat(unknown.path("detail").asString()).contains("/api/no-such-thing");
        problem(405, https.send("DELETE", "/api/requests", null, as(Role.ADMIN)));
        String[] liaison = as(Role.LIAISON);
        JsonNode media = problem(415, https.send("POST", "/api/hotline/calls", "text", liaison[0], liaison[1],
                "Content-Type", "text/plain"));
        assertThat(media.path("field").asString()).isEqualTo("Content-Type");
        String[] viewer = as(Role.VIEWER);
        problem(406, https.send("GET", "/api/requests", null, viewer[0], viewer[1], "Accept", "image/png"));
    }

    @Test
    void a_parameter_of_the_wrong_type_names_the_parameter() throws Exception {
        JsonNode json = problem(400, https.get("/api/audit?limit=many", as(Role.ADMIN)));
        assertThat(json.path("field").asString()).isEqualTo("limit");
    }

    @Test
    void a_malformed_json_body_is_a_problem() throws Exception {
        String[] liaison = as(Role.LIAISON);
        problem(400, https.send("POST", "/api/hotline/calls", "{\"text\":", liaison[0], liaison[1], "Content-Type", "application/json"));
    }

    @Test
    void tomcat_refusing_an_invalid_character_in_the_url_answers_a_problem() throws Exception {
        problem(400, RawHttps.send(node, "GET /api/whoami?x=a\u0001b HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"));
        problem(400, RawHttps.send(node, "GET /api/who{ami} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"));
        problem(400, RawHttps.send(node, "GET /api/%00 HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"));
    }

    @Test
    void tomcat_refusing_a_malformed_or_oversized_header_answers_a_problem() throws Exception {
        problem(400, RawHttps.send(node, "GET /api/whoami HTTP/1.1\r\nHost: localhost\r\nBad Header: x\r\nConnection: close\r\n\r\n"));
        problem(400, RawHttps.send(node, "GET /api/whoami HTTP/1.1\r\nHost: localhost\r\nX-Note: a\u0000b\r\nConnection: close\r\n\r\n"));
        // over server.max-http-request-header-size (96 KB: a long name in a search's query string still reaches the node)
        String big = "x".repeat(120_000);
        problem(400, RawHttps.send(node, "GET /api/whoami HTTP/1.1\r\nHost: localhost\r\nX-Big: " + big + "\r\nConnection: close\r\n\r\n"));
    }

    @Test
    void spring_securitys_firewall_refusing_a_url_answers_a_problem() throws Exception {
        problem(400, RawHttps.send(node, "GET /api//whoami HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"));
        problem(400, RawHttps.send(node, "GET /api/./whoami/../whoami HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"));
    }

    @Test
    void a_body_over_one_mebibyte_is_refused_with_413_naming_the_limit_before_it_is_read() throws Exception {
        String[] liaison = as(Role.LIAISON);
        String text = "x".repeat(1_500_000);
        String body = "{\"from\":{\"name\":\"A\",\"post\":\"B\"},\"addressee\":\"IR\",\"to\":{\"name\":\"C\",\"post\":\"D\"},"
                + "\"priority\":\"ROUTINE\",\"text\":\"" + text + "\"}";
        int before = calls(liaison);
        JsonNode json = problem(413, https.send("POST", "/api/hotline/calls", body, liaison[0], liaison[1],
                "Content-Type", "application/json"));
        assertThat(json.path("field").asString()).isEqualTo("body");
        assertThat(json.path("rule").asString()).isEqualTo("max-size");
        assertThat(json.path("limit").asLong()).isEqualTo(1024 * 1024);
        assertThat(calls(liaison)).isEqualTo(before);
    }

    @Test
    void a_chunked_body_over_the_limit_is_refused_once_the_limit_is_passed() throws Exception {
        String[] liaison = as(Role.LIAISON);
        byte[] body = ("{\"from\":{\"name\":\"A\",\"post\":\"B\"},\"addressee\":\"IR\",\"to\":{\"name\":\"C\",\"post\":\"D\"},"
                + "\"priority\":\"ROUTINE\",\"text\":\"" + "y".repeat(1_200_000) + "\"}").getBytes(StandardCharsets.UTF_8);
        HttpClient client = HttpClient.newBuilder().sslContext(RawHttps.trusting(node)).version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(node.url() + "/api/hotline/calls"))
                .header(liaison[0], liaison[1]).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))).build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode json = problem(413, response);
        assertThat(json.path("field").asString()).isEqualTo("body");
        assertThat(json.path("limit").asLong()).isEqualTo(1024 * 1024);
    }

    private static int calls(String[] liaison) throws Exception {
        return JSON.readTree(https.get("/api/hotline/calls", liaison).body()).size();
    }
}
