package org.concord.commitments;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A commitment as both nodes derive it from the messages they hold.
 *
 * @param state the state, or empty when no valid proposal opened it
 * @param applied the applied messages in canonical order
 * @param refused the refused ones with their refusals
 * @param waiting messages whose previous message has not arrived
 */
public record FoldedCommitment(Optional<CommitmentCase> state, List<CommitmentMessage> applied,
        List<RefusedMessage> refused, List<CommitmentMessage> waiting) {

    public FoldedCommitment {
        Objects.requireNonNull(state, "state");
        applied = List.copyOf(applied);
        refused = List.copyOf(refused);
        waiting = List.copyOf(waiting);
    }

    public CommitmentCase current() {
        return state.orElseThrow(() -> new IllegalStateException("no proposal opened this commitment"));
    }

    public record RefusedMessage(CommitmentMessage message, CommitmentRefusal refusal) {
    }
}
