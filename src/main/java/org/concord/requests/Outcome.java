package org.concord.requests;

/** How a case ended, as the closing party states it. */
public enum Outcome {
    /** The responder did what was asked. */
    ACTION_TAKEN(Closer.RESPONDER),
    /** The responder did part of it. */
    PARTIALLY_DONE(Closer.RESPONDER),
    /** The responder acted and did not find the target. */
    TARGET_NOT_FOUND(Closer.RESPONDER),
    /** The responder gave up after accepting; the text says why. */
    ABANDONED(Closer.RESPONDER),
    /** The requester withdrew its request. */
    WITHDRAWN(Closer.REQUESTER);

    private final Closer closer;

    Outcome(Closer closer) {
        this.closer = closer;
    }

    /** Whether the requester (rather than the responder) may close a case with this outcome. */
    public boolean isTheRequesters() {
        return closer == Closer.REQUESTER;
    }

    private enum Closer { REQUESTER, RESPONDER }
}
