package org.concord.commitments;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.concord.commitments.internal.CommitmentStix;
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
 * Commitments as a workflow type: what the engine needs of them. The states and rules are
 * {@link CommitmentCase}'s; reminders and overdue escalation {@link ReminderPolicy}'s. An overdue
 * commitment is escalated by the side it is owed to, not by its owner, so that one message per rung
 * travels.
 */
public final class CommitmentType implements CaseType<CommitmentMessage, CommitmentCase, CommitmentRefusal> {

    /** The type with the default policy: enough to fold. */
    public static final CommitmentType DEFAULT = new CommitmentType(ReminderPolicy.defaults());

    private final ReminderPolicy policy;

    public CommitmentType(ReminderPolicy policy) {
        this.policy = policy;
    }

    public ReminderPolicy policy() {
        return policy;
    }

    @Override public String name() { return "commitment"; }
    @Override public String module() { return "commitments"; }
    @Override public String stixType() { return CommitmentStix.TYPE; }
    @Override public String policyName() { return "commitment due dates"; }
    @Override public String policyFingerprint() { return policyName() + " " + policy; }

    @Override
    public ObjectNode extensionDefinition() {
        return MessageStix.extensionDefinition(CommitmentStix.EXTENSION_ID, "Concord commitment message",
                "A message about a commitment between two states' Concord nodes: propose (what, owner, due date), "
                + "agree, attest fulfilment, escalate when overdue, withdraw. See docs/workflow.md.",
                "x-concord-commitment-message.json");
    }

    @Override public CommitmentMessage fromStix(JsonNode object) { return CommitmentStix.fromStix(object); }

    @Override
    public ObjectNode toStix(CommitmentMessage message, String createdByRef, Tlp tlp, List<JsonNode> history) {
        return CommitmentStix.toStix(message, createdByRef, tlp, history);
    }

    @Override public String messageType(CommitmentMessage message) { return CommitmentStix.messageType(message); }
    @Override public boolean opens(CommitmentMessage message) { return message instanceof CommitmentMessage.Propose; }
    @Override public Step<CommitmentCase, CommitmentRefusal> open(CommitmentMessage message) {
        return CommitmentCase.open((CommitmentMessage.Propose) message);
    }
    @Override public Step<CommitmentCase, CommitmentRefusal> apply(CommitmentCase state, CommitmentMessage message) {
        return state.apply(message);
    }

    @Override
    public CommitmentRefusal unknownCase(CommitmentMessage message, String explanation) {
        return new CommitmentRefusal(CommitmentRefusal.Rule.UNKNOWN_COMMITMENT, "commitment_ref", explanation);
    }

    @Override public String stateName(CommitmentCase state) { return state.name(); }
    @Override public List<String> stateNames() { return CaseType.namesOf(CommitmentCase.class); }
    @Override public boolean isClosed(CommitmentCase state) { return state instanceof Fulfilled || state instanceof Withdrawn; }
    @Override public StixId caseId(CommitmentCase state) { return state.file().commitmentId(); }
    @Override public StixId head(CommitmentCase state) { return state.file().head(); }
    @Override public EscalationLevel level(CommitmentCase state) { return state.file().level(); }
    @Override public List<PartyCode> parties(CommitmentCase state) { return List.of(state.file().proposer(), state.file().counterpart()); }

    @Override
    public boolean isInputError(CommitmentRefusal refusal) {
        return switch (refusal.rule()) {
            case FIELD_REQUIRED, SELF_ADDRESSED, OWNER_NOT_A_PARTY -> true;
            default -> false;
        };
    }

    @Override public String idField() { return "commitmentId"; }

    @Override
    public String restField(String stixPath) {
        return switch (stixPath) {
            case "commitment_ref" -> "commitmentId";
            case "commitment.due_by", "due_by" -> "dueBy";
            case "commitment.what" -> "what";
            case "commitment.owner" -> "owner";
            default -> CaseType.super.restField(stixPath);
        };
    }

    /**
     * The counterpart agrees to a proposal; an agreed commitment waits for its owner's attestation,
     * then for the other side's.
     */
    @Override
    public PartyCode nextParty(CommitmentCase state) {
        CommitmentFile file = state.file();
        if (state instanceof Proposed) {
            return file.counterpart();
        }
        if (state instanceof Agreed agreed) {
            PartyCode owner = file.commitment().owner();
            PartyCode other = owner.equals(file.proposer()) ? file.counterpart() : file.proposer();
            return agreed.attestedBy(owner) ? other : owner;
        }
        return null;
    }

