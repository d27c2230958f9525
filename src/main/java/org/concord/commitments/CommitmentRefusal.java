package org.concord.commitments;

/** A commitment message that will not be applied: rule, field, explanation. The commitment is unchanged. */
public record CommitmentRefusal(Rule rule, String field, String explanation) implements org.concord.workflow.CaseRefusal {

    public CommitmentRefusal {
        org.concord.workflow.CaseRefusal.requireAll(rule, field, explanation);
    }

    public enum Rule {
        UNKNOWN_COMMITMENT,
        NOT_A_PARTY_TO_THE_COMMITMENT,
        SELF_ADDRESSED,
        /** The owner must be one of the two parties. */
        OWNER_NOT_A_PARTY,
        ALREADY_PROPOSED,
        /** The proposer agreeing to its own proposal: the other side must. */
        PROPOSER_CANNOT_AGREE,
        ALREADY_AGREED,
        /** Attesting or escalating before the other side agreed. */
        NOT_AGREED_YET,
        /** The same side attesting twice. */
        ALREADY_ATTESTED,
        /** Both sides attested: nothing changes a fulfilled commitment. */
        ALREADY_FULFILLED,
        FIELD_REQUIRED,
        ALREADY_AT_LEVEL,
        ESCALATION_SKIPS_A_LEVEL,
        /** Any message to a commitment one side withdrew. */
        COMMITMENT_WITHDRAWN
    }
}
