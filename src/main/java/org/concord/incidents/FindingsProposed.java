package org.concord.incidents;

import org.concord.workflow.Step;

import java.util.HashSet;
import java.util.Objects;
import java.util.Set;

import org.concord.incidents.IncidentMessage.SignOff;
import org.concord.incidents.IncidentRefusal.Rule;
import org.concord.party.PartyCode;
import org.concord.workflow.StixId;

/**
 * Joint findings are on the table. Each side signs them off; when both have, the incident is
 * {@link Settled}. New findings replace these and the sign-offs lapse.
 *
 * @param findingsRef the id of the message that proposed them
 * @param findings the text
 * @param signedBy the sides that signed them off so far
 */
public record FindingsProposed(IncidentFile file, StixId findingsRef, String findings, Set<PartyCode> signedBy)
        implements Incident {

    public FindingsProposed {
        Objects.requireNonNull(findingsRef, "findingsRef");
        Objects.requireNonNull(findings, "findings");
        signedBy = Set.copyOf(signedBy);
    }

    /** A sign-off that passed the shared rules of {@link #apply}. */
    Step<Incident, IncidentRefusal> signOff(SignOff signOff) {
        if (!findingsRef.equals(signOff.findingsRef())) {
            return Step.refused(new IncidentRefusal(Rule.NOT_THE_CURRENT_FINDINGS, "findings_ref",
                    "the findings on the table are " + findingsRef));
        }
        if (signedBy.contains(signOff.sender())) {
            return Step.refused(new IncidentRefusal(Rule.ALREADY_SIGNED, "sender",
                    signOff.sender() + " has signed these findings off already"));
        }
        Set<PartyCode> more = new HashSet<>(signedBy);
        more.add(signOff.sender());
        if (more.contains(file.reporter()) && more.contains(file.addressee())) {
            return Step.next(new Settled(file, findingsRef, findings, signOff.sentAt()));
        }
        return Step.next(new FindingsProposed(file, findingsRef, findings, more));
    }

    /** Whether the side has signed. */
    public boolean signedBy(PartyCode party) {
        return signedBy.contains(party);
    }

}
