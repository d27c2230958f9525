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
import org.concord.node.AfterCommit;
import org.concord.node.Conflict;
import org.concord.node.InvalidInput;
import org.concord.node.NotFound;
import org.concord.party.NodeIdentity;
import org.concord.party.Partners;
import org.concord.party.PartyCode;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A liaison officer sends an operation notice: it is read (faults refused naming field and rule),
 * evaluated, and either refused on sovereignty grounds (nothing stored, nothing sent) or stored,
 * queued for the partner through the outbox and held in the activity map, in one transaction with
 * its audit entry. Broken rules do not stop a notice; they are answered with it.
 *
 * <p>A dry run goes through exactly the same reading, checks and evaluation and stops before
 * anything is stored, queued (so nothing reaches the partner or the ledger) or held; only the fact
 * that a dry run happened is audited.
 *
 * <p>A notice this node sent can be revised (the partner objected, the plan changed): the new text
 * is evaluated again, sovereignty and rules, exactly as a new notice would be, and goes to the
 * partner as a new version of the same STIX object with its revision number. It can be withdrawn:
 * the current version is revoked and sent. Either is stored, queued and audited as the first
 * sending was; a withdrawn notice is final.
 */
@Service
class SendingNotices {

    /** What became of a notice: sent (with its evaluation) or refused (with the violation and the offers); or a dry run's answer. */
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

    /**
     * Sends a notice of the demo's seeds: the January 2024 case is told as it happened, so its windows are in
     * the past, which an officer's notice may not be ({@link #send(JsonNode, String, boolean)}).
     */
    Outcome send(JsonNode body, String actor) {
        return send(body, actor, false, false);
    }

    /**
     * Sends an officer's notice in {@code body}; with {@code dryRun}, evaluates it the same way and stops there.
     * A window that has ended is refused ({@code window.end}, rule {@code not-past}): a notice is of an
     * operation to come (a tester's notice for a window years ago was "sendable", only its lead time broken);
     * what has happened is reported as an unplanned event. A window that has begun is still sent, late, its
     * lead time broken, as the partner is better told late than not at all.
     */
    Outcome send(JsonNode body, String actor, boolean dryRun) {
        return send(body, actor, dryRun, true);
    }

