package org.concord.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

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
        // each message's ledger index is the receiver's, from its receipt: both nodes show the same entry for it
        JsonNode atPkAccepted = caseAt(nodes.pk, "/api/requests/" + requestId, 3);
        for (int i = 0; i < 3; i++) {
            JsonNode pkEntry = atPkAccepted.path("timeline").get(i);
            JsonNode irEntry = atIrAccepted.path("timeline").get(i);
            assertThat(pkEntry.path("id").asString()).isEqualTo(irEntry.path("id").asString());
            if (pkEntry.path("receipt").asString().equals("DELIVERED_WITH_RECEIPT") || irEntry.path("receipt").asString()
                    .equals("DELIVERED_WITH_RECEIPT")) {
                assertThat(pkEntry.path("ledgerIndex")).as("message %d", i).isEqualTo(irEntry.path("ledgerIndex"));
            }
        }
        assertThat(awaiting(nodes.ir, "me", ours)).containsExactly(requestId, commitmentId);
    }

    /** The ids and deadlines of the cases of {@code ours} that {@code node}'s list shows, in its order. */
    static List<Map.Entry<String, String>> awaitingWithDeadlines(TestNode node, String who, Collection<String> ours) throws Exception {
        List<Map.Entry<String, String>> items = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = call(node, "GET", "/api/cases?awaiting=" + who + "&limit=3"
                    + (cursor == null ? "" : "&cursor=" + cursor), null, 200);
            page.path("items").forEach(item -> {
                assertThat(item.path("nextActor").path("side").asString()).isEqualTo(who);
                if (ours.contains(item.path("caseId").asString())) {
                    items.add(Map.entry(item.path("caseId").asString(), item.path("dueAt").asString("")));
                }
            });
            cursor = page.path("next").isString() ? page.path("next").asString() : null;
        } while (cursor != null);
        return items;
    }

    /** The cases of {@code ours} that are not over, as {@code node}'s unfiltered list shows them. */
    static Set<String> openAt(TestNode node, Collection<String> ours) throws Exception {
        Set<String> open = new TreeSet<>();
        String cursor = null;
        do {
            JsonNode page = call(node, "GET", "/api/cases?limit=200" + (cursor == null ? "" : "&cursor=" + cursor), null, 200);
            page.path("items").forEach(item -> {
                if (ours.contains(item.path("caseId").asString()) && item.path("nextActor").path("party").isString()) {
                    open.add(item.path("caseId").asString());
                }
            });
            cursor = page.path("next").isString() ? page.path("next").asString() : null;
        } while (cursor != null);
        return open;
    }

    static Set<String> ids(List<Map.Entry<String, String>> items) {
        Set<String> ids = new TreeSet<>();
        items.forEach(i -> ids.add(i.getKey()));
        return ids;
    }

    /**
     * At {@code node}: {@code awaiting=me} is exactly {@code mine}, soonest deadline first and the
     * cases without one last; {@code awaiting=partner} is exactly the other open cases; and the
     * partner's node sees the same split the other way round.
     */
    static void theListsSplit(TestNode node, TestNode partner, Set<String> mine, Set<String> theirs, Collection<String> ours)
            throws Exception {
        List<Map.Entry<String, String>> me = awaitingWithDeadlines(node, "me", ours);
        List<Map.Entry<String, String>> them = awaitingWithDeadlines(node, "partner", ours);
        assertThat(ids(me)).as(node.code() + " awaiting=me").isEqualTo(mine);
        assertThat(ids(them)).as(node.code() + " awaiting=partner").isEqualTo(theirs);
        Set<String> open = openAt(node, ours);
        Set<String> both = new TreeSet<>(ids(me));
        both.addAll(ids(them));
        assertThat(both).as("me and partner together are every open case").isEqualTo(open);
        assertThat(me.size() + them.size()).as("and no case is in both").isEqualTo(open.size());
        for (List<Map.Entry<String, String>> list : List.of(me, them)) {
            List<String> deadlines = list.stream().map(Map.Entry::getValue).toList();
            List<String> sorted = new ArrayList<>(deadlines.stream().filter(d -> !d.isEmpty()).sorted().toList());
            deadlines.stream().filter(String::isEmpty).forEach(sorted::add);
            assertThat(deadlines).as(node.code() + ": soonest deadline first, none last").isEqualTo(sorted);
        }
        assertThat(awaitingWithDeadlines(partner, "partner", ours)).as("what waits for " + node.code() + ", seen from "
                + partner.code()).isEqualTo(me);
        assertThat(awaitingWithDeadlines(partner, "me", ours)).isEqualTo(them);
    }

    @Test
    void everyOpenCaseOfEveryTypeWaitsForExactlyOneSideSoonestDeadlineFirstOnBothNodes() throws Exception {
        String inFiveDays = Instant.now().plus(Duration.ofDays(5)).truncatedTo(ChronoUnit.SECONDS).toString();
        String inTwoDays = Instant.now().plus(Duration.ofDays(2)).truncatedTo(ChronoUnit.SECONDS).toString();
        String routine = call(nodes.pk, "POST", "/api/requests", """
                {"addressee":"IR","targets":["intrusion-set--2a9e2cbe-6b8f-4f4b-9c0c-7d8d2bbf1b6e"],
                 "action":{"kind":"SURVEIL","detail":"the road"},"urgency":"ROUTINE","text":"watch it"}""", 201).path("caseId").asString();
        String immediate = call(nodes.pk, "POST", "/api/requests", """
                {"addressee":"IR","targets":["intrusion-set--2a9e2cbe-6b8f-4f4b-9c0c-7d8d2bbf1b6e"],
                 "action":{"kind":"INTERDICT","detail":"the convoy"},"urgency":"IMMEDIATE","text":"now"}""", 201).path("caseId").asString();
        String priorityCall = call(nodes.pk, "POST", "/api/hotline/calls", """
                {"from":{"name":"Duty officer PK","post":"DGMO"},"addressee":"IR","to":{"name":"Duty officer IR","post":"Ops"},
                 "priority":"PRIORITY","text":"a convoy is moving"}""", 201).path("callId").asString();
        String incident = call(nodes.pk, "POST", "/api/incidents", """
                {"addressee":"IR","occurredAt":"2024-01-16T16:00:00Z","place":{"type":"Point","coordinates":[64.10,26.97]},
                 "incidentType":"CROSS_BORDER_STRIKE","whatHappened":"A strike near Panjgur.",
                 "casualties":{"killed":2,"injured":3,"detail":"two children"},
                 "claims":[{"ref":"claim-1","statement":"Two children were killed."}]}""", 201).path("incidentId").asString();
        String irOwes = call(nodes.pk, "POST", "/api/commitments", """
                {"counterpart":"IR","owner":"IR","what":"reopen the crossing","dueBy":"%s"}""".formatted(inFiveDays), 201)
                .path("commitmentId").asString();
        String pkOwes = call(nodes.pk, "POST", "/api/commitments", """
                {"counterpart":"IR","owner":"PK","what":"return the detainees","dueBy":"%s"}""".formatted(inTwoDays), 201)
                .path("commitmentId").asString();
        String flash = call(nodes.ir, "POST", "/api/hotline/calls", """
                {"from":{"name":"Duty officer IR","post":"Ops"},"addressee":"PK","to":{"name":"Duty officer PK","post":"DGMO"},
                 "priority":"FLASH","text":"shots across the border"}""", 201).path("callId").asString();
        String urgent = call(nodes.ir, "POST", "/api/requests", """
                {"addressee":"PK","targets":["intrusion-set--7c1e2f4a-9b3d-4e5f-8a6b-1c2d3e4f5a6b"],
                 "action":{"kind":"ARREST","detail":"the commander"},"urgency":"URGENT","text":"him"}""", 201).path("caseId").asString();
        List<String> ours = List.of(routine, immediate, priorityCall, incident, irOwes, pkOwes, flash, urgent);
        deliver(nodes.pk, "IR");
        deliver(nodes.ir, "PK");
        for (String id : List.of(routine, immediate, urgent)) {
            caseAt(nodes.pk, "/api/requests/" + id, 1);
            caseAt(nodes.ir, "/api/requests/" + id, 1);
        }
        for (String id : List.of(priorityCall, flash)) {
            caseAt(nodes.pk, "/api/hotline/calls/" + id, 1);
            caseAt(nodes.ir, "/api/hotline/calls/" + id, 1);
        }
        caseAt(nodes.ir, "/api/incidents/" + incident, 1);
        caseAt(nodes.ir, "/api/commitments/" + irOwes, 1);
        caseAt(nodes.ir, "/api/commitments/" + pkOwes, 1);

        // IR must answer everything PK opened; PK the FLASH call and the URGENT request
        Set<String> forIr = new TreeSet<>(List.of(routine, immediate, priorityCall, incident, irOwes, pkOwes));
        Set<String> forPk = new TreeSet<>(List.of(flash, urgent));
        theListsSplit(nodes.ir, nodes.pk, forIr, forPk, ours);
        assertThat(awaitingWithDeadlines(nodes.ir, "me", ours)).extracting(Map.Entry::getKey).startsWith(immediate, priorityCall, routine);
        assertThat(awaitingWithDeadlines(nodes.pk, "me", ours)).extracting(Map.Entry::getKey).containsExactly(flash, urgent);

        // the calls are acknowledged (over: in neither list), the commitments agreed (each waits for its owner,
        // by its due date), the claim answered (PK must propose findings), the requests acknowledged
        call(nodes.ir, "POST", "/api/hotline/calls/" + priorityCall + "/acknowledge", "{\"by\":{\"name\":\"Duty officer IR\",\"post\":\"Ops\"}}", 200);
        call(nodes.pk, "POST", "/api/hotline/calls/" + flash + "/acknowledge", "{\"by\":{\"name\":\"Duty officer PK\",\"post\":\"DGMO\"}}", 200);
        call(nodes.ir, "POST", "/api/commitments/" + irOwes + "/agree", "", 200);
        call(nodes.ir, "POST", "/api/commitments/" + pkOwes + "/agree", "", 200);
        call(nodes.ir, "POST", "/api/incidents/" + incident + "/answers", "{\"claimRef\":\"claim-1\",\"verdict\":\"CONFIRM\",\"text\":\"yes\"}", 200);
        call(nodes.ir, "POST", "/api/requests/" + immediate + "/messages", "{\"messageType\":\"acknowledge\"}", 200);
        call(nodes.pk, "POST", "/api/requests/" + urgent + "/messages", "{\"messageType\":\"acknowledge\"}", 200);
        deliver(nodes.ir, "PK");
        deliver(nodes.pk, "IR");
        for (TestNode node : List.of(nodes.pk, nodes.ir)) {
            caseAt(node, "/api/hotline/calls/" + priorityCall, 2);
            caseAt(node, "/api/hotline/calls/" + flash, 2);
            caseAt(node, "/api/commitments/" + irOwes, 2);
            caseAt(node, "/api/commitments/" + pkOwes, 2);
            caseAt(node, "/api/incidents/" + incident, 2);
            caseAt(node, "/api/requests/" + immediate, 2);
            caseAt(node, "/api/requests/" + urgent, 2);
        }

        forIr = new TreeSet<>(List.of(routine, immediate, irOwes));
        forPk = new TreeSet<>(List.of(urgent, incident, pkOwes));
        theListsSplit(nodes.ir, nodes.pk, forIr, forPk, ours);
        theListsSplit(nodes.pk, nodes.ir, forPk, forIr, ours);
        assertThat(awaitingWithDeadlines(nodes.pk, "me", ours)).extracting(Map.Entry::getKey)
                .as("the URGENT answer (24 h), then PK's commitment (2 days), then the incident (no deadline)")
                .containsExactly(urgent, pkOwes, incident);
    }

    @Test
    void theListRefusesWhatItDoesNotKnowNamingTheParameter() throws Exception {
        for (Map.Entry<String, String> bad : Map.of("awaiting=us", "awaiting", "type=strike", "type", "sort=name", "sort",
                "limit=0", "limit", "cursor=bm9wZQ", "cursor", "state=Bogus", "state", "type=call&state=Agreed", "state").entrySet()) {
            JsonNode problem = call(nodes.pk, "GET", "/api/cases?" + bad.getKey(), null, 400);
            assertThat(problem.path("field").asString()).as(bad.getKey()).isEqualTo(bad.getValue());
        }
        // a state is named as the answers name it, in any case; the refusal lists the states there are
        JsonNode problem = call(nodes.pk, "GET", "/api/cases?type=request&state=Bogus", null, 400);
        assertThat(problem.path("allowed").toString()).contains("Requested", "CounterProposed", "Accepted").doesNotContain("Agreed");
        call(nodes.pk, "GET", "/api/cases?state=counterproposed", null, 200);
    }
}
