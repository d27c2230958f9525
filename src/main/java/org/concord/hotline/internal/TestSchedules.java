package org.concord.hotline.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

import org.concord.audit.AuditLog;
import org.concord.hotline.Official;
import org.concord.hotline.ScheduledTest;
import org.concord.hotline.TestCallSchedules;
import org.concord.hotline.WeeklyTestCall;
import org.concord.node.InvalidInput;
import org.concord.party.NodeIdentity;
import org.concord.party.Partners;
import org.concord.party.PartyCode;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The weekly test call in force at this node: the one set through the API (stored in
 * {@code hotline_test_schedule}), else the one in the configuration file
 * ({@code concord.hotline.weekly-test}), else none. A removal through the API stands over the
 * configuration file. The test job and the health read it on every run, so a change takes effect
 * without a restart.
 */
@Service
public class TestSchedules implements TestCallSchedules {

    /**
     * The schedule in force.
     *
     * @param test the slots and who calls whom
     * @param call the schedule as set (day, time, zone, tolerance, officials)
     * @param source {@code api} or {@code configuration}
     * @param setBy who set it (API only)
     * @param setAt when (API only)
     */
    public record InForce(ScheduledTest test, WeeklyTestCall call, String source, String setBy, Instant setAt) {
        public Official caller() {
            return call.caller();
        }

        public Official answerer() {
            return call.answerer();
        }
    }

    private final TestScheduleTable table;
    private final HotlineSettings settings;
    private final NodeIdentity identity;
    private final Partners partners;
    private final Clock clock;
    private final AuditLog audit;

    TestSchedules(TestScheduleTable table, HotlineSettings settings, NodeIdentity identity, Partners partners, Clock clock,
            AuditLog audit) {
        this.table = table;
        this.settings = settings;
        this.identity = identity;
        this.partners = partners;
        this.clock = clock;
        this.audit = audit;
    }

    /** The schedule in force now, if any. */
    public Optional<InForce> inForce() {
        Optional<TestScheduleTable.Stored> stored = table.get();
        if (stored.isPresent()) {
            return stored.get().call().map(c -> new InForce(new ScheduledTest(WeeklyTestCall.NAME, c.caller().party(),
                    c.answerer().party(), stored.get().firstSlot(), java.time.Duration.ofDays(7), c.tolerance(), c.zone()), c, "api",
                    stored.get().setBy(), stored.get().setAt()));
        }
        return settings.weekly().map(w -> {
            ScheduledTest test = w.schedule();
            var utc = test.firstSlot().atZone(ZoneOffset.UTC);
            WeeklyTestCall call = new WeeklyTestCall(utc.getDayOfWeek(), utc.toLocalTime(), ZoneOffset.UTC, test.answerWithin(),
                    w.caller().official(), w.answerer().official());
            return new InForce(test, call, "configuration", null, null);
        });
    }

    @Override
    public Optional<WeeklyTestCall> current() {
        return inForce().map(InForce::call);
    }

    @Override
    public Optional<Source> source() {
        return inForce().map(f -> "configuration".equals(f.source()) ? new Source(true, null, null)
                : new Source(false, f.setBy(), f.setAt()));
    }

    /**
     * Sets the weekly test call: one side is this node, the other a paired partner ({@code caller.party},
     * {@code answerer.party}: 400, rules {@code this-node-or-partner}, {@code paired-partner}).
     */
    @Override
    @Transactional
    public void set(WeeklyTestCall call, String actor) {
        PartyCode self = identity.party().code();
        PartyCode caller = call.caller().party();
        PartyCode answerer = call.answerer().party();
        if (!caller.equals(self) && !answerer.equals(self)) {
            throw new InvalidInput("caller.party", "this-node-or-partner",
                    "one side of the test call is this node, " + self + "; neither " + caller + " nor " + answerer + " is");
        }
        PartyCode partner = caller.equals(self) ? answerer : caller;
        if (partners.byCode(partner).isEmpty()) {
            throw new InvalidInput(caller.equals(self) ? "answerer.party" : "caller.party", "paired-partner",
                    partner + " is not a partner this node is paired with");
        }
        Instant now = clock.instant();
        Instant first = call.firstSlotFrom(now);
        table.put(call, first, actor, now);
        audit.record(actor, "hotline.test-schedule.set", WeeklyTestCall.NAME, call.caller().party() + " calls "
                + call.answerer().party() + " every " + call.day() + " at " + call.time() + " " + call.zone() + ", answered within "
                + call.tolerance() + "; first slot " + first);
    }

    @Override
    @Transactional
    public boolean remove(String actor) {
        if (inForce().isEmpty()) {
            return false;
        }
        table.removed(actor, clock.instant());
        audit.record(actor, "hotline.test-schedule.removed", WeeklyTestCall.NAME, "no weekly test call");
        return true;
    }
}
