package org.concord.workflow;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.concord.audit.AuditLog;
import org.concord.exchange.Outbox;
import org.concord.ledger.Receipt;
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
 * this node did not act on. A message dated more than {@link #AHEAD} ahead of this node's clock is refused
 * too ({@code not-ahead}). Whether the message is allowed in the case's state is not checked here:
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
    /** Late, as the engine: the outbox holds the partner's receipts for the messages this node sent. */
    private final ObjectProvider<Outbox> outbox;
    private final java.time.Clock clock;

    /**
     * How far ahead of this node's clock a partner's message may say it was sent: two nodes' clocks differ
     * by seconds when both keep time, and an answer's deadline and the order of crossing messages are read
     * from that time, so one dated further ahead is refused (rule {@code not-ahead}). The partner probe warns the
     * operators of both nodes when the clocks drift towards it ({@link org.concord.exchange.PartnerClock}).
     */
    static final java.time.Duration AHEAD = org.concord.exchange.PartnerClock.REFUSED_AHEAD;

    WorkflowInboxCheck(WorkflowTypes types, ObjectProvider<Workflow> workflow, WorkflowTable table, AuditLog audit,
            ObjectProvider<Outbox> outbox, java.time.Clock clock) {
        this.clock = clock;
        this.types = types;
        this.workflow = workflow;
        this.outbox = outbox;
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
        java.time.Instant now = clock.instant();
        if (message.sentAt().isAfter(now.plus(AHEAD))) {
            String refusal = "$.created: " + MessageStix.time(message.sentAt()) + " is " + Durations.readable(
                    java.time.Duration.between(now, message.sentAt())) + " ahead of this node's clock (" + MessageStix.time(now)
                    + "); a message may say it was sent at most " + Durations.readable(AHEAD) + " ahead of the receiver's clock"
                    + " (rule: not-ahead): its deadlines and its place among crossing messages are read from that time;"
                    + " check the sending node's clock";
            audit.record(from.value(), type.get().module() + ".ahead-refused", message.id().value(), refusal);
            return Optional.of(refusal);
        }
        Optional<String> reused = reusedId(type.get(), from, message);
        if (reused.isPresent()) {
            return reused;
        }
        Optional<String> undoing = undoesWhatWasReceipted(type.get(), from, message);
        if (undoing.isPresent()) {
            return undoing;
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

    /**
     * Why the message may not come in where it names its place: folded into the case, it would undo
     * a message of this node's (applied now, refused or set aside with it) that the partner had already
     * receipted, and change where the case stands (its state, rung, who acts, the terms agreed or on the
     * table; two escalations to one rung that cross change only which of them counts, and pass). The
     * partner held that message, signed for it and then sent something that claims to come before it: a message back-dated as a sibling of an earlier one, which {@link DeliveryOrder}
     * would place by its {@code sentAt} (the tester's finding: IR reopened a request PK had accepted, on
     * PK's node alone, ten seconds after its receipt of the acceptance). A message of the partner's that
     * crossed ours in flight, and reached us only after the partner had receipted ours, is refused the
     * same way: the receipt decides which of two crossing messages counts, not the clocks. The partner's
     * node leaves the refused message out of its case ({@link LeavingOutWhatThePartnerRefused}), so both
     * fold the same. Audited as {@code <module>.undoing-refused}. Whether our message is receipted is
     * read from the outbox, which stores the receipt when the partner's answer comes back: a partner
     * that posts in the milliseconds between signing a receipt and our storing it is not caught.
     */
    @SuppressWarnings("unchecked")
    private <M extends CaseMessage, S, R extends CaseRefusal> Optional<String> undoesWhatWasReceipted(CaseType<M, S, R> type,
            PartyCode from, CaseMessage incoming) {
        M message = (M) incoming;
        if (message.previous().isEmpty()) {
            return Optional.empty();
        }
        Workflow engine = workflow.getObject();
        Optional<CaseRecord<M, S, R>> held = engine.find(type, message.caseId().value());
        if (held.isEmpty() || held.get().byId().containsKey(message.id().value())) {
            return Optional.empty();
        }
        CaseRecord<M, S, R> record = held.get();
        PartyCode self = engine.self();
        List<M> applied = record.folded().applied();
        // the usual answer names the case's head: it goes after everything held and cannot undo any of it
        if (!applied.isEmpty() && applied.get(applied.size() - 1).id().equals(message.previous().get())) {
            return Optional.empty();
        }
        List<M> ours = applied.stream().filter(m -> m.sender().equals(self)).toList();
        if (ours.isEmpty()) {
            return Optional.empty();
        }
        List<M> messages = new java.util.ArrayList<>(record.stored().size() + 1);
        for (WorkflowTable.StoredMessage stored : record.stored()) {
            if (stored.inCase()) {
                messages.add(type.fromStix(stored.object()));
            }
        }
        messages.add(message);
        Folded<M, S, R> after = Cases.fold(type, message.caseId(), messages);
        if (outcome(type, record.folded().state()).equals(outcome(type, after.state()))) {
            // it changes which of two alike messages counts (both nodes' escalation to one rung), not where the case stands
            return Optional.empty();
        }
        java.util.Set<StixId> stillApplied = new java.util.HashSet<>();
        after.applied().forEach(m -> stillApplied.add(m.id()));
        for (M m : ours) {
            if (stillApplied.contains(m.id())) {
                continue;
            }
            Optional<Receipt> receipt = outbox.getObject().latest(from, m.id().value()).map(Outbox.Message::receipt)
                    .flatMap(WorkflowInboxCheck::receipt);
            if (receipt.isEmpty()) {
                continue;
            }
            String became = after.refused().stream().filter(r -> r.message().id().equals(m.id()))
                    .map(r -> "it would be refused " + r.refusal().ruleName()).findFirst().orElse("it would no longer apply");
            M head = record.folded().applied().get(record.folded().applied().size() - 1);
            String refusal = "$.previous: names " + message.previous().get() + ", which places this message before "
                    + self + "'s " + type.messageType(m) + " " + m.id() + " in case " + message.caseId() + " and undoes it ("
                    + became + "); " + from + " had recorded that " + type.messageType(m) + " already (its receipt: ledger index "
                    + receipt.get().index() + ", recorded at " + receipt.get().recordedAt() + ") before this message reached "
                    + self + ". A message may not undo one of the receiver's that its sender has already receipted"
                    + " (rule: not-before-receipted): answer the case as it stands, after " + type.messageType(head) + " "
                    + head.id();
            audit.record(from.value(), type.module() + ".undoing-refused", message.id().value(), refusal);
            return Optional.of(refusal);
        }
        return Optional.empty();
    }

    /** Where a case stands, as its officers see it: state, rung, who acts, the terms agreed and on the table. */
    private static <M extends CaseMessage, S, R extends CaseRefusal> List<Object> outcome(CaseType<M, S, R> type, Optional<S> state) {
        if (state.isEmpty()) {
            return List.of();
        }
        S s = state.get();
        return java.util.Arrays.asList(type.stateName(s), type.level(s), type.isClosed(s) ? null : type.nextParty(s),
                type.agreedTerms(s).map(CaseType.Terms::ref).orElse(null), type.proposal(s).map(CaseType.Terms::ref).orElse(null));
    }

    private static Optional<Receipt> receipt(String json) {
        try {
            return Optional.of(Receipt.parse(json));
        } catch (org.concord.ledger.ReceiptException.Malformed | RuntimeException e) {
            return Optional.empty();
        }
    }

    @SuppressWarnings("unchecked")
    private <M extends CaseMessage, S, R extends CaseRefusal> Optional<String> refusalOnReceipt(CaseType<M, S, R> type,
            CaseMessage message) {
        return type.refusalOnReceipt((M) message, id -> workflow.getObject().find(type, id).flatMap(CaseRecord::state));
    }
}
