package org.concord.requests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.concord.requests.RequestFixtures.IR;
import static org.concord.requests.RequestFixtures.PK;
import static org.concord.requests.RequestFixtures.T0;
import static org.concord.requests.RequestFixtures.aRequestFrom;
import static org.concord.requests.RequestFixtures.anyRequestForAction;
import static org.concord.workflow.EscalationLevel.JOINT_COORDINATION_MECHANISM;
import static org.concord.workflow.EscalationLevel.SECURITY_CHIEFS;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.concord.requests.RequestFixtures.Conversation;
import org.concord.workflow.DueEscalation;
import org.concord.workflow.StixId;
import org.junit.jupiter.api.Test;

/**
 * Given an urgent request (acknowledgement within 1 h, answer within 24 h by default), when time
 * moves and nobody answers, then the case climbs the ladder one rung per missed deadline.
 */
class UnansweredRequestsEscalateTest {

    private final RequestDeadlinePolicy policy = RequestDeadlinePolicy.defaults();
    private final Conversation pkAsksIr = aRequestFrom(PK, IR);

    /** What a node's scheduler does: asks what is due and sends the escalation, as of the missed deadline. */
    private void escalateWhatIsDue(Instant now) {
        for (DueEscalation due : policy.due(pkAsksIr.state(), now)) {
            pkAsksIr.add(RequestMessage.Escalate.dueIn(pkAsksIr.state(), due,
                    StixId.random("x-concord-request-answer"), PK, now));
        }
    }

    @Test
    void an_unanswered_request_escalates_level_by_level() {
        pkAsksIr.request(anyRequestForAction(Urgency.URGENT));

        assertThat(policy.due(pkAsksIr.state(), T0.plus(Duration.ofMinutes(59)))).isEmpty();

        Instant oneHourLater = T0.plus(Duration.ofHours(1));
        assertThat(policy.due(pkAsksIr.state(), oneHourLater))
                .containsExactly(new DueEscalation(SECURITY_CHIEFS, oneHourLater, "acknowledgement"));
        escalateWhatIsDue(oneHourLater);
        assertThat(pkAsksIr.state().file().level()).isEqualTo(SECURITY_CHIEFS);
        assertThat(policy.due(pkAsksIr.state(), oneHourLater.plus(Duration.ofMinutes(59)))).isEmpty();

        Instant twoHoursLater = T0.plus(Duration.ofHours(2));
        assertThat(policy.due(pkAsksIr.state(), twoHoursLater))
                .containsExactly(new DueEscalation(JOINT_COORDINATION_MECHANISM, twoHoursLater, "acknowledgement"));
        escalateWhatIsDue(twoHoursLater);
        assertThat(pkAsksIr.state().file().level()).isEqualTo(JOINT_COORDINATION_MECHANISM);

        assertThat(policy.due(pkAsksIr.state(), T0.plus(Duration.ofDays(30)))).isEmpty();
    }

    @Test
    void a_node_that_was_down_finds_every_missed_rung_due_with_its_own_deadline() {
        pkAsksIr.request(anyRequestForAction(Urgency.URGENT));

        List<DueEscalation> due = policy.due(pkAsksIr.state(), T0.plus(Duration.ofDays(1)));

        assertThat(due).containsExactly(
                new DueEscalation(SECURITY_CHIEFS, T0.plus(Duration.ofHours(1)), "acknowledgement"),
                new DueEscalation(JOINT_COORDINATION_MECHANISM, T0.plus(Duration.ofHours(2)), "acknowledgement"));
    }

    @Test
    void an_acknowledged_request_escalates_when_the_answer_deadline_passes() {
        pkAsksIr.request(anyRequestForAction(Urgency.URGENT));
        pkAsksIr.later(Duration.ofMinutes(30)).acknowledge(IR);

        assertThat(policy.due(pkAsksIr.state(), T0.plus(Duration.ofHours(23)))).isEmpty();
        assertThat(policy.due(pkAsksIr.state(), T0.plus(Duration.ofHours(24))))
                .containsExactly(new DueEscalation(SECURITY_CHIEFS, T0.plus(Duration.ofHours(24)), "answer"));
    }

    @Test
    void an_answer_stops_the_clock_and_a_closed_case_has_no_deadlines() {
        pkAsksIr.request(anyRequestForAction(Urgency.IMMEDIATE));
        pkAsksIr.later(Duration.ofMinutes(5)).decline(IR, DeclineReason.INSUFFICIENT_EVIDENCE, "");

        assertThat(policy.due(pkAsksIr.state(), T0.plus(Duration.ofDays(365)))).isEmpty();
    }

    @Test
    void an_accepted_request_escalates_when_the_responder_stops_reporting() {
        pkAsksIr.request(anyRequestForAction(Urgency.IMMEDIATE));
        pkAsksIr.later(Duration.ofMinutes(5)).accept(IR);
        pkAsksIr.later(Duration.ofHours(5)).progress(IR, "moving in");

        Instant sixHoursAfterTheUpdate = pkAsksIr.now().plus(Duration.ofHours(6));
        assertThat(policy.due(pkAsksIr.state(), sixHoursAfterTheUpdate.minusSeconds(1))).isEmpty();
        assertThat(policy.due(pkAsksIr.state(), sixHoursAfterTheUpdate))
                .extracting(DueEscalation::missed).containsExactly("progress report");
    }

    @Test
    void deadlines_are_configurable_per_urgency_and_read_from_an_injected_clock() {
        RequestDeadlinePolicy patient = policy.with(Urgency.URGENT, new RequestDeadlinePolicy.Periods(
                Duration.ofHours(4), Duration.ofDays(2), Duration.ofDays(2)));
        pkAsksIr.request(anyRequestForAction(Urgency.URGENT));
        Clock threeHoursLater = Clock.fixed(T0.plus(Duration.ofHours(3)), ZoneOffset.UTC);

        assertThat(policy.due(pkAsksIr.state(), threeHoursLater)).hasSize(2);
        assertThat(patient.due(pkAsksIr.state(), threeHoursLater)).isEmpty();
    }
}
