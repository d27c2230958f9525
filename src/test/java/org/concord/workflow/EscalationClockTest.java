package org.concord.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.concord.workflow.EscalationLevel.JOINT_COORDINATION_MECHANISM;
import static org.concord.workflow.EscalationLevel.LIAISON_OFFICERS;
import static org.concord.workflow.EscalationLevel.SECURITY_CHIEFS;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

/** Given a deadline on a rung of the ladder, when time passes, then the rungs due and when. */
class EscalationClockTest {

    private static final Instant START = Instant.parse("2024-01-20T10:00:00Z");
    private static final Duration HOUR = Duration.ofHours(1);

    @Test
    void nothing_is_due_before_the_deadline_and_one_rung_is_due_at_it() {
        assertThat(EscalationClock.due(LIAISON_OFFICERS, START, HOUR, START.plus(HOUR).minusNanos(1), "ack")).isEmpty();
        assertThat(EscalationClock.due(LIAISON_OFFICERS, START, HOUR, START.plus(HOUR), "ack"))
                .containsExactly(new DueEscalation(SECURITY_CHIEFS, START.plus(HOUR), "ack"));
    }

    @Test
    void the_ladder_has_a_top() {
        assertThat(LIAISON_OFFICERS.next()).contains(SECURITY_CHIEFS);
        assertThat(SECURITY_CHIEFS.next()).contains(JOINT_COORDINATION_MECHANISM);
        assertThat(JOINT_COORDINATION_MECHANISM.next()).isEmpty();
        assertThat(EscalationClock.due(JOINT_COORDINATION_MECHANISM, START, HOUR, START.plus(Duration.ofDays(9)),
                "ack")).isEmpty();
        assertThat(EscalationClock.due(SECURITY_CHIEFS, START, HOUR, START.plus(Duration.ofDays(9)), "ack"))
                .extracting(DueEscalation::to).containsExactly(JOINT_COORDINATION_MECHANISM);
    }

    @Test
    void a_period_must_be_positive() {
        assertThatThrownBy(() -> EscalationClock.due(LIAISON_OFFICERS, START, Duration.ZERO, START, "ack"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
