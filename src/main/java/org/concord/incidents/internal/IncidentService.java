package org.concord.incidents.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import org.concord.audit.AuditLog;
import org.concord.exchange.Outbox;
import org.concord.incidents.FindingsProposed;
import org.concord.incidents.Incident;
import org.concord.incidents.IncidentMessage;
import org.concord.incidents.IncidentRefusal;
import org.concord.incidents.IncidentReport;
import org.concord.incidents.IncidentTransition;
import org.concord.incidents.Incidents;
import org.concord.incidents.Verdict;
import org.concord.intel.InboxReceived;
import org.concord.intel.IntelStore;
import org.concord.intel.stix.Tlp;
import org.concord.node.Conflict;
import org.concord.node.InvalidInput;
import org.concord.node.NotFound;
import org.concord.party.NodeIdentity;
import org.concord.party.Partners;
import org.concord.party.PartyCode;
import org.concord.workflow.Envelope;
import org.concord.workflow.MessageStix;
import org.concord.workflow.StixId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The incidents' use cases, in the style of the hotline: reporting an incident ({@link #report}),
 * answering one claim ({@link #answer}), proposing joint findings ({@link #proposeFindings}),
 * signing them off ({@link #signOff}), receiving the partner's messages (listener on
 * {@link InboxReceived}, idempotent on the message id) and seeding a scenario's messages
 * ({@link #seed}). Every message this node sends is checked against the fold of the incident before
 * it is stored and queued, in one transaction. Incident messages are marked TLP:AMBER.
 */
@Service
public class IncidentService implements org.concord.incidents.SeedingIncidents {

    private static final Logger log = LoggerFactory.getLogger(IncidentService.class);
    static final Tlp MARKING = Tlp.AMBER;
    private final IncidentTable table;
    private final Outbox outbox;
    private final NodeIdentity identity;
    private final IntelStore intel;
    private final Clock clock;
    private final AuditLog audit;
    private final Partners partners;

    IncidentService(IncidentTable table, Outbox outbox, NodeIdentity identity, IntelStore intel, Clock clock, AuditLog audit,
            Partners partners) {
        this.table = table;
        this.outbox = outbox;
        this.identity = identity;
        this.intel = intel;
        this.clock = clock;
        this.audit = audit;
        this.partners = partners;
    }

    /** Reports an incident to the partner; opens it. */
    @Transactional
    public IncidentTable.Folded report(PartyCode addressee, IncidentReport report, String actor) {
        StixId id = StixId.random(IncidentStix.TYPE);
        IncidentMessage.Report message = IncidentMessage.Report.of(id, own(), addressee, now(), report);
        var opened = Incidents.fold(List.of(message));
        if (!opened.refused().isEmpty()) {
            throw refusal(opened.refused().get(0).refusal());
        }
        if (partners.byCode(addressee).isEmpty()) {
            throw new InvalidInput("addressee", "paired-partner", addressee + " is not a partner this node is paired with");
        }
        table.addIncident(id.value(), addressee, message.sentAt());
        IncidentTable.IncidentRow row = table.lockIncident(id.value()).orElseThrow();
        store(row, message, actor);
        return table.fold(row);
    }

    /** This node answers one of the partner's claims. */
    @Transactional
    public IncidentTable.Folded answer(String incidentId, String claimRef, Verdict verdict, List<StixId> evidence, String text,
            String actor) {
        return next(incidentId, env -> new IncidentMessage.AnswerClaim(env, claimRef, verdict, evidence, text), actor);
    }

    /** This node proposes joint findings; earlier proposals and their sign-offs lapse. */
    @Transactional
    public IncidentTable.Folded proposeFindings(String incidentId, String findings, String actor) {
        return next(incidentId, env -> new IncidentMessage.ProposeFindings(env, findings), actor);
    }

    /** This node signs off the findings {@code findingsRef}, or those on the table when null. */
    @Transactional
    public IncidentTable.Folded signOff(String incidentId, StixId findingsRef, String actor) {
        return next(incidentId, env -> {
            StixId ref = findingsRef;
            if (ref == null) {
                Incident current = table.fold(incidentId).orElseThrow().folded().current();
                if (!(current instanceof FindingsProposed proposed)) {
                    throw new Conflict("findings_ref", IncidentRefusal.Rule.NOT_THE_CURRENT_FINDINGS.name()
                            + ": no findings have been proposed for this incident");
                }
                ref = proposed.findingsRef();
            }
            return new IncidentMessage.SignOff(env, ref);
        }, actor);
    }

    private IncidentTable.Folded next(String incidentId, java.util.function.Function<Envelope, IncidentMessage> make,
            String actor) {
        IncidentTable.IncidentRow row = table.lockIncident(incidentId)
                .orElseThrow(() -> new NotFound("incident_ref: no incident " + incidentId + " is held by this node"));
        Incident incident = table.fold(row).folded().state()
                .orElseThrow(() -> new Conflict("incident_ref", "UNKNOWN_INCIDENT: no report opened incident " + incidentId));
        IncidentMessage message = make.apply(Envelope.answer(StixId.random(IncidentStix.TYPE), incident.file().incidentId(),
                own(), now(), incident.file().head()));
        IncidentTransition transition = incident.apply(message);
        if (transition instanceof IncidentTransition.Refused refused) {
            throw refusal(refused.refusal());
        }
        store(row, message, actor);
        return table.fold(row);
    }

    /**
     * Stores this node's own messages of a scenario as sent and queues each for the partner, once:
     * seeding twice changes nothing. The partner's messages are left to the partner's node, whose
     * outbox delivers them; until they arrive, an own answer waits in the fold for its previous
     * message. Returns how many were new.
     */
    @Override
    @Transactional
    public int seed(List<IncidentMessage> messages) {
        int added = 0;
        for (IncidentMessage message : messages) {
            if (!message.sender().equals(own())) {
                continue;
            }
            PartyCode partner = partnerOf(message, messages);
            table.addIncident(message.caseId().value(), partner, message.sentAt());
            table.lockIncident(message.caseId().value());
            ObjectNode object = IncidentStix.toStix(message, identity.stixIdentityId(), MARKING);
            if (table.addMessage(message, "SENT", clock.instant(), object)) {
                added++;
                outbox.enqueue(partner, object);
                audit.record("concord", "incidents.seeded", message.id().value(),
                        IncidentStix.messageType(message) + " to " + partner);
            }
        }
        return added;
    }

    private static PartyCode partnerOf(IncidentMessage message, List<IncidentMessage> messages) {
        IncidentMessage.Report report = messages.stream().filter(m -> m.caseId().equals(message.caseId()))
                .filter(IncidentMessage.Report.class::isInstance).map(IncidentMessage.Report.class::cast).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no report of incident " + message.caseId() + " in the seed"));
        return report.sender().equals(message.sender()) ? report.addressee() : report.sender();
    }

    @ApplicationModuleListener
    void on(InboxReceived event) {
        if (!IncidentStix.TYPE.equals(event.type())) {
            return;
        }
        intel.inboxObject(event.id(), event.version()).ifPresent(json -> receive(event.from(), IncidentStix.JSON.readTree(json)));
    }

    /** Stores a partner's message if new and sent by the partner that delivered it; true if stored. */
    @Transactional
    public boolean receive(PartyCode from, JsonNode object) {
        IncidentMessage message;
        try {
            message = IncidentStix.fromStix(object);
        } catch (MessageStix.Malformed e) {
            log.warn("incident message {} from {} not stored: {}", object.path("id").asString(""), from, e.getMessage());
            return false;
        }
        if (!message.sender().equals(from)) {
            log.warn("incident message {} delivered by {} claims sender {}: not stored", message.id(), from, message.sender());
            return false;
        }
        table.addIncident(message.caseId().value(), from, message.sentAt());
        table.lockIncident(message.caseId().value());
        return table.addMessage(message, "RECEIVED", clock.instant(), object);
    }

    private void store(IncidentTable.IncidentRow row, IncidentMessage message, String actor) {
        ObjectNode object = IncidentStix.toStix(message, identity.stixIdentityId(), MARKING);
        table.addMessage(message, "SENT", clock.instant(), object);
        outbox.enqueue(row.partner(), object);
        audit.record(actor, "incidents.sent", message.id().value(), IncidentStix.messageType(message) + " to " + row.partner());
    }

    private Instant now() {
        return MessageStix.truncate(clock.instant());
    }

    PartyCode own() {
        return identity.party().code();
    }

    static RuntimeException refusal(IncidentRefusal refusal) {
        switch (refusal.rule()) {
            case FIELD_REQUIRED:
            case EVIDENCE_REQUIRED:
            case SELF_ADDRESSED:
            case UNKNOWN_CLAIM:
                return new InvalidInput(refusal.field(), refusal.rule().name(), refusal.explanation());
            default:
                return new Conflict(refusal.field(), refusal.rule().name() + ": " + refusal.explanation());
        }
    }
}
