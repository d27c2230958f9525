package org.concord.incidents;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

import org.concord.workflow.StixId;

/** The other side's answer to one claim, as applied. */
public record ClaimAnswer(Verdict verdict, List<StixId> evidence, String text, Instant answeredAt) {
    public ClaimAnswer {
        Objects.requireNonNull(verdict, "verdict");
        evidence = List.copyOf(evidence);
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(answeredAt, "answeredAt");
    }

    public boolean isDefinite() {
        return verdict != Verdict.UNKNOWN;
    }
}
