package org.concord.workflow;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

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
 * as its sender the partner that delivered it. What fails is refused in the TAXII status with {@code $.field: reason}, which the
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

    WorkflowInboxCheck(WorkflowTypes types, ObjectProvider<Workflow> workflow) {
        this.types = types;
        this.workflow = workflow;
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
        return refusalOnReceipt(type.get(), message);
    }

    @SuppressWarnings("unchecked")
    private <M extends CaseMessage, S, R extends CaseRefusal> Optional<String> refusalOnReceipt(CaseType<M, S, R> type,
            CaseMessage message) {
        return type.refusalOnReceipt((M) message, id -> workflow.getObject().find(type, id).flatMap(CaseRecord::state));
    }
}
