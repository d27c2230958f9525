package org.concord.hotline;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A call as both nodes derive it from the messages they hold.
 *
 * @param state the state, or empty when no valid message opened the call
 * @param applied the messages applied, in canonical order
 * @param refused the refused messages with their refusals
 * @param waiting messages whose previous message has not arrived
 */
public record FoldedCall(Optional<HotlineCall> state, List<HotlineMessage> applied, List<RefusedMessage> refused,
        List<HotlineMessage> waiting) {

    public FoldedCall {
        Objects.requireNonNull(state, "state");
        applied = List.copyOf(applied);
        refused = List.copyOf(refused);
        waiting = List.copyOf(waiting);
    }

    public HotlineCall current() {
        return state.orElseThrow(() -> new IllegalStateException("no message opened this call"));
    }

    public record RefusedMessage(HotlineMessage message, HotlineRefusal refusal) {
    }
}
