package org.concord.deconfliction.internal;

import java.time.Clock;
import java.time.Instant;

import org.concord.audit.AuditLog;
import org.concord.deconfliction.ActivityMap;
import org.concord.deconfliction.EvaluatingNotices;
import org.concord.deconfliction.NoticeEvaluation;
import org.concord.deconfliction.NoticeId;
import org.concord.deconfliction.OperationNotice;
import org.concord.exchange.Outbox;
import org.concord.node.InvalidInput;
import org.concord.party.NodeIdentity;
import org.concord.party.Partners;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A liaison officer sends an operation notice: it is read (faults refused naming field and rule),
 * evaluated, and either refused on sovereignty grounds (nothing stored, nothing sent) or stored,
 * queued for the partner through the outbox and held in the activity map, in one transaction with
 * its audit entry. Broken rules do not stop a notice; they are answered with it.
 */
@Service
class SendingNotices {

    /** What became of a notice: sent (with its evaluation) or refused (with the violation and the offers). */
    record Outcome(boolean sent, NoticeEvaluation evaluation, ObjectNode json) {
    }

    private final EvaluatingNotices evaluating;
    private final ActivityMap activity;
    private final DeconflictionTables tables;
    private final Outbox outbox;
    private final Partners partners;
    private final NodeIdentity identity;
    private final AuditLog audit;
    private final Clock clock;
    private final TransactionTemplate transactions;
    private final DeconflictionConfiguration.OwnParty own;
    private final DeconflictionConfiguration.GeoJsonReaders readers;

    SendingNotices(EvaluatingNotices evaluating, ActivityMap activity, DeconflictionTables tables, Outbox outbox,
            Partners partners, NodeIdentity identity, AuditLog audit, Clock clock, TransactionTemplate transactions,
            DeconflictionConfiguration.OwnParty own, DeconflictionConfiguration.GeoJsonReaders readers) {
        this.evaluating = evaluating;
        this.activity = activity;
        this.tables = tables;
        this.outbox = outbox;
        this.partners = partners;
        this.identity = identity;
        this.audit = audit;
        this.clock = clock;
        this.transactions = transactions;
        this.own = own;
        this.readers = readers;
    }

    Outcome send(JsonNode body, String actor) {
        OperationNotice notice = NoticeJson.REST.read(body, own.code(), NoticeId.random(), readers.reader());
        org.concord.node.Limits.upcoming("window.start", notice.window().start(), clock.instant());
        org.concord.node.Limits.upcoming("window.end", notice.window().end(), clock.instant());
        if (partners.byCode(notice.partner()).isEmpty()) {
            throw new InvalidInput("partner", "paired-partner", "this node is not paired with " + notice.partner());
        }
        if (tables.notice(notice.id().value()).isPresent()) {
            throw new org.concord.node.Conflict("id", "a notice with id " + notice.id() + " already exists");
        }
        NoticeEvaluation evaluation;
        try {
            evaluation = evaluating.evaluate(notice);
        } catch (IllegalArgumentException e) {
            throw new InvalidInput("partner", "shares-a-land-border", e.getMessage());
        }
        ObjectNode json = EvaluationJson.of(evaluation);
        if (evaluation instanceof NoticeEvaluation.Refused) {
            audit.record(actor, "deconfliction.notice-refused", notice.id().value(),
                    "sovereignty: the area reaches " + notice.partner() + "'s territory; nothing sent");
            return new Outcome(false, evaluation, json);
        }
        NoticeEvaluation.Sendable sendable = (NoticeEvaluation.Sendable) evaluation;
        Instant now = clock.instant();
        ObjectNode stix = StixMapping.notice(notice, identity.stixIdentityId(), now);
        json.put("stixId", stix.path("id").asString());
        transactions.executeWithoutResult(status -> {
            tables.saveNotice(new DeconflictionTables.StoredNotice(notice, DeconflictionTables.Direction.SENT,
                    stix.path("id").asString(), stix.path("modified").asString(), stix.toString(), json.toString(), true, now));
            tables.replaceConflicts(notice.id(), sendable.conflicts(), now);
            outbox.enqueue(notice.partner(), stix);
            audit.record(actor, "deconfliction.notice-sent", notice.id().value(), notice.type() + " to "
                    + notice.partner() + "; broken rules " + sendable.brokenRuleNames() + "; conflicts "
                    + sendable.conflicts().size());
            AfterCommit.run(() -> activity.add(notice));
        });
        return new Outcome(true, evaluation, json);
    }
}
