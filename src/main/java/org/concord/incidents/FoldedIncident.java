package org.concord.incidents;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An incident as both nodes derive it from the messages they hold.
 *
 * @param state the state, or empty when no valid report opened it
 * @param applied the applied messages in canonical order
 * @param refused the refused ones with their refusals
 * @param waiting messages whose previous message has not arrived
 */
public record FoldedIncident(Optional<Incident> state, List<IncidentMessage> applied, List<RefusedMessage> refused,
        List<IncidentMessage> waiting) {

    public FoldedIncident {
        Objects.requireNonNull(state, "state");
        applied = List.copyOf(applied);
        refused = List.copyOf(refused);
        waiting = List.copyOf(waiting);
    }

    public Incident current() {
        return state.orElseThrow(() -> new IllegalStateException("no report opened this incident"));
    }

    public record RefusedMessage(IncidentMessage message, IncidentRefusal refusal) {
    }
}
