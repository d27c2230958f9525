package org.concord.workflow;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The one fold of every workflow type: how a node derives a case from the messages it holds. The
 * messages are arranged in the canonical {@link DeliveryOrder} (duplicates dropped, causal order,
 * messages whose previous one is missing set apart as waiting, an id reused with other content set
 * apart as conflicting); then the first is opened and each next one applied by the type's
 * transition function, or refused. Pure and deterministic: the same set of messages, delivered in
 * any order and any number of times, gives the same {@link Folded} on both nodes.
 */
public final class Cases {

    private Cases() {
    }

    /**
     * The case the messages make; they must all belong to one case.
     *
     * @throws IllegalArgumentException when they belong to several: use {@link #fold(CaseType, StixId, Collection)}
     */
    public static <M extends CaseMessage, S, R extends CaseRefusal> Folded<M, S, R> fold(CaseType<M, S, R> type,
            Collection<? extends M> messages) {
        return DeliveryOrder.theCaseOf(messages).map(caseId -> fold(type, caseId, messages))
                .orElseGet(() -> new Folded<>(Optional.empty(), List.of(), List.of(), List.of(), List.of()));
    }

    /**
     * The case {@code caseId} as the messages make it; a message of another case, or one that comes
     * before any opening message, is refused by the type's {@link CaseType#unknownCase}.
     */
    public static <M extends CaseMessage, S, R extends CaseRefusal> Folded<M, S, R> fold(CaseType<M, S, R> type,
            StixId caseId, Collection<? extends M> messages) {
        DeliveryOrder.Arrangement<M> arranged = DeliveryOrder.arrange(caseId, messages);
        S state = null;
        List<M> applied = new ArrayList<>();
        List<Folded.RefusedMessage<M, R>> refused = new ArrayList<>();
        for (M message : arranged.inOrder()) {
            Step<S, R> step;
            if (state != null) {
                step = type.apply(state, message);
            } else if (type.opens(message)) {
                step = type.open(message);
            } else {
                step = Step.refused(type.unknownCase(message, "no opening message opened case " + message.caseId()));
            }
            if (step instanceof Step.Next<S, R> next) {
                state = next.state();
                applied.add(message);
            } else {
                refused.add(new Folded.RefusedMessage<>(message, ((Step.Refused<S, R>) step).refusal()));
            }
        }
        for (M other : arranged.otherCases()) {
            refused.add(new Folded.RefusedMessage<>(other, type.unknownCase(other,
                    "the message is about case " + other.caseId() + ", not " + caseId)));
        }
        return new Folded<>(Optional.ofNullable(state), applied, refused, arranged.waiting(), arranged.conflicting());
    }

    /** Every case among the messages, by case id: each folded on its own. */
    public static <M extends CaseMessage, S, R extends CaseRefusal> Map<StixId, Folded<M, S, R>> foldAll(
            CaseType<M, S, R> type, Collection<? extends M> messages) {
        Map<StixId, List<M>> byCase = new TreeMap<>();
        for (M message : messages) {
            byCase.computeIfAbsent(message.caseId(), k -> new ArrayList<>()).add(message);
        }
        Map<StixId, Folded<M, S, R>> cases = new TreeMap<>();
        byCase.forEach((id, ofCase) -> cases.put(id, fold(type, id, ofCase)));
        return cases;
    }
}
