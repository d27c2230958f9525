package org.concord.deconfliction;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

import org.concord.hotline.Priority;
import org.concord.party.PartyCode;

/**
 * Where a flagged conflict stands: {@link Awaiting} the partner's answer until a deadline, or
 * {@link Answered}. A transition returns the next standing or a {@link Refusal}; nothing throws.
 */
public sealed interface ConflictStanding {

    ConflictId id();

    PartyCode answeringParty();

    Priority priority();

    Instant deadline();

    /** Open: the answering party has not answered yet. */
    record Awaiting(ConflictId id, PartyCode answeringParty, Priority priority, Instant deadline) implements ConflictStanding {

        public Awaiting {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(answeringParty, "answeringParty");
            Objects.requireNonNull(priority, "priority");
            Objects.requireNonNull(deadline, "deadline");
        }

        /** Takes {@code answer}: only from the answering party, about this conflict. */
        public Transition answer(ConflictAnswer answer) {
            if (!answer.conflict().equals(id)) {
                return new Refusal("id", "same-conflict", "the answer is about " + answer.conflict() + ", not " + id);
            }
            if (!answer.answeredBy().equals(answeringParty)) {
                return new Refusal("conflict", "answered-by-the-partner", "only " + answeringParty
                        + ", whose notice or protected site is affected, answers this conflict; " + answer.answeredBy()
                        + " notified the operation");
            }
            return new Answered(id, answeringParty, priority, deadline, answer);
        }

        /** Overdue at {@code now} (the deadline is past and no answer came). */
        public boolean overdueAt(Instant now) {
            return !now.isBefore(deadline);
        }
    }

    /** Final: acknowledged or objected to. A late answer is still an answer, and {@link #late()} says so. */
    record Answered(ConflictId id, PartyCode answeringParty, Priority priority, Instant deadline, ConflictAnswer answer)
            implements ConflictStanding, Transition {

        public Answered {
            Objects.requireNonNull(answer, "answer");
        }

        public boolean late() {
            return answer.answeredAt().isAfter(deadline);
        }

        public Transition answer(ConflictAnswer again) {
            return new Refusal("conflict", "already-answered", "conflict " + id + " was already answered ("
                    + answer.verdict() + " at " + answer.answeredAt() + ")");
        }
    }

    /** What a transition gives: the next standing, or a refusal naming the field and the rule. */
    sealed interface Transition permits Answered, Refusal {
    }

    record Refusal(String field, String rule, String explanation) implements Transition {
    }

    /** Applies {@code answer} to this standing. */
    default Transition apply(ConflictAnswer answer) {
        if (this instanceof Awaiting awaiting) {
            return awaiting.answer(answer);
        }
        return ((Answered) this).answer(answer);
    }

    /** The standing the answers make, from the conflict just flagged. The first valid answer counts. */
    static ConflictStanding of(Awaiting open, Optional<ConflictAnswer> answer) {
        if (answer.isEmpty()) {
            return open;
        }
        Transition t = open.answer(answer.get());
        return t instanceof Answered answered ? answered : open;
    }
}
