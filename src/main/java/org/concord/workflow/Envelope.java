package org.concord.workflow;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

import org.concord.party.PartyCode;

/**
 * What every message of a case carries besides its substance. These are the only fields a message
 * cannot exist without: without them it cannot be placed in a case or in the delivery order, so a
 * message lacking one is malformed and never reaches the state machine. Everything else is judged
 * by the state machine, which refuses with a {@link Refusal} that both nodes record alike.
 *
 * @param id the message's id
 * @param caseId the case: the id of the request that opened it
 * @param sender the party whose node sent it
 * @param sentAt the sender's time of sending
 * @param previous the latest message of the case the sender had seen; null only for the request
 */
public record Envelope(StixId id, StixId caseId, PartyCode sender, Instant sentAt, StixId previous) {

    public Envelope {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(caseId, "caseId");
        Objects.requireNonNull(sender, "sender");
        Objects.requireNonNull(sentAt, "sentAt");
        if (previous != null && previous.equals(id)) {
            throw new IllegalArgumentException("a message cannot follow itself: " + id);
        }
    }

    /** The envelope of an answer: it follows {@code previous}. */
    public static Envelope answer(StixId id, StixId caseId, PartyCode sender, Instant sentAt, StixId previous) {
        return new Envelope(id, caseId, sender, sentAt, Objects.requireNonNull(previous, "previous"));
    }

    /**
     * {@code envelope}, which must be an answer's: every message but the one that opens a case names
     * the message it follows. The check every type's answering messages make in their constructors.
     */
    public static Envelope requireAnswer(Envelope envelope) {
        Objects.requireNonNull(envelope, "envelope");
        if (envelope.previous() == null) {
            throw new IllegalArgumentException("every message but the one that opens the case names its previous message");
        }
        return envelope;
    }

    public Optional<StixId> previousId() {
        return Optional.ofNullable(previous);
    }
}
