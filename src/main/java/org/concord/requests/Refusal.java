package org.concord.requests;

/**
 * A message the state machine will not apply, as a value: the rule it broke, the field at fault
 * and an explanation a liaison officer can act on. The case is unchanged; both nodes record the
 * refused message and reach the same refusal, because they fold the same messages.
 *
 * @param rule the rule broken
 * @param field the message field at fault, as named in the STIX extension (e.g. {@code reason}),
 *     or {@code type} when the message as a whole is out of place
 * @param explanation one line for the officer
 */
public record Refusal(Rule rule, String field, String explanation) implements org.concord.workflow.CaseRefusal {

    public Refusal {
        org.concord.workflow.CaseRefusal.requireAll(rule, field, explanation);
    }

    static Refusal of(Rule rule, String field, String explanation) {
        return new Refusal(rule, field, explanation);
    }

    /** The rules of the request protocol; {@code docs/workflow.md} lists them with examples. */
    public enum Rule {
        /** The message belongs to another case, or to none that is open here. */
        UNKNOWN_CASE,
        /** The sender is neither the requester nor the addressee of the case. */
        NOT_A_PARTY_TO_THE_CASE,
        /** A request addressed to its own sender. */
        SELF_ADDRESSED,
        /** A second request with the id of an open case. */
        CASE_ALREADY_OPEN,
        /** Any message to a declined or closed case. */
        CASE_CLOSED,
        /** The requester sent what only the responder may send: it cannot answer its own request. */
        REQUESTER_CANNOT_ANSWER_OWN_REQUEST,
        /** The responder sent what only the requester may send (amend, withdraw, answer a counter-proposal). */
        ONLY_THE_REQUESTER_MAY,
        /** A second acknowledgement. */
        ALREADY_ACKNOWLEDGED,
        /** Accepting twice, or declining, counter-proposing or amending after acceptance. */
        ALREADY_ACCEPTED,
        /**
         * An acceptance of terms that are no longer on the table: the request was amended, or the
         * counter-proposal replaced, after the acceptor last looked.
         */
        TERMS_CHANGED,
        /** A progress update, or a closure by the responder, before the request was accepted. */
        NOT_ACCEPTED_YET,
        /** A required field is missing (targets, action, urgency, reason, outcome, ...). */
        FIELD_REQUIRED,
        /** A text is required: a decline or counter-proposal for reason OTHER, or an abandoned action. */
        TEXT_REQUIRED,
        /** A closing outcome that belongs to the other side (a responder cannot withdraw, ...). */
        OUTCOME_NOT_YOURS,
        /** An escalation to the rung the case is already on, or one below. */
        ALREADY_AT_LEVEL,
        /** An escalation that skips a rung. */
        ESCALATION_SKIPS_A_LEVEL
    }
}
