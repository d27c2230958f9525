package org.concord.hotline;

import org.concord.workflow.Step;

import org.concord.hotline.HotlineMessage.Acknowledge;
import org.concord.hotline.HotlineMessage.Escalate;
import org.concord.hotline.HotlineMessage.Send;
import org.concord.hotline.HotlineRefusal.Rule;
import org.concord.party.PartyCode;
import org.concord.workflow.EscalationClock;

/**
 * One hotline call, in one of its two states: {@link Unacknowledged} (the deadline runs; it may be
 * escalated) or {@link Acknowledged} (final).
 */
public sealed interface HotlineCall permits Unacknowledged, Acknowledged, Withdrawn {

    CallFile file();

    default String name() {
        return getClass().getSimpleName();
    }

    /**
     * The next state after the message, or the refusal. Shared rules first (right call, a party to
     * it, not a second opening), then the state decides.
     */
    default Step<HotlineCall, HotlineRefusal> apply(HotlineMessage message) {
        CallFile file = file();
        if (!message.caseId().equals(file.callId())) {
            return Step.refused(new HotlineRefusal(Rule.UNKNOWN_CALL, "call_ref", "no call " + message.caseId() + " here"));
        }
        if (!message.sender().equals(file.caller()) && !message.sender().equals(file.addressee())) {
            return Step.refused(new HotlineRefusal(Rule.NOT_A_PARTY_TO_THE_CALL, "sender",
                    message.sender() + " is neither " + file.caller() + " nor " + file.addressee()));
        }
        if (message instanceof Send) {
            return Step.refused(new HotlineRefusal(Rule.CALL_ALREADY_OPEN, "id", "call " + file.callId() + " is open"));
        }
        Step<HotlineCall, HotlineRefusal> transition;
        if (this instanceof Withdrawn withdrawn) {
            transition = Step.refused(new HotlineRefusal(Rule.CALL_WITHDRAWN, "type",
                    file.caller() + " withdrew the call at " + withdrawn.withdrawnAt()));
        } else if (this instanceof Acknowledged acknowledged) {
            transition = acknowledged.on(message);
        } else {
            transition = ((Unacknowledged) this).on(message);
        }
        if (transition instanceof Step.Next<HotlineCall, HotlineRefusal> next) {
            HotlineCall after = next.state();
            CallFile recorded = after.file().recording(message);
            return Step.next(after instanceof Acknowledged a
                    ? new Acknowledged(recorded, a.by(), a.acknowledgedAt())
                    : after instanceof Withdrawn w ? new Withdrawn(recorded, w.withdrawnAt(), w.reason())
                    : new Unacknowledged(recorded));
        }
        return transition;
    }

    /** Whether the call is between these two parties, either way round. */
    default boolean between(PartyCode one, PartyCode other) {
        PartyCode caller = file().caller();
        PartyCode addressee = file().addressee();
        return caller.equals(one) && addressee.equals(other) || caller.equals(other) && addressee.equals(one);
    }

    /** The first state of a call, or the refusal of a malformed message. */
    static Step<HotlineCall, HotlineRefusal> open(Send message) {
        if (message.from().party().equals(message.to().party())) {
            return Step.refused(new HotlineRefusal(Rule.SAME_SIDE, "to",
                    "the hotline runs between the two sides; " + message.to().party() + " is the caller's own"));
        }
        if (message.priority() == null) {
            return Step.refused(new HotlineRefusal(Rule.FIELD_REQUIRED, "priority", "ROUTINE, PRIORITY or FLASH"));
        }
        if (message.text().isEmpty()) {
            return Step.refused(new HotlineRefusal(Rule.FIELD_REQUIRED, "text", "a hotline message says something"));
        }
        if (message.replyTo().filter(message.id()::equals).isPresent()) {
            return Step.refused(new HotlineRefusal(Rule.REPLY_TO_ITSELF, "in_reply_to_ref", "a call cannot answer itself"));
        }
        return Step.next(new Unacknowledged(CallFile.opened(message)));
    }

    /** Rules of an escalation, the same for every workflow type ({@link EscalationClock#check}): one rung up at a time. */
    static Step<HotlineCall, HotlineRefusal> escalate(CallFile file, Escalate escalate) {
        return EscalationClock.check(file.level(), escalate.to(), escalate.asOf())
                .map(p -> Step.<HotlineCall, HotlineRefusal>refused(new HotlineRefusal(Rule.valueOf(p.rule()), p.field(), p.explanation())))
                .orElseGet(() -> Step.next(new Unacknowledged(file.escalated(escalate.to(), escalate.asOf()))));
    }

    /** Whether the acknowledgement comes from the addressee's side. */
    static boolean fromAddressee(CallFile file, Acknowledge acknowledge) {
        return acknowledge.sender().equals(file.addressee());
    }
}
