package org.concord.workflow;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A case as both nodes derive it from the messages they hold, for every workflow type alike.
 *
 * @param state the state, or empty when no valid opening message opened the case (yet)
 * @param applied the messages applied, in canonical order (the case's history)
 * @param refused the messages refused, each with its refusal, in canonical order
 * @param waiting messages whose previous message has not arrived; not applied until it does
 * @param conflicting messages that reused the id of a different message; never applied, always reported
 */
public record Folded<M extends CaseMessage, S, R extends CaseRefusal>(Optional<S> state, List<M> applied,
        List<RefusedMessage<M, R>> refused, List<M> waiting, List<M> conflicting) {

    public Folded {
        Objects.requireNonNull(state, "state");
        applied = List.copyOf(applied);
        refused = List.copyOf(refused);
        waiting = List.copyOf(waiting);
        conflicting = List.copyOf(conflicting);
    }

    /** The state; fails when the case was never opened. */
    public S current() {
        return state.orElseThrow(() -> new IllegalStateException("no opening message opened this case"));
    }

    /** A refused message and why. */
    public record RefusedMessage<M, R extends CaseRefusal>(M message, R refusal) {
        public RefusedMessage {
            Objects.requireNonNull(message, "message");
            Objects.requireNonNull(refusal, "refusal");
        }
    }
}
