package org.concord.deconfliction;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

import org.concord.hotline.Priority;

/**
 * An unplanned event must reach the partner within {@code reportWithin} of its observation
 * (default 30 minutes), with the urgency of a hotline FLASH message; otherwise an alarm is raised
 * on the reporting side's node, where someone can still pick up the phone. Moved here from the
 * hotline (issue 10): the event, its report and its deadline are deconfliction's; the hotline lends
 * only the priority and its acknowledgement deadlines.
 *
 * @param reportWithin how long the reporting side has
 */
public record UnplannedEventPolicy(Duration reportWithin) {

    public static final Priority REPORT_PRIORITY = Priority.FLASH;

    public UnplannedEventPolicy {
        if (reportWithin == null || reportWithin.isNegative() || reportWithin.isZero()) {
            throw new IllegalArgumentException("reportWithin must be positive: " + reportWithin);
        }
    }

    public static UnplannedEventPolicy defaults() {
        return new UnplannedEventPolicy(Duration.ofMinutes(30));
    }

    public static UnplannedEventPolicy withinMinutes(long minutes) {
        return new UnplannedEventPolicy(Duration.ofMinutes(minutes));
    }

    /** When the report is due at the partner: the observation time plus {@code reportWithin}. */
    public Instant deadline(UnplannedEvent event) {
        return event.observedAt().plus(reportWithin);
    }

    /**
     * The alarm, if any, at {@code now}.
     *
     * @param reportedAt when the report reached the partner, or empty while it has not
     */
    public Optional<UnplannedEventAlarm> alarm(UnplannedEvent event, Optional<Instant> reportedAt, Instant now) {
        Objects.requireNonNull(event, "event");
        Instant deadline = deadline(event);
        if (reportedAt.isPresent()) {
            return reportedAt.get().isAfter(deadline)
                    ? Optional.of(new UnplannedEventAlarm(event, deadline, UnplannedEventAlarm.Reason.REPORTED_LATE))
                    : Optional.empty();
        }
        return now.isBefore(deadline)
                ? Optional.empty()
                : Optional.of(new UnplannedEventAlarm(event, deadline, UnplannedEventAlarm.Reason.NOT_REPORTED));
    }

    public Optional<UnplannedEventAlarm> alarm(UnplannedEvent event, Optional<Instant> reportedAt, Clock clock) {
        return alarm(event, reportedAt, clock.instant());
    }
}
