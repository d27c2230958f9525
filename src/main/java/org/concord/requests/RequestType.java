package org.concord.requests;

import java.util.List;
import java.util.Optional;

import org.concord.exchange.DeliveryPriority;
import org.concord.intel.stix.Tlp;
import org.concord.party.PartyCode;
import org.concord.requests.internal.RequestStix;
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
 * Requests for action as a workflow type: what the engine needs of them. The states and their
 * rules are {@link RequestCase}'s; the deadlines are {@link RequestDeadlinePolicy}'s.
 */
public final class RequestType implements CaseType<RequestMessage, RequestCase, Refusal> {

    /** The type with the default deadlines: enough to fold (the fold does not read deadlines). */
    public static final RequestType DEFAULT = new RequestType(RequestDeadlinePolicy.defaults());

    private final RequestDeadlinePolicy policy;

    public RequestType(RequestDeadlinePolicy policy) {
        this.policy = policy;
    }

    public RequestDeadlinePolicy policy() {
        return policy;
    }

    @Override public String name() { return "request"; }
    @Override public String module() { return "requests"; }
    @Override public String stixType() { return RequestStix.TYPE; }
    @Override public String policyName() { return "request deadlines"; }
    @Override public String policyFingerprint() { return policyName() + " " + policy; }

    @Override
    public ObjectNode extensionDefinition() {
        return MessageStix.extensionDefinition(RequestStix.EXTENSION_ID, "Concord request-for-action message",
                "A message about a request for action between two states' Concord nodes: "
                + "request, acknowledge, accept, decline, counter_propose, amend, progress_update, close, escalate. "
                + "A case is the fold of its messages; see docs/workflow.md.",
                "x-concord-request-message.json");
    }

    @Override public RequestMessage fromStix(JsonNode object) { return RequestStix.fromStix(object); }

    @Override
    public ObjectNode toStix(RequestMessage message, String createdByRef, Tlp tlp, List<JsonNode> history) {
        return RequestStix.toStix(message, createdByRef, tlp, history);
    }

    @Override public String messageType(RequestMessage message) { return RequestStix.messageType(message); }
    @Override public boolean opens(RequestMessage message) { return message instanceof RequestMessage.Request; }
    @Override public Step<RequestCase, Refusal> open(RequestMessage message) {
        return RequestCase.open((RequestMessage.Request) message);
    }
    @Override public Step<RequestCase, Refusal> apply(RequestCase state, RequestMessage message) { return state.apply(message); }

    @Override
    public Refusal unknownCase(RequestMessage message, String explanation) {
        return Refusal.of(Refusal.Rule.UNKNOWN_CASE, "case_ref", explanation);
    }

    @Override public String stateName(RequestCase state) { return state.name(); }
    @Override public List<String> stateNames() { return CaseType.namesOf(RequestCase.class); }
    @Override public boolean isClosed(RequestCase state) { return state.isClosed(); }
    @Override public StixId caseId(RequestCase state) { return state.file().caseId(); }
    @Override public StixId head(RequestCase state) { return state.file().head(); }
    @Override public EscalationLevel level(RequestCase state) { return state.file().level(); }
    @Override public List<PartyCode> parties(RequestCase state) { return List.of(state.file().requester(), state.file().responder()); }

    @Override
    public boolean isInputError(Refusal refusal) {
        return switch (refusal.rule()) {
            case FIELD_REQUIRED, TEXT_REQUIRED, SELF_ADDRESSED -> true;
            default -> false;
        };
    }

    @Override
    public DeliveryPriority priority(Optional<RequestCase> state, RequestMessage message) {
        return message instanceof RequestMessage.Escalate ? DeliveryPriority.PRIORITY : DeliveryPriority.ROUTINE;
    }

    /** The REST API flattens the opening request's terms into the body: {@code request.urgency} is {@code urgency}. */
    @Override
    public String restField(String stixPath) {
        if (stixPath.equals("case_ref")) {
            return "caseId";
        }
        return CaseType.super.restField(stixPath.startsWith("request.") ? stixPath.substring("request.".length()) : stixPath);
    }

    /** The responder answers, but for a counter-proposal on the table, which the requester answers. */
    @Override
    public PartyCode nextParty(RequestCase state) {
        if (state.isClosed()) {
            return null;
        }
        return state instanceof CounterProposed ? state.file().requester() : state.file().responder();
    }

