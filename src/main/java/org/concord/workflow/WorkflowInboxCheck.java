package org.concord.workflow;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.concord.audit.AuditLog;
import org.concord.intel.InboxCheck;
import org.concord.intel.stix.StixValidator;
import org.concord.intel.stix.Violation;
import org.concord.party.PartyCode;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import tools.jackson.databind.JsonNode;

/**
 * The receiver's check, run by the inbox before a partner's object is stored and a receipt signed
 * for it: a workflow message must keep the JSON schema its type publishes with its
 * extension-definition ({@link CaseType#schemaFile}), must be readable by its type's rules
 * ({@link CaseType#fromStix}: its envelope, its fields' types and values, the limits) and must name
 * as its sender the partner that delivered it. Its id must not be that of a message this node holds
 * from another sender (its own, above all): the message table keeps one message per id, so such a
 * message was receipted and then never stored, never shown, never refused in the case (the tester's
 * finding of a partner posting a request under the id of one of ours); it is refused here and
 * audited as {@code <module>.message-id-refused}. A partner's message delivered again keeps passing:
 * the id held is its own. What fails is refused in the TAXII status with {@code $.field: reason}, which the
 * partner's outbox reads; no receipt is signed, so the partner never holds a receipt for a message
 * this node did not act on. Whether the message is allowed in the case's state is not checked here:
 * that is the fold's business, on both nodes alike.
 */
@Component
class WorkflowInboxCheck implements InboxCheck {

    private final WorkflowTypes types;
    /** Late: the engine sends through the outbox, which needs the intel store, which runs this check. */
    private final ObjectProvider<Workflow> workflow;
    private final Map<String, StixValidator.Extension> schemas = new ConcurrentHashMap<>();
    private final WorkflowTable table;
    private final AuditLog audit;

    WorkflowInboxCheck(WorkflowTypes types, ObjectProvider<Workflow> workflow, WorkflowTable table, AuditLog audit) {
        this.types = types;
        this.workflow = workflow;
        this.table = table;
        this.audit = audit;
        // compiled at start, so that a schema missing from the build stops the node rather than a partner's message
        types.all().forEach(this::schema);
    }

    private StixValidator.Extension schema(CaseType<?, ?, ?> type) {
        return schemas.computeIfAbsent(type.stixType(), t -> StixValidator.extension(type.schemaFile()));
    }

    @Override
    public Optional<String> refusal(PartyCode from, JsonNode object) {
        Optional<CaseType<?, ?, ?>> type = types.byStixType(object.path("type").asString(""));
        if (type.isEmpty()) {
            return Optional.empty();
        }
        List<Violation> broken = schema(type.get()).validate(object);
        if (!broken.isEmpty()) {
            Violation first = broken.get(0);
            return Optional.of(first.path() + ": " + first.rule() + " (a " + type.get().name() + " message that breaks the schema "
                    + type.get().schemaFile() + " published with its extension-definition)");
        }
        CaseMessage message;
        try {
            message = type.get().fromStix(object);
        } catch (MessageStix.Malformed e) {
            return Optional.of("$." + e.field() + ": " + e.getMessage().substring(Math.min(e.getMessage().length(),
                    e.field().length() + 2)) + " (a " + type.get().name() + " message this node cannot read)");
        } catch (RuntimeException e) {
            return Optional.of("$: " + e.getMessage() + " (a " + type.get().name() + " message this node cannot read)");
        }
        if (!message.sender().equals(from)) {
            return Optional.of("$.sender: is " + message.sender() + ", but the message was delivered by " + from
                    + "; a partner sends only its own messages");
        }
        Optional<String> reused = reusedId(type.get(), from, message);
        if (reused.isPresent()) {
            return reused;
        }
        return refusalOnReceipt(type.get(), message);
    }

    /**
     * Why the message may not take its id: one this node holds from another sender, its own or (with
     * several partners) another partner's. Audited, as a partner that tries it is either broken or
     * trying to pass its message off as ours; the entry is written at once (no transaction is open
     * at the inbox's check), so it stays although nothing of the message is stored.
     */
    private Optional<String> reusedId(CaseType<?, ?, ?> type, PartyCode from, CaseMessage message) {
        Optional<WorkflowTable.HeldMessage> held = table.heldMessage(message.id().value());
        if (held.isEmpty() || held.get().sender().equals(from)) {
            return Optional.empty();
        }
        boolean ours = Workflow.SENT.equals(held.get().direction());
        String refusal = "$.id: " + message.id() + " is the id of a message " + (ours ? "this node (" + held.get().sender() + ") sent"
                : held.get().sender() + " sent to this node") + " in case " + held.get().caseId()
                + "; a partner's message may not take the id of another party's message (rule: own-message-id): send it under an id of its own";
        audit.record(from.value(), type.module() + ".message-id-refused", message.id().value(), refusal);
        return Optional.of(refusal);
    }

    @SuppressWarnings("unchecked")
    private <M extends CaseMessage, S, R extends CaseRefusal> Optional<String> refusalOnReceipt(CaseType<M, S, R> type,
            CaseMessage message) {
        return type.refusalOnReceipt((M) message, id -> workflow.getObject().find(type, id).flatMap(CaseRecord::state));
    }
}
