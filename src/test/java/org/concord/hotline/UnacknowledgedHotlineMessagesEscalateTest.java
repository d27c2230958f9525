package org.concord.hotline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.concord.hotline.HotlineFixtures.PK;
import static org.concord.hotline.HotlineFixtures.T0;
import static org.concord.hotline.HotlineFixtures.irDutyOfficer;
import static org.concord.hotline.HotlineFixtures.pkDgmo;
import static org.concord.workflow.EscalationLevel.JOINT_COORDINATION_MECHANISM;
import static org.concord.workflow.EscalationLevel.SECURITY_CHIEFS;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.concord.hotline.HotlineFixtures.Call;
import org.concord.workflow.DueEscalation;
import org.concord.workflow.StixId;
import org.junit.jupiter.api.Test;

/** Given a hotline message, when nobody on the other side acknowledges it in time, then it escalates. */
class UnacknowledgedHotlineMessagesEscalateTest {

    private final AcknowledgementPolicy policy = AcknowledgementPolicy.defaults();

    @Test
    void a_flash_message_unacknowledged_for_ten_minutes_escalates() {
        Call flash = Call.from(pkDgmo(), irDutyOfficer(), Priority.FLASH, T0);
        Instant tenMinutesLater = T0.plus(Duration.ofMinutes(10));

        assertThat(policy.due(flash.state(), Clock.fixed(tenMinutesLater.minusSeconds(1), ZoneOffset.UTC))).isEmpty();
        assertThat(policy.due(flash.state(), Clock.fixed(tenMinutesLater, ZoneOffset.UTC)))
                .containsExactly(new DueEscalation(SECURITY_CHIEFS, tenMinutesLater, "acknowledgement"));
    }

    @Test
    void it_keeps_climbing_every_ten_minutes_until_someone_answers() {
        Call flash = Call.from(pkDgmo(), irDutyOfficer(), Priority.FLASH, T0);
        Instant elevenMinutesLater = T0.plus(Duration.ofMinutes(11));
        for (DueEscalation due : policy.due(flash.state(), elevenMinutesLater)) {
            flash.messages.add(HotlineMessage.Escalate.dueIn(flash.state(), due,
                    StixId.random("x-concord-hotline-answer"), PK, elevenMinutesLater));
        }

        assertThat(flash.state().file().level()).isEqualTo(SECURITY_CHIEFS);
        assertThat(policy.due(flash.state(), T0.plus(Duration.ofMinutes(19)))).isEmpty();
        assertThat(policy.due(flash.state(), T0.plus(Duration.ofMinutes(20))))
                .extracting(DueEscalation::to).containsExactly(JOINT_COORDINATION_MECHANISM);

        flash.acknowledge(irDutyOfficer(), T0.plus(Duration.ofMinutes(15)));
        assertThat(flash.state()).isInstanceOf(Acknowledged.class);
        assertThat(policy.due(flash.state(), T0.plus(Duration.ofDays(1)))).isEmpty();
    }

    @Test
    void routine_and_priority_messages_have_a_day_and_an_hour_by_default_and_are_configurable() {
        Call routine = Call.from(pkDgmo(), irDutyOfficer(), Priority.ROUTINE, T0);
        Call priority = Call.from(pkDgmo(), irDutyOfficer(), Priority.PRIORITY, T0);
        Instant twoHoursLater = T0.plus(Duration.ofHours(2));

        assertThat(policy.due(routine.state(), twoHoursLater)).isEmpty();
        assertThat(policy.due(priority.state(), twoHoursLater)).hasSize(2);
        assertThat(policy.with(Priority.ROUTINE, Duration.ofHours(1)).due(routine.state(), twoHoursLater)).hasSize(2);
        assertThat(policy.deadline(Priority.ROUTINE)).isEqualTo(Duration.ofHours(24));
    }
}
