package org.concord.commitments;

import org.concord.workflow.Step;

import org.concord.commitments.CommitmentMessage.Escalate;
import org.concord.commitments.CommitmentMessage.Propose;
import org.concord.commitments.CommitmentRefusal.Rule;
import org.concord.workflow.EscalationClock;

/**
 * A commitment, in one of its states: {@link Proposed} (recorded by one side, awaiting the other's
 * agreement), {@link Agreed} (binding; attestations being collected; reminders and overdue
 * escalation run), {@link Fulfilled} (both attested).
 */
public sealed interface CommitmentCase permits Proposed, Agreed, Fulfilled, Withdrawn {

    CommitmentFile file();

    default String name() {
        return getClass().getSimpleName();
    }

    /** The next state after the message, or the refusal: shared rules first, then the state. */
    default Step<CommitmentCase, CommitmentRefusal> apply(CommitmentMessage message) {
        CommitmentFile file = file();
        if (!message.caseId().equals(file.commitmentId())) {
            return Step.refused(new CommitmentRefusal(Rule.UNKNOWN_COMMITMENT, "commitment_ref",
                    "no commitment " + message.caseId() + " here"));
        }
        if (!file.isParty(message.sender())) {
            return Step.refused(new CommitmentRefusal(Rule.NOT_A_PARTY_TO_THE_COMMITMENT, "sender",
                    message.sender() + " is neither " + file.proposer() + " nor " + file.counterpart()));
        }
        if (message instanceof Propose) {
            return Step.refused(new CommitmentRefusal(Rule.ALREADY_PROPOSED, "id", "already proposed"));
        }
        if (this instanceof Fulfilled) {
            return Step.refused(new CommitmentRefusal(Rule.ALREADY_FULFILLED, "type",
                    "both sides attested; " + message.type() + " cannot change it"));
        }
        if (this instanceof Withdrawn withdrawn) {
            return Step.refused(new CommitmentRefusal(Rule.COMMITMENT_WITHDRAWN, "type",
                    "withdrawn at " + withdrawn.withdrawnAt() + "; " + message.type() + " cannot change it"));
        }
        Step<CommitmentCase, CommitmentRefusal> transition;
        if (message instanceof CommitmentMessage.Withdraw withdraw) {
            transition = Step.next(new Withdrawn(file, withdraw.sentAt(), withdraw.reason(), withdraw.sender()));
        } else {
            transition = this instanceof Proposed proposed ? proposed.on(message) : ((Agreed) this).on(message);
        }
        if (transition instanceof Step.Next<CommitmentCase, CommitmentRefusal> next) {
            CommitmentCase after = next.state();
            return Step.next(Commitments.withFile(after, after.file().recording(message)));
        }
        return transition;
    }

    /** The first state, or the refusal of a proposal missing what a commitment must say. */
    static Step<CommitmentCase, CommitmentRefusal> open(Propose propose) {
        if (propose.sender().equals(propose.counterpart())) {
            return Step.refused(new CommitmentRefusal(Rule.SELF_ADDRESSED, "counterpart", "a commitment binds two sides"));
        }
        Commitment c = propose.commitment();
        if (c.what().isEmpty()) {
            return Step.refused(new CommitmentRefusal(Rule.FIELD_REQUIRED, "what", "what is to be done"));
        }
        if (c.owner() == null) {
            return Step.refused(new CommitmentRefusal(Rule.FIELD_REQUIRED, "owner", "which side must do it"));
        }
        if (!c.owner().equals(propose.sender()) && !c.owner().equals(propose.counterpart())) {
            return Step.refused(new CommitmentRefusal(Rule.OWNER_NOT_A_PARTY, "owner",
                    c.owner() + " is not one of the two sides"));
        }
        if (c.dueBy() == null) {
            return Step.refused(new CommitmentRefusal(Rule.FIELD_REQUIRED, "due_by", "by when"));
        }
        return Step.next(new Proposed(CommitmentFile.opened(propose)));
    }

    /** One rung up at a time, as everywhere on the ladder ({@link EscalationClock#check}). */
    static Step<CommitmentCase, CommitmentRefusal> escalate(CommitmentCase state, Escalate escalate) {
        CommitmentFile file = state.file();
        return EscalationClock.check(file.level(), escalate.to(), escalate.asOf())
                .map(p -> Step.<CommitmentCase, CommitmentRefusal>refused(new CommitmentRefusal(Rule.valueOf(p.rule()), p.field(), p.explanation())))
                .orElseGet(() -> Step.next(
                        Commitments.withFile(state, file.escalated(escalate.to(), escalate.asOf()))));
    }
}
