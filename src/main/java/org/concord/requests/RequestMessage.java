package org.concord.requests;

import java.time.Instant;
import java.util.Objects;

import org.concord.party.PartyCode;
import org.concord.workflow.EnvelopedMessage;
import org.concord.workflow.DueEscalation;
import org.concord.workflow.Envelope;
import org.concord.workflow.EscalationLevel;
import org.concord.workflow.StixId;

/**
 * The messages both sides send about a request for action. Each is later carried as a custom STIX
 * object; its {@linkplain Envelope envelope} names the case, the sender, the time and the previous
 * message. Who may send what, when, is the state machine's business ({@link RequestCase}).
 */
public sealed interface RequestMessage extends EnvelopedMessage {

    /** The requester asks the addressee to act; it opens the case, whose id is this message's id. */
    record Request(Envelope envelope, PartyCode addressee, RequestForAction request) implements RequestMessage {
        public Request {
            Objects.requireNonNull(envelope, "envelope");
            Objects.requireNonNull(addressee, "addressee");
            Objects.requireNonNull(request, "request");
            if (!envelope.caseId().equals(envelope.id()) || envelope.previous() != null) {
                throw new IllegalArgumentException("a request opens its own case: its case id is its id, no previous");
            }
        }

        public static Request of(StixId id, PartyCode sender, PartyCode addressee, Instant sentAt,
                RequestForAction request) {
            return new Request(new Envelope(id, id, sender, sentAt, null), addressee, request);
        }
    }

    /** The responder confirms it has the request and is looking at it. */
    record Acknowledge(Envelope envelope) implements RequestMessage {
        public Acknowledge {
            Envelope.requireAnswer(envelope);
        }
    }

    /**
     * Sent by the responder: it will act on the request as it stands. Sent by the requester while a
     * counter-proposal is open: it agrees to the counter-proposal.
     *
     * @param termsRef what is accepted: the id of the request or amendment that set the terms
     *     (responder), or of the counter-proposal (requester); terms that have changed since are
     *     not accepted ({@link Refusal.Rule#TERMS_CHANGED})
     */
    record Accept(Envelope envelope, StixId termsRef, String text) implements RequestMessage {
        public Accept {
            Envelope.requireAnswer(envelope);
            text = text == null ? "" : text.strip();
        }
    }

    /**
     * Sent by the responder: it will not act; the case is over. Sent by the requester while a
     * counter-proposal is open: it rejects the counter-proposal and the request stands as it was.
     * A reason is required, and a text when the reason is {@link DeclineReason#OTHER}.
     */
    record Decline(Envelope envelope, DeclineReason reason, String text) implements RequestMessage {
        public Decline {
            Envelope.requireAnswer(envelope);
            text = text == null ? "" : text.strip();
        }
    }

    /** The responder offers something else (a joint operation, asks for more evidence, ...). */
    record CounterPropose(Envelope envelope, CounterProposal proposal) implements RequestMessage {
        public CounterPropose {
            Envelope.requireAnswer(envelope);
        }
    }

    /** The requester revises its request, e.g. sends the evidence that was asked for. */
    record Amend(Envelope envelope, RequestForAction revised) implements RequestMessage {
        public Amend {
            Envelope.requireAnswer(envelope);
        }
    }

    /** The responder reports how the accepted action goes. */
    record ProgressUpdate(Envelope envelope, String text) implements RequestMessage {
        public ProgressUpdate {
            Envelope.requireAnswer(envelope);
            text = text == null ? "" : text.strip();
        }
    }

    /** Either side closes the case with an outcome (the requester only by withdrawing). */
    record Close(Envelope envelope, Outcome outcome, String text) implements RequestMessage {
        public Close {
            Envelope.requireAnswer(envelope);
            text = text == null ? "" : text.strip();
        }
    }

    /**
     * Either side takes the case one rung up the ladder: because a deadline was missed (then
     * {@code asOf} is the missed deadline, see {@link RequestDeadlinePolicy#due}) or because it asks to.
     *
     * @param to the rung; must be the one right above the case's
     * @param asOf when the escalation takes effect; the next deadline counts from it
     * @param reason why, in words, e.g. "no acknowledgement within 1 h"
     */
    record Escalate(Envelope envelope, EscalationLevel to, Instant asOf, String reason) implements RequestMessage {
        public Escalate {
            Envelope.requireAnswer(envelope);
            reason = reason == null ? "" : reason.strip();
        }

        /**
         * The escalation a missed deadline makes due, as the next message of the case: it follows the
         * case's last message and takes effect as of the missed deadline.
         */
        public static Escalate dueIn(RequestCase state, DueEscalation due, StixId id, PartyCode sender,
                Instant sentAt) {
            CaseFile file = state.file();
            return new Escalate(Envelope.answer(id, file.caseId(), sender, sentAt, file.head()), due.to(),
                    due.dueAt(), due.reason());
        }
    }

}
