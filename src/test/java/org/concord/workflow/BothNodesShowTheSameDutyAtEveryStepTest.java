package org.concord.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.concord.exchange.sync.OutboxDelivery;
import org.concord.party.PartyCode;
import org.concord.party.Role;
import org.concord.testing.ClockedNodes;
import org.concord.testing.Eventually;
import org.concord.testing.Https;
import org.concord.testing.TestNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * For each of the four types, a case worked through the REST API of two real nodes whose clock the
 * test moves: after every message has been delivered, both nodes name the same party to act next,
 * with the same actions, the same deadline and the same rung — including after a missed deadline
 * has sent the case one rung up (and then another), which both nodes show alike.
 *
 * <p>Each case ends over (closed, acknowledged, settled, fulfilled), so moving the clock for one
 * type escalates nothing of another.
 */
class BothNodesShowTheSameDutyAtEveryStepTest {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static ClockedNodes nodes;

    @BeforeAll
    static void start() {
        nodes = new ClockedNodes();
    }

    @AfterAll
    static void stop() {
        nodes.close();
    }

    static JsonNode send(TestNode node, String path, String body, int expected) throws Exception {
        String[] basic = Https.basic(node.username(Role.LIAISON), node.password(Role.LIAISON));
        HttpResponse<String> response = Https.to(node).send("POST", path, body, basic[0], basic[1], "Content-Type",
                "application/json");
        assertThat(response.statusCode()).as("POST " + path + ": " + response.body()).isEqualTo(expected);
        return JSON.readTree(response.body());
    }

    static void deliver(TestNode from) {
        from.bean(OutboxDelivery.class).deliver(PartyCode.of(from == nodes.pk ? "IR" : "PK"));
    }

    static int escalateAt(TestNode node) {
        return node.bean(EscalatingMissedDeadlines.class).sendDueEscalations();
    }

    static JsonNode viewAt(TestNode node, String path, int messages, int refused) {
        String[] basic = Https.basic(node.username(Role.VIEWER), node.password(Role.VIEWER));
        return Eventually.view(node.code() + " " + path + " with " + messages + " messages applied, " + refused + " refused",
                () -> Https.to(node).send("GET", path, null, basic),
                view -> view.path("history").size() == messages && view.path("refused").size() == refused);
    }

    /** What both nodes must show alike: who acts, what they may do, by when, on which rung, in which state. */
    record Duty(String party, List<String> actions, String otherParty, List<String> otherActions, String dueAt, String level,
            String state) {
        static Duty of(JsonNode view) {
            List<String> actions = new ArrayList<>();
            view.path("nextActor").path("actions").forEach(a -> actions.add(a.asString()));
            List<String> otherActions = new ArrayList<>();
            view.path("otherActor").path("actions").forEach(a -> otherActions.add(a.asString()));
            return new Duty(view.path("nextActor").path("party").asString(null), actions,
                    view.path("otherActor").path("party").asString(null), otherActions, view.path("dueAt").asString(null),
                    view.path("level").asString(), view.path("state").asString());
        }
    }

    /**
     * Waits until both nodes hold {@code messages} messages of the case, then shows they agree on
     * the duty, that "me" at one node is "partner" at the other, and that the duty is {@code expected}.
     */
    static Duty sameOnBoth(String path, int messages, String party, String level, String state) {
        return sameOnBoth(path, messages, 0, party, level, state);
    }

