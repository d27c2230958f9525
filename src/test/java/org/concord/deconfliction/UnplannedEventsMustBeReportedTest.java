package org.concord.deconfliction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.concord.deconfliction.Fixtures.IR;
import static org.concord.deconfliction.Fixtures.PK;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

import org.locationtech.jts.geom.Coordinate;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.GeometryFactory;

/** Given an accidental launch, when the report does not reach the partner within the minutes allowed, then the alarm. */
class UnplannedEventsMustBeReportedTest {

    private static final Instant T0 = Instant.parse("2024-02-06T06:00:00Z");

    private final UnplannedEvent strayDrone = new UnplannedEvent(NoticeId.random(), PK, IR,
            UnplannedEvent.Kind.AIRSPACE_INCURSION, T0,
            new GeometryFactory().createPoint(new Coordinate(62.9, 27.1)),
            "a surveillance drone lost its link and drifted west of the border", new Contact("Duty officer", "hotline"));
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
        assertThat(UnplannedEventPolicy.REPORT_PRIORITY).isEqualTo(org.concord.hotline.Priority.FLASH);
    }
}
