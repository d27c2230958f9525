package org.concord.deconfliction.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.concord.audit.AuditLog;
import org.concord.deconfliction.ConflictAnswer;
import org.concord.deconfliction.ConflictAnswerPolicy;
import org.concord.deconfliction.ConflictId;
import org.concord.deconfliction.ConflictStanding;
import org.concord.exchange.Outbox;
import org.concord.intel.InboxReceived;
import org.concord.intel.IntelStore;
import org.concord.node.Conflict;
import org.concord.node.InvalidInput;
import org.concord.node.NotFound;
import org.concord.party.NodeIdentity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.concord.intel.InboxTaker;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The partner answers a conflict flagged against its notice or protected site: it acknowledges it,
 * or objects with a reason, by the deadline of {@link ConflictAnswerPolicy}. The answer is stored
 * and queued to the notifying party as an {@code x-concord-conflict-answer} in one transaction; the
 * notifying node takes it from its inbox (idempotent: one answer per conflict) after checking it
 * against the conflict's standing as it derives it itself.
 */
@Service
class AnsweringConflicts implements InboxTaker {

    private static final Logger log = LoggerFactory.getLogger(AnsweringConflicts.class);

    /** A flagged conflict with its id and where it stands now. */
    record Standing(DeconflictionTables.StoredConflict conflict, ConflictId id, ConflictStanding standing) {
    }

    private final DeconflictionTables tables;
    private final ConflictAnswerPolicy policy;
    private final Outbox outbox;
    private final IntelStore intel;
    private final NodeIdentity identity;
    private final AuditLog audit;
    private final Clock clock;
    private final TransactionTemplate transactions;
    private final DeconflictionConfiguration.OwnParty own;
    private final org.concord.intel.SharingInForce sharing;

    ConflictAnswerPolicy policy() {
        return policy;
    }

    AnsweringConflicts(DeconflictionTables tables, ConflictAnswerPolicy policy, Outbox outbox, IntelStore intel,
            NodeIdentity identity, AuditLog audit, Clock clock, TransactionTemplate transactions,
            DeconflictionConfiguration.OwnParty own, org.concord.intel.SharingInForce sharing) {
        this.sharing = sharing;
        this.tables = tables;
        this.policy = policy;
        this.outbox = outbox;
        this.intel = intel;
        this.identity = identity;
        this.audit = audit;
        this.clock = clock;
        this.transactions = transactions;
        this.own = own;
    }

    static ConflictId idOf(DeconflictionTables.StoredConflict c) {
        return ConflictId.of(c.noticeId(), c.noticeRevision(), c.kind(), c.otherRef());
    }

    /** Every flagged conflict whose notice is held, with its standing. */
    List<Standing> standings() {
        return tables.conflicts().stream().map(this::standing).flatMap(Optional::stream).toList();
    }

    Optional<Standing> standing(String id) {
        ConflictId wanted;
        try {
            wanted = new ConflictId(id);
        } catch (InvalidInput e) {
            return Optional.empty();
        }
        return tables.conflicts().stream().filter(c -> idOf(c).equals(wanted)).findFirst().flatMap(this::standing);
    }

    /**
     * The deadline runs from the notice's sending: its STIX {@code modified}, the same at both nodes;
     * the answering party is the one whose notice or site the conflict is with.
     */
    Optional<Standing> standing(DeconflictionTables.StoredConflict c) {
        return tables.notice(c.noticeId()).map(n -> {
            ConflictId id = idOf(c);
            ConflictStanding.Awaiting open = policy.open(id, c.otherParty(), Instant.parse(n.version()), n.notice().window().start());
            return new Standing(c, id, ConflictStanding.of(open, tables.answer(id.value()).map(DeconflictionTables.StoredAnswer::answer)));
        });
    }

