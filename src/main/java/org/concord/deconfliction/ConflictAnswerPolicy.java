package org.concord.deconfliction;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

import org.concord.hotline.Priority;

/**
 * How long the partner has to acknowledge or object to a conflict its notices or protected sites
 * have with a notice: the rule {@code conflict-answer-deadline}. The deadline runs from the
 * notice's sending (its STIX {@code modified}), which both nodes hold alike, so both compute the
 * same deadline.
 *
 * <p>The conflict is given a hotline {@link Priority} by how soon the operation starts after the
 * notice was sent, and each priority the answer period of #5's deadlines (the hotline's
 * acknowledgement deadlines, which are also the requests' acknowledgement deadlines by urgency):
 *
 * <table>
 *   <caption>defaults</caption>
 *   <tr><th>the window opens after the sending within</th><th>priority</th><th>answer within</th></tr>
 *   <tr><td>24 h ({@code flashWithin})</td><td>FLASH</td><td>10 min</td></tr>
 *   <tr><td>72 h ({@code priorityWithin}, the minimum notice)</td><td>PRIORITY</td><td>1 h</td></tr>
 *   <tr><td>later</td><td>ROUTINE</td><td>24 h</td></tr>
 * </table>
 *
 * @param answerWithin   per priority, how long the partner has; every priority present and positive
 * @param flashWithin    an operation opening this soon after the sending makes the conflict FLASH
 * @param priorityWithin this soon, PRIORITY; any later, ROUTINE; not shorter than {@code flashWithin}
 */
public record ConflictAnswerPolicy(Map<Priority, Duration> answerWithin, Duration flashWithin, Duration priorityWithin) {

    public static final String NAME = "conflict-answer-deadline";

    public ConflictAnswerPolicy {
        EnumMap<Priority, Duration> copy = new EnumMap<>(Priority.class);
        copy.putAll(Objects.requireNonNull(answerWithin, "answerWithin"));
        for (Priority p : Priority.values()) {
            Duration d = copy.get(p);
            if (d == null || d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("the answer period for " + p + " must be positive: " + d);
            }
        }
        answerWithin = Map.copyOf(copy);
        Objects.requireNonNull(flashWithin, "flashWithin");
        Objects.requireNonNull(priorityWithin, "priorityWithin");
        if (flashWithin.isNegative() || priorityWithin.compareTo(flashWithin) < 0) {
            throw new IllegalArgumentException("need 0 <= flashWithin <= priorityWithin, got " + flashWithin + ", " + priorityWithin);
        }
    }

    public static ConflictAnswerPolicy defaults() {
        return new ConflictAnswerPolicy(Map.of(Priority.ROUTINE, Duration.ofHours(24), Priority.PRIORITY, Duration.ofHours(1),
                Priority.FLASH, Duration.ofMinutes(10)), Duration.ofHours(24), Duration.ofHours(72));
    }

    /** This policy with another answer period for one priority. */
    public ConflictAnswerPolicy with(Priority priority, Duration within) {
        Map<Priority, Duration> changed = new EnumMap<>(answerWithin);
        changed.put(Objects.requireNonNull(priority, "priority"), within);
        return new ConflictAnswerPolicy(changed, flashWithin, priorityWithin);
    }

    /** This policy with other thresholds between FLASH, PRIORITY and ROUTINE. */
    public ConflictAnswerPolicy withThresholds(Duration flash, Duration priority) {
        return new ConflictAnswerPolicy(answerWithin, flash, priority);
    }

    public Priority priority(Instant noticeSentAt, Instant windowStart) {
        Duration ahead = Duration.between(noticeSentAt, windowStart);
        if (ahead.compareTo(flashWithin) <= 0) {
            return Priority.FLASH;
        }
        return ahead.compareTo(priorityWithin) <= 0 ? Priority.PRIORITY : Priority.ROUTINE;
    }

    /** The answer is due by then. */
    public Instant deadline(Instant noticeSentAt, Instant windowStart) {
        return noticeSentAt.plus(answerWithin.get(priority(noticeSentAt, windowStart)));
    }

    /** A conflict just flagged: open, awaiting {@code answeringParty}'s answer by the deadline. */
    public ConflictStanding.Awaiting open(ConflictId id, org.concord.party.PartyCode answeringParty, Instant noticeSentAt,
            Instant windowStart) {
        return new ConflictStanding.Awaiting(id, answeringParty, priority(noticeSentAt, windowStart),
                deadline(noticeSentAt, windowStart));
    }
}
