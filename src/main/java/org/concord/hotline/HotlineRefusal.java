package org.concord.hotline;

/**
 * A hotline message the call will not apply: the rule, the field, an explanation. The call is
 * unchanged.
 */
public record HotlineRefusal(Rule rule, String field, String explanation) implements org.concord.workflow.CaseRefusal {

    public HotlineRefusal {
        org.concord.workflow.CaseRefusal.requireAll(rule, field, explanation);
    }

    public enum Rule {
        /** The message belongs to another call, or no valid message opened this one. */
        UNKNOWN_CALL,
        /** The sender is neither end of the call. */
        NOT_A_PARTY_TO_THE_CALL,
        /** A message to an official of one's own side. */
        SAME_SIDE,
        /** A second message with the id of an open call. */
        CALL_ALREADY_OPEN,
        /** The sender acknowledging its own message. */
        SENDER_CANNOT_ACKNOWLEDGE,
        /** A second acknowledgement, or an escalation after the acknowledgement. */
        ALREADY_ACKNOWLEDGED,
        /** A required field is missing (priority, text, rung, ...). */
        FIELD_REQUIRED,
        /** An escalation to the rung the call is on, or below. */
        ALREADY_AT_LEVEL,
        /** An escalation that skips a rung. */
        ESCALATION_SKIPS_A_LEVEL,
        /** A withdrawal by the addressee: only the caller takes its call back. */
        ONLY_THE_CALLER_MAY,
        /** Any message to a call its caller withdrew. */
        CALL_WITHDRAWN,
        /** A call that names itself as the call it replies to. */
        REPLY_TO_ITSELF
    }
}
