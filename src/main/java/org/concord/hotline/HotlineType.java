package org.concord.hotline;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.function.Function;
import java.util.Map;
import java.util.Optional;

import org.concord.exchange.DeliveryPriority;
import org.concord.hotline.internal.HotlineStix;
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
 * Hotline calls as a workflow type: what the engine needs of them. The states and rules are
 * {@link HotlineCall}'s; the deadlines {@link AcknowledgementPolicy}'s. Every message of a call goes
 * to the partner with the call's priority: a FLASH call's acknowledgement is FLASH too.
 */
public final class HotlineType implements CaseType<HotlineMessage, HotlineCall, HotlineRefusal> {

    /** The type with the default deadlines: enough to fold. */
    public static final HotlineType DEFAULT = new HotlineType(AcknowledgementPolicy.defaults());

    private final AcknowledgementPolicy policy;

    public HotlineType(AcknowledgementPolicy policy) {
        this.policy = policy;
    }

    public AcknowledgementPolicy policy() {
        return policy;
    }

    @Override public String name() { return "call"; }
    @Override public String module() { return "hotline"; }
    @Override public String stixType() { return HotlineStix.TYPE; }
    @Override public String policyName() { return "hotline acknowledgement deadlines"; }
    @Override public String policyFingerprint() { return policyName() + " " + policy; }

    @Override
    public ObjectNode extensionDefinition() {
        return MessageStix.extensionDefinition(HotlineStix.EXTENSION_ID, "Concord hotline message",
                "A prioritised message between named officials of two states' Concord nodes: send, acknowledge, escalate, "
                + "withdraw. A call is the fold of its messages; see docs/workflow.md.",
                "x-concord-hotline-message.json");
    }

    @Override public HotlineMessage fromStix(JsonNode object) { return HotlineStix.fromStix(object); }

    @Override
    public ObjectNode toStix(HotlineMessage message, String createdByRef, Tlp tlp, List<JsonNode> history) {
        return HotlineStix.toStix(message, createdByRef, tlp, history);
    }

    @Override public String messageType(HotlineMessage message) { return HotlineStix.messageType(message); }
    @Override public boolean opens(HotlineMessage message) { return message instanceof HotlineMessage.Send; }
    @Override public Step<HotlineCall, HotlineRefusal> open(HotlineMessage message) {
        return HotlineCall.open((HotlineMessage.Send) message);
    }
    @Override public Step<HotlineCall, HotlineRefusal> apply(HotlineCall state, HotlineMessage message) {
        return state.apply(message);
    }

    @Override
    public HotlineRefusal unknownCase(HotlineMessage message, String explanation) {
        return new HotlineRefusal(HotlineRefusal.Rule.UNKNOWN_CALL, "call_ref", explanation);
    }

    @Override public String stateName(HotlineCall state) { return state.name(); }
    @Override public List<String> stateNames() { return CaseType.namesOf(HotlineCall.class); }
    @Override public boolean isClosed(HotlineCall state) { return !(state instanceof Unacknowledged); }
    @Override public StixId caseId(HotlineCall state) { return state.file().callId(); }
    @Override public StixId head(HotlineCall state) { return state.file().head(); }
    @Override public EscalationLevel level(HotlineCall state) { return state.file().level(); }
    @Override public List<PartyCode> parties(HotlineCall state) { return List.of(state.file().caller(), state.file().addressee()); }

    @Override
    public boolean isInputError(HotlineRefusal refusal) {
        return refusal.rule() == HotlineRefusal.Rule.FIELD_REQUIRED || refusal.rule() == HotlineRefusal.Rule.SAME_SIDE
                || refusal.rule() == HotlineRefusal.Rule.REPLY_TO_ITSELF;
    }

    @Override
    public DeliveryPriority priority(Optional<HotlineCall> state, HotlineMessage message) {
        Priority priority = message instanceof HotlineMessage.Send send ? send.priority()
                : state.map(call -> call.file().message().priority()).orElse(Priority.ROUTINE);
        return priority == null ? DeliveryPriority.ROUTINE : DeliveryPriority.valueOf(priority.name());
    }

    @Override public String idField() { return "callId"; }

    /**
     * A partner's call that names the call it answers ({@code in_reply_to_ref}) must name one this
     * node holds, between the same two parties; a dangling reply is refused before any receipt, so
     * the partner's outbox shows the refusal and nothing is stored.
     */
    @Override
    public Optional<String> refusalOnReceipt(HotlineMessage message, Function<String, Optional<HotlineCall>> held) {
        if (!(message instanceof HotlineMessage.Send send) || send.replyTo().isEmpty()) {
            return Optional.empty();
        }
        String ref = send.replyTo().get().value();
        Optional<HotlineCall> call = held.apply(ref);
        if (call.isEmpty()) {
            return Optional.of("$.in_reply_to_ref: no call " + ref + " is held by this node; a reply answers a call"
                    + " between the same two parties");
        }
        if (!call.get().between(send.from().party(), send.to().party())) {
            return Optional.of("$.in_reply_to_ref: call " + ref + " was between " + call.get().file().caller() + " and "
                    + call.get().file().addressee() + ", not " + send.from().party() + " and " + send.to().party());
        }
        return Optional.empty();
    }

    @Override
    public String restField(String stixPath) {
        return switch (stixPath) {
            case "call_ref" -> "callId";
            case "in_reply_to_ref" -> "inReplyTo";
            default -> CaseType.super.restField(stixPath);
        };
    }

    /** The addressee acknowledges an unacknowledged call; nobody acts on one acknowledged or withdrawn. */
    @Override
    public PartyCode nextParty(HotlineCall state) {
        return state instanceof Unacknowledged ? state.file().addressee() : null;
    }

    /**
     * The actions of {@code POST /api/hotline/calls/{callId}/acknowledge} and {@code /withdraw}.
     * Escalations are the job's ({@code workflow.escalate}); the API has none.
     */
    private static final List<Action<HotlineMessage, HotlineCall>> ACTIONS = List.of(
            Action.of("acknowledge", env -> new HotlineMessage.Acknowledge(env, new Official(env.sender(), "duty officer", "duty"))),
            Action.of("withdraw", env -> new HotlineMessage.Withdraw(env, "withdrawn")));

    @Override
    public List<Action<HotlineMessage, HotlineCall>> apiActions() {
        return ACTIONS;
    }

    @Override
    public Map<String, Object> details(String caseId, Optional<HotlineCall> state) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("callId", caseId);
        d.put("priority", state.map(c -> c.file().message().priority() == null ? null : c.file().message().priority().name())
                .orElse(null));
        d.put("from", state.map(c -> official(c.file().message().from())).orElse(null));
        d.put("to", state.map(c -> official(c.file().message().to())).orElse(null));
        d.put("text", state.map(c -> c.file().message().text()).orElse(null));
        d.put("inReplyTo", state.flatMap(c -> c.file().message().replyTo()).map(StixId::value).orElse(null));
        return d;
    }

    private static Object official(Official o) {
        return Map.of("party", o.party().value(), "name", o.name(), "post", o.post());
    }

    @Override public Optional<Deadline> deadline(HotlineCall state) { return policy.deadline(state); }

    @Override
    public HotlineMessage escalation(HotlineCall state, DueEscalation due, Envelope envelope) {
        return new HotlineMessage.Escalate(envelope, due.to(), due.dueAt(), due.reason());
    }
}