    static Duty sameOnBoth(String path, int messages, int refused, String party, String level, String state) {
        JsonNode atPk = viewAt(nodes.pk, path, messages, refused);
        JsonNode atIr = viewAt(nodes.ir, path, messages, refused);
        assertThat(refusals(atIr)).as("the same messages refused, by the same rule").isEqualTo(refusals(atPk));
        Duty duty = Duty.of(atPk);
        assertThat(Duty.of(atIr)).as(path + " after " + messages + " messages").isEqualTo(duty);
        assertThat(duty.party()).as("who must act").isEqualTo(party);
        assertThat(duty.level()).isEqualTo(level);
        assertThat(duty.state()).isEqualTo(state);
        if (party != null) {
            assertThat(atPk.path("nextActor").path("side").asString()).isEqualTo(party.equals("PK") ? "me" : "partner");
            assertThat(atIr.path("nextActor").path("side").asString()).isEqualTo(party.equals("IR") ? "me" : "partner");
            assertThat(duty.otherParty()).as("the other party").isEqualTo(party.equals("PK") ? "IR" : "PK");
            assertThat(atPk.path("otherActor").path("side").asString()).isEqualTo(party.equals("PK") ? "partner" : "me");
        } else {
            assertThat(duty.actions()).isEmpty();
            assertThat(duty.otherParty()).isNull();
            assertThat(duty.otherActions()).isEmpty();
            assertThat(duty.dueAt()).as("no deadline runs in a case that is over").isNull();
        }
        return duty;
    }

    static List<String> refusals(JsonNode view) {
        List<String> refused = new ArrayList<>();
        view.path("refused").forEach(r -> refused.add(r.path("id").asString() + " " + r.path("rule").asString()));
        return refused;
    }

    @Test
    void aRequestForActionClimbsTwoRungsOneEscalatedByBothNodesAtOnceAndBothNameTheSameDutyThroughout() throws Exception {
        String id = send(nodes.pk, "/api/requests", """
                {"addressee":"IR","targets":["intrusion-set--2a9e2cbe-6b8f-4f4b-9c0c-7d8d2bbf1b6e"],
                 "action":{"kind":"DISMANTLE_HIDEOUT","detail":"the compound"},"urgency":"URGENT","text":"act instead of us"}""", 201)
                .path("caseId").asString();
        String path = "/api/requests/" + id;
        deliver(nodes.pk);
        Duty requested = sameOnBoth(path, 1, "IR", "LIAISON_OFFICERS", "Requested");
        assertThat(requested.actions()).contains("acknowledge", "accept", "decline", "counterPropose");
        assertThat(requested.dueAt()).as("URGENT: acknowledged within 1 h").isNotNull();

        // nobody acknowledges within the hour: PK's node sends the case up a rung
        nodes.clock.advance(Duration.ofMinutes(61));
        assertThat(escalateAt(nodes.pk)).isPositive();
        deliver(nodes.pk);
        Duty escalated = sameOnBoth(path, 2, "IR", "SECURITY_CHIEFS", "Requested");
        assertThat(Instant.parse(escalated.dueAt())).as("the next deadline runs from the missed one")
                .isAfter(Instant.parse(requested.dueAt()));

        // another hour: both nodes send the same escalation at once; one applies, the other is refused, alike on both
        nodes.clock.advance(Duration.ofMinutes(60));
        assertThat(escalateAt(nodes.pk)).isPositive();
        assertThat(escalateAt(nodes.ir)).isPositive();
        deliver(nodes.pk);
        deliver(nodes.ir);
        sameOnBoth(path, 3, 1, "IR", "JOINT_COORDINATION_MECHANISM", "Requested");
        assertThat(viewAt(nodes.pk, path, 3, 1).path("refused").get(0).path("rule").asString()).isEqualTo("ALREADY_AT_LEVEL");

        send(nodes.ir, path + "/messages", "{\"messageType\":\"acknowledge\"}", 200);
        deliver(nodes.ir);
        sameOnBoth(path, 4, 1, "IR", "JOINT_COORDINATION_MECHANISM", "Acknowledged");

        JsonNode counter = send(nodes.ir, path + "/messages",
                "{\"messageType\":\"counterPropose\",\"proposal\":{\"kind\":\"JOINT_OPERATION\",\"text\":\"together\"}}", 200);
        deliver(nodes.ir);
        Duty counterProposed = sameOnBoth(path, 5, 1, "PK", "JOINT_COORDINATION_MECHANISM", "CounterProposed");
        assertThat(counterProposed.actions()).as("at the top rung nobody escalates").containsExactly("accept", "decline", "amend", "close");

        send(nodes.pk, path + "/messages", "{\"messageType\":\"accept\",\"termsRef\":\""
                + counter.path("proposal").path("id").asString() + "\"}", 200);
        deliver(nodes.pk);
        Duty accepted = sameOnBoth(path, 6, 1, "IR", "JOINT_COORDINATION_MECHANISM", "Accepted");
        assertThat(accepted.actions()).contains("progressUpdate", "close");

        send(nodes.ir, path + "/messages", "{\"messageType\":\"progressUpdate\",\"text\":\"units in position\"}", 200);
        deliver(nodes.ir);
        sameOnBoth(path, 7, 1, "IR", "JOINT_COORDINATION_MECHANISM", "Accepted");

        send(nodes.ir, path + "/messages", "{\"messageType\":\"close\",\"outcome\":\"ACTION_TAKEN\",\"text\":\"done\"}", 200);
        deliver(nodes.ir);
        sameOnBoth(path, 8, 1, null, "JOINT_COORDINATION_MECHANISM", "Closed");
    }

