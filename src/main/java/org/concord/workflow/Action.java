package org.concord.workflow;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.BiFunction;

import org.concord.party.PartyCode;

/**
 * One action of a workflow type's REST API (as the API names it: {@code accept}, {@code withdraw},
 * ...) with the messages that would carry it in a given state, one of which a party would send. What
 * a case view offers a party ({@link CaseType#actions(Object, PartyCode)}) is computed from these and
 * the type's fold ({@link CaseType#apply}): an action is offered exactly when one of its messages,
 * sent by that party next, would be applied. So the offered actions are never written down a second
 * time beside the state machine, and cannot drift from it.
 *
 * <p>The candidates are the messages a party acting in good faith would send: the terms on the table
 * (every id an acceptance may name), each outcome, the rung above; the fold decides which of them it
 * takes. A message the engine alone sends (an escalation of a type whose API has no such action) has
 * no action here and is never offered.
 *
 * @param name the action as the REST API names it
 * @param candidates the messages that would carry it in a state, in a given envelope; empty when none can
 */
public record Action<M extends CaseMessage, S>(String name, BiFunction<S, Envelope, List<M>> candidates) {

    /** When a probe is sent: no state judges an answer by its time, and an escalation takes effect then. */
    static final Instant PROBED_AT = Instant.EPOCH;

    public Action {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(candidates, "candidates");
    }

    /** An action carried by one message, whatever the state. */
    public static <M extends CaseMessage, S> Action<M, S> of(String name, java.util.function.Function<Envelope, M> message) {
        return new Action<>(name, (state, envelope) -> List.of(message.apply(envelope)));
    }

    /**
     * The actions of {@code type} that {@code party} may take in {@code state}, in the order the type
     * lists them: those one of whose messages the fold would apply if {@code party} sent it next.
     * Empty when the case is over or {@code party} is not one of its two.
     */
    public static <M extends CaseMessage, S, R extends CaseRefusal> List<String> allowed(CaseType<M, S, R> type, S state,
            PartyCode party) {
        if (party == null || type.isClosed(state) || !type.parties(state).contains(party)) {
            return List.of();
        }
        StixId head = type.head(state);
        Envelope envelope = Envelope.answer(StixId.named(type.stixType(), "probe " + head.value() + " " + party.value()),
                type.caseId(state), party, PROBED_AT, head);
        List<String> allowed = new ArrayList<>();
        for (Action<M, S> action : type.apiActions()) {
            for (M message : action.candidates().apply(state, envelope)) {
                if (type.apply(state, message) instanceof Step.Next<S, R>) {
                    allowed.add(action.name());
                    break;
                }
            }
        }
        return List.copyOf(allowed);
    }
}
