package org.concord.incidents;

import org.concord.incidents.IncidentMessage.SignOff;
import org.concord.incidents.IncidentRefusal.Rule;

/** The report is in; the other side answers the claims; either side may propose findings. */
public record UnderReview(IncidentFile file) implements Incident {

    @Override
    public IncidentTransition signOff(SignOff signOff) {
        return IncidentTransition.refused(Rule.NOT_THE_CURRENT_FINDINGS, "findings_ref",
                "no findings have been proposed for this incident");
    }
}