    private Outcome send(JsonNode body, String actor, boolean dryRun, boolean byAnOfficer) {
        OperationNotice notice = read(body, NoticeId.random(), java.util.Set.of());
        if (byAnOfficer && !notice.window().end().isAfter(clock.instant())) {
            throw new InvalidInput("window.end", "not-past", "the window ended at " + notice.window().end() + ", before now ("
                    + clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS) + "): a notice tells the partner of an"
                    + " operation to come; report what has happened as an unplanned event (POST /api/deconfliction/events)");
        }
        java.util.Optional<DeconflictionTables.StoredNotice> held = tables.notice(notice.id().value());
        if (held.isPresent() && held.get().direction() == DeconflictionTables.Direction.RECEIVED) {
            // one notice per id on each node, and the partner holds its own under this one: ours would be refused there
            throw new Conflict("id", "already-exists: " + notice.id() + " is the id of a notice " + held.get().notice().notifyingParty()
                    + " sent to this node; send yours under another id");
        }
        if (held.isPresent()) {
            throw new Conflict("id", "already-exists: a notice with id " + notice.id() + " exists; revise it with POST "
                    + "/api/deconfliction/notices/" + notice.id() + "/revise");
        }
        NoticeEvaluation evaluation = evaluate(notice);
        ObjectNode json = EvaluationJson.of(evaluation);
        java.util.Map<PartyCode, NoticeEvaluation.Sendable> addressees = evaluation instanceof NoticeEvaluation.Sendable s
                ? addressees(notice, s, java.util.List.of()) : java.util.Map.of();
        describe(json, addressees);
        if (dryRun) {
            return dryRun(notice, evaluation, json, actor, "notice");
        }
        if (evaluation instanceof NoticeEvaluation.Refused refused) {
            Instant now = clock.instant();
            String unsent = StixMapping.notice(notice, identity.stixIdentityId(), now).toString();
            boolean askable = !refused.violation().offers().isEmpty();
            if (askable) {
                AskingInstead.offerActions(json, notice.id());
            }
            transactions.executeWithoutResult(status -> {
                tables.saveRefusal(notice, unsent, json.toString(), now, actor);
                audit.record(actor, "deconfliction.notice-refused", notice.id().value(),
                        "sovereignty: the area reaches " + refused.violation().partner() + "'s territory; nothing sent"
                                + (askable ? "; kept to ask instead" : "; not a partner, nobody to ask"));
            });
            return new Outcome(false, evaluation, json);
        }
        NoticeEvaluation.Sendable sendable = (NoticeEvaluation.Sendable) evaluation;
        Instant now = clock.instant();
        ObjectNode stix = addressed(StixMapping.withRules(StixMapping.notice(notice, identity.stixIdentityId(), now),
                sendable.rules().stated()), addressees);
        json.put("stixId", stix.path("id").asString());
        java.util.List<org.concord.deconfliction.Conflict> conflicts = conflicts(addressees);
        transactions.executeWithoutResult(status -> {
            tables.forgetRefusal(notice.id().value());
            tables.saveNotice(new DeconflictionTables.StoredNotice(notice, DeconflictionTables.Direction.SENT,
                    stix.path("id").asString(), stix.path("modified").asString(), stix.toString(), json.toString(), true, now));
            tables.replaceConflicts(notice.id(), conflicts, now);
            addressees.keySet().forEach(to -> outbox.enqueue(to, stix));
            audit.record(actor, "deconfliction.notice-sent", notice.id().value(), notice.type() + " to "
                    + names(addressees.keySet()) + "; broken rules " + sendable.brokenRuleNames() + "; conflicts "
                    + conflicts.size());
            AfterCommit.run(() -> activity.add(notice));
        });
        return new Outcome(true, evaluation, json);
    }

    /**
     * Revises notice {@code id}, which this node sent and has not withdrawn: {@code body} is the whole notice
     * as for sending (its {@code id}, if given, must be {@code id}; the partner stays the same) and an optional
     * {@code reason}. Evaluated again; refused on sovereignty grounds, nothing changes.
     */
    Outcome revise(String id, JsonNode body, String actor, boolean dryRun) {
        DeconflictionTables.StoredNotice current = ownStanding(id, "revise");
        JsonNode given = body == null ? null : body.get("id");
        if (given != null && !given.isNull() && !(given.isString() && given.asString().equals(id))) {
            throw new InvalidInput("id", "matches-path", "a revision keeps the notice's id " + id + "; leave id out or send it "
                    + "unchanged, got " + given);
        }
        String reason = reason(body);
        OperationNotice notice = read(body, NoticeId.of(id), java.util.Set.of("reason"));
        if (!notice.partner().equals(current.notice().partner())) {
            throw new InvalidInput("partner", "same-partner", "notice " + id + " was sent to " + current.notice().partner()
                    + "; a revision goes to the same partner, got " + notice.partner());
        }
        NoticeEvaluation evaluation = evaluate(notice);
        ObjectNode json = EvaluationJson.of(evaluation);
        int revision = current.revision() + 1;
        json.put("revision", revision);
        // every state that had the notice gets its revision, and any whose notice zone the revised area now lies in
        java.util.Map<PartyCode, NoticeEvaluation.Sendable> addressees = evaluation instanceof NoticeEvaluation.Sendable s
                ? addressees(notice, s, StixMapping.addresseesOf(NoticeJson.JSON.readTree(current.stixObject()))) : java.util.Map.of();
        describe(json, addressees);
        if (dryRun) {
            return dryRun(notice, evaluation, json, actor, "revision " + revision + " of notice");
        }
        if (evaluation instanceof NoticeEvaluation.Refused) {
            audit.record(actor, "deconfliction.notice-revision-refused", id,
                    "sovereignty: the revised area reaches " + notice.partner() + "'s territory; nothing sent, revision "
                            + current.revision() + " stands");
            return new Outcome(false, evaluation, json);
        }
        NoticeEvaluation.Sendable sendable = (NoticeEvaluation.Sendable) evaluation;
        Instant now = clock.instant();
        ObjectNode stix = addressed(StixMapping.withRules(StixMapping.revision(notice, NoticeJson.JSON.readTree(current.stixObject()),
                revision, reason, identity.stixIdentityId(), now), sendable.rules().stated()), addressees);
        json.put("stixId", stix.path("id").asString());
        java.util.List<org.concord.deconfliction.Conflict> conflicts = conflicts(addressees);
        transactions.executeWithoutResult(status -> {
            tables.saveNotice(new DeconflictionTables.StoredNotice(notice, DeconflictionTables.Direction.SENT,
                    stix.path("id").asString(), stix.path("modified").asString(), stix.toString(), json.toString(), true, now,
                    revision, null));
            tables.replaceConflicts(notice.id(), conflicts, now);
            addressees.keySet().forEach(to -> outbox.enqueue(to, stix));
            audit.record(actor, "deconfliction.notice-revised", id, "revision " + revision + " to " + names(addressees.keySet())
                    + "; broken rules " + sendable.brokenRuleNames() + "; conflicts " + conflicts.size()
                    + (reason == null ? "" : "; reason: " + reason));
            AfterCommit.run(() -> activity.add(notice));
        });
        return new Outcome(true, evaluation, json);
    }

    /** Withdraws notice {@code id}, which this node sent and has not withdrawn; {@code body} may carry a {@code reason}. */
    DeconflictionTables.StoredNotice withdraw(String id, JsonNode body, String actor) {
        DeconflictionTables.StoredNotice current = ownStanding(id, "withdraw");
        InvalidInput.onlyProperties("", body, java.util.Set.of("reason"));
        String reason = reason(body);
        Instant now = clock.instant();
        ObjectNode stix = StixMapping.withdrawal(NoticeJson.JSON.readTree(current.stixObject()), reason, now);
        DeconflictionTables.StoredNotice withdrawn = new DeconflictionTables.StoredNotice(current.notice(),
                DeconflictionTables.Direction.SENT, current.stixId(), stix.path("modified").asString(), stix.toString(),
                current.evaluation(), current.accepted(), now, current.revision(), now);
        transactions.executeWithoutResult(status -> {
            tables.saveNotice(withdrawn);
            tables.replaceConflicts(current.notice().id(), java.util.List.of(), now);
            java.util.List<PartyCode> addressees = StixMapping.addresseesOf(stix);
            addressees.forEach(to -> outbox.enqueue(to, stix));
            audit.record(actor, "deconfliction.notice-withdrawn", id, "revision " + current.revision() + " withdrawn; sent to "
                    + names(addressees) + (reason == null ? "" : "; reason: " + reason));
            AfterCommit.run(() -> activity.withdraw(current.notice().id()));
        });
        return withdrawn;
    }

    /** The notice {@code id} as this node sent it, still standing: the only kind this node may revise or withdraw. */
    private DeconflictionTables.StoredNotice ownStanding(String id, String verb) {
        DeconflictionTables.StoredNotice current = tables.notice(id)
                .orElseThrow(() -> new NotFound("id: no notice " + id + " is held by this node"));
        if (current.direction() != DeconflictionTables.Direction.SENT) {
            throw new Conflict("id", "own-notice-only: notice " + id + " is " + current.notice().notifyingParty()
                    + "'s; only the notifying party may " + verb + " it");
        }
        if (current.withdrawn()) {
            throw new Conflict("id", "already-withdrawn: notice " + id + " was withdrawn at " + current.withdrawnAt()
                    + "; a withdrawn notice is final, send a new one");
        }
        return current;
    }

    private OperationNotice read(JsonNode body, NoticeId fresh, java.util.Set<String> alsoAllowed) {
        OperationNotice notice = NoticeJson.REST.read(body, own.code(), fresh, readers.reader(), alsoAllowed);
        org.concord.node.Limits.upcoming("window.start", notice.window().start(), clock.instant());
        org.concord.node.Limits.upcoming("window.end", notice.window().end(), clock.instant());
        if (partners.byCode(notice.partner()).isEmpty()) {
            throw new InvalidInput("partner", "paired-partner", "this node is not paired with " + notice.partner());
        }
        return notice;
    }

    private NoticeEvaluation evaluate(OperationNotice notice) {
        try {
            return evaluating.evaluate(notice);
        } catch (IllegalArgumentException e) {
            throw new InvalidInput("partner", "shares-a-land-border", e.getMessage());
        }
    }

    /**
     * Every state {@code notice} goes to, each with its own evaluation: the partner first ({@code primary}),
     * then each other partner whose notice zone the area lies in (a notice near a tripoint: the rules of
     * that pair require notice), and each of {@code keep} (those a revision's earlier versions went to). A
     * partner with no land border with this node's state is not one.
     */
    private java.util.Map<PartyCode, NoticeEvaluation.Sendable> addressees(OperationNotice notice, NoticeEvaluation.Sendable primary,
            java.util.List<PartyCode> keep) {
        java.util.Map<PartyCode, NoticeEvaluation.Sendable> out = new java.util.LinkedHashMap<>();
        out.put(notice.partner(), primary);
        partners.all().stream().map(org.concord.party.Partner::code).sorted(java.util.Comparator.comparing(PartyCode::value))
                .filter(code -> !code.equals(notice.partner()) && !code.equals(own.code())).forEach(code -> {
                    NoticeEvaluation other;
                    try {
                        other = evaluating.evaluate(notice.addressedTo(code));
                    } catch (IllegalArgumentException e) {
                        return; // no land border between the two: no notice zone
                    }
                    if (other instanceof NoticeEvaluation.Sendable s && (s.noticeRequired() || keep.contains(code))) {
                        out.put(code, s);
                    }
                });
        return out;
    }

    /** With more than one addressee, the answer lists each with its own evaluation. */
    private static void describe(ObjectNode json, java.util.Map<PartyCode, NoticeEvaluation.Sendable> addressees) {
        if (addressees.size() < 2) {
            return;
        }
        tools.jackson.databind.node.ArrayNode list = json.putArray("addressees");
        addressees.forEach((to, evaluation) -> list.addObject().put("partner", to.value()).setAll(EvaluationJson.of(evaluation)));
    }

    /** The notice's STIX object addressed to each addressee with its pair's rules, when there is more than one. */
    private ObjectNode addressed(ObjectNode stix, java.util.Map<PartyCode, NoticeEvaluation.Sendable> addressees) {
        if (addressees.size() < 2) {
            return stix;
        }
        java.util.Map<PartyCode, java.util.List<String>> rules = new java.util.LinkedHashMap<>();
        addressees.forEach((to, evaluation) -> rules.put(to, evaluation.rules().stated()));
        return StixMapping.withAddressees(stix, rules);
    }

    /** The conflicts with every addressee's notices and sites: each is answered by the one whose they are. */
    private static java.util.List<org.concord.deconfliction.Conflict> conflicts(java.util.Map<PartyCode, NoticeEvaluation.Sendable> addressees) {
        return addressees.values().stream().flatMap(s -> s.conflicts().stream()).toList();
    }

    private static String names(java.util.Collection<PartyCode> parties) {
        return parties.stream().map(PartyCode::value).collect(java.util.stream.Collectors.joining(", "));
    }

    private Outcome dryRun(OperationNotice notice, NoticeEvaluation evaluation, ObjectNode json, String actor, String what) {
        boolean sendable = evaluation instanceof NoticeEvaluation.Sendable;
        audit.record(actor, "deconfliction.notice-dry-run", notice.id().value(), what + " evaluated, not sent: "
                + (sendable ? "sendable; broken rules " + ((NoticeEvaluation.Sendable) evaluation).brokenRuleNames()
                        : "refused on sovereignty"));
        json.put("dryRun", true);
        return new Outcome(false, evaluation, json);
    }

    /** The optional {@code reason} of a revision or withdrawal: if given, a text of 1 to 2,000 characters. */
    static String reason(JsonNode body) {
        JsonNode r = body == null ? null : body.get("reason");

        if (r == null || r.isNull()) {
            return null;
        }
        if (!r.isString()) {
            throw new InvalidInput("reason", "text", "the reason is a text");
        }
        String text = r.asString();
        if (text.isBlank()) {
            throw new InvalidInput("reason", "not-blank", "leave the reason out, or say why");
        }
        if (text.length() > 2000) {
            throw new InvalidInput("reason", "max-length", "must be at most 2000 characters, got " + text.length());
        }
        if (text.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidInput("reason", "no-control-characters", "must not contain control characters");
        }
        return text.strip();
    }
}
