package org.concord.commitments;

import java.time.Instant;
import java.util.Objects;

import org.concord.party.PartyCode;

/**
 * One side took the commitment back before it was fulfilled: it binds nobody, and no reminder or
 * escalation runs for it on either side. Nothing further applies.
 *
 * @param withdrawnAt when the withdrawal was sent
 * @param reason why, in the withdrawing side's words
 * @param by the side that withdrew it
 */
public record Withdrawn(CommitmentFile file, Instant withdrawnAt, String reason, PartyCode by) implements CommitmentCase {

    public Withdrawn {
        Objects.requireNonNull(withdrawnAt, "withdrawnAt");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(by, "by");
    }
}
