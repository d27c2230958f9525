package org.concord.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

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
 * The hotline page's error paths over plain HTTPS, as a browser posts its forms (session cookie, CSRF token,
 * one-time form id), where no browser is needed: each refusal comes back in the page with the field and rule of
 * the API's problem document, and nothing is sent.
 */
class TheHotlineFormsOverHttpsTest {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static TwoNodes nodes;

    @BeforeAll
    static void start() {
        nodes = TwoNodes.shared();
    }

    @Test
    void anAcknowledgementWithoutANameIsRefusedNextToTheNameAndASecondOneStandsAtTheTopOfThePage() throws Exception {
        // given PK's call at IR, and IR's liaison officer's session on the hotline page
        String callId = TheHotlineInABrowserTest.pkSendsByApiTo(nodes, "ROUTINE", "http " + UUID.randomUUID());
        // delivered, and held at IR (a clean clone once found it missing from IR's page: the shared pair's link may be
        // backing off after another test class's failed delivery, so delivery is asked again until IR holds the call)
        org.concord.testing.Eventually.value("IR holds PK's call " + callId + " (last reading: its state there)",
                java.time.Duration.ofSeconds(60), java.time.Duration.ofMillis(250), () -> {
                    nodes.pk.bean(OutboxDelivery.class).deliver(PartyCode.of("IR"));
                    return TheHotlineInABrowserTest.state(nodes.ir, callId);
                }, "Unacknowledged"::equals);
        Session ir = Session.logIn(nodes.ir, Role.LIAISON);
        String page = ir.get("/console/hotline/PK").body();
        assertThat(page).contains("id=\"ack-" + callId + "\"");
        // a live refresh (one per call event while the page is open) reuses the page's form id instead of issuing more
        String formId = Session.find(page, "name=\"formId\" value=\"([^\"]+)\"");
        assertThat(Session.find(ir.get("/console/hotline/PK/live").body(), "name=\"formId\" value=\"([^\"]+)\"")).isEqualTo(formId);
        assertThat(Session.find(ir.get("/console/hotline/PK/live").body(), "name=\"formId\" value=\"([^\"]+)\"")).isEqualTo(formId);

        // when the acknowledgement names no official
        HttpResponse<String> refused = ir.post("/console/hotline/PK/calls/" + callId + "/acknowledge", page,
                Map.of("byName", "", "byPost", "Operations"));

        // then the page says why, next to the name in that call's form, with the API's field and rule; nothing is sent
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(between(refused.body(), "id=\"ack-form-" + callId + "\"", "</form>"))
                .contains("data-field=\"by.name\"").contains("data-rule=\"FIELD_REQUIRED\"").contains("value=\"Operations\"");
        assertThat(TheHotlineInABrowserTest.state(nodes.ir, callId)).isEqualTo("Unacknowledged");

        // when it is acknowledged, and then acknowledged again from a page that still shows the form
        HttpResponse<String> done = ir.post("/console/hotline/PK/calls/" + callId + "/acknowledge", refused.body(),
                Map.of("byName", "Duty officer IR", "byPost", "Operations"));
        assertThat(done.statusCode()).isEqualTo(302);
        assertThat(done.headers().firstValue("Location").orElse("")).endsWith("/console/hotline/PK#call-" + callId);
        HttpResponse<String> again = ir.post("/console/hotline/PK/calls/" + callId + "/acknowledge", ir.get("/console/hotline/PK").body(),
                Map.of("byName", "Duty officer IR", "byPost", "Operations"));

        // then the second is refused as the API refuses it, at the top of the page (the call has no form any more)
        String[] basic = Https.basic(nodes.ir.username(Role.LIAISON), nodes.ir.password(Role.LIAISON));
        HttpResponse<String> api = Https.to(nodes.ir).send("POST", "/api/hotline/calls/" + callId + "/acknowledge",
                "{\"by\":{\"name\":\"Duty officer IR\",\"post\":\"Operations\"}}", basic[0], basic[1], "Content-Type", "application/json");
        JsonNode problem = JSON.readTree(api.body());
        assertThat(again.statusCode()).isEqualTo(api.statusCode()).isEqualTo(409);
        assertThat(between(again.body(), "id=\"page-error\"", "</p>")).contains("data-rule=\"" + problem.path("rule").asString() + "\"");
    }