    /**
     * The actions of {@code POST /api/commitments/{commitmentId}/agree}, {@code /attest} and
     * {@code /withdraw}. Escalations are the job's ({@code workflow.escalate}); the API has none.
     */
    private static final List<Action<CommitmentMessage, CommitmentCase>> ACTIONS = List.of(
            Action.of("agree", CommitmentMessage.Agree::new),
            Action.of("attest", env -> new CommitmentMessage.Attest(env, "done", List.of())),
            Action.of("withdraw", env -> new CommitmentMessage.Withdraw(env, "withdrawn")));

    @Override
    public List<Action<CommitmentMessage, CommitmentCase>> apiActions() {
        return ACTIONS;
    }

    @Override
    public Optional<Terms> proposal(CommitmentCase state) {
        return state instanceof Proposed ? Optional.of(new Terms(state.file().commitmentId(), terms(state.file()))) : Optional.empty();
    }

    @Override
    public Optional<Terms> agreedTerms(CommitmentCase state) {
        return state instanceof Agreed || state instanceof Fulfilled
                ? Optional.of(new Terms(state.file().commitmentId(), terms(state.file()))) : Optional.empty();
    }

    private static JsonNode terms(CommitmentFile file) {
        ObjectNode o = MessageStix.JSON.createObjectNode();
        o.put("what", file.commitment().what());
        o.put("owner", file.commitment().owner() == null ? null : file.commitment().owner().value());
        o.put("dueBy", file.commitment().dueBy() == null ? null : MessageStix.time(file.commitment().dueBy()));
        return o;
    }

    @Override
    public Map<String, Object> details(String caseId, Optional<CommitmentCase> state) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("commitmentId", caseId);
        CommitmentFile file = state.map(CommitmentCase::file).orElse(null);
        d.put("proposer", file == null ? null : file.proposer().value());
        d.put("counterpart", file == null ? null : file.counterpart().value());
        d.put("what", file == null ? null : file.commitment().what());
        d.put("owner", file == null || file.commitment().owner() == null ? null : file.commitment().owner().value());
        d.put("dueBy", file == null || file.commitment().dueBy() == null ? null : MessageStix.time(file.commitment().dueBy()));
        Map<String, Object> attestations = new TreeMap<>();
        CommitmentCase c = state.orElse(null);
        Map<PartyCode, Attestation> held = c instanceof Agreed a ? a.attestations() : c instanceof Fulfilled f ? f.attestations() : Map.of();
        held.forEach((party, a) -> attestations.put(party.value(), Map.of("at", MessageStix.time(a.at()), "text", a.text(),
                "evidence", a.evidence().stream().map(StixId::value).toList())));
        d.put("attestations", attestations);
        d.put("fulfilledAt", c instanceof Fulfilled f ? MessageStix.time(f.fulfilledAt()) : null);
        d.put("fulfilledLate", c instanceof Fulfilled f ? f.late() : null);
        java.time.Duration lateBy = c instanceof Fulfilled f ? f.lateBy().orElse(null) : null;
        d.put("lateBy", lateBy == null ? null : lateBy.toString());
        d.put("lateByText", lateBy == null ? null : org.concord.node.Durations.readable(lateBy));
        d.put("withdrawnAt", c instanceof Withdrawn w ? MessageStix.time(w.withdrawnAt()) : null);
        d.put("withdrawnBy", c instanceof Withdrawn w ? w.by().value() : null);
        d.put("withdrawalReason", c instanceof Withdrawn w ? w.reason() : null);
        return d;
    }

    @Override public Optional<Deadline> deadline(CommitmentCase state) { return policy.deadline(state); }

    /** The owed side escalates; the owner does not escalate against itself. */
    @Override
    public boolean escalatesAt(CommitmentCase state, PartyCode self) {
        return !state.file().commitment().owner().equals(self);
    }

    @Override
    public CommitmentMessage escalation(CommitmentCase state, DueEscalation due, Envelope envelope) {
        return new CommitmentMessage.Escalate(envelope, due.to(), due.dueAt(), due.reason());
    }

    /** The reminders due after {@code after} and no later than {@code upTo}, by the policy. */
    public List<Reminder> reminders(CommitmentCase state, Instant after, Instant upTo) {
        return policy.reminders(state, after, upTo);
    }
}
