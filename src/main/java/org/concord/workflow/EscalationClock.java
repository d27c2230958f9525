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

    /**
     * The escalations a {@link Deadline} makes due by {@code now}: the first when {@code deadline.at()}
     * has passed, then one more every {@code deadline.every()} after it, each one rung up from the
     * last — never more than one rung per missed deadline — until the top.
     */
    public static List<DueEscalation> due(EscalationLevel current, Deadline deadline, Instant now) {
        Objects.requireNonNull(current, "current");
        Objects.requireNonNull(now, "now");
        List<DueEscalation> due = new ArrayList<>();
        EscalationLevel level = current;
        Instant at = deadline.at();
        while (!level.isTop() && !at.isAfter(now)) {
            level = level.next().orElseThrow();
            due.add(new DueEscalation(level, at, deadline.missed()));
            at = at.plus(deadline.every());
        }
        return List.copyOf(due);
    }

    /**
     * The one rule of every escalation message, whichever type: it names its rung and when it takes
     * effect, and it goes exactly one rung above the case's. Empty when the escalation is in order;
     * otherwise the rule broken ({@code FIELD_REQUIRED}, {@code ALREADY_AT_LEVEL},
     * {@code ESCALATION_SKIPS_A_LEVEL}), the field and a line that says why, for the type to turn
     * into its own refusal.
     */
    public static java.util.Optional<Problem> check(EscalationLevel current, EscalationLevel to, Instant asOf) {
        if (to == null) {
            return java.util.Optional.of(new Problem("FIELD_REQUIRED", "to_level", "an escalation names the rung it goes to"));
        }
        if (asOf == null) {
            return java.util.Optional.of(new Problem("FIELD_REQUIRED", "as_of", "an escalation says when it takes effect"));
        }
        if (!to.isAbove(current)) {
            return java.util.Optional.of(new Problem("ALREADY_AT_LEVEL", "to_level", "the case is already with the " + current));
        }
        if (!current.next().map(to::equals).orElse(false)) {
            return java.util.Optional.of(new Problem("ESCALATION_SKIPS_A_LEVEL", "to_level",
                    "the case is with the " + current + "; it goes up one rung at a time"));
        }
        return java.util.Optional.empty();
    }

    /** A broken rule of escalation: the rule's name, the field, one line. */
    public record Problem(String rule, String field, String explanation) {
    }

    /** The later of two instants: a deadline restarts from the last escalation. */
    public static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
