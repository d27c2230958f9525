package org.concord.workflow;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeSet;

/**
 * The delivery-order rule: the one order in which both nodes apply the messages of a case.
 *
 * <p>Delivery is at-least-once and may reorder, so a node never applies messages in the order they
 * arrived. It arranges the <em>set</em> of messages it holds:
 * <ol>
 *   <li>duplicates are dropped by id; if two different messages claim one id, the earlier in
 *       (sent at, text) order is kept and the other is reported as {@link Arrangement#conflicting()};</li>
 *   <li>a message comes after its {@linkplain CaseMessage#previous() previous} message (causal order);
 *       messages with no previous come first;</li>
 *   <li>messages that are causally concurrent (neither saw the other) are ordered by
 *       {@linkplain CaseMessage#sentAt() time of sending}, then by id;</li>
 *   <li>a message whose previous message has not arrived (or never will) is
 *       {@linkplain Arrangement#waiting() waiting} and is not applied.</li>
 * </ol>
 * The result depends only on the set, never on the order of the input, so two nodes that hold the
 * same messages arrange them identically. A late message may sort before messages already applied
 * (when it was concurrent with them); a node therefore derives state by folding the whole set again,
 * never by patching its last state.
 */
public final class DeliveryOrder {

    private DeliveryOrder() {
    }

    /** Among concurrent messages: earlier sending time first, then the smaller id. */
    public static final Comparator<CaseMessage> CONCURRENT = Comparator
            .comparing(CaseMessage::sentAt)
            .thenComparing(CaseMessage::id);

    /**
     * The messages of one case in canonical order; messages of other cases are set apart in
     * {@link Arrangement#otherCases()} (once each, in concurrent order), for the module to refuse.
     *
     * @param caseId the case
     * @param messages any number of messages, with duplicates, in any order
     */
    public static <M extends CaseMessage> Arrangement<M> arrange(StixId caseId, Collection<? extends M> messages) {
        List<M> ofCase = new ArrayList<>();
        Map<StixId, M> others = new HashMap<>();
        for (M message : messages) {
            if (message.caseId().equals(caseId)) {
                ofCase.add(message);
            } else {
                others.merge(message.id(), message, (a, b) -> CONCURRENT.thenComparing(Object::toString)
                        .compare(a, b) <= 0 ? a : b);
            }
        }
        Arrangement<M> arranged = arrange(ofCase);
        List<M> otherCases = new ArrayList<>(others.values());
        otherCases.sort(CONCURRENT.thenComparing(Object::toString));
        return new Arrangement<>(arranged.inOrder(), arranged.waiting(), arranged.conflicting(), otherCases);
    }

    /**
     * The one case the messages belong to; empty when there are none.
     *
     * @throws IllegalArgumentException when they belong to several: arrange them per case
     */
    public static Optional<StixId> theCaseOf(Collection<? extends CaseMessage> messages) {
        Set<StixId> cases = new TreeSet<>();
        for (CaseMessage message : messages) {
            cases.add(message.caseId());
        }
        if (cases.size() > 1) {
            throw new IllegalArgumentException("messages of " + cases.size() + " cases; fold each case by its id: "
                    + cases);
        }
        return cases.stream().findFirst();
    }

    /**
     * The messages in canonical order, all taken to be of one case.
     *
     * @param messages any number of messages of one case, with duplicates, in any order
     */
    public static <M extends CaseMessage> Arrangement<M> arrange(Collection<? extends M> messages) {
        Map<StixId, M> byId = new LinkedHashMap<>();
        List<M> conflicting = new ArrayList<>();
        Comparator<CaseMessage> variants = Comparator.comparing(CaseMessage::sentAt)
                .thenComparing(Object::toString);
        List<M> sorted = new ArrayList<>(messages);
        sorted.sort(variants);
        for (M message : sorted) {
            M kept = byId.putIfAbsent(message.id(), message);
            if (kept != null && !kept.equals(message) && !conflicting.contains(message)) {
                conflicting.add(message);
            }
        }

        Map<StixId, List<M>> followers = new HashMap<>();
        PriorityQueue<M> ready = new PriorityQueue<>(CONCURRENT);
        for (M message : byId.values()) {
            if (message.previous().isEmpty()) {
                ready.add(message);
            } else {
                followers.computeIfAbsent(message.previous().get(), k -> new ArrayList<>()).add(message);
            }
        }
        List<M> inOrder = new ArrayList<>(byId.size());
        Set<StixId> placed = new HashSet<>();
        while (!ready.isEmpty()) {
            M next = ready.poll();
            inOrder.add(next);
            placed.add(next.id());
            ready.addAll(followers.getOrDefault(next.id(), List.of()));
        }
        List<M> waiting = new ArrayList<>();
        for (M message : byId.values()) {
            if (!placed.contains(message.id())) {
                waiting.add(message);
            }
        }
        waiting.sort(CONCURRENT);
        conflicting.sort(variants);
        return new Arrangement<>(inOrder, waiting, conflicting, List.of());
    }

    /**
     * A set of messages in canonical order.
     *
     * @param inOrder the messages to apply, in this order
     * @param waiting messages whose previous message is missing, not applied (yet)
     * @param conflicting messages that reused the id of a different message, never applied
     * @param otherCases messages of another case than the one arranged, never applied
     */
    public record Arrangement<M>(List<M> inOrder, List<M> waiting, List<M> conflicting, List<M> otherCases) {
        public Arrangement {
            inOrder = List.copyOf(inOrder);
            waiting = List.copyOf(waiting);
            conflicting = List.copyOf(conflicting);
            otherCases = List.copyOf(otherCases);
        }
    }
}
