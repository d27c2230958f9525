package org.concord.workflow;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The arithmetic of missed deadlines, shared by every module that escalates.
 *
 * <p>A deadline runs from a start (the message that is waiting for an answer, or the last
 * escalation, whichever is later) for a period set by a policy. When it passes, the case goes one
 * rung up, and a fresh deadline of the same period runs from the missed one. A node that was down
 * for a day therefore finds several escalations due at once, each with the instant it fell due;
 * sending them late does not shift the ones after.
 */
public final class EscalationClock {

    private EscalationClock() {
    }

    /**
     * The escalations due by {@code now}.
     *
     * @param current the rung the case is on
     * @param start when the deadline started to run
     * @param period how long the other side has; positive
     * @param now the time to judge at
     * @param missed the name of the deadline, for the escalation message
     * @return one entry per rung the case must climb, lowest first; empty when nothing is due or the
     *     case is at the top
     */
    public static List<DueEscalation> due(EscalationLevel current, Instant start, Duration period, Instant now,
            String missed) {
        Objects.requireNonNull(current, "current");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(now, "now");
        if (period == null || period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("a deadline period is positive: " + period);
        }
        List<DueEscalation> due = new ArrayList<>();
        EscalationLevel level = current;
        Instant deadline = start.plus(period);
        while (!level.isTop() && !deadline.isAfter(now)) {
            level = level.next().orElseThrow();
            due.add(new DueEscalation(level, deadline, missed));
            deadline = deadline.plus(period);
        }
        return List.copyOf(due);
    }

    /** The later of two instants: a deadline restarts from the last escalation. */
    public static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
