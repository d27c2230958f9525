package org.concord.workflow;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import tools.jackson.databind.JsonNode;

/**
 * A case as this node holds it: its row, its stored messages and their fold.
 *
 * @param row the case's row (type, partner, marking)
 * @param stored every message held, whole
 * @param folded what the messages make
 */
public record CaseRecord<M extends CaseMessage, S, R extends CaseRefusal>(WorkflowTable.CaseRow row,
        List<WorkflowTable.StoredMessage> stored, Folded<M, S, R> folded) {

    public CaseRecord {
        stored = List.copyOf(stored);
    }

    public String caseId() {
        return row.caseId();
    }

    public Optional<S> state() {
        return folded.state();
    }

    /** The stored form of a message of this case. */
    public Optional<WorkflowTable.StoredMessage> stored(CaseMessage message) {
        return Optional.ofNullable(byId().get(message.id().value()));
    }

    Map<String, WorkflowTable.StoredMessage> byId() {
        return stored.stream().collect(Collectors.toMap(WorkflowTable.StoredMessage::id, Function.identity(), (a, b) -> a));
    }

    /** The applied messages, whole, in the case's order: the history an escalation carries. */
    public List<JsonNode> historyObjects() {
        Map<String, WorkflowTable.StoredMessage> byId = byId();
        return folded.applied().stream().map(m -> byId.get(m.id().value()).object()).toList();
    }
}
