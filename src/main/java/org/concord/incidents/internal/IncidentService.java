package org.concord.incidents.internal;

import java.util.List;
import java.util.function.Function;

import org.concord.incidents.FindingsProposed;
import org.concord.incidents.Incident;
import org.concord.incidents.IncidentMessage;
import org.concord.incidents.IncidentRefusal;
import org.concord.incidents.IncidentReport;
import org.concord.incidents.IncidentCaseType;
import org.concord.incidents.Verdict;
import org.concord.intel.stix.Tlp;
import org.concord.node.Conflict;
import org.concord.party.PartyCode;
import org.concord.workflow.CaseRecord;
import org.concord.workflow.Envelope;
import org.concord.workflow.StixId;
import org.concord.workflow.Workflow;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The incidents' use cases on the workflow engine: reporting an incident ({@link #report}),
 * answering one claim ({@link #answer}), proposing joint findings ({@link #proposeFindings}),
 * signing them off ({@link #signOff}) and seeding a scenario's messages ({@link #seed}). Incident
 * messages are marked TLP:AMBER.
 */
@Service
public class IncidentService implements org.concord.incidents.SeedingIncidents {

    static final Tlp MARKING = Tlp.AMBER;
    private final Workflow workflow;
    private final IncidentCaseType type;

    IncidentService(Workflow workflow, IncidentCaseType type) {
        this.workflow = workflow;
        this.type = type;
    }

    /** Reports an incident to the partner; opens it. */
    @Transactional
    public CaseRecord<IncidentMessage, Incident, IncidentRefusal> report(PartyCode addressee, IncidentReport report, String actor) {
        IncidentMessage.Report message = IncidentMessage.Report.of(StixId.random(type.stixType()), workflow.self(), addressee,
                workflow.now(), report);
        return workflow.open(type, message, addressee, "addressee", MARKING, actor);
    }

    /** This node answers one of the partner's claims. */
    @Transactional
    public CaseRecord<IncidentMessage, Incident, IncidentRefusal> answer(String incidentId, String claimRef, Verdict verdict,
            List<StixId> evidence, String text, String actor) {
        return next(incidentId, env -> new IncidentMessage.AnswerClaim(env, claimRef, verdict, evidence, text), actor);
    }

    /** This node proposes joint findings; earlier proposals and their sign-offs lapse. */
    @Transactional
    public CaseRecord<IncidentMessage, Incident, IncidentRefusal> proposeFindings(String incidentId, String findings, String actor) {
        return next(incidentId, env -> new IncidentMessage.ProposeFindings(env, findings), actor);
    }

    /** This node signs off the findings {@code findingsRef}, or those on the table when null. */
    @Transactional
    public CaseRecord<IncidentMessage, Incident, IncidentRefusal> signOff(String incidentId, StixId findingsRef, String actor) {
        StixId ref = findingsRef;
        if (ref == null) {
            Incident current = workflow.get(type, incidentId).state().orElse(null);
            if (!(current instanceof FindingsProposed proposed)) {
                throw new Conflict("findingsRef", IncidentRefusal.Rule.NOT_THE_CURRENT_FINDINGS.name()
                        + ": no findings have been proposed for this incident");
            }
            ref = proposed.findingsRef();
        }
        StixId signed = ref;
        return next(incidentId, env -> new IncidentMessage.SignOff(env, signed), actor);
    }

    private CaseRecord<IncidentMessage, Incident, IncidentRefusal> next(String incidentId, Function<Envelope, IncidentMessage> make,
            String actor) {
        return workflow.answer(type, incidentId, make, actor);
    }

    @Override
    @Transactional
    public int seed(List<IncidentMessage> messages) {
        return workflow.seed(type, messages, MARKING);
    }
}
