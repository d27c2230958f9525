package org.concord.node;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Collection;

/**
 * The size and range limits every input is held to, and the checks that enforce them with an
 * {@link InvalidInput} naming the field (as the caller spelt it) and the limit. One place, so that
 * the REST API, the partner's messages and the documentation (docs/security-issue9/inputs.md,
 * docs/workflow.md, docs/deconfliction.md) agree.
 *
 * <ul>
 * <li>free text (a hotline message, what happened, findings, an answer): at most {@value #TEXT}
 * characters; a name, post, title, reference or short label: at most {@value #NAME};</li>
 * <li>a list (targets, evidence, claims, markings): at most {@value #ITEMS} entries;</li>
 * <li>no control characters (U+0000..U+001F, U+007F..U+009F) except tab, line feed and carriage
 * return in free text, none at all in names: a NUL cannot be stored in PostgreSQL text, and the
 * others only hide what a text says;</li>
 * <li>dates from {@link #EARLIEST} (1970-01-01) on; a date in the future (a due date, an
 * operation's window) at most {@link #FUTURE} (10 years) ahead; a date that has happened (an
 * incident, an observation) at most {@link #CLOCK_SKEW} (5 minutes) ahead of this node's clock;
 * and, for anything read from a partner or from storage, where this node's clock does not judge,
 * before {@link #LATEST} (2200-01-01).</li>
 * </ul>
 */
public final class Limits {

    /** Characters of free text. */
    public static final int TEXT = 10_000;
    /** Characters of a name, post, title, reference or label. */
    public static final int NAME = 200;
    /** Entries of a list. */
    public static final int ITEMS = 100;
    /** No date before this. */
    public static final Instant EARLIEST = Instant.parse("1970-01-01T00:00:00Z");
    /** No date at or after this, whatever the clock says: the bound on what a partner sends. */
    public static final Instant LATEST = Instant.parse("2200-01-01T00:00:00Z");
    /** How far ahead a date to come (a due date, a window) may lie. */
    public static final Duration FUTURE = Duration.ofDays(3653);
    /** How far ahead of this node's clock a date that has already happened may lie. */
    public static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

    private Limits() {
    }

    /** Free text of at most {@code max} characters; tab, line feed and carriage return allowed. Null passes. */
    public static String text(String field, String value, int max) {
        return check(field, value, max, true);
    }

    /** Free text of at most {@value #TEXT} characters. */
    public static String text(String field, String value) {
        return text(field, value, TEXT);
    }

    /** A name, post, reference or label: at most {@value #NAME} characters on one line. Null passes. */
    public static String name(String field, String value) {
        return check(field, value, NAME, false);
    }

    /** At most {@value #ITEMS} entries. Null passes. */
    public static <C extends Collection<?>> C items(String field, C values) {
        return items(field, values, ITEMS);
    }

    /** At most {@code max} entries. Null passes. */
    public static <C extends Collection<?>> C items(String field, C values, int max) {
        if (values != null && values.size() > max) {
            throw new InvalidInput(field, "max-items", "has " + values.size() + " entries; at most " + max + " are allowed");
        }
        return values;
    }

    /** A number asked for, such as a page's {@code limit}: from 1 to {@code max}, else 400 naming the field, rule {@code range}. */
    public static int range(String field, int value, int max) {
        if (value < 1 || value > max) {
            throw new InvalidInput(field, "range", "must be from 1 to " + max + ", got " + value);
        }
        return value;
    }

    /** The first control character of {@code value} other than those {@code multiline} allows, or -1. */
    public static int controlCharacter(String value, boolean multiline) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean control = c < 0x20 || (c >= 0x7f && c <= 0x9f);
            if (control && !(multiline && (c == '\t' || c == '\n' || c == '\r'))) {
                return i;
            }
        }
        return -1;
    }

    /** Refuses a control character (none allowed, not even a line break) in a query parameter or filter. */
    public static String parameter(String field, String value, int max) {
        return check(field, value, max, false);
    }

    private static String check(String field, String value, int max, boolean multiline) {
        if (value == null) {
            return null;
        }
        if (value.length() > max && value.codePointCount(0, value.length()) > max) {
            throw new InvalidInput(field, "max-length", "is " + value.codePointCount(0, value.length())
                    + " characters long; at most " + max + " are allowed");
        }
        int at = controlCharacter(value, multiline);
        if (at >= 0) {
            throw new InvalidInput(field, "no-control-characters", String.format(
                    "contains the control character U+%04X at position %d; %s", (int) value.charAt(at), at,
                    multiline ? "only tab, line feed and carriage return are allowed" : "none are allowed here"));
        }
        return value;
    }

    /** Parses an RFC 3339 UTC time (e.g. 2026-02-01T06:00:00Z) and holds it to [{@link #EARLIEST}, {@link #LATEST}). */
    public static Instant instant(String field, String value) {
        Instant at;
        try {
            at = Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new InvalidInput(field, "date-time", "'" + value + "' is not an RFC 3339 UTC time such as 2026-02-01T06:00:00Z");
        }
        return within(field, at);
    }

    /** Holds {@code at} to [{@link #EARLIEST}, {@link #LATEST}), the range judged without a clock. Null passes. */
    public static Instant within(String field, Instant at) {
        if (at != null && (at.isBefore(EARLIEST) || !at.isBefore(LATEST))) {
            throw new InvalidInput(field, "date-range", at + " is outside the dates accepted, from " + EARLIEST + " to before " + LATEST);
        }
        return at;
    }

    /** A date to come (a due date, a window): from {@link #EARLIEST} to {@code now} + {@link #FUTURE}. Null passes. */
    public static Instant upcoming(String field, Instant at, Instant now) {
        within(field, at);
        Instant latest = now.plus(FUTURE);
        if (at != null && at.isAfter(latest)) {
            throw new InvalidInput(field, "date-range", at + " is more than 10 years ahead; the latest date accepted now is " + latest);
        }
        return at;
    }

    /** A date that has happened (an incident, an observation): from {@link #EARLIEST} to {@code now} + {@link #CLOCK_SKEW}. */
    public static Instant happened(String field, Instant at, Instant now) {
        within(field, at);
        Instant latest = now.plus(CLOCK_SKEW);
        if (at != null && at.isAfter(latest)) {
            throw new InvalidInput(field, "not-in-the-future", at + " is in the future; a time that has happened may be at most "
                    + CLOCK_SKEW.toMinutes() + " minutes (clock skew) ahead of this node's clock, " + now);
        }
        return at;
    }
}
