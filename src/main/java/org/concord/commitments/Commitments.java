package org.concord.commitments;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.concord.workflow.DeliveryOrder;
import org.concord.workflow.StixId;

/** Derives a commitment from its messages in the canonical {@link DeliveryOrder}. */
public final class Commitments {

    private Commitments() {
    }

    /** The commitment the messages make; they must all be of one commitment. */
    public static FoldedCommitment fold(Collection<? extends CommitmentMessage> messages) {
        return DeliveryOrder.theCaseOf(messages).map(commitmentId -> fold(commitmentId, messages))
                .orElseGet(() -> new FoldedCommitment(Optional.empty(), List.of(), List.of(), List.of()));
    }

    /** The commitment {@code commitmentId}; messages of others are refused as {@code UNKNOWN_COMMITMENT}. */
    public static FoldedCommitment fold(StixId commitmentId, Collection<? extends CommitmentMessage> messages) {
        DeliveryOrder.Arrangement<CommitmentMessage> arranged = DeliveryOrder.arrange(commitmentId, messages);
        CommitmentCase state = null;
        List<CommitmentMessage> applied = new ArrayList<>();
        List<FoldedCommitment.RefusedMessage> refused = new ArrayList<>();
        for (CommitmentMessage message : arranged.inOrder()) {
            CommitmentTransition transition;
            if (state != null) {
                transition = state.apply(message);
            } else if (message instanceof CommitmentMessage.Propose propose) {
                transition = CommitmentCase.open(propose);
            } else {
                transition = CommitmentTransition.refused(CommitmentRefusal.Rule.UNKNOWN_COMMITMENT,
                        "commitment_ref", "no proposal opened commitment " + message.caseId());
            }
            if (transition instanceof CommitmentTransition.Next next) {
                state = next.state();
                applied.add(message);
            } else {
                refused.add(new FoldedCommitment.RefusedMessage(message,
                        ((CommitmentTransition.Refused) transition).refusal()));
            }
        }
        for (CommitmentMessage other : arranged.otherCases()) {
            refused.add(new FoldedCommitment.RefusedMessage(other, new CommitmentRefusal(
                    CommitmentRefusal.Rule.UNKNOWN_COMMITMENT, "commitment_ref",
                    "the message is about commitment " + other.caseId() + ", not " + commitmentId)));
        }
        return new FoldedCommitment(Optional.ofNullable(state), applied, refused, arranged.waiting());
    }

    static CommitmentCase withFile(CommitmentCase state, CommitmentFile file) {
        if (state instanceof Proposed) {
            return new Proposed(file);
        }
        if (state instanceof Agreed a) {
            return new Agreed(file, a.agreedAt(), a.attestations());
        }
        Fulfilled f = (Fulfilled) state;
        return new Fulfilled(file, f.attestations(), f.fulfilledAt());
    }
}
