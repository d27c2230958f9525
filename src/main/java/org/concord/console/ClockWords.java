package org.concord.console;

import java.time.Duration;
import java.util.Locale;

import org.concord.exchange.PartnerClock;
import org.concord.workflow.Durations;

/** A partner's clock as the desk and the admin page say it ({@link PartnerClock}): one wording for both. */
final class ClockWords {

    private ClockWords() {
    }

    /** The offset in words: 6 min 2 s ahead of this node's, 1.4 s behind this node's, in step with this node's. */
    static String offset(PartnerClock clock) {
        Duration d = clock.offset().abs();
        if (d.compareTo(clock.error()) <= 0 || d.toMillis() < 100) {
            return "in step with this node's";
        }
        String amount = d.compareTo(Duration.ofMinutes(1)) < 0 ? String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0)
                : Durations.readable(Duration.ofSeconds(Math.round(d.toMillis() / 1000.0)));
        return amount + (clock.offset().isNegative() ? " behind" : " ahead of") + " this node's";
    }

    /** How well it is known and when it was read: within 0.1 s, read 2026-12-07 19:10 UTC. */
    static String precision(PartnerClock clock) {
        return String.format(Locale.ROOT, "within %.1f s, read %s", Math.max(0.1, clock.error().toMillis() / 1000.0),
                Alarms.SHOWN.format(clock.readAt()));
    }

    /** The desk's sentence for a clock out of step; null when in step. */
    static String alarm(String partner, PartnerClock clock) {
        String ahead = Durations.readable(PartnerClock.REFUSED_AHEAD);
        String head = partner + "'s clock is " + offset(clock) + " (" + precision(clock) + "). ";
        String fix = " Have both nodes' time synchronised (NTP) and check the clock of the node that is wrong.";
        return switch (clock.state()) {
            case PARTNER_AHEAD -> head + "This node refuses " + partner + "'s requests, calls and other case messages as dated more than "
                    + ahead + " ahead of its clock, so they do not arrive." + fix;
            case PARTNER_BEHIND -> head + partner + " refuses this node's requests, calls and other case messages as dated more than "
                    + ahead + " ahead of its clock, so they do not arrive." + fix;
            case DIFFERS -> head + "Deadlines each side shows are shifted by as much; at " + ahead + " one side's case messages will be "
                    + "refused." + fix;
            case IN_STEP -> null;
        };
    }
}
