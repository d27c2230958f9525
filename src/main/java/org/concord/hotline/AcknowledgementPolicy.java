package org.concord.hotline;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.concord.workflow.Deadline;
import org.concord.workflow.DueEscalation;
import org.concord.workflow.Durations;
import org.concord.workflow.EscalationClock;

/**
 * How long the other side has to acknowledge a hotline message, by priority, and the escalations
 * a missed deadline makes due. Defaults: ROUTINE 24 h, PRIORITY 1 h, FLASH 10 min. The deadline
 * runs from the sending, and afresh from each escalation; an acknowledged call has none. A scheduled
 * test call that carries its time to answer ({@link TestSlot#answerWithin}) is first due as its
 * schedule says, when its test alarm also falls, and escalated then.
 */
public final class AcknowledgementPolicy {

    public static final String ACKNOWLEDGEMENT = "acknowledgement";

    private final Map<Priority, Duration> periods;

    private AcknowledgementPolicy(Map<Priority, Duration> periods) {
        EnumMap<Priority, Duration> copy = new EnumMap<>(Priority.class);
        copy.putAll(periods);
        for (Priority priority : Priority.values()) {
            Duration d = copy.get(priority);
            if (d == null || d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("the deadline for " + priority + " must be positive: " + d);
            }
        }
        this.periods = copy;
    }

    public static AcknowledgementPolicy defaults() {
        return new AcknowledgementPolicy(Map.of(Priority.ROUTINE, Duration.ofHours(24),
                Priority.PRIORITY, Duration.ofHours(1), Priority.FLASH, Duration.ofMinutes(10)));
    }

    /** This policy with another deadline for one priority. */
    public AcknowledgementPolicy with(Priority priority, Duration within) {
        Map<Priority, Duration> changed = new EnumMap<>(periods);
        changed.put(Objects.requireNonNull(priority, "priority"), within);
        return new AcknowledgementPolicy(changed);
    }

    public Duration deadline(Priority priority) {
        return periods.get(priority);
    }

    /** The acknowledgement deadline of an unacknowledged call, restarted by the last escalation; empty once answered or withdrawn. */
    public Optional<Deadline> deadline(HotlineCall call) {
        if (!(call instanceof Unacknowledged)) {
            return Optional.empty();
        }
        CallFile file = call.file();
        Instant start = EscalationClock.later(file.message().sentAt(), file.lastEscalation().orElse(file.message().sentAt()));
        Priority priority = file.message().priority();
        Duration within = deadline(priority);
        // a scheduled test call is due as its schedule says (the time to answer it travels in the message), not a day later
        Optional<Instant> testDue = file.lastEscalation().isEmpty()
                ? file.message().testSlot().flatMap(t -> t.answerBy(file.message().sentAt())) : Optional.empty();
        if (testDue.isPresent()) {
            TestSlot slot = file.message().testSlot().orElseThrow();
            return Optional.of(new Deadline(ACKNOWLEDGEMENT, file.addressee(), testDue.get(), within, "acknowledgement within "
                    + Durations.readable(slot.answerWithin()) + " of the test slot " + slot.schedule() + " (or of the call, if later),"
                    + " then within " + Durations.readable(within) + " of each escalation"));
        }
        return Optional.of(Deadline.after(ACKNOWLEDGEMENT, file.addressee(), start, within,
                "acknowledgement within " + Durations.readable(within) + " of a " + priority + " call or its last escalation"));
    }

    /** The escalations due by {@code now}; empty once acknowledged. */
    public List<DueEscalation> due(HotlineCall call, Instant now) {
        return deadline(call).map(d -> EscalationClock.due(call.file().level(), d, now)).orElse(List.of());
    }

    public List<DueEscalation> due(HotlineCall call, Clock clock) {
        return due(call, clock.instant());
    }

    /** The deadline per priority, e.g. for the case index's record of the policy in force. */
    @Override
    public String toString() {
        return "AcknowledgementPolicy" + periods;
    }
}
