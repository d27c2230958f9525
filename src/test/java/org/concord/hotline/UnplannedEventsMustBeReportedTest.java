package org.concord.hotline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.concord.hotline.HotlineFixtures.PK;
import static org.concord.hotline.HotlineFixtures.T0;

import java.time.Duration;
import java.util.Optional;
import java.time.Clock;
import java.time.ZoneOffset;

import org.concord.workflow.StixId;
import org.junit.jupiter.api.Test;

/** Given an accidental launch, when the hotline report does not go out within the minutes allowed, then the alarm. */
class UnplannedEventsMustBeReportedTest {

    private final UnplannedEvent strayDrone = new UnplannedEvent(StixId.random("x-concord-unplanned-event"), PK, T0,
            "a surveillance drone lost its link and drifted west of the border");
    private final UnplannedEventPolicy fifteenMinutes = UnplannedEventPolicy.withinMinutes(15);

    @Test
    void no_alarm_while_there_is_still_time() {
        assertThat(fifteenMinutes.alarm(strayDrone, Optional.empty(),
                Clock.fixed(T0.plus(Duration.ofMinutes(14)), ZoneOffset.UTC))).isEmpty();
    }

    @Test
    void an_unreported_event_raises_the_alarm_when_the_minutes_are_up() {
        assertThat(fifteenMinutes.alarm(strayDrone, Optional.empty(), T0.plus(Duration.ofMinutes(15))))
                .contains(new UnplannedEventAlarm(strayDrone, T0.plus(Duration.ofMinutes(15)),
                        UnplannedEventAlarm.Reason.NOT_REPORTED));
    }

    @Test
    void a_report_in_time_clears_it_and_a_late_one_is_recorded_as_late() {
        assertThat(fifteenMinutes.alarm(strayDrone, Optional.of(T0.plus(Duration.ofMinutes(9))),
                T0.plus(Duration.ofHours(1)))).isEmpty();
        assertThat(fifteenMinutes.alarm(strayDrone, Optional.of(T0.plus(Duration.ofMinutes(20))),
                T0.plus(Duration.ofHours(1)))).get().extracting(UnplannedEventAlarm::reason)
                .isEqualTo(UnplannedEventAlarm.Reason.REPORTED_LATE);
        assertThat(UnplannedEventPolicy.defaults().reportWithin()).isEqualTo(Duration.ofMinutes(30));
    }
}
