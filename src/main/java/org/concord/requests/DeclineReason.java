package org.concord.requests;

/** Why the responder declines; {@link #OTHER} needs a text that says why. */
public enum DeclineReason {
    INSUFFICIENT_EVIDENCE,
    NOT_IN_OUR_TERRITORY,
    ALREADY_ACTING,
    OTHER
}
