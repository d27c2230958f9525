package org.concord.incidents;

import java.time.Instant;
import java.util.Objects;

import org.concord.incidents.IncidentMessage.SignOff;
import org.concord.incidents.IncidentRefusal.Rule;
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

    @Override
    public IncidentTransition signOff(SignOff signOff) {
        return IncidentTransition.refused(Rule.INCIDENT_SETTLED, "type", "the incident is settled");
    }
}
