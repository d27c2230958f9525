package org.concord.hotline;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Marks a hotline message as the test call of a {@link ScheduledTest} for one slot.
 *
 * @param schedule the schedule's name, e.g. {@code weekly-dgmo-call}
 * @param slot the scheduled instant the call is for
 * @param answerWithin how long the answerer has after the slot (or after the sending, if later), as the
 *        schedule says; carried in the message so that both nodes fold the same deadline from it. Null in
 *        a test call of a node that did not send it (its deadline is then the priority's)
 */
public record TestSlot(String schedule, Instant slot, Duration answerWithin) {
    public TestSlot {
        Objects.requireNonNull(schedule, "schedule");
        Objects.requireNonNull(slot, "slot");
        if (answerWithin != null && (answerWithin.compareTo(WeeklyTestCall.MIN_TOLERANCE) < 0
                || answerWithin.compareTo(WeeklyTestCall.MAX_TOLERANCE) > 0)) {
            throw new IllegalArgumentException("a test call is answered within 1 min to 24 h, not " + answerWithin);
        }
    }

    /** A slot without the time to answer it. */
    public TestSlot(String schedule, Instant slot) {
        this(schedule, slot, null);
    }

    /** Whether this is the test call of {@code schedule}'s {@code slot}. */
    public boolean isOf(String schedule, Instant slot) {
        return this.schedule.equals(schedule) && this.slot.equals(slot);
    }

    /** When a test call sent at {@code sentAt} must be acknowledged: the slot or the sending, if later, plus the time to answer. */
    public Optional<Instant> answerBy(Instant sentAt) {
        return Optional.ofNullable(answerWithin).map(within -> (sentAt.isAfter(slot) ? sentAt : slot).plus(within));
    }
}
