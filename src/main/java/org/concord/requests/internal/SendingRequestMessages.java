package org.concord.requests.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;

import org.concord.audit.AuditLog;
import org.concord.exchange.Outbox;
import org.concord.intel.stix.Tlp;
import org.concord.node.Conflict;
import org.concord.node.InvalidInput;
import org.concord.node.NotFound;
import org.concord.party.NodeIdentity;
import org.concord.party.Partners;
import org.concord.party.PartyCode;
import org.concord.requests.Refusal;
import org.concord.requests.RequestCase;
import org.concord.requests.RequestForAction;
import org.concord.requests.RequestMessage;
import org.concord.requests.Transition;
import org.concord.workflow.DueEscalation;
import org.concord.workflow.Envelope;
import org.concord.workflow.MessageStix;
import org.concord.workflow.StixId;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Sending a message about a request for action: fold the case, build the message after the case's
 * head, apply it; only if the state machine applies it is it stored and queued for the partner (in
 * one transaction, so it is queued exactly when it is stored). A refusal becomes HTTP 400
 * ({@link InvalidInput}: a field is missing or wrong) or 409 ({@link Conflict}: the case's state does
 * not allow it), naming the field and the rule; nothing is stored.
 */
@Service
public class SendingRequestMessages {

    private final RequestMessageTable table;
    private final Outbox outbox;
    private final NodeIdentity identity;
    private final Clock clock;
    private final AuditLog audit;
    private final Partners partners;

    SendingRequestMessages(RequestMessageTable table, Outbox outbox, NodeIdentity identity, Clock clock, AuditLog audit,
            Partners partners) {
        this.partners = partners;
        this.table = table;
        this.outbox = outbox;
        this.identity = identity;
        this.clock = clock;
        this.audit = audit;
    }

    /** Opens a case: this node asks {@code addressee} to act. */
    @Transactional
    public CaseView open(PartyCode addressee, RequestForAction request, Tlp tlp, String actor) {
        if (tlp != Tlp.GREEN && tlp != Tlp.AMBER) {
            throw new InvalidInput("tlp", "green-or-amber", "a request is marked GREEN or AMBER, not " + tlp.name());
        }
        Instant now = MessageStix.truncate(clock.instant());
        StixId id = StixId.random(RequestStix.TYPE);
        RequestMessage.Request message = RequestMessage.Request.of(id, own(), addressee, now, request);
        refuseIfRefused(RequestCase.open(message));
        if (partners.byCode(addressee).isEmpty()) {
            throw new InvalidInput("addressee", "paired-partner", addressee + " is not a partner this node is paired with");
        }
        table.addCase(id.value(), addressee, tlp, now);
        RequestMessageTable.CaseRow row = table.lockCase(id.value()).orElseThrow();
        store(row, message, List.of(), actor);
        return RequestCaseFiles.view(RequestCaseFiles.fold(row, table.messages(id.value())));
    }

    /** Answers (or amends, closes, escalates) case {@code caseId} with the message {@code build} makes. */
    @Transactional
    public CaseView answer(String caseId, Function<Envelope, RequestMessage> build, String actor) {
        RequestMessageTable.CaseRow row = table.lockCase(caseId)
                .orElseThrow(() -> new NotFound("case_ref: no request-for-action case " + caseId + " is held by this node"));
        RequestCaseFiles.Folded folded = RequestCaseFiles.fold(row, table.messages(caseId));
        RequestCase state = folded.folded().state().orElseThrow(() -> new Conflict("case_ref",
                "UNKNOWN_CASE: no request opened case " + caseId + " (only answers to it are held)"));
        Envelope envelope = Envelope.answer(StixId.random(RequestStix.TYPE), state.file().caseId(), own(),
                MessageStix.truncate(clock.instant()), state.file().head());
        RequestMessage message = build.apply(envelope);
        refuseIfRefused(state.apply(message));
        store(row, message, message instanceof RequestMessage.Escalate ? folded.historyObjects() : List.of(), actor);
        return RequestCaseFiles.view(RequestCaseFiles.fold(row, table.messages(caseId)));
    }

    /** Counts each escalation (concord.escalations); set once at start, so that the constructor stays as it is. */
    private org.concord.node.Escalations escalations;

    @org.springframework.beans.factory.annotation.Autowired
    void countEscalationsWith(org.concord.node.Escalations escalations) {
        this.escalations = escalations;
    }

    /**
     * Sends the escalations a missed deadline makes due in case {@code caseId}, one after the other;
     * an escalation the case no longer needs (the partner escalated first) is not sent.
     *
     * @return how many were sent
     */
    @Transactional
    public int escalate(String caseId, List<DueEscalation> due) {
        RequestMessageTable.CaseRow row = table.lockCase(caseId).orElseThrow();
        int sent = 0;
        for (DueEscalation escalation : due) {
            RequestCaseFiles.Folded folded = RequestCaseFiles.fold(row, table.messages(caseId));
            RequestCase state = folded.folded().current();
            RequestMessage.Escalate message = RequestMessage.Escalate.dueIn(state, escalation,
                    StixId.random(RequestStix.TYPE), own(), MessageStix.truncate(clock.instant()));
            if (state.apply(message) instanceof Transition.Next) {
                store(row, message, folded.historyObjects(), "concord");
                sent++;
                escalations.raised("requests", escalation.to());
            }
        }
        return sent;
    }

    private void store(RequestMessageTable.CaseRow row, RequestMessage message, List<JsonNode> history, String actor) {
        ObjectNode object = RequestStix.toStix(message, identity.stixIdentityId(), row.tlp(), history);
        table.addMessage(message, "SENT", clock.instant(), object);
        outbox.enqueue(row.partner(), object, message instanceof RequestMessage.Escalate
                ? org.concord.exchange.DeliveryPriority.PRIORITY : org.concord.exchange.DeliveryPriority.ROUTINE);
        audit.record(actor, "requests.sent", message.id().value(),
                RequestStix.messageType(message) + " in case " + message.caseId() + " to " + row.partner());
    }

    private PartyCode own() {
        return identity.party().code();
    }

    static void refuseIfRefused(Transition transition) {
        if (transition instanceof Transition.Refused refused) {
            throw refusal(refused.refusal());
        }
    }

    /** A refusal as the error a local user gets: 400 for a field missing or malformed, 409 for a rule of the case's state. */
    static RuntimeException refusal(Refusal refusal) {
        switch (refusal.rule()) {
            case FIELD_REQUIRED:
            case TEXT_REQUIRED:
            case SELF_ADDRESSED:
                return new InvalidInput(refusal.field(), refusal.rule().name(), refusal.explanation());
            default:
                return new Conflict(refusal.field(), refusal.rule().name() + ": " + refusal.explanation());
        }
    }
}
