package org.concord.incidents.internal;

import java.util.ArrayList;
import java.util.List;

import org.concord.incidents.Casualties;
import org.concord.incidents.Claim;
import org.concord.incidents.IncidentMessage;
import org.concord.incidents.IncidentReport;
import org.concord.incidents.IncidentType;
import org.concord.incidents.Verdict;
import org.concord.intel.stix.Tlp;
import org.concord.workflow.Envelope;
import org.concord.workflow.MessageStix;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * An incident message as a STIX 2.1 custom object of type {@value #TYPE}, declared by the
 * extension-definition {@value #EXTENSION_ID} ({@code docs/extensions/x-concord-incident-message.json}),
 * and back. The conventions of {@code x-concord-hotline-message}: the envelope is {@code id},
 * {@code incident_ref}, {@code sender}, {@code created} and {@code previous_ref}. The place is
 * carried as a GeoJSON geometry object; the core keeps its text.
 */
public final class IncidentStix {

    public static final String TYPE = "x-concord-incident-message";
    public static final String EXTENSION_ID = "extension-definition--7b4e1c92-5a3d-4f68-8e21-c9d0a6b3f154";
    static final JsonMapper JSON = JsonMapper.builder().build();

    private IncidentStix() {
    }


    /** {@code report}, {@code answer_claim}, {@code propose_findings}, {@code sign_off}. */
    public static String messageType(IncidentMessage message) {
        if (message instanceof IncidentMessage.Report) {
            return "report";
        }
        if (message instanceof IncidentMessage.AnswerClaim) {
            return "answer_claim";
        }
        if (message instanceof IncidentMessage.ProposeFindings) {
            return "propose_findings";
        }
        return "sign_off";
    }

    public static ObjectNode toStix(IncidentMessage message, String createdByRef, Tlp tlp) {
        ObjectNode o = MessageStix.head(message, TYPE, EXTENSION_ID, messageType(message), "incident_ref", createdByRef, tlp);
        if (message instanceof IncidentMessage.Report r) {
            o.put("addressee", r.addressee().value());
            o.set("report", report(r.report()));
        } else if (message instanceof IncidentMessage.AnswerClaim a) {
            o.put("claim", a.claimRef());
            if (a.verdict() != null) {
                o.put("verdict", a.verdict().name());
            }
            if (!a.evidence().isEmpty()) {
                ArrayNode refs = o.putArray("evidence_refs");
                a.evidence().forEach(e -> refs.add(e.value()));
            }
            if (!a.text().isEmpty()) {
                o.put("text", a.text());
            }
        } else if (message instanceof IncidentMessage.ProposeFindings f) {
            o.put("findings", f.findings());
        } else if (message instanceof IncidentMessage.SignOff s) {
            o.put("findings_ref", s.findingsRef().value());
        }
        return o;
    }

    private static ObjectNode report(IncidentReport r) {
        ObjectNode n = JSON.createObjectNode();
        if (r.occurredAt() != null) {
            n.put("occurred_at", MessageStix.time(r.occurredAt()));
        }
        if (!r.placeGeoJson().isEmpty()) {
            n.set("place", JSON.readTree(r.placeGeoJson()));
        }
        if (r.type() != null) {
            n.put("incident_type", r.type().name());
        }
        n.put("what_happened", r.whatHappened());
        n.putObject("casualties").put("killed", r.casualties().killed()).put("injured", r.casualties().injured())
                .put("detail", r.casualties().detail());
        ArrayNode claims = n.putArray("claims");
        r.claims().forEach(c -> claims.addObject().put("ref", c.ref()).put("statement", c.statement()));
        return n;
    }

    public static IncidentMessage fromStix(JsonNode o) {
        MessageStix.Head head = MessageStix.readHead(o, TYPE, "incident_ref");
        return head.read(() -> {
            if (head.messageType().equals("report")) {
                return new IncidentMessage.Report(head.opening(), MessageStix.party(o, "addressee"), reportOf(o.path("report")));
            }
            Envelope env = head.answer();
            return switch (head.messageType()) {
                case "answer_claim" -> new IncidentMessage.AnswerClaim(env, o.path("claim").asString(null),
                        MessageStix.enumOf(o, "verdict", "verdict", Verdict.class), MessageStix.ids(o, "evidence_refs"),
                        MessageStix.text(o, "text"));
                case "propose_findings" -> new IncidentMessage.ProposeFindings(env, MessageStix.text(o, "findings"));
                case "sign_off" -> new IncidentMessage.SignOff(env, MessageStix.id(o, "findings_ref", true));
                default -> throw head.unknownType();
            };
        });
    }

    private static IncidentReport reportOf(JsonNode n) {
        JsonNode place = n.path("place");
        JsonNode c = n.path("casualties");
        List<Claim> claims = new ArrayList<>();
        n.path("claims").forEach(claim -> claims.add(new Claim(claim.path("ref").asString(""),
                claim.path("statement").asString(""))));
        String occurred = n.path("occurred_at").asString(null);
        return new IncidentReport(occurred == null ? null : MessageStix.instant("report.occurred_at", occurred),
                place.isObject() ? JSON.writeValueAsString(place) : "",
                MessageStix.enumOf(n, "incident_type", "report.incident_type", IncidentType.class),
                n.path("what_happened").asString(""),
                new Casualties(c.path("killed").asInt(0), c.path("injured").asInt(0), c.path("detail").asString("")),
                claims);
    }

}