    /**
     * The actions of {@code POST /api/requests/{caseId}/messages}, by {@code messageType}. An
     * acceptance may name the terms as they stand or the counter-proposal on the table; a closure
     * any outcome (the requester's only one is WITHDRAWN: that is how it withdraws); an escalation
     * the rung above.
     */
    private static final List<Action<RequestMessage, RequestCase>> ACTIONS = List.of(
            Action.of("acknowledge", RequestMessage.Acknowledge::new),
            new Action<>("accept", RequestType::acceptances),
            Action.of("decline", env -> new RequestMessage.Decline(env, DeclineReason.ALREADY_ACTING, "")),
            Action.of("counterPropose", env -> new RequestMessage.CounterPropose(env,
                    CounterProposal.of(CounterProposal.Kind.JOINT_OPERATION, ""))),
            new Action<>("amend", (RequestCase state, Envelope env) -> List.of(new RequestMessage.Amend(env, state.file().terms()))),
            Action.of("progressUpdate", env -> new RequestMessage.ProgressUpdate(env, "progress")),
            new Action<>("close", RequestType::closures),
            new Action<>("escalate", RequestType::escalations));

    private static List<RequestMessage> acceptances(RequestCase state, Envelope env) {
        List<RequestMessage> accept = new java.util.ArrayList<>();
        accept.add(new RequestMessage.Accept(env, state.file().termsRef(), ""));
        if (state instanceof CounterProposed counter) {
            accept.add(new RequestMessage.Accept(env, counter.proposalRef(), ""));
        }
        return accept;
    }

    private static List<RequestMessage> closures(RequestCase state, Envelope env) {
        List<RequestMessage> close = new java.util.ArrayList<>();
        for (Outcome outcome : Outcome.values()) {
            close.add(new RequestMessage.Close(env, outcome, "closed"));
        }
        return close;
    }

    private static List<RequestMessage> escalations(RequestCase state, Envelope env) {
        return state.file().level().next()
                .<List<RequestMessage>>map(to -> List.of(new RequestMessage.Escalate(env, to, env.sentAt(), "asked")))
                .orElse(List.of());
    }

    @Override
    public List<Action<RequestMessage, RequestCase>> apiActions() {
        return ACTIONS;
    }

    @Override
    public Optional<Terms> agreedTerms(RequestCase state) {
        if (state instanceof Accepted accepted) {
            return Optional.of(new Terms(accepted.agreedRef(), accepted.agreedCounterProposal()
                    .map(RequestType::counterProposal).orElseGet(() -> RequestStix.request(state.file().terms()))));
        }
        return Optional.empty();
    }

    @Override
    public Optional<Terms> proposal(RequestCase state) {
        if (state instanceof CounterProposed counter) {
            return Optional.of(new Terms(counter.proposalRef(), counterProposal(counter.proposal())));
        }
        if (state instanceof Requested || state instanceof Acknowledged) {
            return Optional.of(new Terms(state.file().termsRef(), RequestStix.request(state.file().terms())));
        }
        return Optional.empty();
    }

    private static JsonNode counterProposal(CounterProposal proposal) {
        ObjectNode o = MessageStix.JSON.createObjectNode();
        o.put("kind", proposal.kind() == null ? null : proposal.kind().name());
        o.put("text", proposal.text());
        return o;
    }

    @Override
    public java.util.Map<String, Object> details(String caseId, Optional<RequestCase> state) {
        java.util.Map<String, Object> d = new java.util.LinkedHashMap<>();
        d.put("requester", state.map(s -> s.file().requester().value()).orElse(null));
        d.put("responder", state.map(s -> s.file().responder().value()).orElse(null));
        d.put("urgency", state.map(s -> s.file().urgency() == null ? null : s.file().urgency().name()).orElse(null));
        d.put("termsRef", state.map(s -> s.file().termsRef().value()).orElse(null));
        d.put("terms", state.map(s -> (Object) RequestStix.request(s.file().terms())).orElse(null));
        return d;
    }

    @Override public Optional<Deadline> deadline(RequestCase state) { return policy.deadline(state); }

    @Override
    public RequestMessage escalation(RequestCase state, DueEscalation due, Envelope envelope) {
        return new RequestMessage.Escalate(envelope, due.to(), due.dueAt(), due.reason());
    }
}
