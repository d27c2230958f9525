package org.concord.incidents;

import java.util.Collection;

import org.concord.workflow.Cases;
import org.concord.workflow.Folded;
import org.concord.workflow.StixId;

/** Derives an incident from its messages: the engine's one fold ({@link Cases#fold}) with the incidents' rules. */
public final class Incidents {

    private Incidents() {
    }

    /** The incident the messages make; they must all be of one incident. */
    public static Folded<IncidentMessage, Incident, IncidentRefusal> fold(Collection<? extends IncidentMessage> messages) {
        return Cases.fold(IncidentCaseType.INSTANCE, messages);
    }

    /** The incident {@code incidentId}; messages of other incidents are refused as {@code UNKNOWN_INCIDENT}. */
    public static Folded<IncidentMessage, Incident, IncidentRefusal> fold(StixId incidentId,
            Collection<? extends IncidentMessage> messages) {
        return Cases.fold(IncidentCaseType.INSTANCE, incidentId, messages);
    }

    static Incident withFile(Incident state, IncidentFile file) {
        if (state instanceof UnderReview) {
            return new UnderReview(file);
        }
        if (state instanceof FindingsProposed f) {
            return new FindingsProposed(file, f.findingsRef(), f.findings(), f.signedBy());
        }
        Settled s = (Settled) state;
        return new Settled(file, s.findingsRef(), s.findings(), s.settledAt());
    }
}