    /** This node's liaison answers conflict {@code id}: {@code {"answer": "ACKNOWLEDGE"|"OBJECT", "reason": "…"}}. */
    Standing answer(String id, JsonNode body, String actor) {
        Standing current = standing(id).orElseThrow(() -> new NotFound("id: no conflict " + id + " is flagged at this node"));
        if (body == null || !body.isObject()) {
            throw new InvalidInput("answer", "required", "send {\"answer\": \"ACKNOWLEDGE\" or \"OBJECT\", \"reason\": \"…\"}");
        }
        InvalidInput.onlyProperties("", body, java.util.Set.of("answer", "reason"));
        JsonNode verdictNode = body.path("answer");
        if (!verdictNode.isString() || verdictNode.asString().isBlank()) {
            throw new InvalidInput("answer", "required", "answer ACKNOWLEDGE or OBJECT");
        }
        ConflictAnswer.Verdict verdict;
        try {
            verdict = ConflictAnswer.Verdict.valueOf(verdictNode.asString().strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw InvalidInput.notOneOf("answer", verdictNode.asString(), ConflictAnswer.Verdict.class);
        }
        JsonNode reasonNode = body.path("reason");
        if (!reasonNode.isMissingNode() && !reasonNode.isNull() && !reasonNode.isString()) {
            throw new InvalidInput("reason", "text", "the reason is a text");
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        ConflictAnswer answer = new ConflictAnswer(current.id(), own.code(), verdict,
                Optional.ofNullable(reasonNode.isString() ? reasonNode.asString() : null), now);
        ConflictStanding.Transition next = current.standing().apply(answer);
        if (next instanceof ConflictStanding.Refusal refusal) {
            throw new Conflict(refusal.field(), refusal.rule() + ": " + refusal.explanation());
        }
        DeconflictionTables.StoredNotice notice = tables.notice(current.conflict().noticeId()).orElseThrow();
        refuseIfTheSiteIsWithheld(current.conflict(), notice.notice().notifyingParty());
        ObjectNode stix = StixMapping.answer(answer, current.conflict().noticeId(), identity.stixIdentityId(), now);
        transactions.executeWithoutResult(status -> {
            if (!tables.saveAnswer(new DeconflictionTables.StoredAnswer(answer, current.conflict().noticeId(),
                    DeconflictionTables.Direction.SENT, stix.path("id").asString(), stix.toString(), now))) {
                throw new Conflict("conflict", "already-answered: conflict " + id + " was answered meanwhile");
            }
            outbox.enqueue(notice.notice().notifyingParty(), stix);
            audit.record(actor, "deconfliction.conflict-answered", id, verdict + " to " + notice.notice().notifyingParty()
                    + " about notice " + current.conflict().noticeId());
        });
        return new Standing(current.conflict(), current.id(), (ConflictStanding.Answered) next);
    }

    /**
     * An answer names the conflict by the site, so the notifying party can take it only if it holds
     * the site: one of ours withheld from it under its marking gets a 409 saying what to do instead,
     * rather than an answer the partner would drop.
     */
    private void refuseIfTheSiteIsWithheld(DeconflictionTables.StoredConflict conflict, org.concord.party.PartyCode notifier) {
        if (!"protected-site".equals(conflict.kind()) || !conflict.otherParty().equals(own.code())) {
            return;
        }
        var policy = sharing.policy();
        List<DeconflictionTables.StoredSite> named = tables.sites().stream()
                .filter(s -> s.site().declaredBy().equals(own.code()) && s.site().name().equals(conflict.otherRef())).toList();
        if (!named.isEmpty() && named.stream().noneMatch(s -> DeclaringSites.mayRead(policy, notifier, s.site()))) {
            throw new Conflict("conflict", "site-withheld: " + notifier + " does not hold the site '" + conflict.otherRef()
                    + "' (" + named.get(0).site().marking().label() + ", which the sharing settings do not let " + notifier
                    + " read), so it could not take an answer about it. Tell " + notifier + " on the hotline, or share the site "
                    + "(mark it so that " + notifier + " may read it, or let " + notifier + " read "
                    + named.get(0).site().marking().label() + ") and answer then.");
        }
    }

    /** The STIX type this listener takes: a partner's answer to a conflict. */
    public static boolean takes(String type) {
        return StixMapping.ANSWER_TYPE.equals(type);
    }

    /** The hand-over asks: only its own types are given to it ({@link org.concord.intel.InboxHandOver}). */
    @Override
    public boolean wants(String type) {
        return takes(type);
    }

    /**
     * A hand-over recorded by a node before deliveries were handed over whole (one publication per message and
     * listener, under this method's listener id): still in the log after an upgrade, it is resubmitted to this
     * method. Nothing publishes {@code InboxReceived} on its own any more.
     */
    @org.springframework.modulith.events.ApplicationModuleListener
    void on(InboxReceived event) {
        take(event);
    }

    /** One message handed over from the inbox (idempotent: it may be handed over again). */
    @Override
    public void take(InboxReceived event) {
        if (!takes(event.type())) {
            return;
        }
        Optional<JsonNode> announced = intel.announced(event);
        if (announced.isEmpty()) {
            return;
        }
        JsonNode object = announced.get();
        try {
            receive(event, object);
        } catch (InvalidInput | IllegalArgumentException e) {
            log.warn("dropped {} {} from {}: {}", event.type(), event.id(), event.from(), e.getMessage());
            audit.record("partner:" + event.from(), "deconfliction.message-dropped", event.id(), e.getMessage());
        }
    }

    private void receive(InboxReceived event, JsonNode object) {
        ConflictAnswer answer = StixMapping.readAnswer(object, event.from());
        Standing current = standing(answer.conflict().value()).orElseThrow(() -> new InvalidInput("conflict_id",
                "known-conflict", "no conflict " + answer.conflict() + " is flagged at this node"));
        if (tables.answer(answer.conflict().value()).isPresent()) {
            return; // delivered again
        }
        ConflictStanding.Transition next = current.standing().apply(answer);
        if (next instanceof ConflictStanding.Refusal refusal) {
            throw new InvalidInput(refusal.field(), refusal.rule(), refusal.explanation());
        }
        tables.saveAnswer(new DeconflictionTables.StoredAnswer(answer, current.conflict().noticeId(),
                DeconflictionTables.Direction.RECEIVED, event.id(), object.toString(), clock.instant()));
        audit.record("partner:" + event.from(), "deconfliction.conflict-answer-received", answer.conflict().value(),
                answer.verdict() + answer.reason().map(r -> ": " + r).orElse(""));
    }
}
