package org.concord.requests;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.concord.workflow.DeliveryOrder;
import org.concord.workflow.StixId;

/**
 * How a node derives the state of its cases: by folding all the messages it holds, in the
 * canonical {@link DeliveryOrder}. Pure and deterministic: the same set of messages, delivered in
 * any order and any number of times, gives the same {@link FoldedCase} on both nodes.
 */
public final class RequestCases {

    private RequestCases() {
    }

    /**
     * The case the messages make.
     *
     * @param messages the messages of one case, with duplicates, in any order
     * @throws IllegalArgumentException when they belong to several cases: use
     *     {@link #fold(StixId, Collection)} or {@link #foldAll}
     */
    public static FoldedCase fold(Collection<? extends RequestMessage> messages) {
        return DeliveryOrder.theCaseOf(messages).map(caseId -> fold(caseId, messages))
                .orElseGet(() -> new FoldedCase(Optional.empty(), List.of(), List.of(), List.of(), List.of()));
    }

    /**
     * The case {@code caseId} as the messages make it; a message of another case is refused as
     * {@link Refusal.Rule#UNKNOWN_CASE}.
     *
     * @param messages any messages, with duplicates, in any order
     */
    public static FoldedCase fold(StixId caseId, Collection<? extends RequestMessage> messages) {
        DeliveryOrder.Arrangement<RequestMessage> arranged = DeliveryOrder.arrange(caseId, messages);
        RequestCase state = null;
        List<RequestMessage> applied = new ArrayList<>();
        List<FoldedCase.RefusedMessage> refused = new ArrayList<>();
        for (RequestMessage message : arranged.inOrder()) {
            Transition transition;
            if (state == null) {
                transition = message instanceof RequestMessage.Request request
                        ? RequestCase.open(request)
                        : Transition.refused(Refusal.Rule.UNKNOWN_CASE, "case_ref",
                                "no request opened case " + message.caseId());
            } else {
                transition = state.apply(message);
            }
            if (transition instanceof Transition.Next next) {
                state = next.state();
                applied.add(message);
            } else {
                refused.add(new FoldedCase.RefusedMessage(message, ((Transition.Refused) transition).refusal()));
            }
        }
        for (RequestMessage other : arranged.otherCases()) {
            refused.add(new FoldedCase.RefusedMessage(other, Refusal.of(Refusal.Rule.UNKNOWN_CASE, "case_ref",
                    "the message is about case " + other.caseId() + ", not " + caseId)));
        }
        return new FoldedCase(Optional.ofNullable(state), applied, refused, arranged.waiting(),
                arranged.conflicting());
    }

    /** Every case among the messages, by case id: each folded on its own. */
    public static Map<StixId, FoldedCase> foldAll(Collection<? extends RequestMessage> messages) {
        Map<StixId, List<RequestMessage>> byCase = new TreeMap<>();
        for (RequestMessage message : messages) {
            byCase.computeIfAbsent(message.caseId(), k -> new ArrayList<>()).add(message);
        }
        Map<StixId, FoldedCase> cases = new TreeMap<>();
        byCase.forEach((id, ofCase) -> cases.put(id, fold(ofCase)));
        return cases;
    }
}