    @Test
    void anUnacknowledgedFlashCallClimbsTwoRungsOnBothNodesUntilAcknowledged() throws Exception {
        String id = send(nodes.pk, "/api/hotline/calls", """
                {"from":{"name":"Duty officer PK","post":"DGMO"},"addressee":"IR","to":{"name":"Duty officer IR","post":"Ops"},
                 "priority":"FLASH","text":"shots across the border"}""", 201).path("callId").asString();
        String path = "/api/hotline/calls/" + id;
        deliver(nodes.pk);
        Duty sent = sameOnBoth(path, 1, "IR", "LIAISON_OFFICERS", "Unacknowledged");
        assertThat(sent.actions()).containsExactly("acknowledge");
        assertThat(sent.otherActions()).as("the caller may withdraw it").containsExactly("withdraw");

        nodes.clock.advance(Duration.ofMinutes(11));
        assertThat(escalateAt(nodes.pk)).isPositive();
        deliver(nodes.pk);
        Duty once = sameOnBoth(path, 2, "IR", "SECURITY_CHIEFS", "Unacknowledged");
        assertThat(Duration.between(Instant.parse(sent.dueAt()), Instant.parse(once.dueAt()))).isEqualTo(Duration.ofMinutes(10));

        // IR's node sends the next one this time; PK's, receiving it, agrees
        nodes.clock.advance(Duration.ofMinutes(10));
        assertThat(escalateAt(nodes.ir)).isPositive();
        deliver(nodes.ir);
        sameOnBoth(path, 3, "IR", "JOINT_COORDINATION_MECHANISM", "Unacknowledged");

        send(nodes.ir, path + "/acknowledge", "{\"by\":{\"name\":\"Duty officer IR\",\"post\":\"Ops\"}}", 200);
        deliver(nodes.ir);
        sameOnBoth(path, 4, null, "JOINT_COORDINATION_MECHANISM", "Acknowledged");
    }

