package org.concord.hotline;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.concord.party.PartyCode;
import org.concord.workflow.EscalationLevel;
import org.concord.workflow.StixId;

/**
 * What every state of a call knows: the message, the rung, the messages applied so far.
 *
 * @param message the message that opened the call
 * @param level the rung of the escalation ladder
 * @param lastEscalation when the last escalation took effect
 * @param history the applied messages in order
 */
public record CallFile(HotlineMessage.Send message, EscalationLevel level, Optional<Instant> lastEscalation,
        List<HotlineMessage> history) {

    public CallFile {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(lastEscalation, "lastEscalation");
        history = List.copyOf(history);
    }

    static CallFile opened(HotlineMessage.Send message) {
        return new CallFile(message, EscalationLevel.LIAISON_OFFICERS, Optional.empty(), List.of(message));
    }

    public StixId callId() {
        return message.id();
    }

    public PartyCode caller() {
        return message.from().party();
    }

    public PartyCode addressee() {
        return message.to().party();
    }

    /** The id of the last applied message: what the next message names as previous. */
    public StixId head() {
        return history.get(history.size() - 1).id();
    }

    CallFile recording(HotlineMessage applied) {
        List<HotlineMessage> more = new ArrayList<>(history);
        more.add(applied);
        return new CallFile(message, level, lastEscalation, more);
    }

    CallFile escalated(EscalationLevel to, Instant asOf) {
        return new CallFile(message, to, Optional.of(asOf), history);
    }
}
