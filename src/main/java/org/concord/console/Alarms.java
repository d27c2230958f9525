package org.concord.console;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;

import org.concord.deconfliction.PartnersRules;
import org.concord.exchange.Outbox;
import org.concord.hotline.TestAlarm;
import org.concord.hotline.TestAlarms;
import org.concord.ledger.LedgerAlarms;
import org.concord.party.Partner;
import org.concord.party.Partners;
import org.concord.workflow.Durations;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The alarms at the top of the desk (docs/console.md, "Desk alarms"), each asked of the module that
 * owns it through its public API: the partner unreachable ({@link Outbox#contact}: its last contact
 * failed), the partner's clock apart from ours ({@link Outbox.Contact#clock}), messages not delivered for longer than {@code concord.exchange.outbox.max-age} or set
 * aside as poison ({@link Outbox#pending}, {@link Outbox#poisoned}), missed test calls
 * ({@link TestAlarms}), ledger inconsistencies ({@link LedgerAlarms}) and partners whose notices
 * are evaluated under other rules than ours ({@link PartnersRules}), and agreements on notice
 * rules signed by one side only ({@link org.concord.deconfliction.Agreements}). Each says what, since when
 * and where to look. A source that cannot be read is an alarm too, so the desk never hides one by
 * failing.
 */
@Component
class Alarms {

    /** The most ledger alarms the desk lists; the ledger page and {@code GET /ledger/alarms} have them all. */
    static final int LEDGER_SHOWN = 20;
    static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private final Partners partners;
    private final Outbox outbox;
    private final TestAlarms tests;
    private final LedgerAlarms ledger;
    private final Clock clock;
    private final Duration undeliveredAfter;
    private final PartnersRules rules;
    private final org.concord.deconfliction.Agreements agreements;

    Alarms(Partners partners, Outbox outbox, TestAlarms tests, LedgerAlarms ledger, Clock clock,
            @Value("${concord.exchange.outbox.max-age:PT15M}") Duration undeliveredAfter, PartnersRules rules,
            org.concord.deconfliction.Agreements agreements) {
        this.rules = rules;
        this.agreements = agreements;
        this.partners = partners;
        this.outbox = outbox;
        this.tests = tests;
        this.ledger = ledger;
        this.clock = clock;
        this.undeliveredAfter = undeliveredAfter;
    }

    /**
     * One alarm.
     *
     * @param kind {@code unreachable}, {@code clock}, {@code undelivered}, {@code poisoned}, {@code test-call}, {@code ledger}, {@code rules}, {@code agreement} or
     *     {@code unread} (its source could not be read)
     * @param what what is wrong, in a sentence
     * @param since when it began (null: not known)
     * @param sinceLabel how to read {@code since} ("last contact", "oldest queued", ...)
     * @param look where to look, as a page of the console
     * @param lookText what that page is called
     * @param api where the API shows it
     */
    record Alarm(String kind, String partner, String what, Instant since, String sinceLabel, String look, String lookText,
            String api) {

        /** {@code since} as the desk shows it. */
        public String sinceShown() {
            return since == null ? "never" : SHOWN.format(since);
        }
    }

    /** Every alarm standing now, the partner's link first, then the outbox, the test calls and the ledger. */
    List<Alarm> now() {
        List<Alarm> alarms = new ArrayList<>();
        List<Partner> paired = partners.all().stream().sorted(Comparator.comparing(p -> p.code().value())).toList();
        // the partner's link, read once for both of its alarms
        read("the partner's reachability and clock", alarms, out -> paired.forEach(p -> {
            Outbox.Contact contact = outbox.contact(p.code());
            reachability(p, contact, out);
            clock(p, contact, out);
        }));
        read("the outbox", alarms, out -> paired.forEach(p -> outbox(p, out)));
        read("the hotline's test calls", alarms, this::testCalls);
        read("the ledger's alarms", alarms, this::ledger);
        read("the partners' notice rules", alarms, this::rules);
        read("the agreements on notice rules", alarms, this::agreements);
        return alarms;
    }

    private void read(String what, List<Alarm> alarms, Consumer<List<Alarm>> reading) {
        List<Alarm> found = new ArrayList<>();
        try {
            reading.accept(found);
            alarms.addAll(found);
        } catch (RuntimeException e) {
            alarms.add(new Alarm("unread", null, "Could not read " + what + ": " + e.getMessage(), clock.instant(), "checked",
                    "/console/desk", "this desk, again shortly", "/actuator/health"));
        }
    }

    private void reachability(Partner partner, Outbox.Contact contact, List<Alarm> out) {
        if (!Boolean.FALSE.equals(contact.reachable())) {
            return;
        }
        String code = partner.code().value();
        out.add(new Alarm("unreachable", code, code + "'s node at " + partner.url() + " does not answer"
                + (contact.lastError() == null ? "" : " (" + contact.lastError() + ")")
                + (contact.failures() == 1 ? "; 1 delivery failed" : contact.failures() > 1 ? "; " + contact.failures()
                        + " deliveries failed in a row" : "") + ".",
                contact.lastContactAt(), "last successful contact", "/console/admin#partners", "Admin: partners",
                "/actuator/health/partners"));
    }

    /** The partner's clock, as the partner probe last read it, more than a minute from ours. */
    private void clock(Partner partner, Outbox.Contact contact, List<Alarm> out) {
        if (contact.clock() == null) {
            return;
        }
        String code = partner.code().value();
        String what = ClockWords.alarm(code, contact.clock());
        if (what != null) {
            out.add(new Alarm("clock", code, what, contact.clock().readAt(), "read", "/console/admin#partners", "Admin: partners",
                    "/actuator/health/partners"));
        }
    }

    private void outbox(Partner partner, List<Alarm> out) {
        String code = partner.code().value();
        Instant before = clock.instant().minus(undeliveredAfter);
        outbox.late(partner.code(), before).ifPresent(late -> out.add(new Alarm("undelivered", code, late.count()
                + (late.count() == 1 ? " message" : " messages") + " to " + code + " not delivered after "
                + Durations.readable(undeliveredAfter)
                + (late.oldest().lastError() == null ? "" : " (last error: " + late.oldest().lastError() + ")") + ".",
                late.oldest().enqueuedAt(), "oldest queued", "/console/admin#partners", "Admin: partners",
                "/api/exchange/outbox?partner=" + code)));
        for (Outbox.Message poisoned : outbox.poisoned(partner.code())) {
            out.add(new Alarm("poisoned", code, "Message " + poisoned.objectId() + " to " + code + " was set aside: it can never be "
                    + "delivered as it is (" + poisoned.poisonReason() + "). A person must send its content again and acknowledge it.",
                    poisoned.enqueuedAt(), "queued", "/console/admin#partners", "Admin: partners", "/api/exchange/outbox/alarms"));
        }
    }

    private void testCalls(List<Alarm> out) {
        for (TestAlarm alarm : tests.standing()) {
            String slot = SHOWN.format(alarm.slot());
            String what = alarm.reason() == TestAlarm.Reason.NOT_SENT
                    ? "The test call of " + slot + " (" + alarm.schedule() + ") was not sent by " + alarm.atFault().value() + "."
                    : "The test call of " + slot + " (" + alarm.schedule() + ") was not answered in time by " + alarm.atFault().value() + ".";
            out.add(new Alarm("test-call", alarm.atFault().value(), what, alarm.raisedAt(), "window closed", "/console/hotline",
                    "Hotline", "/api/hotline/alarms"));
        }
    }

    private void rules(List<Alarm> out) {
        for (PartnersRules.Differing d : rules.differing()) {
            String code = d.partner().value();
            out.add(new Alarm("rules", code, code + " evaluates its notices under other rules than ours for the pair (its latest, "
                    + d.noticeId() + "): theirs " + String.join("; ", d.theirs()) + ", ours " + String.join("; ", d.ours())
                    + ". Agree the rules with " + code + ": one side proposes an agreement and both sign it.",
                    d.since(), "latest notice", "/console/admin#notice-rules-title", "Admin: notice rules", "/api/deconfliction/alarms"));
        }
    }

    private void agreements(List<Alarm> out) {
        for (org.concord.deconfliction.Agreements.Agreement a : agreements.signedByOneSide()) {
            String code = a.partner().value();
            String what = a.state() == org.concord.deconfliction.Agreements.State.AWAITING_OUR_SIGNATURE
                    ? code + " proposed and signed notice rules (agreement " + a.version() + "), which no administrator here has "
                            + "signed: " + String.join("; ", a.terms()) + ". Until both sign, notices are evaluated under the rules in "
                            + "force; an administrator reads and signs it on the admin page."
                    : "The notice rules this node proposed to " + code + " (agreement " + a.version() + ") are signed by this side "
                            + "only: " + String.join("; ", a.terms()) + ". Until " + code + " signs, notices are evaluated under the "
                            + "rules in force.";
            out.add(new Alarm("agreement", code, what, a.proposedAt(), "proposed", "/console/admin#agreements-title",
                    "Admin: agreements", "/api/deconfliction/agreements?partner=" + code));
        }
    }

    private void ledger(List<Alarm> out) {
        for (LedgerAlarms.Alarm alarm : ledger.open(LEDGER_SHOWN)) {
            String whose = alarm.ownLog() ? "This node's own log (found by asking " + alarm.partner().value() + ")"
                    : alarm.partner().value() + "'s log";
            // a broken promise leads to the messages to send again
            boolean broken = "BROKEN_PROMISE".equals(alarm.kind());
            out.add(new Alarm("ledger", alarm.partner().value(), whose + " did not check out: " + alarm.kind() + ". " + alarm.detail(),
                    alarm.raisedAt(), "raised", broken ? "/console/ledger#broken-promises" : "/console/ledger",
                    broken ? "Ledger: broken promises" : "Ledger", "/ledger/alarms"));
        }
    }
}
