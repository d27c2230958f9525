package org.concord.incidents.internal;

import java.util.ArrayList;
import java.util.List;

import org.concord.incidents.AnsweringClaims;
import org.concord.incidents.IncidentCaseType;
import org.concord.incidents.Verdict;
import org.concord.node.InvalidInput;
import org.concord.node.Limits;
import org.concord.workflow.CaseView;
import org.concord.workflow.CaseViews;
import org.concord.workflow.StixId;
import org.springframework.stereotype.Service;

/** {@link AnsweringClaims} on {@link IncidentService}: the body's checks, then the message. */
@Service
class AnsweringClaimsService implements AnsweringClaims {

    private final IncidentService incidents;
    private final CaseViews views;
    private final IncidentCaseType incidentCases;

    AnsweringClaimsService(IncidentService incidents, CaseViews views, IncidentCaseType incidentCases) {
        this.incidents = incidents;
        this.views = views;
        this.incidentCases = incidentCases;
    }

    @Override
    public CaseView answer(String incidentId, Answer body, String actor) {
        if (body == null) {
            throw new InvalidInput("body", "json-object", "the answer must be a JSON object");
        }
        Limits.name("claimRef", body.claimRef());
        Limits.name("verdict", body.verdict());
        Limits.items("evidence", body.evidence());
        Limits.text("text", body.text());
        Verdict verdict = null;
        if (body.verdict() != null) {
            verdict = InvalidInput.oneOf("verdict", body.verdict(), Verdict.class);
        }
        List<StixId> evidence = new ArrayList<>();
        if (body.evidence() != null) {
            for (int i = 0; i < body.evidence().size(); i++) {
                String field = "evidence[" + i + "]";
                String value = body.evidence().get(i);
                Limits.name(field, value);
                try {
                    evidence.add(StixId.of(value));
                } catch (RuntimeException e) {
                    throw new InvalidInput(field, "stix-id", "'" + value + "' is not a STIX identifier (type--UUID)");
                }
            }
        }
        return views.view(incidentCases, incidents.answer(incidentId, body.claimRef(), verdict, evidence, body.text(), actor));
    }

    @Override
    public CaseView proposeFindings(String incidentId, String findings, String actor) {
        Limits.text("findings", findings);
        return views.view(incidentCases, incidents.proposeFindings(incidentId, findings, actor));
    }

    @Override
    public CaseView signOff(String incidentId, String findingsRef, String actor) {
        StixId ref = null;
        if (findingsRef != null) {
            Limits.name("findingsRef", findingsRef);
            try {
                ref = StixId.of(findingsRef);
            } catch (RuntimeException e) {
                throw new InvalidInput("findingsRef", "stix-id", "'" + findingsRef + "' is not a STIX identifier (type--UUID)");
            }
        }
        return views.view(incidentCases, incidents.signOff(incidentId, ref, actor));
    }
}
