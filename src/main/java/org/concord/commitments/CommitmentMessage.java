package org.concord.commitments;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

import org.concord.party.PartyCode;
import org.concord.workflow.EnvelopedMessage;
import org.concord.workflow.DueEscalation;
import org.concord.workflow.Envelope;
import org.concord.workflow.EscalationLevel;
import org.concord.workflow.StixId;

/** The messages of one commitment. Who may send what, when, is decided by {@link CommitmentCase#apply}. */
public sealed interface CommitmentMessage extends EnvelopedMessage {

    /** One side records a commitment (e.g. from a joint statement); it opens the case. */
    record Propose(Envelope envelope, PartyCode counterpart, Commitment commitment) implements CommitmentMessage {
        public Propose {
            Objects.requireNonNull(envelope, "envelope");
            Objects.requireNonNull(counterpart, "counterpart");
            Objects.requireNonNull(commitment, "commitment");
            if (!envelope.caseId().equals(envelope.id()) || envelope.previous() != null) {
                throw new IllegalArgumentException("a proposal opens its own case");
            }
        }

        public static Propose of(StixId id, PartyCode sender, PartyCode counterpart, Instant sentAt,
                Commitment commitment) {
            return new Propose(new Envelope(id, id, sender, sentAt, null), counterpart, commitment);
        }
    }

    /** The other side confirms that this is what was agreed; from then on it binds both. */
    record Agree(Envelope envelope) implements CommitmentMessage {
        public Agree {
            Envelope.requireAnswer(envelope);
        }
    }

    /**
     * A side attests that the commitment has been fulfilled.
     *
     * @param evidence STIX ids supporting it (a report, a note); may be empty
     */
    record Attest(Envelope envelope, String text, List<StixId> evidence) implements CommitmentMessage {
        public Attest {
            Envelope.requireAnswer(envelope);
            text = text == null ? "" : text.strip();
            evidence = evidence == null ? List.of() : List.copyOf(evidence);
        }
    }

    /**
     * Either side takes an overdue commitment one rung up the ladder (see {@link ReminderPolicy#due}).
     *
     * @param reason why, in words, e.g. "no fulfilment by the due date 2026-12-02T10:00:00Z"
     */
    record Escalate(Envelope envelope, EscalationLevel to, Instant asOf, String reason) implements CommitmentMessage {
        public Escalate {
            Envelope.requireAnswer(envelope);
            reason = reason == null ? "" : reason.strip();
        }

        public Escalate(Envelope envelope, EscalationLevel to, Instant asOf) {
            this(envelope, to, asOf, "");
        }

        /** The escalation a missed due date makes due, as the next message of the commitment. */
        public static Escalate dueIn(CommitmentCase state, DueEscalation due, StixId id, PartyCode sender,
                Instant sentAt) {
            CommitmentFile file = state.file();
            return new Escalate(Envelope.answer(id, file.commitmentId(), sender, sentAt, file.head()), due.to(),
                    due.dueAt(), due.reason());
        }
    }

    /**
     * Either side takes back a commitment that is not fulfilled, saying why: it binds nobody any
     * more, and reminders and escalation stop on both sides.
     */
    record Withdraw(Envelope envelope, String reason) implements CommitmentMessage {
        public Withdraw {
            Envelope.requireAnswer(envelope);
            reason = reason == null ? "" : reason.strip();
        }
    }

}
