package org.concord.commitments;

import java.util.Objects;

/** What a message does to a commitment: the next state, or a refusal (the commitment unchanged). */
public sealed interface CommitmentTransition {

    record Next(CommitmentCase state) implements CommitmentTransition {
        public Next {
            Objects.requireNonNull(state, "state");
        }
    }

    record Refused(CommitmentRefusal refusal) implements CommitmentTransition {
        public Refused {
            Objects.requireNonNull(refusal, "refusal");
        }
    }

    static CommitmentTransition refused(CommitmentRefusal.Rule rule, String field, String explanation) {
        return new Refused(new CommitmentRefusal(rule, field, explanation));
    }
}
