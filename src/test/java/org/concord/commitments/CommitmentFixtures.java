package org.concord.commitments;

import org.concord.workflow.Folded;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.concord.party.PartyCode;
import org.concord.workflow.Envelope;
import org.concord.workflow.EscalationLevel;
import org.concord.workflow.StixId;

/** Commitments and their messages for tests. */
final class CommitmentFixtures {

    static final PartyCode PK = PartyCode.of("PK");
    static final PartyCode IR = PartyCode.of("IR");
    static final PartyCode AF = PartyCode.of("AF");
    static final Instant AGREED = Instant.parse("2024-01-22T12:00:00Z");
    static final Instant DUE = Instant.parse("2024-01-26T00:00:00Z");

    private CommitmentFixtures() {
    }

    static Commitment anyCommitmentOwnedBy(PartyCode owner) {
        return new Commitment("the ambassador of " + owner + " returns to post", owner, DUE);
    }

    /** One commitment's messages, each naming the one before. */
    static final class Track {
        final List<CommitmentMessage> messages = new ArrayList<>();
        final CommitmentMessage.Propose proposal;
        private Instant now = AGREED;

        Track(PartyCode proposer, PartyCode counterpart, Commitment commitment) {
            proposal = CommitmentMessage.Propose.of(StixId.random("x-concord-commitment"), proposer, counterpart,
                    now, commitment);
            messages.add(proposal);
        }

        Track at(Instant instant) {
            now = instant;
            return this;
        }

        private Envelope next(PartyCode sender) {
            return Envelope.answer(StixId.random("x-concord-commitment-message"), proposal.id(), sender, now,
                    messages.get(messages.size() - 1).id());
        }

        Track agree(PartyCode by) {
            messages.add(new CommitmentMessage.Agree(next(by)));
            return this;
        }

        Track attest(PartyCode by, String text) {
            messages.add(new CommitmentMessage.Attest(next(by), text, List.of()));
            return this;
        }

        Track escalate(PartyCode by, EscalationLevel to, Instant asOf) {
            messages.add(new CommitmentMessage.Escalate(next(by), to, asOf));
            return this;
        }

        Folded<CommitmentMessage, CommitmentCase, CommitmentRefusal> fold() {
            return Commitments.fold(messages);
        }

        CommitmentCase state() {
            return fold().current();
        }

        CommitmentRefusal lastRefusal() {
            List<Folded.RefusedMessage<CommitmentMessage, CommitmentRefusal>> refused = fold().refused();
            return refused.get(refused.size() - 1).refusal();
        }
    }
}
