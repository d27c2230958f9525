package org.concord.commitments;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

import org.concord.workflow.StixId;

/** One side's attestation that the commitment is fulfilled. */
public record Attestation(Instant at, String text, List<StixId> evidence) {
    public Attestation {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(text, "text");
        evidence = List.copyOf(evidence);
    }
}
