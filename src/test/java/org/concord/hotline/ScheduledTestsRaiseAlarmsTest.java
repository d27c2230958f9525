package org.concord.hotline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.concord.hotline.HotlineFixtures.IR;
import static org.concord.hotline.HotlineFixtures.PK;
import static org.concord.hotline.HotlineFixtures.irDutyOfficer;
import static org.concord.hotline.HotlineFixtures.pkDgmo;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.concord.hotline.HotlineFixtures.Call;
import org.concord.workflow.StixId;
import org.junit.jupiter.api.Test;

/** Given the weekly DGMO call, when the test is not answered within its window, then the alarm is raised. */
class ScheduledTestsRaiseAlarmsTest {

    /** Tuesday 6 February 2024, 11:00 in Islamabad. */
    private static final Instant TUESDAY = Instant.parse("2024-02-06T06:00:00Z");
    private final ScheduledTest weekly = ScheduledTest.weeklyDgmoCall(PK, IR, TUESDAY);

    private Call testCall(Instant slot, Instant sentAt) {
        return new Call(HotlineMessage.Send.test(StixId.random("x-concord-hotline-message"), pkDgmo(),
                irDutyOfficer(), Priority.PRIORITY, sentAt, new TestSlot(weekly.name(), slot)));
    }

    @Test
    void the_weekly_test_message_unanswered_raises_the_alarm() {
        Call call = testCall(TUESDAY, TUESDAY);

        assertThat(weekly.alarms(List.of(call.state()), TUESDAY, TUESDAY.plus(Duration.ofMinutes(29)))).isEmpty();
        assertThat(weekly.alarms(List.of(call.state()), TUESDAY, TUESDAY.plus(Duration.ofMinutes(30))))
                .containsExactly(new TestAlarm("weekly-dgmo-call", TUESDAY, TUESDAY.plus(Duration.ofMinutes(30)),
                        TestAlarm.Reason.UNANSWERED, IR));
    }

    @Test
    void an_answered_test_raises_nothing_and_a_late_answer_still_counts_as_missed() {
        Call answered = testCall(TUESDAY, TUESDAY);
        answered.acknowledge(irDutyOfficer(), TUESDAY.plus(Duration.ofMinutes(4)));
        Instant nextWeek = TUESDAY.plus(Duration.ofDays(7));
        Call late = testCall(nextWeek, nextWeek);
        late.acknowledge(irDutyOfficer(), nextWeek.plus(Duration.ofMinutes(45)));

        List<TestAlarm> alarms = weekly.alarms(List.of(answered.state(), late.state()), TUESDAY,
                nextWeek.plus(Duration.ofHours(1)));

        assertThat(alarms).extracting(TestAlarm::slot).containsExactly(nextWeek);
    }

    @Test
    void a_test_that_was_never_sent_raises_the_alarm_on_the_callers_side() {
        List<TestAlarm> alarms = weekly.alarms(List.of(), TUESDAY, TUESDAY.plus(Duration.ofDays(8)));

        assertThat(alarms).extracting(TestAlarm::reason)
                .containsExactly(TestAlarm.Reason.NOT_SENT, TestAlarm.Reason.NOT_SENT);
        assertThat(alarms).extracting(TestAlarm::atFault).containsOnly(PK);
    }

    @Test
    void the_hourly_test_has_a_five_minute_window() {
        ScheduledTest hourly = ScheduledTest.hourlyTest(PK, IR, TUESDAY);

        assertThat(hourly.slotsBetween(TUESDAY.plus(Duration.ofMinutes(30)), TUESDAY.plus(Duration.ofHours(3))))
                .hasSize(3);
        assertThat(hourly.alarms(List.of(), TUESDAY.plus(Duration.ofHours(1)),
                TUESDAY.plus(Duration.ofMinutes(64)))).isEmpty();
        assertThat(hourly.alarms(List.of(), TUESDAY.plus(Duration.ofHours(1)),
                TUESDAY.plus(Duration.ofMinutes(65)))).hasSize(1);
    }
}
