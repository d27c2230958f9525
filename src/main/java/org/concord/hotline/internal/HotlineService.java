package org.concord.hotline.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.concord.audit.AuditLog;
import org.concord.hotline.HotlineCall;
import org.concord.hotline.HotlineMessage;
import org.concord.hotline.HotlineRefusal;
import org.concord.hotline.HotlineType;
import org.concord.hotline.Official;
import org.concord.hotline.Priority;
import org.concord.hotline.ScheduledTest;
import org.concord.hotline.TestAlarm;
import org.concord.hotline.TestSlot;
import org.concord.exchange.Outbox;
import org.concord.intel.stix.Tlp;
import org.concord.node.Conflict;
import org.concord.node.InvalidInput;
import org.concord.party.PartyCode;
import org.concord.workflow.CaseRecord;
import org.concord.workflow.Envelope;
import org.concord.workflow.StixId;
import org.concord.workflow.Workflow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The hotline's use cases on the workflow engine: sending a message ({@link #send}),
 * acknowledging it ({@link #acknowledge}), withdrawing it ({@link #withdraw}), sending the test
 * call of a scheduled slot ({@link #sendTestCall}) and raising test alarms ({@link #raiseAlarms}).
 * Hotline messages are marked TLP:AMBER: they go to the partner's officials only.
 */
@Service
public class HotlineService {

    private static final Logger log = LoggerFactory.getLogger(HotlineService.class);
    static final Tlp MARKING = Tlp.AMBER;
    private final Workflow workflow;
    private final HotlineType type;
    private final HotlineTable table;
    private final Clock clock;
    private final AuditLog audit;
    private final Outbox outbox;

    HotlineService(Workflow workflow, HotlineType type, HotlineTable table, Clock clock, AuditLog audit, Outbox outbox) {
        this.outbox = outbox;
        this.workflow = workflow;
        this.type = type;
        this.table = table;
        this.clock = clock;
        this.audit = audit;
    }

    /** Sends a message from one of this node's officials to the partner's; opens a call. */
    @Transactional
    public CaseRecord<HotlineMessage, HotlineCall, HotlineRefusal> send(Official from, Official to, Priority priority, String text, TestSlot test,
            String actor) {
        return send(from, to, priority, text, test, null, actor);
    }

    /**
     * Sends a message that opens a call; {@code inReplyTo}, when set, names the earlier call it answers,
     * which this node must hold, between the same two parties (400 {@code inReplyTo}, rule
     * {@code exists} or {@code same-parties}). A reply to this node's own call waits until that call
     * has reached the partner (409 {@code inReplyTo}, {@code REPLY_BEFORE_DELIVERY}): a more urgent
     * reply could otherwise overtake it, and the partner refuses a reply to a call it does not hold.
     */
    @Transactional
    public CaseRecord<HotlineMessage, HotlineCall, HotlineRefusal> send(Official from, Official to, Priority priority, String text,
            TestSlot test, String inReplyTo, String actor) {
        return workflow.open(type, call(from, to, priority, text, test, inReplyTo), to.party(), "addressee", MARKING, actor);
    }

    /**
     * The message that opens a new call, checked as {@link #send} checks it (its {@code inReplyTo}, and the call's
     * rules: a fault names {@code addressee}, {@code priority}, {@code text}, ...), not stored: {@link #sendAll} sends
     * a list of them.
     */
    public Workflow.Opening<HotlineMessage> checkedCall(Official from, Official to, Priority priority, String text, String inReplyTo) {
        return workflow.checkOpening(type, call(from, to, priority, text, null, inReplyTo), to.party(), "addressee", MARKING);
    }

    /** Sends calls made by {@link #checkedCall}, in the order given, each as {@link #send} would, in a few statements for the lot. */
    @Transactional
    public List<CaseRecord<HotlineMessage, HotlineCall, HotlineRefusal>> sendAll(List<Workflow.Opening<HotlineMessage>> calls,
            String actor) {
        return workflow.openAll(type, calls, "addressee", actor);
    }

    private HotlineMessage.Send call(Official from, Official to, Priority priority, String text, TestSlot test, String inReplyTo) {
        StixId replyTo = inReplyTo == null ? null : answerable(inReplyTo, from.party(), to.party());
        StixId id = StixId.random(type.stixType());
        return new HotlineMessage.Send(new Envelope(id, id, workflow.self(), workflow.now(), null), from, to, priority, text, test,
                replyTo);
    }

    private StixId answerable(String inReplyTo, PartyCode self, PartyCode partner) {
        Optional<HotlineCall> call = workflow.find(type, inReplyTo).flatMap(CaseRecord::state);
        if (call.isEmpty()) {
            throw new InvalidInput("inReplyTo", "exists", "no call " + inReplyTo + " is held by this node");
        }
        if (!call.get().between(self, partner)) {
            throw new InvalidInput("inReplyTo", "same-parties", "call " + inReplyTo + " was between "
                    + call.get().file().caller() + " and " + call.get().file().addressee() + ", not " + self + " and " + partner);
        }
        if (call.get().file().caller().equals(self) && !outbox.latest(partner, inReplyTo).map(Outbox.Message::delivered).orElse(true)) {
            throw new Conflict("inReplyTo", "REPLY_BEFORE_DELIVERY: call " + inReplyTo
                    + " has not reached " + partner + " yet; reply once it has");
        }
        return call.get().file().callId();
    }

    /** This node's official acknowledges the partner's message. */
    @Transactional
    public CaseRecord<HotlineMessage, HotlineCall, HotlineRefusal> acknowledge(String callId, Official by, String actor) {
        return workflow.answer(type, callId, env -> new HotlineMessage.Acknowledge(env, by), actor);
    }

    /** This node takes back its own call before anyone acknowledged it. */
    @Transactional
    public CaseRecord<HotlineMessage, HotlineCall, HotlineRefusal> withdraw(String callId, String reason, String actor) {
        return workflow.answer(type, callId, env -> new HotlineMessage.Withdraw(env, reason), actor);
    }

    /** Sends the test call of {@code slot} unless this node sent it already; true if sent. */
    @Transactional
    public boolean sendTestCall(ScheduledTest test, Instant slot, Official from, Official to) {
        TestSlot testSlot = new TestSlot(test.name(), slot, test.answerWithin());
        boolean sent = calls().stream().anyMatch(c -> c.file().message().testSlot().filter(t -> t.isOf(test.name(), slot)).isPresent());
        if (sent) {
            return false;
        }
        send(from, to, Priority.ROUTINE, "test call " + test.name() + " " + slot, testSlot, "concord");
        return true;
    }

    /** Raises each alarm of {@code test} due by now that is not raised yet; returns the new ones. */
    @Transactional
    public List<TestAlarm> raiseAlarms(ScheduledTest test) {
        List<TestAlarm> raised = test.alarms(calls(), test.firstSlot(), clock.instant()).stream().filter(table::raise).toList();
        raised.forEach(a -> {
            log.warn("hotline test alarm: {} slot {} {} (at fault: {})", a.schedule(), a.slot(), a.reason(), a.atFault());
            audit.record("concord", "hotline.alarm", a.schedule() + " " + a.slot(), a.reason() + " by " + a.atFault());
        });
        return raised;
    }

    private List<HotlineCall> calls() {
        return workflow.all(type).stream().flatMap(c -> c.state().stream()).toList();
    }
}
