package org.concord.incidents;

import org.concord.workflow.Step;

import java.util.HashSet;
import java.util.Set;

import org.concord.incidents.IncidentMessage.AnswerClaim;
import org.concord.incidents.IncidentMessage.ProposeFindings;
import org.concord.incidents.IncidentMessage.Report;
import org.concord.incidents.IncidentMessage.SignOff;
import org.concord.incidents.IncidentRefusal.Rule;

/**
 * An incident, in one of its states: {@link UnderReview} (claims being answered),
 * {@link FindingsProposed} (joint findings on the table, awaiting both sign-offs), {@link Settled}.
 */
public sealed interface Incident permits UnderReview, FindingsProposed, Settled {

    IncidentFile file();

    default String name() {
        return getClass().getSimpleName();
    }

    /**
     * The next state after the message, or the refusal: the shared rules (right incident, a party
     * to it, not a second report, not settled, claim answers only from the other side and with
     * their fields), then the state.
     */
    default Step<Incident, IncidentRefusal> apply(IncidentMessage message) {
        IncidentFile file = file();
        if (!message.caseId().equals(file.incidentId())) {
            return Step.refused(new IncidentRefusal(Rule.UNKNOWN_INCIDENT, "incident_ref",
                    "no incident " + message.caseId() + " here"));
        }
        if (!file.isParty(message.sender())) {
            return Step.refused(new IncidentRefusal(Rule.NOT_A_PARTY_TO_THE_INCIDENT, "sender",
                    message.sender() + " is neither " + file.reporter() + " nor " + file.addressee()));
        }
        if (message instanceof Report) {
            return Step.refused(new IncidentRefusal(Rule.INCIDENT_ALREADY_REPORTED, "id", "already reported"));
        }
        if (this instanceof Settled) {
            return Step.refused(new IncidentRefusal(Rule.INCIDENT_SETTLED, "type",
                    "both sides signed off the findings; " + message.type() + " cannot change them"));
        }
        Step<Incident, IncidentRefusal> transition;
        if (message instanceof AnswerClaim answer) {
            transition = answerClaim(file, answer);
        } else if (message instanceof ProposeFindings proposal) {
            transition = proposal.findings().isEmpty()
                    ? Step.refused(new IncidentRefusal(Rule.FIELD_REQUIRED, "findings", "findings say what was found"))
                    : Step.next(new FindingsProposed(file, proposal.id(), proposal.findings(),
                            Set.of()));
        } else {
            transition = this instanceof FindingsProposed proposed
                    ? proposed.signOff((SignOff) message)
                    : Step.refused(new IncidentRefusal(Rule.NOT_THE_CURRENT_FINDINGS, "findings_ref",
                            "no findings have been proposed for this incident"));
        }
        if (transition instanceof Step.Next<Incident, IncidentRefusal> next) {
            Incident after = next.state();
            return Step.next(Incidents.withFile(after, after.file().recording(message)));
        }
        return transition;
    }

    private Step<Incident, IncidentRefusal> answerClaim(IncidentFile file, AnswerClaim answer) {
        if (answer.sender().equals(file.reporter())) {
            return Step.refused(new IncidentRefusal(Rule.REPORTER_CANNOT_ANSWER_OWN_CLAIMS, "sender",
                    file.reporter() + " made the claims; " + file.addressee() + " answers them"));
        }
        if (answer.claimRef() == null || file.report().claim(answer.claimRef()).isEmpty()) {
            return Step.refused(new IncidentRefusal(Rule.UNKNOWN_CLAIM, "claim_ref",
                    "the report makes no claim " + answer.claimRef()));
        }
        if (answer.verdict() == null) {
            return Step.refused(new IncidentRefusal(Rule.FIELD_REQUIRED, "verdict", "CONFIRM, DISPUTE or UNKNOWN"));
        }
        if (answer.verdict() == Verdict.DISPUTE && answer.evidence().isEmpty()) {
            return Step.refused(new IncidentRefusal(Rule.EVIDENCE_REQUIRED, "evidence",
                    "a dispute of " + answer.claimRef() + " names its evidence"));
        }
        ClaimAnswer earlier = file.answers().get(answer.claimRef());
        if (earlier != null && earlier.isDefinite()) {
            return Step.refused(new IncidentRefusal(Rule.CLAIM_ALREADY_ANSWERED, "claim_ref",
                    answer.claimRef() + " was answered " + earlier.verdict() + " at " + earlier.answeredAt()));
        }
        IncidentFile answered = file.answering(answer.claimRef(),
                new ClaimAnswer(answer.verdict(), answer.evidence(), answer.text(), answer.sentAt()));
        return Step.next(Incidents.withFile(this, answered));
    }

    /** The first state, or the refusal of a report missing what a report must say. */
    static Step<Incident, IncidentRefusal> open(Report report) {
        if (report.sender().equals(report.addressee())) {
            return Step.refused(new IncidentRefusal(Rule.SELF_ADDRESSED, "addressee", "a report goes to the other side"));
        }
        IncidentReport r = report.report();
        if (r.occurredAt() == null) {
            return Step.refused(new IncidentRefusal(Rule.FIELD_REQUIRED, "occurred_at", "when did it happen?"));
        }
        if (r.placeGeoJson().isEmpty()) {
            return Step.refused(new IncidentRefusal(Rule.FIELD_REQUIRED, "place", "where, as GeoJSON"));
        }
        if (r.type() == null) {
            return Step.refused(new IncidentRefusal(Rule.FIELD_REQUIRED, "incident_type", "what kind of incident"));
        }
        if (r.whatHappened().isEmpty()) {
            return Step.refused(new IncidentRefusal(Rule.FIELD_REQUIRED, "what_happened", "what happened"));
        }
        Set<String> refs = new HashSet<>();
        for (int i = 0; i < r.claims().size(); i++) {
            Claim claim = r.claims().get(i);
            if (!refs.add(claim.ref())) {
                return Step.refused(new IncidentRefusal(Rule.CLAIM_REF_REPEATED, "claims[" + i + "].ref",
                        "claim " + (i + 1) + " repeats the reference " + claim.ref() + " of an earlier claim; each claim has its own,"
                                + " which answers name"));
            }
            if (claim.statement().isEmpty()) {
                return Step.refused(new IncidentRefusal(Rule.FIELD_REQUIRED, "claims[" + i + "].statement",
                        "claim " + claim.ref() + " says nothing: a claim states what the report holds to be true"));
            }
        }
        return Step.next(new UnderReview(IncidentFile.opened(report)));
    }
}
