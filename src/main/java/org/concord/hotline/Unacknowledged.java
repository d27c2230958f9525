package org.concord.hotline;

import org.concord.hotline.HotlineMessage.Acknowledge;
import org.concord.hotline.HotlineMessage.Escalate;
import org.concord.hotline.HotlineRefusal.Rule;

/**
 * The message is out and nobody on the other side has confirmed it: the acknowledgement deadline
 * runs (see {@link AcknowledgementPolicy}), and either side may escalate.
 */
public record Unacknowledged(CallFile file) implements HotlineCall {

    /** What this state does with a message that passed the shared rules of {@link #apply}. */
    HotlineTransition on(HotlineMessage message) {
        if (message instanceof Acknowledge acknowledge) {
            if (!HotlineCall.fromAddressee(file, acknowledge)) {
                return HotlineTransition.refused(Rule.SENDER_CANNOT_ACKNOWLEDGE, "sender",
                        file.caller() + " sent the message; " + file.addressee() + " acknowledges it");
            }
            return new HotlineTransition.Next(new Acknowledged(file, acknowledge.by(), acknowledge.sentAt()));
        }
        if (message instanceof HotlineMessage.Withdraw withdraw) {
            if (!withdraw.sender().equals(file.caller())) {
                return HotlineTransition.refused(Rule.ONLY_THE_CALLER_MAY, "sender",
                        "only " + file.caller() + ", who made the call, may withdraw it");
            }
            return new HotlineTransition.Next(new Withdrawn(file, withdraw.sentAt(), withdraw.reason()));
        }
        return HotlineCall.escalate(file, (Escalate) message);
    }
}
