package org.concord.hotline;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.concord.party.PartyCode;

/**
 * A scheduled test of the line — the weekly DGMO call, the hourly test message of the
 * Moscow–Washington link — as a named policy: from {@code firstSlot}, every {@code every}, the
 * {@code caller} sends a test call and the {@code answerer} must acknowledge it within
 * {@code answerWithin} of the slot (or of the sending, if that was later).
 *
 * @param name the schedule's name, carried in each test call's {@link TestSlot}
 * @param caller the party that calls
 * @param answerer the party that must answer
 * @param firstSlot the first scheduled call
 * @param every the interval between calls
 * @param answerWithin how long the answerer has
 * @param zone when set (and {@code every} is whole days), slots keep their local time in this zone
 *        across daylight-saving changes: "every Tuesday at 11:00 in Tehran"; null: fixed UTC steps
 */
public record ScheduledTest(String name, PartyCode caller, PartyCode answerer, Instant firstSlot, Duration every,
        Duration answerWithin, ZoneId zone) {

    /** A schedule on UTC's clock: every slot exactly {@code every} after the one before. */
    public ScheduledTest(String name, PartyCode caller, PartyCode answerer, Instant firstSlot, Duration every,
            Duration answerWithin) {
        this(name, caller, answerer, firstSlot, every, answerWithin, null);
    }

    public ScheduledTest {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a scheduled test has a name");
        }
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(answerer, "answerer");
        if (caller.equals(answerer)) {
            throw new IllegalArgumentException("a test call goes to the other side");
        }
        Objects.requireNonNull(firstSlot, "firstSlot");
        positive(every, "every");
        positive(answerWithin, "answerWithin");
        if (answerWithin.compareTo(every) > 0) {
            throw new IllegalArgumentException("the answer window must end before the next slot");
        }
    }

    /** The weekly call between the directors general of military operations: answered within 30 min. */
    public static ScheduledTest weeklyDgmoCall(PartyCode caller, PartyCode answerer, Instant firstSlot) {
        return new ScheduledTest("weekly-dgmo-call", caller, answerer, firstSlot, Duration.ofDays(7),
                Duration.ofMinutes(30));
    }

    /** The hourly test message: answered within 5 min. */
    public static ScheduledTest hourlyTest(PartyCode caller, PartyCode answerer, Instant firstSlot) {
        return new ScheduledTest("hourly-test", caller, answerer, firstSlot, Duration.ofHours(1),
                Duration.ofMinutes(5));
    }

    /** The slots in {@code [from, to]}. */
    public List<Instant> slotsBetween(Instant from, Instant to) {
        List<Instant> slots = new ArrayList<>();
        long skip = from.isAfter(firstSlot) ? Duration.between(firstSlot, from).dividedBy(every) : 0;
        // a local-time schedule may sit an hour off the fixed step: start one step early
        for (long n = Math.max(0, skip - 1); ; n++) {
            Instant slot = slot(n);
            if (slot.isAfter(to)) {
                break;
            }
            if (!slot.isBefore(from)) {
                slots.add(slot);
            }
        }
        return slots;
    }

    /** The {@code n}th slot, from 0. */
    private Instant slot(long n) {
        if (zone != null && every.toSeconds() % 86_400 == 0 && every.toNanosPart() == 0) {
            return firstSlot.atZone(zone).plusDays(every.toDays() * n).toInstant();
        }
        return firstSlot.plus(every.multipliedBy(n));
    }

    /**
     * The alarms for slots from {@code since} whose answer window has closed by {@code now}: the
     * test was not sent, or it was sent and not acknowledged in time. A pure function; the caller
     * remembers which alarms it has raised.
     *
     * @param calls the hotline calls of this node (any; only this schedule's test calls count)
     */
    public List<TestAlarm> alarms(Collection<HotlineCall> calls, Instant since, Instant now) {
        List<TestAlarm> alarms = new ArrayList<>();
        for (Instant slot : slotsBetween(since, now)) {
            Optional<HotlineCall> call = calls.stream()
                    .filter(c -> c.file().message().testSlot().filter(t -> t.isOf(name, slot)).isPresent())
                    .filter(c -> c.file().caller().equals(caller) && c.file().addressee().equals(answerer))
                    .findFirst();
            Instant windowCloses = slot.plus(answerWithin);
            if (call.isEmpty()) {
                if (!windowCloses.isAfter(now)) {
                    alarms.add(new TestAlarm(name, slot, windowCloses, TestAlarm.Reason.NOT_SENT, caller));
                }
                continue;
            }
            Instant sent = call.get().file().message().sentAt();
            Instant deadline = (sent.isAfter(slot) ? sent : slot).plus(answerWithin);
            boolean answered = call.get() instanceof Acknowledged a && !a.acknowledgedAt().isAfter(deadline);
            if (!answered && !deadline.isAfter(now)) {
                alarms.add(new TestAlarm(name, slot, deadline, TestAlarm.Reason.UNANSWERED, answerer));
            }
        }
        return alarms;
    }

    private static void positive(Duration d, String name) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive: " + d);
        }
    }
}
