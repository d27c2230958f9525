package org.concord.incidents;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.concord.workflow.DeliveryOrder;
import org.concord.workflow.StixId;

/** Derives an incident from its messages in the canonical {@link DeliveryOrder}. */
public final class Incidents {

    private Incidents() {
    }

    /** The incident the messages make; they must all be of one incident. */
    public static FoldedIncident fold(Collection<? extends IncidentMessage> messages) {
        return DeliveryOrder.theCaseOf(messages).map(incidentId -> fold(incidentId, messages))
                .orElseGet(() -> new FoldedIncident(Optional.empty(), List.of(), List.of(), List.of()));
    }

    /** The incident {@code incidentId}; messages of other incidents are refused as {@code UNKNOWN_INCIDENT}. */
    public static FoldedIncident fold(StixId incidentId, Collection<? extends IncidentMessage> messages) {
        DeliveryOrder.Arrangement<IncidentMessage> arranged = DeliveryOrder.arrange(incidentId, messages);
        Incident state = null;
        List<IncidentMessage> applied = new ArrayList<>();
        List<FoldedIncident.RefusedMessage> refused = new ArrayList<>();
        for (IncidentMessage message : arranged.inOrder()) {
            IncidentTransition transition;
            if (state != null) {
                transition = state.apply(message);
            } else if (message instanceof IncidentMessage.Report report) {
                transition = Incident.open(report);
            } else {
                transition = IncidentTransition.refused(IncidentRefusal.Rule.UNKNOWN_INCIDENT, "incident_ref",
                        "no report opened incident " + message.caseId());
            }
            if (transition instanceof IncidentTransition.Next next) {
                state = next.state();
                applied.add(message);
            } else {
                refused.add(new FoldedIncident.RefusedMessage(message,
                        ((IncidentTransition.Refused) transition).refusal()));
            }
        }
        for (IncidentMessage other : arranged.otherCases()) {
            refused.add(new FoldedIncident.RefusedMessage(other, new IncidentRefusal(
                    IncidentRefusal.Rule.UNKNOWN_INCIDENT, "incident_ref",
                    "the message is about incident " + other.caseId() + ", not " + incidentId)));
        }
        return new FoldedIncident(Optional.ofNullable(state), applied, refused, arranged.waiting());
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
