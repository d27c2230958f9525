package org.concord.requests;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.concord.workflow.EscalatingMissedDeadlines;
import org.concord.requests.internal.RequestStix;
import org.concord.testing.ClockedNodes;
import org.concord.workflow.MessageStix;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

/**
 * An IMMEDIATE request must be acknowledged within 10 minutes; each missed deadline takes the case one
 * rung up, by a message to the partner that carries the case history. Time is moved, never waited for.
 */
class UnansweredRequestEscalatesTest {

    ClockedNodes nodes;
    RequestsApi pk;
    RequestsApi ir;

    @BeforeEach
    void start() {
        nodes = new ClockedNodes();
        pk = RequestsApi.liaisonAt(nodes.pk);
        ir = RequestsApi.liaisonAt(nodes.ir);
    }

    @AfterEach
    void stop() {
        nodes.close();
    }

    String anImmediateRequest() throws Exception {
        String caseId = pk.open(RequestForActionBetweenTwoNodesTest.saravanRequest().replace("URGENT", "IMMEDIATE"))
                .path("caseId").asString();
        pk.deliverTo("IR");
        ir.caseWhen(caseId, RequestsApi.withMessages(1));
        return caseId;
    }

    int pkDeadlineJob() {
        return nodes.pk.bean(EscalatingMissedDeadlines.class).sendDueEscalations();
    }

    @Test
    void anUnansweredRequestEscalatesLevelByLevel() throws Exception {
        String caseId = anImmediateRequest();

        nodes.clock.advance(Duration.ofMinutes(9));
        assertThat(pkDeadlineJob()).isZero();

        nodes.clock.advance(Duration.ofMinutes(2));
        assertThat(pkDeadlineJob()).isEqualTo(1);
        pk.deliverTo("IR");
        JsonNode atIr = ir.caseWhen(caseId, RequestsApi.withMessages(2));
        assertThat(atIr.path("level").asString()).isEqualTo("SECURITY_CHIEFS");
        JsonNode escalation = atIr.path("history").get(1).path("object");
        assertThat(escalation.path("message_type").asString()).isEqualTo("escalate");
        assertThat(escalation.path("to_level").asString()).isEqualTo("SECURITY_CHIEFS");
        assertThat(escalation.path("as_of").asString()).isEqualTo(MessageStix.time(
                java.time.Instant.parse(atIr.path("history").get(0).path("sentAt").asString()).plus(Duration.ofMinutes(10))));
        assertThat(escalation.path("history").get(0).path("id").asString()).isEqualTo(caseId);

        // the next 10 minutes run from the missed deadline, not from when the job ran
        nodes.clock.advance(Duration.ofMinutes(9));
        assertThat(pkDeadlineJob()).isEqualTo(1);
        pk.deliverTo("IR");
        atIr = ir.caseWhen(caseId, RequestsApi.withMessages(3));
        assertThat(atIr.path("level").asString()).isEqualTo("JOINT_COORDINATION_MECHANISM");
        assertThat(atIr.path("history").get(2).path("object").path("history").size()).isEqualTo(2);

        // at the top of the ladder nothing more is due
        nodes.clock.advance(Duration.ofHours(5));
        assertThat(pkDeadlineJob()).isZero();
        assertThat(pk.caseOf(caseId).path("history")).isEqualTo(stripDirection(atIr.path("history"), pk.caseOf(caseId).path("history")));
    }

    @Test
    void aNodeDownAcrossSeveralDeadlinesSendsEachEscalationAtOnce() throws Exception {
        String caseId = anImmediateRequest();
        nodes.clock.advance(Duration.ofMinutes(25));
        assertThat(pkDeadlineJob()).isEqualTo(2);
        assertThat(pk.caseOf(caseId).path("level").asString()).isEqualTo("JOINT_COORDINATION_MECHANISM");
    }

    @Test
    void whenBothNodesEscalateTheSameMissedDeadlineOneIsAppliedAndBothAgree() throws Exception {
        String caseId = anImmediateRequest();
        nodes.clock.advance(Duration.ofMinutes(11));
        assertThat(pkDeadlineJob()).isEqualTo(1);
        assertThat(nodes.ir.bean(EscalatingMissedDeadlines.class).sendDueEscalations()).isEqualTo(1);
        pk.deliverTo("IR");
        ir.deliverTo("PK");
        JsonNode atPk = pk.caseWhen(caseId, RequestsApi.withMessages(3));
        JsonNode atIr = ir.caseWhen(caseId, RequestsApi.withMessages(3));
        for (JsonNode view : new JsonNode[] {atPk, atIr}) {
            assertThat(view.path("level").asString()).isEqualTo("SECURITY_CHIEFS");
            assertThat(view.path("history").size()).isEqualTo(2);
            assertThat(view.path("refused").get(0).path("rule").asString()).isEqualTo("ALREADY_AT_LEVEL");
        }
        assertThat(atPk.path("history").get(1).path("id")).isEqualTo(atIr.path("history").get(1).path("id"));
    }

    /** The other node's history with this node's directions: the same messages, seen from the other side. */
    static JsonNode stripDirection(JsonNode other, JsonNode mine) {
        JsonNode copy = other.deepCopy();
        for (int i = 0; i < copy.size(); i++) {
            ((tools.jackson.databind.node.ObjectNode) copy.get(i)).set("direction", mine.get(i).path("direction"));
        }
        return copy;
    }
}
