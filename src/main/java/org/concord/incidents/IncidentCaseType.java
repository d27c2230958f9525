package org.concord.incidents;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.concord.incidents.internal.IncidentStix;
import org.concord.intel.stix.Tlp;
import org.concord.party.PartyCode;
import org.concord.workflow.Action;
import org.concord.workflow.CaseType;
import org.concord.workflow.Deadline;
import org.concord.workflow.DueEscalation;
import org.concord.workflow.Envelope;
import org.concord.workflow.EscalationLevel;
import org.concord.workflow.MessageStix;
import org.concord.workflow.StixId;
import org.concord.workflow.Step;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Incidents as a workflow type: what the engine needs of them. The states and rules are
 * {@link Incident}'s. Incidents have no deadlines (policy {@value #POLICY}): a claim is answered
 * when the facts are known, and nothing escalates on its own; every incident stays with the
 * liaison officers.
 */
public final class IncidentCaseType implements CaseType<IncidentMessage, Incident, IncidentRefusal> {

    /** The type without geography: enough to fold; case views show no {@code placeOnTheBorder}. */
    public static final IncidentCaseType INSTANCE = new IncidentCaseType(null);
    public static final String POLICY = "no deadlines";

    private final IncidentPlaces places;

    private IncidentCaseType(IncidentPlaces places) {
        this.places = places;
    }

    /** The type whose case views show where the place lies: side of the border, distance, province. */
    public IncidentCaseType withPlaces(IncidentPlaces places) {
        return new IncidentCaseType(java.util.Objects.requireNonNull(places, "places"));
    }

    @Override public String name() { return "incident"; }
    @Override public String module() { return "incidents"; }
    @Override public String stixType() { return IncidentStix.TYPE; }
    @Override public String policyName() { return POLICY; }

    @Override
    public ObjectNode extensionDefinition() {
        return MessageStix.extensionDefinition(IncidentStix.EXTENSION_ID, "Concord incident message",
                "A message about a cross-border incident between two states' Concord nodes: report (time, "
                + "place as GeoJSON, type, casualties, claims), answer a claim (CONFIRM, DISPUTE with evidence, UNKNOWN), "
                + "propose joint findings, sign them off. See docs/workflow.md.",
                "x-concord-incident-message.json");
    }

    @Override public IncidentMessage fromStix(JsonNode object) { return IncidentStix.fromStix(object); }

    @Override
    public ObjectNode toStix(IncidentMessage message, String createdByRef, Tlp tlp, List<JsonNode> history) {
        return IncidentStix.toStix(message, createdByRef, tlp);
    }

    @Override public String messageType(IncidentMessage message) { return IncidentStix.messageType(message); }
    @Override public boolean opens(IncidentMessage message) { return message instanceof IncidentMessage.Report; }
    @Override public Step<Incident, IncidentRefusal> open(IncidentMessage message) {
        return Incident.open((IncidentMessage.Report) message);
    }
    @Override public Step<Incident, IncidentRefusal> apply(Incident state, IncidentMessage message) { return state.apply(message); }

    @Override
    public IncidentRefusal unknownCase(IncidentMessage message, String explanation) {
        return new IncidentRefusal(IncidentRefusal.Rule.UNKNOWN_INCIDENT, "incident_ref", explanation);
    }

    @Override public String stateName(Incident state) { return state.name(); }
    @Override public List<String> stateNames() { return CaseType.namesOf(Incident.class); }
    @Override public boolean isClosed(Incident state) { return state instanceof Settled; }
    @Override public StixId caseId(Incident state) { return state.file().incidentId(); }
    @Override public StixId head(Incident state) { return state.file().head(); }
    @Override public EscalationLevel level(Incident state) { return EscalationLevel.LIAISON_OFFICERS; }
    @Override public List<PartyCode> parties(Incident state) { return List.of(state.file().reporter(), state.file().addressee()); }

    @Override
    public boolean isInputError(IncidentRefusal refusal) {
        return switch (refusal.rule()) {
            case FIELD_REQUIRED, CLAIM_REF_REPEATED, EVIDENCE_REQUIRED, SELF_ADDRESSED, UNKNOWN_CLAIM -> true;
            default -> false;
        };
    }

    @Override public String idField() { return "incidentId"; }

    @Override
    public String restField(String stixPath) {
        return stixPath.equals("incident_ref") ? "incidentId" : CaseType.super.restField(stixPath);
    }

