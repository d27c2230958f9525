package org.concord.hotline;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.Objects;

/**
 * The weekly test call as the officers agree it: every {@code day} at {@code time} in {@code zone},
 * {@code caller}'s side calls {@code answerer}'s, who must acknowledge within {@code tolerance}.
 * Both sides set the same schedule on their own node: the caller's node sends the test call, and
 * either node raises the alarm when a slot goes unsent or unanswered.
 *
 * @param day the day of the week, in {@code zone}
 * @param time the local time of the call, in {@code zone}
 * @param zone the time zone the day and time are read in (it follows daylight-saving changes)
 * @param tolerance how long the answerer has after the slot (or after the sending, if later)
 * @param caller the official who calls
 * @param answerer the official who answers, of the other side
 */
public record WeeklyTestCall(DayOfWeek day, LocalTime time, ZoneId zone, Duration tolerance, Official caller, Official answerer) {

    /** The name every weekly test call carries in its {@link TestSlot}; the same on both nodes, as slots must match. */
    public static final String NAME = "weekly-dgmo-call";
    public static final Duration DEFAULT_TOLERANCE = Duration.ofMinutes(30);
    public static final Duration MIN_TOLERANCE = Duration.ofMinutes(1);
    public static final Duration MAX_TOLERANCE = Duration.ofHours(24);

    public WeeklyTestCall {
        Objects.requireNonNull(day, "day");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(tolerance, "tolerance");
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(answerer, "answerer");
        if (tolerance.compareTo(MIN_TOLERANCE) < 0 || tolerance.compareTo(MAX_TOLERANCE) > 0) {
            throw new IllegalArgumentException("the tolerance is from 1 min to 24 h: " + tolerance);
        }
        if (caller.party().equals(answerer.party())) {
            throw new IllegalArgumentException("a test call goes to the other side");
        }
    }

    /** The first slot at or after {@code from}: the next {@code day} at {@code time} in {@code zone}. */
    public Instant firstSlotFrom(Instant from) {
        ZonedDateTime local = from.atZone(zone);
        ZonedDateTime slot = local.with(TemporalAdjusters.nextOrSame(day)).with(time).withSecond(time.getSecond()).withNano(0);
        if (slot.toInstant().isBefore(from)) {
            slot = local.with(TemporalAdjusters.next(day)).with(time).withNano(0);
        }
        return slot.toInstant();
    }

    /** The schedule that runs from the first slot at or after {@code from}. */
    public ScheduledTest schedule(Instant from) {
        return new ScheduledTest(NAME, caller.party(), answerer.party(), firstSlotFrom(from), Duration.ofDays(7), tolerance, zone);
    }
}
