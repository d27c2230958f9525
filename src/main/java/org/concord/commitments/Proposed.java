package org.concord.commitments;

import org.concord.workflow.Step;

import java.util.Map;

import org.concord.commitments.CommitmentMessage.Agree;
import org.concord.commitments.CommitmentRefusal.Rule;

/** One side recorded the commitment; the other has not yet confirmed it. It binds nobody yet. */
public record Proposed(CommitmentFile file) implements CommitmentCase {

    /** What this state does with a message that passed the shared rules of {@link #apply}. */
    Step<CommitmentCase, CommitmentRefusal> on(CommitmentMessage message) {
        if (message instanceof Agree agree) {
            if (agree.sender().equals(file.proposer())) {
                return Step.refused(new CommitmentRefusal(Rule.PROPOSER_CANNOT_AGREE, "sender",
                        file.proposer() + " proposed it; " + file.counterpart() + " agrees"));
            }
            return Step.next(new Agreed(file, agree.sentAt(), Map.of()));
        }
        return Step.refused(new CommitmentRefusal(Rule.NOT_AGREED_YET, "type",
                file.counterpart() + " has not agreed to this commitment yet"));
    }
}
