package org.concord.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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
 * The duty officer's view of every case, on two real nodes: at each step both nodes name the same
 * party to act next, the same deadline and the same rung; {@code GET /api/cases?awaiting=me} lists
 * exactly what waits for this node, soonest deadline first; and after the requester accepts a
 * counter-proposal, the agreed terms are the counter-proposal's, with its id.
 */
class CasesAwaitingMeTest {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static TwoNodes nodes;

    @BeforeAll
    static void start() {
        nodes = TwoNodes.shared();
    }

    static JsonNode call(TestNode node, String method, String path, String body, int expected) throws Exception {
        String[] basic = Https.basic(node.username(Role.LIAISON), node.password(Role.LIAISON));
        HttpResponse<String> response = Https.to(node).send(method, path, body, body == null ? basic
                : new String[] {basic[0], basic[1], "Content-Type", "application/json"});
        assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isEqualTo(expected);
        return JSON.readTree(response.body());
    }

    static void deliver(TestNode from, String to) {
        from.bean(OutboxDelivery.class).deliver(PartyCode.of(to));
    }

    /** The case as {@code node} shows it once it holds {@code messages} applied messages. */
    static JsonNode caseAt(TestNode node, String path, int messages) {
        return await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50)).until(() -> {
            String[] basic = Https.basic(node.username(Role.VIEWER), node.password(Role.VIEWER));
            HttpResponse<String> response = Https.to(node).send("GET", path, null, basic);
            return response.statusCode() == 200 ? JSON.readTree(response.body()) : null;
        }, view -> view != null && view.path("history").size() == messages);
    }

    /** nextActor, dueAt, level and state: what both nodes must agree on. */
    static List<String> duty(JsonNode view) {
        return List.of(view.path("nextActor").path("party").asString("-"), String.join(",", actions(view)),
                view.path("dueAt").asString("-"), view.path("level").asString("-"), view.path("state").asString("-"),
                view.path("deadline").path("rule").asString("-"));
    }

    static List<String> actions(JsonNode view) {
        List<String> actions = new ArrayList<>();
        view.path("nextActor").path("actions").forEach(a -> actions.add(a.asString()));
        return actions;
    }

    static void sameOnBoth(String path, int messages) {
        JsonNode atPk = caseAt(nodes.pk, path, messages);
        JsonNode atIr = caseAt(nodes.ir, path, messages);
        assertThat(duty(atIr)).as(path).isEqualTo(duty(atPk));
        if (atPk.path("nextActor").path("party").isString()) {
            assertThat(atPk.path("nextActor").path("side").asString()).as("me at one node is partner at the other")
                    .isNotEqualTo(atIr.path("nextActor").path("side").asString());
        }
    }

    /** The ids of the cases of {@code ours} that {@code node}'s list shows, in its order. */
    static List<String> awaiting(TestNode node, String who, List<String> ours) throws Exception {
        List<String> ids = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = call(node, "GET", "/api/cases?awaiting=" + who + "&sort=due&limit=2"
                    + (cursor == null ? "" : "&cursor=" + cursor), null, 200);
            page.path("items").forEach(item -> {
                assertThat(item.path("nextActor").path("side").asString()).isEqualTo(who);
                if (ours.contains(item.path("caseId").asString())) {
                    ids.add(item.path("caseId").asString());
                }
            });
            cursor = page.path("next").isString() ? page.path("next").asString() : null;
        } while (cursor != null);
        return ids;
    }

    @Test
    void bothNodesAgreeWhoMustActByWhenAndOnWhichRungAndTheListShowsWhatWaits() throws Exception {
        String due = Instant.now().plus(Duration.ofDays(20)).truncatedTo(ChronoUnit.SECONDS).toString();
        JsonNode request = call(nodes.pk, "POST", "/api/requests", """
                {"addressee":"IR","targets":["intrusion-set--2a9e2cbe-6b8f-4f4b-9c0c-7d8d2bbf1b6e"],
                 "action":{"kind":"DISMANTLE_HIDEOUT","detail":"the compound"},"urgency":"URGENT","text":"act instead of us"}""", 201);
        JsonNode flash = call(nodes.pk, "POST", "/api/hotline/calls", """
                {"from":{"name":"Duty officer PK","post":"DGMO"},"addressee":"IR","to":{"name":"Duty officer IR","post":"Ops"},
                 "priority":"FLASH","text":"shots across the border"}""", 201);
        JsonNode commitment = call(nodes.pk, "POST", "/api/commitments", """
                {"counterpart":"IR","owner":"IR","what":"reopen the crossing","dueBy":"%s"}""".formatted(due), 201);
        String requestId = request.path("caseId").asString();
        String callId = flash.path("callId").asString();
        String commitmentId = commitment.path("commitmentId").asString();
        List<String> ours = List.of(requestId, callId, commitmentId);
        assertThat(flash.path("caseId").asString()).isEqualTo(callId);
        assertThat(request.path("deadline").path("rule").asString()).contains("acknowledgement").contains("URGENT");
        assertThat(flash.path("deadline").path("escalatesEvery").asString()).isEqualTo("10 min");
        deliver(nodes.pk, "IR");

        sameOnBoth("/api/requests/" + requestId, 1);
        sameOnBoth("/api/hotline/calls/" + callId, 1);
        sameOnBoth("/api/commitments/" + commitmentId, 1);
        JsonNode atIr = caseAt(nodes.ir, "/api/requests/" + requestId, 1);
        assertThat(atIr.path("nextActor").path("party").asString()).isEqualTo("IR");
        assertThat(atIr.path("nextActor").path("side").asString()).isEqualTo("me");
        assertThat(actions(atIr)).contains("acknowledge", "accept", "decline", "counterPropose");
        assertThat(atIr.path("level").asString()).isEqualTo("LIAISON_OFFICERS");
        assertThat(atIr.path("proposal").path("id").asString()).isEqualTo(requestId);

        // IR must answer all three: the FLASH call first (10 min), then the URGENT request (1 h), the proposal last (no deadline)
        assertThat(awaiting(nodes.ir, "me", ours)).containsExactly(callId, requestId, commitmentId);
        assertThat(awaiting(nodes.pk, "me", ours)).isEmpty();
        assertThat(awaiting(nodes.pk, "partner", ours)).containsExactly(callId, requestId, commitmentId);

        call(nodes.ir, "POST", "/api/hotline/calls/" + callId + "/acknowledge", "{\"by\":{\"name\":\"Duty officer IR\",\"post\":\"Ops\"}}", 200);
        call(nodes.ir, "POST", "/api/commitments/" + commitmentId + "/agree", "", 200);
        JsonNode counter = call(nodes.ir, "POST", "/api/requests/" + requestId + "/messages",
                "{\"messageType\":\"counterPropose\",\"proposal\":{\"kind\":\"JOINT_OPERATION\",\"text\":\"together, on the 12th\"}}", 200);
        String proposalId = counter.path("proposal").path("id").asString();
        assertThat(proposalId).isNotEqualTo(requestId).isEqualTo(counter.path("history").get(1).path("id").asString());
        deliver(nodes.ir, "PK");

        sameOnBoth("/api/requests/" + requestId, 2);
        sameOnBoth("/api/hotline/calls/" + callId, 2);
        sameOnBoth("/api/commitments/" + commitmentId, 2);
        assertThat(caseAt(nodes.pk, "/api/hotline/calls/" + callId, 2).path("nextActor").path("party").isString())
                .as("nobody must act on an acknowledged call").isFalse();
        // now PK must answer the counter-proposal; IR owes the commitment by its due date
        assertThat(awaiting(nodes.pk, "me", ours)).containsExactly(requestId);
        assertThat(awaiting(nodes.ir, "me", ours)).containsExactly(commitmentId);
        assertThat(caseAt(nodes.ir, "/api/commitments/" + commitmentId, 2).path("dueAt").asString()).isEqualTo(due.replace("Z", ".000Z"));

        JsonNode accepted = call(nodes.pk, "POST", "/api/requests/" + requestId + "/messages",
                "{\"messageType\":\"accept\",\"termsRef\":\"" + proposalId + "\"}", 200);
        assertThat(accepted.path("agreedTerms").path("id").asString()).isEqualTo(proposalId);
        assertThat(accepted.path("agreedTerms").path("terms").path("kind").asString()).isEqualTo("JOINT_OPERATION");
        deliver(nodes.pk, "IR");
        sameOnBoth("/api/requests/" + requestId, 3);
        JsonNode atIrAccepted = caseAt(nodes.ir, "/api/requests/" + requestId, 3);
        assertThat(atIrAccepted.path("agreedTerms").path("id").asString()).isEqualTo(proposalId);
        assertThat(atIrAccepted.path("agreedTerms").path("terms").path("text").asString()).isEqualTo("together, on the 12th");
        assertThat(atIrAccepted.path("timeline")).allSatisfy(entry -> assertThat(entry.path("status").asString()).isEqualTo("APPLIED"));
        assertThat(atIrAccepted.path("timeline").get(0).path("receipt").asString()).isEqualTo("RECEIPT_SIGNED");
        assertThat(atIrAccepted.path("timeline").get(0).path("ledgerIndex").isNumber()).isTrue();
        assertThat(awaiting(nodes.ir, "me", ours)).containsExactly(requestId, commitmentId);
    }

    @Test
    void theListRefusesWhatItDoesNotKnowNamingTheParameter() throws Exception {
        for (Map.Entry<String, String> bad : Map.of("awaiting=us", "awaiting", "type=strike", "type", "sort=name", "sort",
                "limit=0", "limit", "cursor=bm9wZQ", "cursor").entrySet()) {
            JsonNode problem = call(nodes.pk, "GET", "/api/cases?" + bad.getKey(), null, 400);
            assertThat(problem.path("field").asString()).as(bad.getKey()).isEqualTo(bad.getValue());
        }
    }
}
