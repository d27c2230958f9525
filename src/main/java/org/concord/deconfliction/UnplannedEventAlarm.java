package org.concord.deconfliction;

import java.time.Instant;
import java.util.Objects;

/**
 * An unplanned event that did not reach the partner in time.
 *
 * @param event the event
 * @param deadline when the report was due at the partner
 * @param reason not reported at all (yet), or reported late
 */
public record UnplannedEventAlarm(UnplannedEvent event, Instant deadline, Reason reason) {

    public UnplannedEventAlarm {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(deadline, "deadline");
        Objects.requireNonNull(reason, "reason");
    }

    public enum Reason { NOT_REPORTED, REPORTED_LATE }
}
