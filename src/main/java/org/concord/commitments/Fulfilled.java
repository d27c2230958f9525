package org.concord.commitments;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

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

    /** Whether it was fulfilled after its due date: the attestation that fulfilled it was sent after it. */
    public boolean late() {
        return fulfilledAt.isAfter(file.commitment().dueBy());
    }

    /** How long after its due date it was fulfilled; empty when in time. */
    public Optional<Duration> lateBy() {
        return late() ? Optional.of(Duration.between(file.commitment().dueBy(), fulfilledAt)) : Optional.empty();
    }
}
