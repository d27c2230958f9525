package org.concord.requests;

import java.time.Instant;

/** The case is over with an outcome: the action was taken (or not), or the requester withdrew. */
public record Closed(CaseFile file, Outcome outcome, String text, Instant closedAt) implements RequestCase {

    @Override
    public boolean isClosed() {
        return true;
    }
}
