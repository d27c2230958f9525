package org.concord.incidents;

/** An incident message that will not be applied: rule, field, explanation. The incident is unchanged. */
public record IncidentRefusal(Rule rule, String field, String explanation) implements org.concord.workflow.CaseRefusal {

    public IncidentRefusal {
        org.concord.workflow.CaseRefusal.requireAll(rule, field, explanation);
    }

    public enum Rule {
        UNKNOWN_INCIDENT,
        NOT_A_PARTY_TO_THE_INCIDENT,
        SELF_ADDRESSED,
        INCIDENT_ALREADY_REPORTED,
        /** Signed off by both: nothing changes a settled incident. */
        INCIDENT_SETTLED,
        /** The reporting side answering its own claims. */
        REPORTER_CANNOT_ANSWER_OWN_CLAIMS,
        /** An answer to a claim the report does not make. */
        UNKNOWN_CLAIM,
        /** A second definite answer (CONFIRM or DISPUTE) to a claim. */
        CLAIM_ALREADY_ANSWERED,
        /** A dispute without evidence. */
        EVIDENCE_REQUIRED,
        FIELD_REQUIRED,
        /** Two claims of one report under one reference: answers name claims by it. */
        CLAIM_REF_REPEATED,
        /** A sign-off of findings that are not the ones on the table. */
        NOT_THE_CURRENT_FINDINGS,
        ALREADY_SIGNED
    }
}
