package org.concord.commitments;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.concord.party.PartyCode;

import org.concord.workflow.Deadline;
import org.concord.workflow.DueEscalation;
import org.concord.workflow.Durations;
import org.concord.workflow.EscalationClock;

/**
 * Reminders before a commitment's due date and escalation once it is overdue, for agreed and not
 * yet fulfilled commitments.
 *
 * <p>By default reminders go out 7 days, 1 day and 2 hours before the due date; the first
 * escalation comes at the due date itself (no grace), then one rung every 24 hours until both
 * sides attest or the top of the ladder is reached.
 *
 * <p>A commitment agreed so close to its due date that every configured reminder would fall before
 * the agreement (due within 2 hours, by default) is still reminded of once: at half the time from
 * the agreement to the due date (agreed 1 h before it is due: reminded 30 min before). A reminder
 * that would fall before the agreement is not given late; the reminders still to come are given as
 * configured.
 *
 * @param remindBefore how long before the due date to remind; positive
 * @param grace how long after the due date the first escalation waits; zero or more
 * @param escalateEvery the period between escalations once overdue; positive
 */
public record ReminderPolicy(List<Duration> remindBefore, Duration grace, Duration escalateEvery) {

    public static final String OVERDUE = "due date";

    public ReminderPolicy {
        remindBefore = remindBefore.stream().sorted(Comparator.reverseOrder()).toList();
        for (Duration d : remindBefore) {
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("a reminder comes before the due date: " + d);
            }
        }
        Objects.requireNonNull(grace, "grace");
        if (grace.isNegative()) {
            throw new IllegalArgumentException("grace cannot be negative: " + grace);
        }
        if (escalateEvery == null || escalateEvery.isNegative() || escalateEvery.isZero()) {
            throw new IllegalArgumentException("escalateEvery must be positive: " + escalateEvery);
        }
    }

    public static ReminderPolicy defaults() {
        return new ReminderPolicy(List.of(Duration.ofDays(7), Duration.ofDays(1), Duration.ofHours(2)),
                Duration.ZERO, Duration.ofHours(24));
    }

    /**
     * The reminders due after {@code after} and no later than {@code upTo}: a scheduler passes
     * the end of its last run as {@code after}, so each reminder is given once. None for a
     * proposed or fulfilled commitment.
     */
    public List<Reminder> reminders(CommitmentCase state, Instant after, Instant upTo) {
        if (!(state instanceof Agreed)) {
            return List.of();
        }
        List<Reminder> due = new ArrayList<>();
        for (Reminder reminder : schedule((Agreed) state)) {
            if (reminder.at().isAfter(after) && !reminder.at().isAfter(upTo)) {
                due.add(reminder);
            }
        }
        return due;
    }

    /**
     * Every reminder of an agreed commitment, earliest first: those of {@link #remindBefore} that
     * fall after the agreement; when none does, one at half the time from the agreement to the due
     * date (none when it was agreed at or after its due date: it is overdue, and escalates).
     */
    public List<Reminder> schedule(Agreed agreed) {
        Instant dueBy = agreed.file().commitment().dueBy();
        List<Reminder> all = new ArrayList<>();
        for (Duration before : remindBefore) {
            Instant at = dueBy.minus(before);
            if (at.isAfter(agreed.agreedAt())) {
                all.add(new Reminder(agreed.file().commitmentId(), at, before));
            }
        }
        Duration left = Duration.between(agreed.agreedAt(), dueBy);
        if (all.isEmpty() && left.compareTo(Duration.ofMillis(2)) >= 0) {
            Duration before = Duration.ofMillis(left.toMillis() / 2);
            all.add(new Reminder(agreed.file().commitmentId(), dueBy.minus(before), before));
        }
        return all;
    }

    /**
     * The deadline of an agreed commitment: its due date (plus the grace), then one rung every
     * {@code escalateEvery}, counted from the last escalation once there was one. Empty for a
     * proposed, fulfilled or withdrawn commitment. The owner is awaited until it attests, then the
     * other side.
     */
    public Optional<Deadline> deadline(CommitmentCase state) {
        if (!(state instanceof Agreed agreed)) {
            return Optional.empty();
        }
        CommitmentFile file = state.file();
        Instant first = file.commitment().dueBy().plus(grace);
        Instant last = file.lastEscalation().orElse(Instant.MIN);
        Instant at = !last.isBefore(first) ? last.plus(escalateEvery) : first;
        PartyCode owner = file.commitment().owner();
        PartyCode awaited = agreed.attestedBy(owner) ? (owner.equals(file.proposer()) ? file.counterpart() : file.proposer()) : owner;
        return Optional.of(new Deadline(OVERDUE, awaited, at, escalateEvery, "fulfilment, attested by both sides, by the due date "
                + file.commitment().dueBy() + (grace.isZero() ? "" : " plus " + Durations.readable(grace))
                + "; then one rung every " + Durations.readable(escalateEvery)));
    }

    /**
     * The escalations due by {@code now} for an agreed commitment that is overdue; each with the
     * instant it fell due, to be carried in the escalation message.
     */
    public List<DueEscalation> due(CommitmentCase state, Instant now) {
        return deadline(state).map(d -> EscalationClock.due(state.file().level(), d, now)).orElse(List.of());
    }

    public List<DueEscalation> due(CommitmentCase state, Clock clock) {
        return due(state, clock.instant());
    }
}
