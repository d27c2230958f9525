package org.concord.requests;

/**
 * What the responder offers instead of accepting the request as it stands.
 *
 * @param kind what kind of counter-proposal; null only as received (then refused)
 * @param text the terms in words; required for {@link Kind#OTHER}
 */
public record CounterProposal(Kind kind, String text) {

    public CounterProposal {
        text = text == null ? "" : text.strip();
    }

    public static CounterProposal of(Kind kind, String text) {
        return new CounterProposal(kind, text);
    }

    public enum Kind {
        /** Act together: a joint operation. */
        JOINT_OPERATION,
        /** The requester should send more evidence first (answered by an {@code Amend}). */
        MORE_EVIDENCE_NEEDED,
        /** A different action against the same target, e.g. surveillance instead of a raid. */
        DIFFERENT_ACTION,
        /** The same action, later. */
        LATER_DATE,
        /** Anything else; the text says what. */
        OTHER
    }
}
