package org.concord.exchange;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;

/**
 * How far a partner's clock stood from this node's when the partner probe last asked its node: {@code offset} is the
 * partner's time minus ours (positive: the partner's clock is ahead), known within {@code error}, read at {@code readAt}
 * (this node's time).
 *
 * <p>Read from the {@link #HEADER} every node puts on every response (its own clock, to the millisecond), else from the
 * response's standard {@code Date} (a second's resolution; a node of an earlier version has only that). The partner's
 * time is taken to be the middle of the exchange: {@code offset = theirs - (sent + received) / 2}, within half the round
 * trip (and half a second more from {@code Date}).
 *
 * <p>It matters because both nodes read the time a partner's message states: an answer's deadline runs from it, and the
 * inbox refuses a case message dated more than {@link #REFUSED_AHEAD} ahead of the receiver's clock. So a partner's clock
 * that runs more than that ahead of ours makes this node refuse the partner's case messages, and one that runs behind
 * makes the partner refuse ours; a smaller difference shifts every deadline each side shows. The reading decides nothing
 * (a partner states its own time and could mislead it): it tells the operators before the refusals do.
 */
public record PartnerClock(Duration offset, Duration error, Instant readAt) {

    /** The response header with the answering node's clock, an ISO-8601 instant ({@code 2026-12-07T19:10:02.123Z}). */
    public static final String HEADER = "X-Concord-Clock";

    /**
     * How far ahead of the receiver's clock a partner's case message may say it was sent (the inbox's rule
     * {@code not-ahead}, workflow's {@code WorkflowInboxCheck}): two nodes' clocks differ by seconds when both keep time.
     */
    public static final Duration REFUSED_AHEAD = Duration.ofMinutes(5);

    /** A difference the operators are told of, well before it reaches {@link #REFUSED_AHEAD}. */
    public static final Duration WARN = Duration.ofMinutes(1);

    /** Readings further apart than this (a header of the year 9999) are not taken as a clock. */
    private static final Duration NONSENSE = Duration.ofDays(36_500);

    /** How the two clocks stand, from this node's side. */
    public enum State {
        /** within {@link #WARN} of each other */
        IN_STEP,
        /** more than {@link #WARN} apart, less than {@link #REFUSED_AHEAD}: deadlines shift */
        DIFFERS,
        /** the partner's clock is more than {@link #REFUSED_AHEAD} ahead: this node refuses its case messages */
        PARTNER_AHEAD,
        /** the partner's clock is more than {@link #REFUSED_AHEAD} behind: the partner refuses this node's case messages */
        PARTNER_BEHIND
    }

    public PartnerClock {
        if (offset == null || error == null || readAt == null || error.isNegative()) {
            throw new IllegalArgumentException("a clock reading needs an offset, a non-negative error and a time");
        }
    }

    /**
     * The partner's clock from the headers of its answer ({@code headers} with lower-case names), the exchange sent at
     * {@code sent} and answered at {@code received} by this node's clock. Empty when the answer states no time this node
     * can read.
     */
    public static Optional<PartnerClock> fromHeaders(Map<String, String> headers, Instant sent, Instant received) {
        Duration roundTrip = Duration.between(sent, received);
        if (roundTrip.isNegative()) {
            roundTrip = Duration.ZERO;
        }
        Instant middle = sent.plus(roundTrip.dividedBy(2));
        Instant theirs = null;
        Duration resolution = Duration.ZERO;
        String stated = headers.get(HEADER.toLowerCase(java.util.Locale.ROOT));
        if (stated != null) {
            try {
                theirs = Instant.parse(stated.strip());
            } catch (DateTimeParseException e) {
                theirs = null;
            }
        }
        if (theirs == null && headers.get("date") != null) {
            try {
                // HTTP's Date has whole seconds: the partner's time was somewhere in the second it names
                theirs = ZonedDateTime.parse(headers.get("date").strip(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant()
                        .plusMillis(500);
                resolution = Duration.ofMillis(500);
            } catch (DateTimeParseException e) {
                theirs = null;
            }
        }
        if (theirs == null) {
            return Optional.empty();
        }
        Duration offset = Duration.between(middle, theirs);
        if (offset.abs().compareTo(NONSENSE) > 0) {
            return Optional.empty();
        }
        return Optional.of(new PartnerClock(offset, roundTrip.dividedBy(2).plus(resolution), received));
    }

    /** How the clocks stand; a difference counts only when it holds whatever the error. */
    public State state() {
        if (offset.minus(error).compareTo(REFUSED_AHEAD) > 0) {
            return State.PARTNER_AHEAD;
        }
        if (offset.negated().minus(error).compareTo(REFUSED_AHEAD) > 0) {
            return State.PARTNER_BEHIND;
        }
        if (offset.abs().minus(error).compareTo(WARN) > 0) {
            return State.DIFFERS;
        }
        return State.IN_STEP;
    }

    /**
     * What the clocks' difference does, for an operator ({@code partner}: the partner's code); null in step. The health
     * indicator's {@code effect} and the log's warning say it the same way.
     */
    public String effect(String partner) {
        return switch (state()) {
            case PARTNER_AHEAD -> partner + "'s clock is ahead of this node's by more than " + REFUSED_AHEAD.toMinutes()
                    + " min: this node refuses " + partner + "'s case messages as dated ahead (rule not-ahead)";
            case PARTNER_BEHIND -> partner + "'s clock is behind this node's by more than " + REFUSED_AHEAD.toMinutes()
                    + " min: " + partner + " refuses this node's case messages as dated ahead (rule not-ahead)";
            case DIFFERS -> "the clocks differ by more than " + WARN.toMinutes() + " min: deadlines each side shows are "
                    + "shifted by as much; at " + REFUSED_AHEAD.toMinutes() + " min one side's case messages are refused";
            case IN_STEP -> null;
        };
    }

    /** The offset in seconds, to the millisecond (positive: the partner's clock is ahead). */
    public double offsetSeconds() {
        return offset.toMillis() / 1000.0;
    }
}
