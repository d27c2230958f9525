package org.concord.hotline.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.concord.audit.AuditLog;
import org.concord.exchange.Outbox;
import org.concord.hotline.AcknowledgementPolicy;
import org.concord.hotline.HotlineCall;
import org.concord.hotline.HotlineMessage;
import org.concord.hotline.HotlineRefusal;
import org.concord.hotline.HotlineTransition;
import org.concord.hotline.Official;
import org.concord.hotline.Priority;
import org.concord.hotline.ScheduledTest;
import org.concord.hotline.TestAlarm;
import org.concord.hotline.TestSlot;
import org.concord.intel.InboxReceived;
import org.concord.intel.IntelStore;
import org.concord.intel.stix.Tlp;
import org.concord.node.Conflict;
import org.concord.node.InvalidInput;
import org.concord.node.NotFound;
import org.concord.party.NodeIdentity;
import org.concord.party.Partners;
import org.concord.party.PartyCode;
import org.concord.workflow.DueEscalation;
import org.concord.workflow.Envelope;
import org.concord.workflow.MessageStix;
import org.concord.workflow.StixId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The hotline's use cases, in the style of the requests module: sending a message
 * ({@link #send}), acknowledging it ({@link #acknowledge}), receiving the partner's messages
 * (listener on {@link InboxReceived}, idempotent on the message id), sending the escalations
 * {@link AcknowledgementPolicy} makes due ({@link #escalate}), sending the test call of a
 * scheduled slot ({@link #sendTestCall}) and raising test alarms ({@link #raiseAlarms}). Every
 * message is validated against the fold of the call before it is stored and queued, in one
 * transaction. Hotline messages are marked TLP:AMBER: they go to the partner's officials only.
 */
@Service
public class HotlineService {

    private static final Logger log = LoggerFactory.getLogger(HotlineService.class);
    static final Tlp MARKING = Tlp.AMBER;
    private final HotlineTable table;
    private final Outbox outbox;
    private final NodeIdentity identity;
    private final IntelStore intel;
    private final Clock clock;
    private final AuditLog audit;
    private final Partners partners;

    HotlineService(HotlineTable table, Outbox outbox, NodeIdentity identity, IntelStore intel, Clock clock, AuditLog audit,
            Partners partners) {
        this.partners = partners;
        this.table = table;
        this.outbox = outbox;
        this.identity = identity;
        this.intel = intel;
        this.clock = clock;
        this.audit = audit;
    }

    /** Sends a message from one of this node's officials to the partner's; opens a call. */
    @Transactional
    public HotlineTable.Folded send(Official from, Official to, Priority priority, String text, TestSlot test, String actor) {
        Instant now = MessageStix.truncate(clock.instant());
        StixId id = StixId.random(HotlineStix.TYPE);
        HotlineMessage.Send message = new HotlineMessage.Send(new Envelope(id, id, own(), now, null), from, to, priority, text, test);
        // HotlineCall.open is package-private in the core: fold the single message instead.
        var opened = org.concord.hotline.HotlineCalls.fold(List.of(message));
        if (!opened.refused().isEmpty()) {
            throw refusal(opened.refused().get(0).refusal());
        }
        if (partners.byCode(to.party()).isEmpty()) {
            throw new InvalidInput("addressee", "paired-partner", to.party() + " is not a partner this node is paired with");
        }
        table.addCall(id.value(), to.party(), now);
        HotlineTable.CallRow row = table.lockCall(id.value()).orElseThrow();
        store(row, message, List.of(), actor);
        return table.fold(row);
    }

    /** This node's official acknowledges the partner's message. */
    @Transactional
    public HotlineTable.Folded acknowledge(String callId, Official by, String actor) {
        HotlineTable.CallRow row = table.lockCall(callId)
                .orElseThrow(() -> new NotFound("call_ref: no hotline call " + callId + " is held by this node"));
        HotlineCall call = table.fold(row).folded().state()
                .orElseThrow(() -> new Conflict("call_ref", "UNKNOWN_CALL: no message opened call " + callId));
        HotlineMessage message = new HotlineMessage.Acknowledge(Envelope.answer(StixId.random(HotlineStix.TYPE),
                call.file().callId(), own(), MessageStix.truncate(clock.instant()), call.file().head()), by);
        HotlineTransition transition = call.apply(message);
        if (transition instanceof HotlineTransition.Refused refused) {
            throw refusal(refused.refusal());
        }
        store(row, message, List.of(), actor);
        return table.fold(row);
    }

    /** Counts each escalation (concord.escalations); set once at start, so that the constructor stays as it is. */
    private org.concord.node.Escalations escalations;

    @org.springframework.beans.factory.annotation.Autowired
    void countEscalationsWith(org.concord.node.Escalations escalations) {
        this.escalations = escalations;
    }

    /** Sends the escalations due in one call, one after the other; returns how many were sent. */
    @Transactional
    public int escalate(String callId, List<DueEscalation> due) {
        HotlineTable.CallRow row = table.lockCall(callId).orElseThrow();
        int sent = 0;
        for (DueEscalation escalation : due) {
            HotlineTable.Folded folded = table.fold(row);
            HotlineCall call = folded.folded().current();
            HotlineMessage.Escalate message = HotlineMessage.Escalate.dueIn(call, escalation, StixId.random(HotlineStix.TYPE), own(),
                    MessageStix.truncate(clock.instant()));
            if (call.apply(message) instanceof HotlineTransition.Next) {
                store(row, message, folded.historyObjects(), "concord");
                sent++;
                escalations.raised("hotline", escalation.to());
            }
        }
        return sent;
    }

    /** Sends the test call of {@code slot} unless this node sent it already; true if sent. */
    @Transactional
    public boolean sendTestCall(ScheduledTest test, Instant slot, Official from, Official to) {
        TestSlot testSlot = new TestSlot(test.name(), slot);
        boolean sent = table.calls().stream().map(table::fold).flatMap(f -> f.folded().state().stream())
                .anyMatch(c -> c.file().message().testSlot().equals(Optional.of(testSlot)));
        if (sent) {
            return false;
        }
        send(from, to, Priority.ROUTINE, "test call " + test.name() + " " + slot, testSlot, "concord");
        return true;
    }

    /** Raises each alarm of {@code test} due by now that is not raised yet; returns the new ones. */
    @Transactional
    public List<TestAlarm> raiseAlarms(ScheduledTest test) {
        List<HotlineCall> calls = table.calls().stream().map(table::fold).flatMap(f -> f.folded().state().stream()).toList();
        List<TestAlarm> raised = test.alarms(calls, test.firstSlot(), clock.instant()).stream().filter(table::raise).toList();
        raised.forEach(a -> {
            log.warn("hotline test alarm: {} slot {} {} (at fault: {})", a.schedule(), a.slot(), a.reason(), a.atFault());
            audit.record("concord", "hotline.alarm", a.schedule() + " " + a.slot(), a.reason() + " by " + a.atFault());
        });
        return raised;
    }

    @ApplicationModuleListener
    void on(InboxReceived event) {
        if (!HotlineStix.TYPE.equals(event.type())) {
            return;
        }
        intel.inboxObject(event.id(), event.version()).ifPresent(json -> receive(event.from(), HotlineStix.JSON.readTree(json)));
    }

    /** Stores a partner's message if new and sent by the partner that delivered it; true if stored. */
    @Transactional
    public boolean receive(PartyCode from, JsonNode object) {
        HotlineMessage message;
        try {
            message = HotlineStix.fromStix(object);
        } catch (MessageStix.Malformed e) {
            log.warn("hotline message {} from {} not stored: {}", object.path("id").asString(""), from, e.getMessage());
            return false;
        }
        if (!message.sender().equals(from)) {
            log.warn("hotline message {} delivered by {} claims sender {}: not stored", message.id(), from, message.sender());
            return false;
        }
        table.addCall(message.caseId().value(), from, message.sentAt());
        table.lockCall(message.caseId().value());
        return table.addMessage(message, "RECEIVED", clock.instant(), object);
    }

    private void store(HotlineTable.CallRow row, HotlineMessage message, List<JsonNode> history, String actor) {
        ObjectNode object = HotlineStix.toStix(message, identity.stixIdentityId(), MARKING, history);
        table.addMessage(message, "SENT", clock.instant(), object);
        outbox.enqueue(row.partner(), object, deliveryPriority(row, message));
        audit.record(actor, "hotline.sent", message.id().value(), HotlineStix.messageType(message) + " to " + row.partner());
    }

    /** Every message of a call goes to the partner with the call's priority: a FLASH call's acknowledgement is FLASH too. */
    private org.concord.exchange.DeliveryPriority deliveryPriority(HotlineTable.CallRow row, HotlineMessage message) {
        Priority priority = message instanceof HotlineMessage.Send send ? send.priority()
                : table.fold(row).folded().state().map(call -> call.file().message().priority()).orElse(Priority.ROUTINE);
        return org.concord.exchange.DeliveryPriority.valueOf(priority.name());
    }

    PartyCode own() {
        return identity.party().code();
    }

    static RuntimeException refusal(HotlineRefusal refusal) {
        if (refusal.rule() == HotlineRefusal.Rule.FIELD_REQUIRED || refusal.rule() == HotlineRefusal.Rule.SAME_SIDE) {
            return new InvalidInput(refusal.field(), refusal.rule().name(), refusal.explanation());
        }
        return new Conflict(refusal.field(), refusal.rule().name() + ": " + refusal.explanation());
    }
}
