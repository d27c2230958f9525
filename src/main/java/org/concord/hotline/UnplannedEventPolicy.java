package org.concord.hotline;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * An unplanned event must be reported to the other side on the hotline, as a FLASH message, within
 * {@code reportWithin} of the event (default 30 minutes); otherwise an alarm is raised on the
 * responsible side's node, where someone can still pick up the phone.
 *
 * @param reportWithin how long the responsible side has
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

    public Instant deadline(UnplannedEvent event) {
        return event.occurredAt().plus(reportWithin);
    }

    /**
     * The alarm, if any, at {@code now}.
     *
     * @param reportedAt when the report went out on the hotline, or empty while it has not
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
