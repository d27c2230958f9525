package org.concord.deconfliction;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * When an operation runs: from {@code start} (inclusive) to {@code end} (exclusive), in UTC.
 *
 * @param start when it begins
 * @param end   when it is over; strictly after {@code start}
 */
public record TimeWindow(Instant start, Instant end) {

    public TimeWindow {
        Invalid.required("window.start", start);
        Invalid.required("window.end", end);
        if (!end.isAfter(start)) {
            throw Invalid.input("window.end", "ends-after-it-starts", "the window must end after it starts, but it ends at "
                    + end + ", " + (end.equals(start) ? "the moment it starts" : Duration.between(end, start) + " before it starts at " + start));
        }
    }

    public static TimeWindow of(Instant start, Duration length) {
        return new TimeWindow(start, start.plus(length));
    }

    /** How long it lasts. */
    public Duration length() {
        return Duration.between(start, end);
    }

    /** Whether the two windows share a moment. */
    public boolean overlaps(TimeWindow other) {
        return start.isBefore(other.end) && other.start.isBefore(end);
    }

    /** The moments the two windows share, if any. */
    public Optional<TimeWindow> overlap(TimeWindow other) {
        if (!overlaps(other)) {
            return Optional.empty();
        }
        Instant s = start.isAfter(other.start) ? start : other.start;
        Instant e = end.isBefore(other.end) ? end : other.end;
        return Optional.of(new TimeWindow(s, e));
    }
}