    @Test
    void anIncidentIsAnsweredAndSettledOnTheFirstRungAndBothNodesNameTheSameDutyThroughout() throws Exception {
        String id = send(nodes.pk, "/api/incidents", """
                {"addressee":"IR","occurredAt":"2024-01-16T16:00:00Z",
                 "place":{"type":"Point","coordinates":[64.10,26.97]},"incidentType":"CROSS_BORDER_STRIKE",
                 "whatHappened":"Missiles and drones struck a village near Panjgur.",
                 "casualties":{"killed":2,"injured":3,"detail":"two children killed, three girls injured"},
                 "claims":[{"ref":"claim-1","statement":"Two children were killed."},
                           {"ref":"claim-2","statement":"No militants were present."}]}""", 201)
                .path("incidentId").asString();
        String path = "/api/incidents/" + id;
        deliver(nodes.pk);
        Duty reported = sameOnBoth(path, 1, "IR", "LIAISON_OFFICERS", "UnderReview");
        assertThat(reported.actions()).contains("answerClaim");
        assertThat(reported.dueAt()).as("incidents have no deadlines").isNull();

        send(nodes.ir, path + "/answers", "{\"claimRef\":\"claim-1\",\"verdict\":\"CONFIRM\",\"text\":\"confirmed\"}", 200);
        send(nodes.ir, path + "/answers", "{\"claimRef\":\"claim-2\",\"verdict\":\"UNKNOWN\",\"text\":\"we are looking\"}", 200);
        deliver(nodes.ir);
        sameOnBoth(path, 3, "IR", "LIAISON_OFFICERS", "UnderReview");

        // days pass: nothing escalates an incident
        nodes.clock.advance(Duration.ofDays(2));
        escalateAt(nodes.pk);
        escalateAt(nodes.ir);
        send(nodes.ir, path + "/answers", "{\"claimRef\":\"claim-2\",\"verdict\":\"CONFIRM\",\"text\":\"none were\"}", 200);
        deliver(nodes.ir);
        Duty answered = sameOnBoth(path, 4, "PK", "LIAISON_OFFICERS", "UnderReview");
        assertThat(answered.actions()).containsExactly("proposeFindings");
        assertThat(answered.otherActions()).as("either side proposes findings").containsExactly("proposeFindings");

        send(nodes.pk, path + "/findings", "{\"findings\":\"a strike on the wrong village\"}", 200);
        deliver(nodes.pk);
        sameOnBoth(path, 5, "IR", "LIAISON_OFFICERS", "FindingsProposed");
        send(nodes.ir, path + "/sign-off", "{}", 200);
        deliver(nodes.ir);
        sameOnBoth(path, 6, "PK", "LIAISON_OFFICERS", "FindingsProposed");
        send(nodes.pk, path + "/sign-off", "{}", 200);
        deliver(nodes.pk);
        sameOnBoth(path, 7, null, "LIAISON_OFFICERS", "Settled");
    }

    @Test
    void anOverdueCommitmentClimbsARungOnBothNodesUntilBothAttest() throws Exception {
        Instant due = nodes.clock.instant().plus(Duration.ofDays(3));
        String id = send(nodes.pk, "/api/commitments", """
                {"counterpart":"IR","owner":"IR","what":"reopen the crossing at Taftan","dueBy":"%s"}""".formatted(due), 201)
                .path("commitmentId").asString();
        String path = "/api/commitments/" + id;
        deliver(nodes.pk);
        Duty proposed = sameOnBoth(path, 1, "IR", "LIAISON_OFFICERS", "Proposed");
        assertThat(proposed.actions()).containsExactly("agree", "withdraw");
        assertThat(proposed.otherActions()).as("the proposer may withdraw it too").containsExactly("withdraw");
        assertThat(proposed.dueAt()).as("nothing is owed before it is agreed").isNull();

        send(nodes.ir, path + "/agree", "", 200);
        deliver(nodes.ir);
        Duty agreed = sameOnBoth(path, 2, "IR", "LIAISON_OFFICERS", "Agreed");
        assertThat(Instant.parse(agreed.dueAt())).isEqualTo(due);

        // overdue: PK, to whom it is owed, sends it up; IR, the owner, does not
        nodes.clock.set(due.plusSeconds(60));
        assertThat(escalateAt(nodes.ir)).isZero();
        assertThat(escalateAt(nodes.pk)).isPositive();
        deliver(nodes.pk);
        Duty overdue = sameOnBoth(path, 3, "IR", "SECURITY_CHIEFS", "Agreed");
        assertThat(Instant.parse(overdue.dueAt())).as("a rung every 24 h").isEqualTo(due.plus(Duration.ofHours(24)));

        send(nodes.ir, path + "/attest", "{\"text\":\"reopened on the 12th\"}", 200);
        deliver(nodes.ir);
        sameOnBoth(path, 4, "PK", "SECURITY_CHIEFS", "Agreed");
        send(nodes.pk, path + "/attest", "{\"text\":\"confirmed\"}", 200);
        deliver(nodes.pk);
        sameOnBoth(path, 5, null, "SECURITY_CHIEFS", "Fulfilled");
    }
}
