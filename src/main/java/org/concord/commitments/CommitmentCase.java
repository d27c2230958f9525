package org.concord.commitments;

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
    default CommitmentTransition apply(CommitmentMessage message) {
        CommitmentFile file = file();
        if (!message.caseId().equals(file.commitmentId())) {
            return CommitmentTransition.refused(Rule.UNKNOWN_COMMITMENT, "commitment_ref",
                    "no commitment " + message.caseId() + " here");
        }
        if (!file.isParty(message.sender())) {
            return CommitmentTransition.refused(Rule.NOT_A_PARTY_TO_THE_COMMITMENT, "sender",
                    message.sender() + " is neither " + file.proposer() + " nor " + file.counterpart());
        }
        if (message instanceof Propose) {
            return CommitmentTransition.refused(Rule.ALREADY_PROPOSED, "id", "already proposed");
        }
        if (this instanceof Fulfilled) {
            return CommitmentTransition.refused(Rule.ALREADY_FULFILLED, "type",
                    "both sides attested; " + message.type() + " cannot change it");
        }
        if (this instanceof Withdrawn withdrawn) {
            return CommitmentTransition.refused(Rule.COMMITMENT_WITHDRAWN, "type",
                    "withdrawn at " + withdrawn.withdrawnAt() + "; " + message.type() + " cannot change it");
        }
        CommitmentTransition transition;
        if (message instanceof CommitmentMessage.Withdraw withdraw) {
            transition = new CommitmentTransition.Next(new Withdrawn(file, withdraw.sentAt(), withdraw.reason(), withdraw.sender()));
        } else {
            transition = this instanceof Proposed proposed ? proposed.on(message) : ((Agreed) this).on(message);
        }
        if (transition instanceof CommitmentTransition.Next next) {
            CommitmentCase after = next.state();
            return new CommitmentTransition.Next(Commitments.withFile(after, after.file().recording(message)));
        }
        return transition;
    }

    /** The first state, or the refusal of a proposal missing what a commitment must say. */
    static CommitmentTransition open(Propose propose) {
        if (propose.sender().equals(propose.counterpart())) {
            return CommitmentTransition.refused(Rule.SELF_ADDRESSED, "counterpart", "a commitment binds two sides");
        }
        Commitment c = propose.commitment();
        if (c.what().isEmpty()) {
            return CommitmentTransition.refused(Rule.FIELD_REQUIRED, "what", "what is to be done");
        }
        if (c.owner() == null) {
            return CommitmentTransition.refused(Rule.FIELD_REQUIRED, "owner", "which side must do it");
        }
        if (!c.owner().equals(propose.sender()) && !c.owner().equals(propose.counterpart())) {
            return CommitmentTransition.refused(Rule.OWNER_NOT_A_PARTY, "owner",
                    c.owner() + " is not one of the two sides");
        }
        if (c.dueBy() == null) {
            return CommitmentTransition.refused(Rule.FIELD_REQUIRED, "due_by", "by when");
        }
        return new CommitmentTransition.Next(new Proposed(CommitmentFile.opened(propose)));
    }

    /** One rung up at a time, as everywhere on the ladder ({@link EscalationClock#check}). */
    static CommitmentTransition escalate(CommitmentCase state, Escalate escalate) {
        CommitmentFile file = state.file();
        return EscalationClock.check(file.level(), escalate.to(), escalate.asOf())
                .map(p -> CommitmentTransition.refused(Rule.valueOf(p.rule()), p.field(), p.explanation()))
                .orElseGet(() -> new CommitmentTransition.Next(
                        Commitments.withFile(state, file.escalated(escalate.to(), escalate.asOf()))));
    }
}
