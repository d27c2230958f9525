package org.concord.workflow;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import org.concord.audit.AuditLog;
import org.concord.exchange.Outbox;
import org.concord.intel.stix.Tlp;
import org.concord.node.Conflict;
import org.concord.node.Escalations;
import org.concord.node.InvalidInput;
import org.concord.node.NotFound;
import org.concord.party.NodeIdentity;
import org.concord.party.Partners;
import org.concord.party.PartyCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The engine: the one sender, receiver, escalator and reader of every workflow type's cases.
 *
 * <ul>
 *   <li><b>Sending</b> ({@link #open}, {@link #answer}): fold the case, build the message after its
 *       head, apply it; only if the type's state machine applies it is it stored, queued for the
 *       partner (the outbox records it in the ledger when it is delivered) and audited, in one
 *       transaction. A refusal becomes HTTP 400 or 409 naming the field as the REST API names it and
 *       the rule; nothing is stored.</li>
 *   <li><b>Receiving</b> ({@link #receive}): a partner's message is stored once (deduplicated on its
 *       id) and audited. Whether it can be read at all was decided before its receipt was signed
 *       ({@link WorkflowInboxCheck}).</li>
 *   <li><b>Escalating</b> ({@link #sendDueEscalations}): for each open case, the escalations its
 *       type's policy makes due, sent one rung at a time, each with its reason.</li>
 * </ul>
 *
 * Every message stored, sent or received, is announced as a {@link CaseChanged} event.
 */
@Service
public class Workflow {

    private static final Logger log = LoggerFactory.getLogger(Workflow.class);
    public static final String SENT = "SENT";
    public static final String RECEIVED = "RECEIVED";

    private final WorkflowTable table;
    private final Outbox outbox;
    private final NodeIdentity identity;
    private final Clock clock;
    private final AuditLog audit;
    private final Partners partners;
    private final Escalations escalations;
    private final ApplicationEventPublisher events;

    Workflow(WorkflowTable table, Outbox outbox, NodeIdentity identity, Clock clock, AuditLog audit, Partners partners,
            Escalations escalations, ApplicationEventPublisher events) {
        this.events = events;
        this.table = table;
        this.outbox = outbox;
        this.identity = identity;
        this.clock = clock;
        this.audit = audit;
        this.partners = partners;
        this.escalations = escalations;
    }

    /** This node's party. */
    public PartyCode self() {
        return identity.party().code();
    }

    /** Now, to the millisecond, as messages carry it. */
    public Instant now() {
        return MessageStix.truncate(clock.instant());
    }

    /**
     * Opens a case with {@code partner}: {@code opening} is this node's first message of it.
     *
     * @param partnerField the REST field that names the partner, for the error when it is not paired
     */
    @Transactional
    public <M extends CaseMessage, S, R extends CaseRefusal> CaseRecord<M, S, R> open(CaseType<M, S, R> type, M opening,
            PartyCode partner, String partnerField, Tlp tlp, String actor) {
        if (!type.opens(opening)) {
            throw new IllegalArgumentException(type.messageType(opening) + " does not open a " + type.name());
        }
        refuseIfRefused(type, type.open(opening));
        if (partners.byCode(partner).isEmpty()) {
            throw new InvalidInput(partnerField, "paired-partner", partner + " is not a partner this node is paired with");
        }
        String caseId = opening.caseId().value();
        // A new case (every opening this node sends has a new random id): the case, folded from its one
        // message in memory as a reading back would fold it, is added with its standing in the index, and
        // the row is this transaction's from that insert on; no lock, no reading back, no index update.
        WorkflowTable.CaseRow fresh = new WorkflowTable.CaseRow(type.name(), caseId, partner, tlp, opening.sentAt());
        ObjectNode object = type.toStix(opening, identity.stixIdentityId(), tlp, List.of());
        Instant recordedAt = recordedNow();
        CaseRecord<M, S, R> opened = read(type, fresh, List.of(new WorkflowTable.StoredMessage(opening.id().value(), SENT, recordedAt,
                object)));
        if (table.addCase(type.name(), caseId, partner, tlp, opening.sentAt(), standing(type, opened))) {
            table.addMessage(type.name(), opening, type.messageType(opening), SENT, recordedAt, object);
            queue(type, fresh, Optional.empty(), opening, object, actor);
            return opened;
        }
        WorkflowTable.CaseRow row = table.lockCase(type.name(), caseId).orElseThrow();
        return store(type, row, Optional.empty(), opening, List.of(), table.messages(caseId), actor);
    }

    /**
     * One case to open with {@link #openAll}, as {@link #checkOpening} checked it: this node's first message of it, the
     * partner it goes to, its marking and its STIX object.
     */
    public static final class Opening<M extends CaseMessage> {
        private final M message;
        private final PartyCode partner;
        private final Tlp tlp;
        private final ObjectNode object;

        private Opening(M message, PartyCode partner, Tlp tlp, ObjectNode object) {
            this.message = message;
            this.partner = partner;
            this.tlp = tlp;
            this.object = object;
        }

        public M message() {
            return message;
        }

        public PartyCode partner() {
            return partner;
        }
    }

    /**
     * Checks {@code opening} as {@link #open} does before it stores anything, and the outbox's gate as queueing it
     * would ({@link Outbox#checkShareable}): a refusal of the type's state machine (400 or 409), a partner this node
     * is not paired with (400 naming {@code partnerField}), a reference the partner may not see (422). Nothing is
     * stored; {@link #openAll} opens what this returns.
     */
    public <M extends CaseMessage, S, R extends CaseRefusal> Opening<M> checkOpening(CaseType<M, S, R> type, M opening,
            PartyCode partner, String partnerField, Tlp tlp) {
        checkOpening(type, opening, partner, partnerField);
        ObjectNode object = type.toStix(opening, identity.stixIdentityId(), tlp, List.of());
        outbox.checkShareable(partner, object);
        return new Opening<>(opening, partner, tlp, object);
    }

    private <M extends CaseMessage, S, R extends CaseRefusal> void checkOpening(CaseType<M, S, R> type, M opening, PartyCode partner,
            String partnerField) {
        if (!type.opens(opening)) {
            throw new IllegalArgumentException(type.messageType(opening) + " does not open a " + type.name());
        }
        refuseIfRefused(type, type.open(opening));
        if (partners.byCode(partner).isEmpty()) {
            throw new InvalidInput(partnerField, "paired-partner", partner + " is not a partner this node is paired with");
        }
    }

    /**
     * Opens several cases, each as {@link #open} opens it, in the order given, all in the caller's transaction: the
     * cases, their messages, their outbox rows and their audit entries written a few statements for the lot
     * (one statement each, not one each per case). Each opening is one {@link #checkOpening} made; the checks are
     * made again here (the outbox's gate when it queues them). Should any of the cases be held already (an id used
     * twice), each is opened one by one as {@link #open} does.
     */
    @Transactional
    public <M extends CaseMessage, S, R extends CaseRefusal> List<CaseRecord<M, S, R>> openAll(CaseType<M, S, R> type,
            List<Opening<M>> openings, String partnerField, String actor) {
        for (Opening<M> o : openings) {
            checkOpening(type, o.message(), o.partner(), partnerField);
        }
        java.util.Set<String> caseIds = new java.util.LinkedHashSet<>();
        openings.forEach(o -> caseIds.add(o.message().caseId().value()));
        if (caseIds.size() != openings.size() || !table.heldCases(type.name(), caseIds).isEmpty()) {
            List<CaseRecord<M, S, R>> opened = new ArrayList<>(openings.size());
            for (Opening<M> o : openings) {
                opened.add(open(type, o.message(), o.partner(), partnerField, o.tlp, actor));
            }
            return opened;
        }
        List<CaseRecord<M, S, R>> opened = new ArrayList<>(openings.size());
        List<WorkflowTable.NewCase> cases = new ArrayList<>(openings.size());
        List<WorkflowTable.NewMessage> messages = new ArrayList<>(openings.size());
        List<Outbox.Queued> queued = new ArrayList<>(openings.size());
        List<AuditLog.Entry> audited = new ArrayList<>(openings.size());
        Instant recordedAt = recordedNow();
        for (Opening<M> o : openings) {
            M opening = o.message();
            // as in open(): the new case folded from its one message in memory, added with its standing
            WorkflowTable.CaseRow fresh = new WorkflowTable.CaseRow(type.name(), opening.caseId().value(), o.partner(), o.tlp,
                    opening.sentAt());
            ObjectNode object = o.object;
            CaseRecord<M, S, R> record = read(type, fresh, List.of(new WorkflowTable.StoredMessage(opening.id().value(), SENT,
                    recordedAt, object)));
            opened.add(record);
            cases.add(new WorkflowTable.NewCase(fresh, standing(type, record)));
            messages.add(new WorkflowTable.NewMessage(opening, type.messageType(opening), SENT, recordedAt, object));
            queued.add(new Outbox.Queued(o.partner(), object, type.priority(Optional.empty(), opening)));
            audited.add(new AuditLog.Entry(actor, type.module() + ".sent", opening.id().value(),
                    type.messageType(opening) + " in " + type.name() + " " + opening.caseId() + " to " + o.partner()));
        }
        if (table.addCases(type.name(), cases) != cases.size()) {
            // another transaction added one of these new ids between the check above and the insert
            throw new IllegalStateException("a case of " + caseIds + " was added meanwhile by another transaction");
        }
        table.addMessages(type.name(), messages);
        outbox.enqueueAll(queued);
        audit.recordAll(audited);
        for (Opening<M> o : openings) {
            events.publishEvent(new CaseChanged(type.name(), o.message().caseId().value(), type.messageType(o.message()), SENT));
        }
        return opened;
    }

    /**
     * Adds this node's next message to case {@code caseId}: {@code build} makes it in the envelope
     * that follows the case's head.
     */
    @Transactional
    public <M extends CaseMessage, S, R extends CaseRefusal> CaseRecord<M, S, R> answer(CaseType<M, S, R> type, String caseId,
            Function<Envelope, M> build, String actor) {
        WorkflowTable.CaseRow row = table.lockCase(type.name(), caseId).orElseThrow(() -> notFound(type, caseId));
        CaseRecord<M, S, R> before = read(type, row);
        S state = before.state().orElseThrow(() -> new Conflict(type.idField(),
                "UNKNOWN_CASE: no opening message of case " + caseId + " is held here (only answers to it are)"));
        M message = build.apply(Envelope.answer(StixId.random(type.stixType()), StixId.of(caseId), self(), now(),
                type.head(state)));
        refuseIfRefused(type, type.apply(state, message));
        return store(type, row, Optional.of(state), message, List.of(), before.stored(), actor);
    }

    /** The case as this node holds it; empty when it holds no case {@code caseId} of this type. */
    public <M extends CaseMessage, S, R extends CaseRefusal> Optional<CaseRecord<M, S, R>> find(CaseType<M, S, R> type,
            String caseId) {
        return table.findCase(type.name(), caseId).map(row -> read(type, row));
    }

    /** {@link #find}, or 404 naming the case. */
    public <M extends CaseMessage, S, R extends CaseRefusal> CaseRecord<M, S, R> get(CaseType<M, S, R> type, String caseId) {
        return find(type, caseId).orElseThrow(() -> notFound(type, caseId));
    }

    /** Every case of the type, oldest first. */
    public <M extends CaseMessage, S, R extends CaseRefusal> List<CaseRecord<M, S, R>> all(CaseType<M, S, R> type) {
        return table.cases(type.name()).stream().map(row -> read(type, row)).toList();
    }

    /**
     * Stores a message {@code from} a partner, once: a re-delivery, or a replayed event, changes
     * nothing. A message that cannot be read, or whose sender is not the partner that delivered it,
     * was refused at the inbox before any receipt was signed; here it is only logged, should one get
     * this far (an object stored before the check existed).
     *
     * @return whether it was new
     */
    @Transactional
    public <M extends CaseMessage, S, R extends CaseRefusal> boolean receive(CaseType<M, S, R> type, PartyCode from,
            JsonNode object) {
        M message;
        try {
            message = type.fromStix(object);
        } catch (MessageStix.Malformed e) {
            log.warn("{} message {} from {} not stored: {}", type.name(), object.path("id").asString(""), from, e.getMessage());
            return false;
        }
        if (!message.sender().equals(from)) {
            log.warn("{} message {} delivered by {} claims sender {}: not stored", type.name(), message.id(), from,
                    message.sender());
            return false;
        }
        Tlp tlp = Tlp.of(object).orElse(Tlp.GREEN);
        String caseId = message.caseId().value();
        Instant recordedAt = recordedNow();
        // The first message of a case (every new call): added with the case's standing as this one message
        // folds, as in open(); the case's row is this transaction's from its insert on.
        WorkflowTable.CaseRow fresh = new WorkflowTable.CaseRow(type.name(), caseId, from, tlp, message.sentAt());
        CaseRecord<M, S, R> alone = read(type, fresh, List.of(new WorkflowTable.StoredMessage(message.id().value(), RECEIVED,
                recordedAt, object)));
        if (table.addCase(type.name(), caseId, from, tlp, message.sentAt(), standing(type, alone))) {
            boolean added = table.addMessage(type.name(), message, type.messageType(message), RECEIVED, recordedAt, object);
            if (!added) {
                // its id is held already, in another case: the new case holds no message, and the index must not say otherwise
                table.unindexCase(type.name(), caseId);
                return false;
            }
            received(type, from, message);
            return true;
        }
        Optional<WorkflowTable.CaseRow> row = table.lockCase(type.name(), caseId);
        boolean added = table.addMessage(type.name(), message, type.messageType(message), RECEIVED, recordedAt, object);
        if (added) {
            row.ifPresent(locked -> index(type, locked));
            received(type, from, message);
        }
        return added;
    }

    /**
     * {@link #receive} for the messages of one delivery of one type, in the order given, each stored once as
     * {@link #receive} stores it: the first message of each case this node does not hold yet (every new call) is
     * added with its case in a few statements for the lot (the cases, the messages, the audit entries: one statement
     * each); every other message (of a case held already, or a later one of a case new in this delivery) is then
     * received one by one as {@link #receive} does. A case or message added meanwhile by another transaction (the
     * same delivery handed over twice at once) makes it throw {@link IllegalStateException} having written part of
     * the lot: the caller rolls back to its savepoint and receives the messages one by one.
     *
     * @return how many messages were new
     */
    @Transactional
    public <M extends CaseMessage, S, R extends CaseRefusal> int receiveAll(CaseType<M, S, R> type, PartyCode from,
            List<JsonNode> objects) {
        record Parsed<M>(M message, JsonNode object, Tlp tlp) {
        }
        List<Parsed<M>> first = new ArrayList<>();
        java.util.Set<String> caseIds = new java.util.HashSet<>();
        for (JsonNode object : objects) {
            M message;
            try {
                message = type.fromStix(object);
            } catch (MessageStix.Malformed e) {
                continue; // receive() logs and skips it, below
            }
            if (!message.sender().equals(from) || !caseIds.add(message.caseId().value())) {
                continue; // received one by one, below
            }
            first.add(new Parsed<>(message, object, Tlp.of(object).orElse(Tlp.GREEN)));
        }
        java.util.Set<String> held = first.isEmpty() ? java.util.Set.of()
                : table.heldCases(type.name(), first.stream().map(p -> p.message().caseId().value()).toList());
        List<WorkflowTable.NewCase> cases = new ArrayList<>();
        List<WorkflowTable.NewMessage> messages = new ArrayList<>();
        List<AuditLog.Entry> audited = new ArrayList<>();
        List<M> fresh = new ArrayList<>();
        Instant recordedAt = recordedNow();
        for (Parsed<M> p : first) {
            M message = p.message();
            if (held.contains(message.caseId().value())) {
                continue;
            }
            WorkflowTable.CaseRow row = new WorkflowTable.CaseRow(type.name(), message.caseId().value(), from, p.tlp(), message.sentAt());
            CaseRecord<M, S, R> alone = read(type, row, List.of(new WorkflowTable.StoredMessage(message.id().value(), RECEIVED,
                    recordedAt, p.object())));
            cases.add(new WorkflowTable.NewCase(row, standing(type, alone)));
            messages.add(new WorkflowTable.NewMessage(message, type.messageType(message), RECEIVED, recordedAt, p.object()));
            audited.add(new AuditLog.Entry(from.value(), type.module() + ".received", message.id().value(),
                    type.messageType(message) + " in " + type.name() + " " + message.caseId()));
            fresh.add(message);
        }
        int added = 0;
        if (!cases.isEmpty()) {
            if (table.addCases(type.name(), cases) != cases.size()) {
                throw new IllegalStateException("a case of this delivery was added meanwhile by another transaction");
            }
            if (table.addMessages(type.name(), messages) != messages.size()) {
                // a message id held already in another case: receive() tells which, and leaves its new case unindexed
                throw new IllegalStateException("a message of this delivery is held already");
            }
            audit.recordAll(audited);
            for (M message : fresh) {
                events.publishEvent(new CaseChanged(type.name(), message.caseId().value(), type.messageType(message), RECEIVED));
            }
            added = fresh.size();
        }
        // the rest in the order given: first messages of cases held already, and later messages of every case
        java.util.Set<String> done = new java.util.HashSet<>();
        fresh.forEach(m -> done.add(m.id().value()));
        for (JsonNode object : objects) {
            if (!done.contains(object.path("id").asString("")) && receive(type, from, object)) {
                added++;
            }
        }
        return added;
    }

    private <M extends CaseMessage, S, R extends CaseRefusal> void received(CaseType<M, S, R> type, PartyCode from, M message) {
        audit.record(from.value(), type.module() + ".received", message.id().value(),
                type.messageType(message) + " in " + type.name() + " " + message.caseId());
        events.publishEvent(new CaseChanged(type.name(), message.caseId().value(), type.messageType(message), RECEIVED));
    }

    /**
     * When this node records a message: now, to the microsecond, as both databases keep a timestamp, so
     * that the message folded in memory carries the time a reading back would give.
     */
    private Instant recordedNow() {
        return clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
    }

    /**
     * Stores this node's own messages of a scenario as sent and queues each for the partner, once:
     * seeding twice changes nothing. The partner's messages are left to the partner's node. Each
     * case's opening message must be among {@code messages}. Returns how many were new.
     */
    @Transactional
    public <M extends CaseMessage, S, R extends CaseRefusal> int seed(CaseType<M, S, R> type, List<M> messages, Tlp tlp) {
        int added = 0;
        for (M message : messages) {
            if (!message.sender().equals(self())) {
                continue;
            }
            M opening = messages.stream().filter(m -> m.caseId().equals(message.caseId())).filter(type::opens).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no opening message of " + message.caseId() + " in the seed"));
            PartyCode partner = Cases.fold(type, List.of(opening)).state().map(type::parties).orElseThrow().stream()
                    .filter(p -> !p.equals(self())).findFirst().orElseThrow();
            table.addCase(type.name(), message.caseId().value(), partner, tlp, opening.sentAt());
            table.lockCase(type.name(), message.caseId().value());
            ObjectNode object = type.toStix(message, identity.stixIdentityId(), tlp, List.of());
            if (table.addMessage(type.name(), message, type.messageType(message), SENT, clock.instant(), object)) {
                added++;
                index(type, message.caseId().value());
                outbox.enqueue(partner, object, type.priority(Optional.empty(), message));
                events.publishEvent(new CaseChanged(type.name(), message.caseId().value(), type.messageType(message), SENT));
                audit.record("concord", type.module() + ".seeded", message.id().value(),
                        type.messageType(message) + " to " + partner);
            }
        }
        return added;
    }

    /**
     * One run of escalation for one type: for every open case whose deadline has passed, the
     * escalations its policy makes due, one rung at a time; each is applied to the case before it
     * is sent, so that one the case no longer needs (the partner escalated first) is not sent.
     *
     * @return how many escalations were sent
     */
    public <M extends CaseMessage, S, R extends CaseRefusal> int sendDueEscalations(CaseType<M, S, R> type) {
        int sent = 0;
        Instant now = clock.instant();
        // The case index (complete, and computed under this policy) names the cases whose deadline has
        // passed; the fold of each of those decides. A crisis's thousands of open cases are not each
        // folded every run.
        indexed(type);
        for (WorkflowTable.CaseRow row : table.dueCases(type.name(), now)) {
            S state = read(type, row).state().orElse(null);
            if (state == null || !type.escalatesAt(state, self())) {
                continue;
            }
            List<DueEscalation> due = type.due(state, now);
            if (!due.isEmpty()) {
                int n = escalate(type, row.caseId(), due);
                log.info("{} {}: {} escalation(s) due, {} sent", type.name(), row.caseId(), due.size(), n);
                sent += n;
            }
        }
        return sent;
    }

    /** Sends the escalations {@code due} in one case, one after the other; returns how many were sent. */
    @Transactional
    public <M extends CaseMessage, S, R extends CaseRefusal> int escalate(CaseType<M, S, R> type, String caseId,
            List<DueEscalation> due) {
        WorkflowTable.CaseRow row = table.lockCase(type.name(), caseId).orElseThrow(() -> notFound(type, caseId));
        int sent = 0;
        for (DueEscalation escalation : due) {
            CaseRecord<M, S, R> record = read(type, row);
            S state = record.folded().current();
            M message = type.escalation(state, escalation, Envelope.answer(StixId.random(type.stixType()),
                    StixId.of(caseId), self(), now(), type.head(state)));
            if (type.apply(state, message) instanceof Step.Next) {
                store(type, row, Optional.of(state), message, record.historyObjects(), record.stored(), "concord");
                sent++;
                escalations.raised(type.module(), escalation.to());
            }
        }
        return sent;
    }

    /** A refusal as the error a local user gets: 400 for a field missing or malformed, 409 for a rule of the case's state. */
    public <M extends CaseMessage, S, R extends CaseRefusal> RuntimeException refusal(CaseType<M, S, R> type, R refusal) {
        String field = type.restField(refusal.field());
        if (type.isInputError(refusal)) {
            return new InvalidInput(field, refusal.ruleName(), refusal.explanation());
        }
        return new Conflict(field, refusal.ruleName() + ": " + refusal.explanation());
    }

    private <M extends CaseMessage, S, R extends CaseRefusal> void refuseIfRefused(CaseType<M, S, R> type, Step<S, R> step) {
        if (step instanceof Step.Refused<S, R> refused) {
            throw refusal(type, refused.refusal());
        }
    }

    private static NotFound notFound(CaseType<?, ?, ?> type, String caseId) {
        return new NotFound(type.idField() + ": no " + type.name() + " " + caseId + " is held by this node");
    }

    /**
     * Stores, indexes, queues and audits this node's message in a case whose row this transaction holds
     * locked; returns the case as folded with it. {@code held} are the case's messages as read under that
     * lock: the case with the new message is folded from them and it in memory, not read back.
     */
    private <M extends CaseMessage, S, R extends CaseRefusal> CaseRecord<M, S, R> store(CaseType<M, S, R> type,
            WorkflowTable.CaseRow row, Optional<S> state, M message, List<JsonNode> history, List<WorkflowTable.StoredMessage> held,
            String actor) {
        ObjectNode object = type.toStix(message, identity.stixIdentityId(), row.tlp(), history);
        Instant recordedAt = recordedNow();
        table.addMessage(type.name(), message, type.messageType(message), SENT, recordedAt, object);
        List<WorkflowTable.StoredMessage> all = new ArrayList<>(held.size() + 1);
        all.addAll(held);
        all.add(new WorkflowTable.StoredMessage(message.id().value(), SENT, recordedAt, object));
        CaseRecord<M, S, R> stored = read(type, row, all);
        table.index(type.name(), row.caseId(), standing(type, stored));
        queue(type, row, state, message, object, actor);
        return stored;
    }

    /** Queues this node's stored message for the partner, audits it and announces it. */
    private <M extends CaseMessage, S, R extends CaseRefusal> void queue(CaseType<M, S, R> type, WorkflowTable.CaseRow row,
            Optional<S> state, M message, ObjectNode object, String actor) {
        outbox.enqueue(row.partner(), object, type.priority(state, message));
        audit.record(actor, type.module() + ".sent", message.id().value(),
                type.messageType(message) + " in " + type.name() + " " + message.caseId() + " to " + row.partner());
        events.publishEvent(new CaseChanged(type.name(), message.caseId().value(), type.messageType(message), SENT));
    }

    /**
     * Writes the case's standing into the case index (V11_80), in the transaction that added its
     * message: the lists that sort and filter cases read the index, the case views read the fold.
     */
    <M extends CaseMessage, S, R extends CaseRefusal> void index(CaseType<M, S, R> type, String caseId) {
        table.findCase(type.name(), caseId).ifPresent(row -> index(type, row));
    }

    private <M extends CaseMessage, S, R extends CaseRefusal> CaseRecord<M, S, R> index(CaseType<M, S, R> type,
            WorkflowTable.CaseRow row) {
        CaseRecord<M, S, R> c = read(type, row);
        table.index(type.name(), row.caseId(), standing(type, c));
        return c;
    }

    /** What the case index holds of the case (V11_80): its state, who acts, by when, whether closed, of how many messages. */
    private static <M extends CaseMessage, S, R extends CaseRefusal> WorkflowTable.Standing standing(CaseType<M, S, R> type,
            CaseRecord<M, S, R> c) {
        Optional<S> state = c.state();
        // only who must act: the index holds no actions, so the fold is not asked about them here
        PartyCode awaited = state.filter(s -> !type.isClosed(s)).map(type::nextParty).orElse(null);
        boolean closed = state.map(type::isClosed).orElse(false);
        return new WorkflowTable.Standing(state.map(type::stateName).orElse(null), awaited == null ? null : awaited.value(),
                state.filter(s -> !type.isClosed(s)).flatMap(type::deadline).map(Deadline::at).orElse(null), closed,
                c.stored().size());
    }

    /** The types whose index this JVM has checked against its deadline policies (see {@link #indexed}). */
    private final java.util.Set<String> indexChecked = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /**
     * Makes sure the case index of {@code type} is complete and computed under this node's deadline
     * policy: once per start, the cases not yet indexed (after the upgrade that added the index, or
     * all of them when the policy changed) are folded and indexed.
     */
    public <M extends CaseMessage, S, R extends CaseRefusal> void indexed(CaseType<M, S, R> type) {
        if (indexChecked.contains(type.name())) {
            return;
        }
        synchronized (indexChecked) {
            if (indexChecked.contains(type.name())) {
                return;
            }
            String fingerprint = type.policyFingerprint();
            if (!table.indexPolicy(type.name()).map(fingerprint::equals).orElse(false)) {
                table.unindex(type.name());
                table.indexPolicy(type.name(), fingerprint);
            }
            List<WorkflowTable.CaseRow> rows = table.unindexed(type.name());
            for (WorkflowTable.CaseRow row : rows) {
                index(type, row);
            }
            if (!rows.isEmpty()) {
                log.info("{}: {} case(s) indexed under {}", type.name(), rows.size(), fingerprint);
            }
            indexChecked.add(type.name());
        }
    }

    <M extends CaseMessage, S, R extends CaseRefusal> CaseRecord<M, S, R> read(CaseType<M, S, R> type, WorkflowTable.CaseRow row) {
        return read(type, row, table.messages(row.caseId()));
    }

    /** The case folded from its row and its messages as read already (a page of cases read in one query). */
    <M extends CaseMessage, S, R extends CaseRefusal> CaseRecord<M, S, R> read(CaseType<M, S, R> type, WorkflowTable.CaseRow row,
            List<WorkflowTable.StoredMessage> stored) {
        List<M> messages = new ArrayList<>(stored.size());
        for (WorkflowTable.StoredMessage s : stored) {
            // one of ours the partner's inbox refused never entered its ledger: no part of the case on either side
            if (s.inCase()) {
                messages.add(type.fromStix(s.object()));
            }
        }
        return new CaseRecord<>(row, stored, Cases.fold(type, StixId.of(row.caseId()), messages));
    }
}
