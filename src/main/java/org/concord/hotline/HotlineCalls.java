package org.concord.hotline;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.concord.workflow.DeliveryOrder;
import org.concord.workflow.StixId;

/**
 * Derives a call from its messages in the canonical {@link DeliveryOrder}: duplicates and
 * reordering change nothing.
 */
public final class HotlineCalls {

    private HotlineCalls() {
    }

    /** The call the messages make; they must all be of one call. */
    public static FoldedCall fold(Collection<? extends HotlineMessage> messages) {
        return DeliveryOrder.theCaseOf(messages).map(callId -> fold(callId, messages))
                .orElseGet(() -> new FoldedCall(Optional.empty(), List.of(), List.of(), List.of()));
    }

    /** The call {@code callId}; messages of other calls are refused as {@code UNKNOWN_CALL}. */
    public static FoldedCall fold(StixId callId, Collection<? extends HotlineMessage> messages) {
        DeliveryOrder.Arrangement<HotlineMessage> arranged = DeliveryOrder.arrange(callId, messages);
        HotlineCall state = null;
        List<HotlineMessage> applied = new ArrayList<>();
        List<FoldedCall.RefusedMessage> refused = new ArrayList<>();
        for (HotlineMessage message : arranged.inOrder()) {
            HotlineTransition transition;
            if (state != null) {
                transition = state.apply(message);
            } else if (message instanceof HotlineMessage.Send send) {
                transition = HotlineCall.open(send);
            } else {
                transition = HotlineTransition.refused(HotlineRefusal.Rule.UNKNOWN_CALL, "call_ref",
                        "no message opened call " + message.caseId());
            }
            if (transition instanceof HotlineTransition.Next next) {
                state = next.state();
                applied.add(message);
            } else {
                refused.add(new FoldedCall.RefusedMessage(message, ((HotlineTransition.Refused) transition).refusal()));
            }
        }
        for (HotlineMessage other : arranged.otherCases()) {
            refused.add(new FoldedCall.RefusedMessage(other, new HotlineRefusal(HotlineRefusal.Rule.UNKNOWN_CALL,
                    "call_ref", "the message is about call " + other.caseId() + ", not " + callId)));
        }
        return new FoldedCall(Optional.ofNullable(state), applied, refused, arranged.waiting());
    }
}