    @Test
    void aReplyToOwnCallNotYetDeliveredIsRefusedNextToInReplyToAndNothingIsSent() throws Exception {
        // given PK's call, not yet delivered to IR
        String token = UUID.randomUUID().toString();
        String callId = TheHotlineInABrowserTest.pkSendsByApiTo(nodes, "PRIORITY", "undelivered " + token);
        Session pk = Session.logIn(nodes.pk, Role.LIAISON);
        String page = pk.get("/console/hotline").body();

        // when PK's officer answers it from the page
        HttpResponse<String> refused = pk.post("/console/hotline/IR/calls", page, Map.of("fromName", "Duty officer PK",
                "fromPost", "DGMO office", "toName", "Duty officer IR", "toPost", "Operations", "priority", "FLASH",
                "text", "reply " + token, "inReplyTo", callId));

        // then it is refused as the API refuses it, next to the choice of the call it answers, and nothing is sent
        String[] basic = Https.basic(nodes.pk.username(Role.LIAISON), nodes.pk.password(Role.LIAISON));
        HttpResponse<String> api = Https.to(nodes.pk).send("POST", "/api/hotline/calls", """
                {"from":{"name":"Duty officer PK","post":"DGMO office"},"addressee":"IR",
                 "to":{"name":"Duty officer IR","post":"Operations"},"priority":"FLASH","text":"api %s","inReplyTo":"%s"}"""
                .formatted(token, callId), basic[0], basic[1], "Content-Type", "application/json");
        JsonNode problem = JSON.readTree(api.body());
        assertThat(refused.statusCode()).isEqualTo(api.statusCode()).isEqualTo(409);
        assertThat(between(refused.body(), "name=\"inReplyTo\"", "</textarea>"))
                .contains("data-field=\"inReplyTo\"").contains("data-rule=\"" + problem.path("rule").asString() + "\"");
        assertThat(TheHotlineInABrowserTest.calls(nodes.pk, "reply " + token)).isZero();
        nodes.pk.bean(OutboxDelivery.class).deliver(PartyCode.of("IR"));
    }

    @Test
    void aFormWithoutItsOneTimeIdSendsNothingAndAnUnknownPartnerIsNotFound() throws Exception {
        Session pk = Session.logIn(nodes.pk, Role.LIAISON);
        String token = UUID.randomUUID().toString();
        String page = pk.get("/console/hotline").body().replaceAll("name=\"formId\" value=\"[^\"]+\"", "name=\"formId\" value=\"forged\"");
        HttpResponse<String> forged = pk.post("/console/hotline/IR/calls", page, Map.of("fromName", "Duty officer PK",
                "fromPost", "DGMO office", "toName", "Duty officer IR", "toPost", "Operations", "priority", "ROUTINE",
                "text", "forged " + token));
        assertThat(forged.statusCode()).isEqualTo(302);
        assertThat(TheHotlineInABrowserTest.calls(nodes.pk, "forged " + token)).isZero();
        assertThat(pk.get("/console/hotline/XX").statusCode()).isEqualTo(404);
    }

    static String between(String text, String from, String to) {
        int start = text.indexOf(from);
        assertThat(start).as("the page has " + from).isNotNegative();
        int end = text.indexOf(to, start);
        return text.substring(start, end < 0 ? text.length() : end);
    }

    /** A browser's session at one node: its cookie; each POST carries the page's CSRF token and one-time form id. */
    record Session(TestNode node, String cookie) {

        static Session logIn(TestNode node, Role role) throws Exception {
            Https https = Https.to(node);
            HttpResponse<String> page = https.get("/login");
            String cookie = cookie(page);
            HttpResponse<String> in = https.send("POST", "/login", "username=" + enc(node.username(role)) + "&password="
                    + enc(node.password(role)) + "&_csrf=" + enc(find(page.body(), "name=\"_csrf\" value=\"([^\"]+)\"")),
                    "Content-Type", "application/x-www-form-urlencoded", "Cookie", cookie);
            assertThat(in.statusCode()).isEqualTo(302);
            return new Session(node, cookie(in));
        }

        HttpResponse<String> get(String path) throws Exception {
            return Https.to(node).get(path, "Cookie", cookie);
        }

        /** Posts {@code fields} as a form of {@code page} would: with the page's CSRF token and form id. */
        HttpResponse<String> post(String path, String page, Map<String, String> fields) throws Exception {
            Map<String, String> all = new LinkedHashMap<>(fields);
            all.put("_csrf", find(page, "<meta name=\"_csrf\" content=\"([^\"]+)\""));
            all.put("formId", find(page, "name=\"formId\" value=\"([^\"]+)\""));
            String body = all.entrySet().stream().map(e -> enc(e.getKey()) + "=" + enc(e.getValue())).collect(Collectors.joining("&"));
            return Https.to(node).send("POST", path, body, "Content-Type", "application/x-www-form-urlencoded", "Cookie", cookie);
        }

        /** Posts {@code fields} with the page's CSRF token only: for a page that shows its reader no form, so has no form id. */
        HttpResponse<String> postWithoutFormId(String path, String page, Map<String, String> fields) throws Exception {
            Map<String, String> all = new LinkedHashMap<>(fields);
            all.put("_csrf", find(page, "<meta name=\"_csrf\" content=\"([^\"]+)\""));
            String body = all.entrySet().stream().map(e -> enc(e.getKey()) + "=" + enc(e.getValue())).collect(Collectors.joining("&"));
            return Https.to(node).send("POST", path, body, "Content-Type", "application/x-www-form-urlencoded", "Cookie", cookie);
        }

        static String cookie(HttpResponse<String> response) {
            String setCookie = response.headers().firstValue("Set-Cookie").orElseThrow();
            return setCookie.substring(0, setCookie.indexOf(';'));
        }

        static String find(String html, String pattern) {
            Matcher m = Pattern.compile(pattern).matcher(html);
            assertThat(m.find()).as("the page has " + pattern).isTrue();
            return m.group(1);
        }

        static String enc(String s) {
            return URLEncoder.encode(s, StandardCharsets.UTF_8);
        }
    }
}
