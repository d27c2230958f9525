package org.concord.requests;

import java.time.Instant;

/**
 * The responder declined; the case is over. (The requester may open a new request, e.g. with more
 * evidence, or raise it on the hotline.)
 */
public record Declined(CaseFile file, DeclineReason reason, String text, Instant declinedAt) implements RequestCase {

    @Override
    public boolean isClosed() {
        return true;
    }
}
