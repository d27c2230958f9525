package org.concord.commitments;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.concord.party.PartyCode;
import org.concord.workflow.EscalationLevel;
import org.concord.workflow.StixId;

/**
 * What every state of a commitment knows.
 *
 * @param commitmentId the id of the proposal
 * @param proposer the side that recorded it
 * @param counterpart the other side
 * @param commitment what, who, by when
 * @param level the rung of the escalation ladder
 * @param lastEscalation when the last escalation took effect
 * @param history the applied messages in order
 */
public record CommitmentFile(StixId commitmentId, PartyCode proposer, PartyCode counterpart, Commitment commitment,
        EscalationLevel level, Optional<Instant> lastEscalation, List<CommitmentMessage> history) {

    public CommitmentFile {
        Objects.requireNonNull(commitmentId, "commitmentId");
        Objects.requireNonNull(proposer, "proposer");
        Objects.requireNonNull(counterpart, "counterpart");
        Objects.requireNonNull(commitment, "commitment");
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(lastEscalation, "lastEscalation");
        history = List.copyOf(history);
    }

    static CommitmentFile opened(CommitmentMessage.Propose propose) {
        return new CommitmentFile(propose.id(), propose.sender(), propose.counterpart(), propose.commitment(),
                EscalationLevel.LIAISON_OFFICERS, Optional.empty(), List.of(propose));
    }

    public boolean isParty(PartyCode party) {
        return proposer.equals(party) || counterpart.equals(party);
    }

    public StixId head() {
        return history.get(history.size() - 1).id();
    }

    CommitmentFile recording(CommitmentMessage message) {
        List<CommitmentMessage> more = new ArrayList<>(history);
        more.add(message);
        return new CommitmentFile(commitmentId, proposer, counterpart, commitment, level, lastEscalation, more);
    }

    CommitmentFile escalated(EscalationLevel to, Instant asOf) {
        return new CommitmentFile(commitmentId, proposer, counterpart, commitment, to, Optional.of(asOf), history);
    }
}
