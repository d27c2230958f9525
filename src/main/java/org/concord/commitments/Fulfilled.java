package org.concord.commitments;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

import org.concord.party.PartyCode;

/**
 * Both sides attested: the commitment is fulfilled and nothing changes it.
 *
 * @param attestations both attestations
 * @param fulfilledAt when the second was sent
 */
public record Fulfilled(CommitmentFile file, Map<PartyCode, Attestation> attestations, Instant fulfilledAt)
        implements CommitmentCase {

    public Fulfilled {
        attestations = Map.copyOf(attestations);
        Objects.requireNonNull(fulfilledAt, "fulfilledAt");
    }

    /** Whether it was fulfilled after its due date. */
    public boolean late() {
        return fulfilledAt.isAfter(file.commitment().dueBy());
    }
}