    /**
     * While claims are open the addressee answers them; once all are answered the reporter proposes
     * findings; findings on the table wait for the side that has not signed them (the proposer's
     * partner first).
     */
    @Override
    public PartyCode nextParty(Incident state) {
        IncidentFile file = state.file();
        if (state instanceof UnderReview) {
            return file.openClaims().isEmpty() ? file.reporter() : file.addressee();
        }
        if (state instanceof FindingsProposed proposed) {
            PartyCode proposer = file.history().stream().filter(m -> m.id().equals(proposed.findingsRef())).findFirst()
                    .map(IncidentMessage::sender).orElse(file.reporter());
            PartyCode other = proposer.equals(file.reporter()) ? file.addressee() : file.reporter();
            return !proposed.signedBy(other) ? other : proposer;
        }
        return null;
    }

    /**
     * The actions of {@code POST /api/incidents/{incidentId}/answers}, {@code /sign-off} and
     * {@code /findings}: an answer to any of the report's claims (the fold takes one to a claim still
     * open), a sign-off of the findings on the table, new findings.
     */
    private static final List<Action<IncidentMessage, Incident>> ACTIONS = List.of(
            new Action<>("answerClaim", (Incident state, Envelope env) -> state.file().report().claims().stream()
                    .map(c -> (IncidentMessage) new IncidentMessage.AnswerClaim(env, c.ref(), Verdict.CONFIRM, List.of(), ""))
                    .toList()),
            new Action<>("signOff", (Incident state, Envelope env) -> state instanceof FindingsProposed p
                    ? List.of(new IncidentMessage.SignOff(env, p.findingsRef())) : List.of()),
            Action.of("proposeFindings", env -> new IncidentMessage.ProposeFindings(env, "findings")));

    @Override
    public List<Action<IncidentMessage, Incident>> apiActions() {
        return ACTIONS;
    }

    @Override
    public Optional<Terms> proposal(Incident state) {
        return state instanceof FindingsProposed p ? Optional.of(new Terms(p.findingsRef(), findings(p.findings())))
                : Optional.empty();
    }

    @Override
    public Optional<Terms> agreedTerms(Incident state) {
        return state instanceof Settled s ? Optional.of(new Terms(s.findingsRef(), findings(s.findings()))) : Optional.empty();
    }

    private static JsonNode findings(String text) {
        return MessageStix.JSON.createObjectNode().put("findings", text);
    }

    @Override
    public Map<String, Object> details(String caseId, Optional<Incident> state) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("incidentId", caseId);
        Incident incident = state.orElse(null);
        IncidentFile file = incident == null ? null : incident.file();
        d.put("reporter", file == null ? null : file.reporter().value());
        d.put("addressee", file == null ? null : file.addressee().value());
        d.put("report", file == null ? null
                : IncidentStix.toStix(file.history().get(0), MessageStix.AUTHOR_ID, Tlp.AMBER).path("report"));
        if (places != null) {
            d.put("placeOnTheBorder", file == null ? null : placeOnTheBorder(file));
        }
        Map<String, Object> answers = new TreeMap<>();
        if (file != null) {
            file.answers().forEach((ref, a) -> answers.put(ref, Map.of("verdict", a.verdict().name(),
                    "evidence", a.evidence().stream().map(StixId::value).toList(), "text", a.text(),
                    "answeredAt", MessageStix.time(a.answeredAt()))));
        }
        d.put("answers", answers);
        d.put("openClaims", file == null ? List.of() : file.openClaims().stream().map(Claim::ref).toList());
        String findingsRef = null;
        String findings = null;
        List<String> signedBy = List.of();
        if (incident instanceof FindingsProposed p) {
            findingsRef = p.findingsRef().value();
            findings = p.findings();
            signedBy = p.signedBy().stream().map(PartyCode::value).sorted().toList();
        } else if (incident instanceof Settled s) {
            findingsRef = s.findingsRef().value();
            findings = s.findings();
            signedBy = java.util.stream.Stream.of(file.reporter(), file.addressee()).map(PartyCode::value).sorted().toList();
        }
        d.put("findingsRef", findingsRef);
        d.put("findings", findings);
        d.put("signedBy", signedBy);
        return d;
    }

    /**
     * Where the reported place lies, computed alike on both nodes from the report and the two
     * parties: side, distance from the border, nearest border point, province; null when it cannot be read.
     */
    private Map<String, Object> placeOnTheBorder(IncidentFile file) {
        IncidentMessage first = file.history().get(0);
        if (!(first instanceof IncidentMessage.Report report)) {
            return null;
        }
        return places.locate(file.reporter(), file.addressee(), report.report().placeGeoJson()).orElse(null);
    }

    @Override public Optional<Deadline> deadline(Incident state) { return Optional.empty(); }

    @Override
    public IncidentMessage escalation(Incident state, DueEscalation due, Envelope envelope) {
        throw new UnsupportedOperationException("incidents have no deadlines, so nothing escalates");
    }
}
