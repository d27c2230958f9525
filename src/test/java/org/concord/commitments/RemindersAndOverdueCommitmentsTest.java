package org.concord.commitments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.concord.commitments.CommitmentFixtures.AGREED;
import static org.concord.commitments.CommitmentFixtures.DUE;
import static org.concord.commitments.CommitmentFixtures.IR;
import static org.concord.commitments.CommitmentFixtures.PK;
import static org.concord.commitments.CommitmentFixtures.anyCommitmentOwnedBy;
import static org.concord.workflow.EscalationLevel.JOINT_COORDINATION_MECHANISM;
import static org.concord.workflow.EscalationLevel.SECURITY_CHIEFS;

import java.time.Duration;
import java.util.List;

import org.concord.commitments.CommitmentFixtures.Track;
import org.concord.workflow.DueEscalation;
import org.junit.jupiter.api.Test;

/** Given an agreed commitment due on 26 January, when time moves, then reminders before and escalation after. */
class RemindersAndOverdueCommitmentsTest {

    private final ReminderPolicy policy = ReminderPolicy.defaults();
    private final Track ambassador = new Track(PK, IR, anyCommitmentOwnedBy(IR)).agree(IR);

    @Test
    void reminders_come_a_day_and_two_hours_before_the_due_date_each_once() {
        List<Reminder> firstRun = policy.reminders(ambassador.state(), AGREED, DUE.minus(Duration.ofHours(3)));
        List<Reminder> secondRun = policy.reminders(ambassador.state(), DUE.minus(Duration.ofHours(3)), DUE);

        assertThat(firstRun).extracting(Reminder::before).containsExactly(Duration.ofDays(1));
        assertThat(secondRun).extracting(Reminder::before).containsExactly(Duration.ofHours(2));
    }

    @Test
    void an_overdue_commitment_escalates_one_rung_a_day() {
        assertThat(policy.due(ambassador.state(), DUE.minusSeconds(1))).isEmpty();
        assertThat(policy.due(ambassador.state(), DUE))
                .containsExactly(new DueEscalation(SECURITY_CHIEFS, DUE, "due date"));

        ambassador.escalate(PK, SECURITY_CHIEFS, DUE);
        assertThat(policy.due(ambassador.state(), DUE.plus(Duration.ofHours(23)))).isEmpty();
        assertThat(policy.due(ambassador.state(), DUE.plus(Duration.ofHours(24))))
                .containsExactly(new DueEscalation(JOINT_COORDINATION_MECHANISM, DUE.plus(Duration.ofDays(1)),
                        "due date"));
    }

    @Test
    void a_fulfilled_commitment_needs_no_reminder_and_never_escalates() {
        ambassador.attest(IR, "back").attest(PK, "confirmed");

        assertThat(policy.reminders(ambassador.state(), AGREED, DUE)).isEmpty();
        assertThat(policy.due(ambassador.state(), DUE.plus(Duration.ofDays(30)))).isEmpty();
    }

    @Test
    void grace_and_pace_are_configurable() {
        ReminderPolicy patient = new ReminderPolicy(List.of(Duration.ofDays(3)), Duration.ofDays(2),
                Duration.ofDays(7));

        assertThat(patient.due(ambassador.state(), DUE.plus(Duration.ofDays(1)))).isEmpty();
        assertThat(patient.due(ambassador.state(), DUE.plus(Duration.ofDays(10))))
                .extracting(DueEscalation::to).containsExactly(SECURITY_CHIEFS, JOINT_COORDINATION_MECHANISM);
    }

    @Test
    void a_commitment_agreed_an_hour_before_it_is_due_is_reminded_of_half_an_hour_before() {
        Track close = new Track(PK, IR, anyCommitmentOwnedBy(IR)).at(DUE.minus(Duration.ofHours(1))).agree(IR);

        List<Reminder> reminders = policy.reminders(close.state(), DUE.minus(Duration.ofHours(1)), DUE);

        assertThat(reminders).singleElement().satisfies(r -> {
            assertThat(r.at()).isEqualTo(DUE.minus(Duration.ofMinutes(30)));
            assertThat(r.before()).isEqualTo(Duration.ofMinutes(30));
        });
        assertThat(policy.reminders(close.state(), DUE.minus(Duration.ofHours(1)), DUE.minus(Duration.ofMinutes(31))))
                .as("not before its time").isEmpty();
    }

    @Test
    void a_commitment_agreed_three_hours_before_it_is_due_gets_only_the_reminders_still_to_come() {
        Track close = new Track(PK, IR, anyCommitmentOwnedBy(IR)).at(DUE.minus(Duration.ofHours(3))).agree(IR);

        assertThat(policy.reminders(close.state(), DUE.minus(Duration.ofHours(3)), DUE))
                .extracting(Reminder::before).containsExactly(Duration.ofHours(2));
    }

    @Test
    void a_commitment_agreed_after_it_fell_due_is_not_reminded_of_but_escalates() {
        Track overdue = new Track(PK, IR, anyCommitmentOwnedBy(IR)).at(DUE.plus(Duration.ofMinutes(5))).agree(IR);

        assertThat(policy.reminders(overdue.state(), DUE, DUE.plus(Duration.ofDays(1)))).isEmpty();
        assertThat(policy.due(overdue.state(), DUE.plus(Duration.ofMinutes(6)))).hasSize(1);
    }
}
