package org.concord.commitments.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;

import org.concord.audit.AuditLog;
import org.concord.commitments.Commitment;
import org.concord.commitments.CommitmentCase;
import org.concord.commitments.CommitmentMessage;
import org.concord.commitments.CommitmentRefusal;
import org.concord.commitments.CommitmentTransition;
import org.concord.commitments.Commitments;
import org.concord.commitments.Reminder;
import org.concord.exchange.Outbox;
import org.concord.intel.InboxReceived;
import org.concord.intel.IntelStore;
import org.concord.intel.stix.Tlp;
import org.concord.node.Conflict;
import org.concord.node.InvalidInput;
import org.concord.node.NotFound;
import org.concord.party.NodeIdentity;
import org.concord.party.Partners;
import org.concord.party.PartyCode;
import org.concord.workflow.DueEscalation;
import org.concord.workflow.Envelope;
import org.concord.workflow.MessageStix;
import org.concord.workflow.StixId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The commitments' use cases, in the style of the hotline: proposing a commitment ({@link #propose}),
 * agreeing to the partner's ({@link #agree}), attesting it fulfilled ({@link #attest}), sending the
 * escalations an overdue commitment makes due ({@link #escalate}), raising reminders
 * ({@link #raise}), receiving the partner's messages (listener on {@link InboxReceived},
 * idempotent on the message id) and seeding a scenario's messages ({@link #seed}). Every message
 * this node sends is checked against the fold before it is stored and queued, in one transaction.
 * Commitment messages are marked TLP:AMBER.
 */
@Service
public class CommitmentService implements org.concord.commitments.SeedingCommitments {

    private static final Logger log = LoggerFactory.getLogger(CommitmentService.class);
    static final Tlp MARKING = Tlp.AMBER;
    private final CommitmentTable table;
    private final Outbox outbox;
    private final NodeIdentity identity;
    private final IntelStore intel;
    private final Clock clock;
    private final AuditLog audit;
    private final Partners partners;

    CommitmentService(CommitmentTable table, Outbox outbox, NodeIdentity identity, IntelStore intel, Clock clock,
            AuditLog audit, Partners partners) {
        this.table = table;
        this.outbox = outbox;
        this.identity = identity;
        this.intel = intel;
        this.clock = clock;
        this.audit = audit;
        this.partners = partners;
    }

    /** Records a commitment agreed with the partner (e.g. from a joint statement); it binds once the partner agrees. */
    @Transactional
    public CommitmentTable.Folded propose(PartyCode counterpart, Commitment commitment, String actor) {
        StixId id = StixId.random(CommitmentStix.TYPE);
        CommitmentMessage.Propose message = CommitmentMessage.Propose.of(id, own(), counterpart, now(), commitment);
        var opened = Commitments.fold(List.of(message));
        if (!opened.refused().isEmpty()) {
            throw refusal(opened.refused().get(0).refusal());
        }
        if (partners.byCode(counterpart).isEmpty()) {
            throw new InvalidInput("counterpart", "paired-partner", counterpart + " is not a partner this node is paired with");
        }
        table.addCommitment(id.value(), counterpart, message.sentAt());
        CommitmentTable.CommitmentRow row = table.lockCommitment(id.value()).orElseThrow();
        store(row, message, List.of(), actor);
        return table.fold(row);
    }

    /** This node agrees to the partner's proposal. */
    @Transactional
    public CommitmentTable.Folded agree(String commitmentId, String actor) {
        return next(commitmentId, CommitmentMessage.Agree::new, actor);
    }

    /** This node attests that the commitment is fulfilled. */
    @Transactional
    public CommitmentTable.Folded attest(String commitmentId, String text, List<StixId> evidence, String actor) {
        return next(commitmentId, env -> new CommitmentMessage.Attest(env, text, evidence), actor);
    }

    private CommitmentTable.Folded next(String commitmentId, Function<Envelope, CommitmentMessage> make, String actor) {
        CommitmentTable.CommitmentRow row = table.lockCommitment(commitmentId)
                .orElseThrow(() -> new NotFound("commitment_ref: no commitment " + commitmentId + " is held by this node"));
        CommitmentCase state = table.fold(row).folded().state()
                .orElseThrow(() -> new Conflict("commitment_ref", "UNKNOWN_COMMITMENT: no proposal opened " + commitmentId));
        CommitmentMessage message = make.apply(Envelope.answer(StixId.random(CommitmentStix.TYPE),
                state.file().commitmentId(), own(), now(), state.file().head()));
        if (state.apply(message) instanceof CommitmentTransition.Refused refused) {
            throw refusal(refused.refusal());
        }
        store(row, message, List.of(), actor);
        return table.fold(row);
    }

    /** Counts each escalation (concord.escalations); set once at start, so that the constructor stays as it is. */
    private org.concord.node.Escalations escalations;

    @org.springframework.beans.factory.annotation.Autowired
    void countEscalationsWith(org.concord.node.Escalations escalations) {
        this.escalations = escalations;
    }

    /** Sends the escalations due in one commitment, one after the other, each with the history; returns how many. */
    @Transactional
    public int escalate(String commitmentId, List<DueEscalation> due) {
        CommitmentTable.CommitmentRow row = table.lockCommitment(commitmentId).orElseThrow();
        int sent = 0;
        for (DueEscalation escalation : due) {
            CommitmentTable.Folded folded = table.fold(row);
            CommitmentCase state = folded.folded().current();
            CommitmentMessage.Escalate message = CommitmentMessage.Escalate.dueIn(state, escalation,
                    StixId.random(CommitmentStix.TYPE), own(), now());
            if (state.apply(message) instanceof CommitmentTransition.Next) {
                store(row, message, folded.historyObjects(), "concord");
                sent++;
                escalations.raised("commitments", escalation.to());
            }
        }
        return sent;
    }

    /** Raises the reminders not raised yet (logged, audited, listed); returns the new ones. */
    @Transactional
    public List<Reminder> raise(List<Reminder> reminders) {
        List<Reminder> raised = reminders.stream().filter(r -> table.raise(r, clock.instant())).toList();
        raised.forEach(r -> {
            log.info("commitment {} falls due in {} (at {})", r.commitmentId(), r.before(), r.at().plus(r.before()));
            audit.record("concord", "commitments.reminder", r.commitmentId().value(), "due in " + r.before());
        });
        return raised;
    }

    /**
     * Stores this node's own messages of a scenario as sent and queues each for the partner, once:
     * seeding twice changes nothing. The partner's messages are left to the partner's node, whose
     * outbox delivers them; until they arrive, an own answer waits in the fold for its previous
     * message. Returns how many were new.
     */
    @Override
    @Transactional
    public int seed(List<CommitmentMessage> messages) {
        int added = 0;
        for (CommitmentMessage message : messages) {
            if (!message.sender().equals(own())) {
                continue;
            }
            PartyCode partner = partnerOf(message, messages);
            table.addCommitment(message.caseId().value(), partner, message.sentAt());
            table.lockCommitment(message.caseId().value());
            ObjectNode object = CommitmentStix.toStix(message, identity.stixIdentityId(), MARKING, List.of());
            if (table.addMessage(message, "SENT", clock.instant(), object)) {
                added++;
                outbox.enqueue(partner, object);
                audit.record("concord", "commitments.seeded", message.id().value(),
                        CommitmentStix.messageType(message) + " to " + partner);
            }
        }
        return added;
    }

    private static PartyCode partnerOf(CommitmentMessage message, List<CommitmentMessage> messages) {
        CommitmentMessage.Propose proposal = messages.stream().filter(m -> m.caseId().equals(message.caseId()))
                .filter(CommitmentMessage.Propose.class::isInstance).map(CommitmentMessage.Propose.class::cast).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no proposal of commitment " + message.caseId() + " in the seed"));
        return proposal.sender().equals(message.sender()) ? proposal.counterpart() : proposal.sender();
    }

    @ApplicationModuleListener
    void on(InboxReceived event) {
        if (!CommitmentStix.TYPE.equals(event.type())) {
            return;
        }
        intel.inboxObject(event.id(), event.version()).ifPresent(json -> receive(event.from(), CommitmentStix.JSON.readTree(json)));
    }

    /** Stores a partner's message if new and sent by the partner that delivered it; true if stored. */
    @Transactional
    public boolean receive(PartyCode from, JsonNode object) {
        CommitmentMessage message;
        try {
            message = CommitmentStix.fromStix(object);
        } catch (MessageStix.Malformed e) {
            log.warn("commitment message {} from {} not stored: {}", object.path("id").asString(""), from, e.getMessage());
            return false;
        }
        if (!message.sender().equals(from)) {
            log.warn("commitment message {} delivered by {} claims sender {}: not stored", message.id(), from, message.sender());
            return false;
        }
        table.addCommitment(message.caseId().value(), from, message.sentAt());
        table.lockCommitment(message.caseId().value());
        return table.addMessage(message, "RECEIVED", clock.instant(), object);
    }

    private void store(CommitmentTable.CommitmentRow row, CommitmentMessage message, List<JsonNode> history, String actor) {
        ObjectNode object = CommitmentStix.toStix(message, identity.stixIdentityId(), MARKING, history);
        table.addMessage(message, "SENT", clock.instant(), object);
        outbox.enqueue(row.partner(), object);
        audit.record(actor, "commitments.sent", message.id().value(),
                CommitmentStix.messageType(message) + " to " + row.partner());
    }

    private Instant now() {
        return MessageStix.truncate(clock.instant());
    }

    PartyCode own() {
        return identity.party().code();
    }

    static RuntimeException refusal(CommitmentRefusal refusal) {
        switch (refusal.rule()) {
            case FIELD_REQUIRED:
            case SELF_ADDRESSED:
            case OWNER_NOT_A_PARTY:
                return new InvalidInput(refusal.field(), refusal.rule().name(), refusal.explanation());
            default:
                return new Conflict(refusal.field(), refusal.rule().name() + ": " + refusal.explanation());
        }
    }
}
