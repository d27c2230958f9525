package org.concord.workflow;

import java.time.Instant;
import java.util.Objects;

/**
 * An escalation that a missed deadline makes due.
 *
 * @param to the rung the case goes to
 * @param dueAt the deadline that was missed; the escalation message carries it, so that the next
 *     deadline is counted from it whenever the message is actually sent
 * @param missed the name of the deadline that was missed, e.g. {@code acknowledgement}
 */
public record DueEscalation(EscalationLevel to, Instant dueAt, String missed) {
    public DueEscalation {
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(dueAt, "dueAt");
        Objects.requireNonNull(missed, "missed");
    }

    /** Why the case goes up, as every escalation message says it: e.g. {@code no acknowledgement by 2026-12-02T10:00:00Z}. */
    public String reason() {
        return "no " + missed + " by " + dueAt;
    }
}
