package org.concord.commitments;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.concord.commitments.internal.CommitmentJobs;
import org.concord.testing.ClockedNodes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

/**
 * With a moved clock: an agreed commitment is reminded 1 day and 2 hours before it falls due,
 * once each; overdue, the side it is owed escalates it rung by rung with the history; attested by
 * both, it stops.
 */
class OverdueCommitmentsRemindAndEscalateTest {

    ClockedNodes nodes;
    CommitmentsApi pk;
    CommitmentsApi ir;

    @BeforeEach
    void start() {
        nodes = new ClockedNodes();
        pk = CommitmentsApi.liaisonAt(nodes.pk);
        ir = CommitmentsApi.liaisonAt(nodes.ir);
    }

    @AfterEach
    void stop() {
        nodes.close();
    }

    CommitmentJobs jobsAt(org.concord.testing.TestNode node) {
        return node.bean(CommitmentJobs.class);
    }

    @Test
    void remindersBeforeTheDueDateThenEscalationUntilBothAttest() throws Exception {
        Instant start = nodes.clock.instant();
        Instant due = start.plus(Duration.ofDays(3));
        String id = pk.propose(CommitmentsApi.commitment("IR", "IR", "Iran's foreign minister visits Pakistan", due.toString()))
                .path("commitmentId").asString();
        pk.deliverTo("IR");
        ir.commitmentWhen(id, CommitmentsApi.withMessages(1));
        ir.ok("/api/commitments/" + id + "/agree", "");
        ir.deliverTo("PK");
        pk.commitmentWhen(id, CommitmentsApi.withMessages(2));

        // the 7-day reminder fell before the agreement: none; a day later still none
        nodes.clock.advance(Duration.ofDays(1));
        assertThat(jobsAt(nodes.pk).raiseReminders()).isEmpty();
        nodes.clock.set(due.minus(Duration.ofDays(1)).plusSeconds(60));
        assertThat(jobsAt(nodes.pk).raiseReminders()).singleElement()
                .satisfies(r -> assertThat(r.before()).isEqualTo(Duration.ofDays(1)));
        assertThat(jobsAt(nodes.ir).raiseReminders()).hasSize(1);
        assertThat(jobsAt(nodes.pk).raiseReminders()).isEmpty();
        nodes.clock.set(due.minus(Duration.ofHours(2)).plusSeconds(60));
        assertThat(jobsAt(nodes.pk).raiseReminders()).singleElement()
                .satisfies(r -> assertThat(r.before()).isEqualTo(Duration.ofHours(2)));
        assertThat(nodes.pk.bean(org.concord.workflow.EscalatingMissedDeadlines.class).sendDueEscalations()).isZero();
        assertThat(pk.get("/api/commitments/reminders").body()).contains(id);

        // overdue: PK, to whom it is owed, escalates one rung; IR, the owner, does not
        nodes.clock.set(due.plusSeconds(60));
        assertThat(nodes.ir.bean(org.concord.workflow.EscalatingMissedDeadlines.class).sendDueEscalations()).isZero();
        assertThat(nodes.pk.bean(org.concord.workflow.EscalatingMissedDeadlines.class).sendDueEscalations()).isEqualTo(1);
        assertThat(nodes.pk.bean(org.concord.workflow.EscalatingMissedDeadlines.class).sendDueEscalations()).isZero();
        pk.deliverTo("IR");
        JsonNode atIr = ir.commitmentWhen(id, CommitmentsApi.withMessages(3));
        assertThat(atIr.path("level").asString()).isEqualTo("SECURITY_CHIEFS");
        assertThat(atIr.path("history").get(2).path("object").path("history").get(0).path("id").asString()).isEqualTo(id);

        // a day later, the foreign ministers' mechanism
        nodes.clock.advance(Duration.ofHours(24));
        assertThat(nodes.pk.bean(org.concord.workflow.EscalatingMissedDeadlines.class).sendDueEscalations()).isEqualTo(1);
        assertThat(pk.commitment(id).path("level").asString()).isEqualTo("JOINT_COORDINATION_MECHANISM");

        // both attest: fulfilled, late, and nothing more is sent
        ir.ok("/api/commitments/" + id + "/attest", "{\"text\":\"The minister visited Islamabad.\"}");
        ir.deliverTo("PK");
        pk.commitmentWhen(id, CommitmentsApi.withMessages(5));
        assertThat(pk.ok("/api/commitments/" + id + "/attest", "{\"text\":\"Confirmed.\"}").path("state").asString())
                .isEqualTo("Fulfilled");
        nodes.clock.advance(Duration.ofDays(3));
        assertThat(nodes.pk.bean(org.concord.workflow.EscalatingMissedDeadlines.class).sendDueEscalations()).isZero();
        assertThat(nodes.ir.bean(org.concord.workflow.EscalatingMissedDeadlines.class).sendDueEscalations()).isZero();
        pk.deliverTo("IR");
        assertThat(ir.commitmentWhen(id, CommitmentsApi.withMessages(6)).path("state").asString()).isEqualTo("Fulfilled");
    }
}
