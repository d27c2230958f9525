package org.concord.requests.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.concord.requests.FoldedCase;
import org.concord.requests.RequestCase;
import org.concord.requests.RequestCases;
import org.concord.requests.RequestMessage;
import org.concord.workflow.MessageStix;
import org.concord.workflow.StixId;
import org.springframework.stereotype.Service;

import tools.jackson.databind.JsonNode;

/**
 * Reading cases: a case is the fold of the messages this node holds ({@link RequestCases#fold}),
 * never a stored state. {@link CaseView} is what the REST API shows.
 */
@Service
public class RequestCaseFiles {

    private final RequestMessageTable table;

    RequestCaseFiles(RequestMessageTable table) {
        this.table = table;
    }

    /** The stored messages of a case and their fold. */
    record Folded(RequestMessageTable.CaseRow row, List<RequestMessageTable.StoredMessage> stored, FoldedCase folded) {

        Map<String, RequestMessageTable.StoredMessage> byId() {
            return stored.stream().collect(Collectors.toMap(RequestMessageTable.StoredMessage::id, Function.identity(), (a, b) -> a));
        }

        /** The applied messages, whole, in the case's order: the history an escalation carries. */
        List<JsonNode> historyObjects() {
            Map<String, RequestMessageTable.StoredMessage> byId = byId();
            return folded.applied().stream().map(m -> byId.get(m.id().value()).object()).toList();
        }
    }

    Optional<Folded> fold(String caseId) {
        return table.findCase(caseId).map(row -> fold(row, table.messages(caseId)));
    }

    static Folded fold(RequestMessageTable.CaseRow row, List<RequestMessageTable.StoredMessage> stored) {
        List<RequestMessage> messages = new ArrayList<>();
        for (RequestMessageTable.StoredMessage m : stored) {
            messages.add(RequestStix.fromStix(m.object()));
        }
        return new Folded(row, stored, RequestCases.fold(StixId.of(row.caseId()), messages));
    }

    public Optional<CaseView> view(String caseId) {
        return fold(caseId).map(RequestCaseFiles::view);
    }

    public List<CaseView> all() {
        return table.cases().stream().map(row -> view(fold(row, table.messages(row.caseId())))).toList();
    }

    static CaseView view(Folded f) {
        Map<String, RequestMessageTable.StoredMessage> byId = f.byId();
        Optional<RequestCase> state = f.folded().state();
        List<CaseView.MessageView> history = f.folded().applied().stream().map(m -> message(m, byId)).toList();
        List<CaseView.RefusedView> refused = f.folded().refused().stream()
                .map(r -> new CaseView.RefusedView(message(r.message(), byId), r.refusal().rule().name(), r.refusal().field(),
                        r.refusal().explanation()))
                .toList();
        List<CaseView.MessageView> waiting = f.folded().waiting().stream().map(m -> message(m, byId)).toList();
        return new CaseView(f.row().caseId(), f.row().partner().value(), f.row().tlp().name(),
                state.map(RequestCase::name).orElse(null),
                state.map(s -> s.file().level().name()).orElse(null),
                state.map(s -> s.file().requester().value()).orElse(null),
                state.map(s -> s.file().responder().value()).orElse(null),
                state.map(s -> s.file().urgency() == null ? null : s.file().urgency().name()).orElse(null),
                state.map(s -> s.file().termsRef().value()).orElse(null),
                state.map(s -> (JsonNode) RequestStix.request(s.file().terms())).orElse(null),
                history, refused, waiting);
    }

    private static CaseView.MessageView message(RequestMessage m, Map<String, RequestMessageTable.StoredMessage> byId) {
        RequestMessageTable.StoredMessage stored = byId.get(m.id().value());
        return new CaseView.MessageView(m.id().value(), RequestStix.messageType(m), m.sender().value(),
                MessageStix.time(m.sentAt()), stored == null ? null : stored.direction(), stored == null ? null : stored.object());
    }
}
