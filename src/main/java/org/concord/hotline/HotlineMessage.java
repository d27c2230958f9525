package org.concord.hotline;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

import org.concord.party.PartyCode;
import org.concord.workflow.EnvelopedMessage;
import org.concord.workflow.DueEscalation;
import org.concord.workflow.Envelope;
import org.concord.workflow.EscalationLevel;
import org.concord.workflow.StixId;

/**
 * The messages of one hotline call: the message itself, its acknowledgement, its escalations. A
 * reply is a new call that names the call it answers ({@link Send#inReplyTo}). Who may send what, when, is decided by {@link HotlineCall#apply}.
 */
public sealed interface HotlineMessage extends EnvelopedMessage {

    /**
     * A message from one official to another; it opens a call whose id is the message's id.
     *
     * @param test set when this is the test call of a scheduled test; null otherwise
     * @param inReplyTo the earlier call this one answers, between the same two parties; null when it
     *        answers none. A reply is a call of its own, with its own acknowledgement deadline; the
     *        thread is shown under the call it answers.
     */
    record Send(Envelope envelope, Official from, Official to, Priority priority, String text, TestSlot test,
            StixId inReplyTo) implements HotlineMessage {

        public Send(Envelope envelope, Official from, Official to, Priority priority, String text, TestSlot test) {
            this(envelope, from, to, priority, text, test, null);
        }

        public Send {
            Objects.requireNonNull(envelope, "envelope");
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
            if (!envelope.caseId().equals(envelope.id()) || envelope.previous() != null) {
                throw new IllegalArgumentException("a hotline message opens its own call");
            }
            if (!from.party().equals(envelope.sender())) {
                throw new IllegalArgumentException("the sending official serves the sending party");
            }
            text = text == null ? "" : text.strip();
        }

        public static Send of(StixId id, Official from, Official to, Priority priority, Instant sentAt, String text) {
            return new Send(new Envelope(id, id, from.party(), sentAt, null), from, to, priority, text, null);
        }

        public static Send test(StixId id, Official from, Official to, Priority priority, Instant sentAt,
                TestSlot slot) {
            return new Send(new Envelope(id, id, from.party(), sentAt, null), from, to, priority,
                    "test call " + slot.schedule() + " " + slot.slot(), Objects.requireNonNull(slot, "slot"));
        }

        public Optional<TestSlot> testSlot() {
            return Optional.ofNullable(test);
        }

        public Optional<StixId> replyTo() {
            return Optional.ofNullable(inReplyTo);
        }
    }

    /** The addressee's side confirms it has the message; {@code by} is the official who took it. */
    record Acknowledge(Envelope envelope, Official by) implements HotlineMessage {
        public Acknowledge {
            Envelope.requireAnswer(envelope);
            Objects.requireNonNull(by, "by");
            if (!by.party().equals(envelope.sender())) {
                throw new IllegalArgumentException("the acknowledging official serves the acknowledging party");
            }
        }
    }

    /**
     * Either side takes an unacknowledged call one rung up the ladder.
     *
     * @param asOf when it takes effect: the missed deadline (see {@link AcknowledgementPolicy#due})
     * @param reason why, in words, e.g. "no acknowledgement by 2026-12-02T10:00:00Z"
     */
    record Escalate(Envelope envelope, EscalationLevel to, Instant asOf, String reason) implements HotlineMessage {
        public Escalate {
            Envelope.requireAnswer(envelope);
            reason = reason == null ? "" : reason.strip();
        }

        public Escalate(Envelope envelope, EscalationLevel to, Instant asOf) {
            this(envelope, to, asOf, "");
        }

        /** The escalation a missed deadline makes due, as the next message of the call. */
        public static Escalate dueIn(HotlineCall call, DueEscalation due, StixId id, PartyCode sender,
                Instant sentAt) {
            CallFile file = call.file();
            return new Escalate(Envelope.answer(id, file.callId(), sender, sentAt, file.head()), due.to(),
                    due.dueAt(), due.reason());
        }
    }

    /** The caller takes back a call nobody has acknowledged yet, saying why; the deadline stops on both sides. */
    record Withdraw(Envelope envelope, String reason) implements HotlineMessage {
        public Withdraw {
            Envelope.requireAnswer(envelope);
            reason = reason == null ? "" : reason.strip();
        }
    }

}
