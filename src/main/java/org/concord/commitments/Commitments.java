package org.concord.commitments;

import java.util.Collection;

import org.concord.workflow.Cases;
import org.concord.workflow.Folded;
import org.concord.workflow.StixId;

/** Derives a commitment from its messages: the engine's one fold ({@link Cases#fold}) with the commitments' rules. */
public final class Commitments {

    private Commitments() {
    }

    /** The commitment the messages make; they must all be of one commitment. */
    public static Folded<CommitmentMessage, CommitmentCase, CommitmentRefusal> fold(Collection<? extends CommitmentMessage> messages) {
        return Cases.fold(CommitmentType.DEFAULT, messages);
    }

    /** The commitment {@code commitmentId}; messages of other commitments are refused as {@code UNKNOWN_COMMITMENT}. */
    public static Folded<CommitmentMessage, CommitmentCase, CommitmentRefusal> fold(StixId commitmentId,
            Collection<? extends CommitmentMessage> messages) {
        return Cases.fold(CommitmentType.DEFAULT, commitmentId, messages);
    }

    static CommitmentCase withFile(CommitmentCase state, CommitmentFile file) {
        if (state instanceof Proposed) {
            return new Proposed(file);
        }
        if (state instanceof Agreed a) {
            return new Agreed(file, a.agreedAt(), a.attestations());
        }
        if (state instanceof Withdrawn w) {
            return new Withdrawn(file, w.withdrawnAt(), w.reason(), w.by());
        }
        Fulfilled f = (Fulfilled) state;
        return new Fulfilled(file, f.attestations(), f.fulfilledAt());
    }
}
