package org.concord.hotline;

import org.concord.workflow.Step;

import org.concord.hotline.HotlineMessage.Acknowledge;
import org.concord.hotline.HotlineMessage.Escalate;
import org.concord.hotline.HotlineRefusal.Rule;

/**
 * The message is out and nobody on the other side has confirmed it: the acknowledgement deadline
 * runs (see {@link AcknowledgementPolicy}), and either side may escalate.
 */
public record Unacknowledged(CallFile file) implements HotlineCall {

    /** What this state does with a message that passed the shared rules of {@link #apply}. */
    Step<HotlineCall, HotlineRefusal> on(HotlineMessage message) {
        if (message instanceof Acknowledge acknowledge) {
            if (!HotlineCall.fromAddressee(file, acknowledge)) {
                return Step.refused(new HotlineRefusal(Rule.SENDER_CANNOT_ACKNOWLEDGE, "sender",
                        file.caller() + " sent the message; " + file.addressee() + " acknowledges it"));
            }
            return Step.next(new Acknowledged(file, acknowledge.by(), acknowledge.sentAt()));
        }
        if (message instanceof HotlineMessage.Withdraw withdraw) {
            if (!withdraw.sender().equals(file.caller())) {
                return Step.refused(new HotlineRefusal(Rule.ONLY_THE_CALLER_MAY, "sender",
                        "only " + file.caller() + ", who made the call, may withdraw it"));
            }
            return Step.next(new Withdrawn(file, withdraw.sentAt(), withdraw.reason()));
        }
        return HotlineCall.escalate(file, (Escalate) message);
    }
}
