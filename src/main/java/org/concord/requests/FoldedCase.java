package org.concord.requests;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A case as both nodes derive it from the messages they hold.
 *
 * @param state the state, or empty when no valid request opened the case (yet)
 * @param applied the messages applied, in canonical order (the case's history)
 * @param refused the messages refused, each with its refusal, in canonical order
 * @param waiting messages whose previous message has not arrived; not applied until it does
 * @param conflicting messages that reused the id of a different message; never applied
 */
public record FoldedCase(Optional<RequestCase> state, List<RequestMessage> applied, List<RefusedMessage> refused,
        List<RequestMessage> waiting, List<RequestMessage> conflicting) {

    public FoldedCase {
        Objects.requireNonNull(state, "state");
        applied = List.copyOf(applied);
        refused = List.copyOf(refused);
        waiting = List.copyOf(waiting);
        conflicting = List.copyOf(conflicting);
    }

    /** The state; fails when the case was never opened. */
    public RequestCase current() {
        return state.orElseThrow(() -> new IllegalStateException("no request opened this case"));
    }

    /** A refused message and why. */
    public record RefusedMessage(RequestMessage message, Refusal refusal) {
        public RefusedMessage {
            Objects.requireNonNull(message, "message");
            Objects.requireNonNull(refusal, "refusal");
        }
    }
}
