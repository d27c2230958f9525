package org.concord.requests;

import java.util.List;
import java.util.Objects;

import org.concord.workflow.StixId;

/**
 * A piece of evidence: a reference to an intel object (a report, a sighting, an observed-data
 * object) together with the markings it carries, so the partner knows how it may be handled
 * before it pulls the object from the intel collection.
 *
 * @param ref the STIX id of the evidence
 * @param markings the ids of its marking definitions (TLP 2.0 and others); may be empty
 */
public record EvidenceRef(StixId ref, List<StixId> markings) {

    public EvidenceRef {
        Objects.requireNonNull(ref, "ref");
        markings = markings == null ? List.of() : List.copyOf(markings);
    }

    public static EvidenceRef of(StixId ref, StixId... markings) {
        return new EvidenceRef(ref, List.of(markings));
    }
}
