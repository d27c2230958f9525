package org.concord.hotline;

import java.time.Instant;
import java.util.Objects;

/**
 * Marks a hotline message as the test call of a {@link ScheduledTest} for one slot.
 *
 * @param schedule the schedule's name, e.g. {@code weekly-dgmo-call}
 * @param slot the scheduled instant the call is for
 */
public record TestSlot(String schedule, Instant slot) {
    public TestSlot {
        Objects.requireNonNull(schedule, "schedule");
        Objects.requireNonNull(slot, "slot");
    }
}
