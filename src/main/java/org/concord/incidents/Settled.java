package org.concord.incidents;

import java.time.Instant;
import java.util.Objects;

import org.concord.workflow.StixId;

/**
 * Both sides signed off the same joint findings: the incident is closed and nothing changes it.
 *
 * @param findingsRef the id of the findings both signed
 * @param findings their text
 * @param settledAt when the second sign-off was sent
 */
public record Settled(IncidentFile file, StixId findingsRef, String findings, Instant settledAt) implements Incident {

    public Settled {
        Objects.requireNonNull(findingsRef, "findingsRef");
        Objects.requireNonNull(findings, "findings");
        Objects.requireNonNull(settledAt, "settledAt");
    }
}
