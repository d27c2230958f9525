package org.concord.workflow;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

import org.concord.party.PartyCode;

/**
 * The deadline a case is running against, as a type's escalation policy states it: the same on both
 * nodes, because it is a function of the folded case only.
 *
 * @param missed what the awaited side owes, as the escalation message names it, e.g. {@code acknowledgement}
 * @param awaited the party that must act before {@code at}
 * @param at when the deadline falls; when it passes the case goes one rung up
 * @param every after a missed deadline, the next one falls this much later (from the missed one)
 * @param rule the deadline's rule in words, e.g. {@code acknowledgement within 1 h (URGENT request)}
 */
public record Deadline(String missed, PartyCode awaited, Instant at, Duration every, String rule) {

    public Deadline {
        Objects.requireNonNull(missed, "missed");
        Objects.requireNonNull(awaited, "awaited");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(rule, "rule");
        if (every == null || every.isNegative() || every.isZero()) {
            throw new IllegalArgumentException("a deadline period is positive: " + every);
        }
    }

    /** A deadline of {@code period} from {@code start}, then every {@code period} again. */
    public static Deadline after(String missed, PartyCode awaited, Instant start, Duration period, String rule) {
        return new Deadline(missed, awaited, start.plus(period), period, rule);
    }
}
