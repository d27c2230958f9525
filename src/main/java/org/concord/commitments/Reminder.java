package org.concord.commitments;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

import org.concord.workflow.StixId;

/**
 * A reminder that a commitment falls due: a local notice to the officers of both sides, not a
 * message between the nodes.
 *
 * @param commitmentId which commitment
 * @param at when the reminder is due
 * @param before how long before the due date
 */
public record Reminder(StixId commitmentId, Instant at, Duration before) {
    public Reminder {
        Objects.requireNonNull(commitmentId, "commitmentId");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(before, "before");
    }
}
