package org.concord.deconfliction.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import org.concord.audit.AuditLog;
import org.concord.deconfliction.ActivityMap;
import org.concord.deconfliction.EvaluatingNotices;
import org.concord.deconfliction.NoticeEvaluation;
import org.concord.deconfliction.OperationNotice;
import org.concord.deconfliction.ProtectedSite;
import org.concord.deconfliction.UnplannedEvent;
import org.concord.deconfliction.geo.Boundaries;
import org.concord.intel.InboxReceived;
import org.concord.intel.IntelStore;
import org.concord.node.AfterCommit;
import org.concord.node.InvalidInput;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.concord.intel.InboxTaker;
import org.springframework.stereotype.Component;

import tools.jackson.databind.JsonNode;

/**
 * Notices, protected sites and unplanned events a partner sent, taken from the inbox once each has been stored there
 * (Spring Modulith delivers {@link InboxReceived} at least once, so this is idempotent on the
 * object's id and version).
 *
 * <p>A received notice is evaluated as this node would evaluate its own: one whose area reaches
 * this node's territory is kept but not accepted (shown with the violation, never held in the
 * activity map); an accepted one is held, and its conflicts with this node's notices and protected
 * sites are flagged. A newer version of a notice is a revision (evaluated again, its conflicts
 * flagged anew) or, revoked, its withdrawal (kept with its last evaluation, its conflicts dropped,
 * no longer held); nothing after a withdrawal is taken. An acknowledgement of an event this node
 * reported is recorded on the event. A message that cannot be read, or that a partner sends in another party's
 * name, is logged and dropped: it stays in the inbox as evidence, and retrying would not mend it. A notice, event or
 * site under the id of one held from another party is refused at the inbox before any receipt
 * ({@link DeconflictionInboxCheck}); one that comes here all the same (ours made between that check and now) is
 * dropped and audited the same way, never in silence.
 */
@Component
class ReceivingFromPartners implements InboxTaker {

    private static final Logger log = LoggerFactory.getLogger(ReceivingFromPartners.class);

    private final IntelStore intel;
    private final EvaluatingNotices evaluating;
    private final ActivityMap activity;
    private final DeconflictionTables tables;
    private final FlaggingConflicts flagging;
    private final AuditLog audit;
    private final Clock clock;
    private final DeconflictionConfiguration.OwnParty own;
    private final Boundaries boundaries;
    private final ReadingPartnerMessages reading;
    private org.springframework.context.ApplicationEventPublisher events;

    ReceivingFromPartners(IntelStore intel, EvaluatingNotices evaluating, ActivityMap activity, DeconflictionTables tables,
            FlaggingConflicts flagging, AuditLog audit, Clock clock, DeconflictionConfiguration.OwnParty own,
            Boundaries boundaries, ReadingPartnerMessages reading) {
        this.boundaries = boundaries;
        this.reading = reading;
        this.intel = intel;
        this.evaluating = evaluating;
        this.activity = activity;
        this.tables = tables;
        this.flagging = flagging;
        this.audit = audit;
        this.clock = clock;
        this.own = own;
    }

    /** Where the console learns that something of deconfliction's came in (optional: absent in slices without a console). */
    @org.springframework.beans.factory.annotation.Autowired(required = false)
    void tell(org.springframework.context.ApplicationEventPublisher events) {
        this.events = events;
    }

    /** The STIX types this listener takes: notices, sites, unplanned events and their acknowledgements. */
    public static boolean takes(String type) {
        return StixMapping.NOTICE_TYPE.equals(type) || StixMapping.EVENT_TYPE.equals(type) || StixMapping.ACKNOWLEDGEMENT_TYPE.equals(type)
                || StixMapping.SITE_TYPE.equals(type);
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
        boolean notice = StixMapping.NOTICE_TYPE.equals(event.type());
        boolean report = StixMapping.EVENT_TYPE.equals(event.type());
        boolean acknowledgement = StixMapping.ACKNOWLEDGEMENT_TYPE.equals(event.type());
        if (!takes(event.type())) {
            return;
        }
        Optional<JsonNode> announced = intel.announced(event);
        if (announced.isEmpty()) {
            return;
        }
        JsonNode object = announced.get();
        try {
            if (notice) {
                receiveNotice(event, object);
            } else if (report) {
                receiveEvent(event, object);
            } else if (acknowledgement) {
                receiveAcknowledgement(event, object);
            } else {
                receiveSite(event, object);
            }
            if (events != null) {
                // a signal for live pages (the desk): the same one workflow sends for a case's message
                events.publishEvent(new org.concord.workflow.CaseChanged(notice ? "notice" : report || acknowledgement ? "event" : "site",
                        event.id(), event.type(), org.concord.workflow.Workflow.RECEIVED));
            }
        } catch (InvalidInput | IllegalArgumentException e) {
            // InvalidGeoJson is an IllegalArgumentException, as is a party the boundaries do not know
            // or that shares no land border: none of these mends on a retry, so the message is dropped.
            log.warn("dropped {} {} from {}: {}", event.type(), event.id(), event.from(), e.getMessage());
            audit.record("partner:" + event.from(), "deconfliction.message-dropped", event.id(), e.getMessage());
        }
    }

    private void receiveNotice(InboxReceived event, JsonNode object) {
        String version = object.path("modified").asString("");
        OperationNotice read = reading.notice(event.from(), object);
        // near a tripoint a notice goes to several partners: this node evaluates, answers and escalates it for its own pair
        OperationNotice notice = read.partner().equals(own.code()) ? read : read.addressedTo(own.code());
        Optional<DeconflictionTables.StoredNotice> held = tables.notice(notice.id().value());
        if (held.isPresent() && !held.get().notice().notifyingParty().equals(notice.notifyingParty())) {
            // Refused at the inbox (DeconflictionInboxCheck) before any receipt; here only if this node's notice was created
            // between that check and now: dropped and audited, never dropped in silence.
            throw new InvalidInput("notice_id", "own-notice-id", "notice " + notice.id() + " is held as "
                    + held.get().notice().notifyingParty() + "'s (" + held.get().direction() + "); " + event.from()
                    + "'s notice under the same id is not taken");
        }
        if (held.isPresent() && (held.get().version().compareTo(version) >= 0 || held.get().withdrawn())) {
            return;
        }
        int revision = StixMapping.revisionOf(object);
        Instant now = clock.instant();
        if (object.path("revoked").asBoolean(false)) {
            // Withdrawn: the last version is kept with the evaluation it had, its conflicts are dropped.
            DeconflictionTables.StoredNotice before = held.orElse(null);
            tables.saveNotice(new DeconflictionTables.StoredNotice(notice, DeconflictionTables.Direction.RECEIVED,
                    event.id(), version, object.toString(),
                    before != null ? before.evaluation() : EvaluationJson.of(evaluating.evaluate(notice)).toString(),
                    before != null && before.accepted(), now, revision, now));
            tables.replaceConflicts(notice.id(), java.util.List.of(), now);
            AfterCommit.run(() -> activity.withdraw(notice.id()));
            audit.record("partner:" + event.from(), "deconfliction.notice-withdrawn-received", notice.id().value(),
                    "revision " + revision + " withdrawn by " + event.from()
                            + object.path(StixMapping.WITHDRAWAL_REASON).asString("").transform(r -> r.isEmpty() ? "" : "; reason: " + r));
            return;
        }
        NoticeEvaluation evaluation = evaluating.evaluate(notice);
        // the rules the evaluation used (a refused notice is measured against none: the pair's rules in force)
        checkRules(event, object, notice, evaluation instanceof NoticeEvaluation.Sendable s ? s.rules() : evaluating.rulesFor(notice), now);
        boolean accepted = evaluation instanceof NoticeEvaluation.Sendable;
        tables.saveNotice(new DeconflictionTables.StoredNotice(notice, DeconflictionTables.Direction.RECEIVED,
                event.id(), version, object.toString(), EvaluationJson.of(evaluation).toString(), accepted, now, revision, null));
        if (evaluation instanceof NoticeEvaluation.Sendable sendable) {
            tables.replaceConflicts(notice.id(), sendable.conflicts(), now);
            AfterCommit.run(() -> activity.add(notice));
        } else {
            tables.replaceConflicts(notice.id(), java.util.List.of(), now);
            AfterCommit.run(() -> activity.withdraw(notice.id()));
        }
        audit.record("partner:" + event.from(), revision > 1 ? "deconfliction.notice-revision-received" : "deconfliction.notice-received",
                notice.id().value(), (revision > 1 ? "revision " + revision + ": " : "") + notice.type()
                        + (accepted ? "" : "; refused: the area reaches " + own.code() + "'s territory"));
    }

    /** The subject of an alarm about a received notice. */
    static final String NOTICE = "notice";
    /** The reason of the alarm raised when a notice's notifier applied other rules than this node holds for the pair. */
    static final String RULES_DIFFER = "RULES_DIFFER";

    /**
     * The notifier says under which rules it evaluated the notice; this node has just evaluated it
     * again under its own for the pair. When the two differ (one side set a 60 km zone, the other
     * kept the default 50), the two evaluations can disagree while each side believes the other
     * applies its rules: an alarm names the terms that differ, once per notice, audited. A notice
     * that names no rules (from a node before issue 14) is taken as before.
     */
    private void checkRules(InboxReceived event, JsonNode object, OperationNotice notice,
            org.concord.deconfliction.NoticeRules applied, Instant now) {
        Optional<java.util.List<String>> stated = StixMapping.rulesOf(object, own.code());
        if (stated.isEmpty()) {
            return;
        }
        java.util.List<String> theirs = stated.get();
        java.util.List<String> ours = applied.stated();
        tables.rulesSeen(event.from().value(), notice.id().value(), object.path("modified").asString(""), theirs, ours, now);
        if (ours.equals(theirs)) {
            return;
        }
        org.concord.deconfliction.PartnersRules.Differing differ = org.concord.deconfliction.PartnersRules.Differing.between(
                event.from(), notice.id().value(), theirs, ours, now);
        String detail = event.from() + " evaluated it under rules that differ from ours for " + notice.notifyingParty() + "-"
                + notice.partner() + ": theirs " + differ.theirs() + ", ours " + differ.ours()
                + "; agree the rules: one side proposes an agreement and both sign it"
                + " (POST /api/deconfliction/agreements)";
        if (detail.length() > 500) {
            detail = detail.substring(0, 497) + "...";
        }
        if (tables.raise(new DeconflictionTables.Alarm(NOTICE, notice.id().value(), RULES_DIFFER, now, now, detail))) {
            audit.record("partner:" + event.from(), "deconfliction.rules-differ", notice.id().value(), detail);
            log.warn("notice {}: {}", notice.id().value(), detail);
        }
    }

    private void receiveSite(InboxReceived event, JsonNode object) {
        String siteId = object.path("site_id").asString("");
        ProtectedSite site = reading.site(event.from(), object);
        Optional<org.concord.party.PartyCode> declaredBy = tables.siteDeclaredBy(siteId);
        if (declaredBy.isPresent() && !declaredBy.get().equals(event.from())) {
            // Refused at the inbox (DeconflictionInboxCheck) before any receipt; here only if this node's site was
            // declared between that check and now: dropped and audited, never dropped in silence.
            throw new InvalidInput("site_id", "own-site-id", "site " + siteId + " is held as " + declaredBy.get()
                    + "'s; " + event.from() + "'s site under the same id is not taken");
        }
        if (declaredBy.isPresent()) {
            return;
        }
        tables.saveSite(new DeconflictionTables.StoredSite(siteId, site, event.id(), object.toString(), clock.instant()));
        audit.record("partner:" + event.from(), "deconfliction.site-received", siteId, site.kind() + " " + site.name());
        AfterCommit.run(() -> flagging.holdAndRecheck(site));
    }

    private void receiveEvent(InboxReceived event, JsonNode object) {
        String version = object.path("modified").asString("");
        UnplannedEvent reported = reading.event(event.from(), object);
        Optional<DeconflictionTables.StoredEvent> held = tables.event(reported.id().value());
        if (held.isPresent() && !held.get().event().reportedBy().equals(reported.reportedBy())) {
            // Refused at the inbox (DeconflictionInboxCheck) before any receipt; here only if this node's event was
            // reported between that check and now: dropped and audited, never dropped in silence (nor, were it another
            // partner's, replaced by a newer version from this one).
            throw new InvalidInput("event_id", "own-event-id", "event " + reported.id() + " is held as "
                    + held.get().event().reportedBy() + "'s (" + held.get().direction() + "); " + event.from()
                    + "'s report under the same id is not taken");
        }
        if (held.isPresent() && held.get().version().compareTo(version) >= 0) {
            return;
        }
        DeconflictionTables.StoredEvent stored;
        try {
            stored = ReportingEvents.received(reported, boundaries, event.id(), version, object.toString(), clock.instant());
        } catch (IllegalArgumentException e) {
            throw new InvalidInput("partner", "shares-a-land-border", e.getMessage());
        }
        tables.saveEvent(stored);
        audit.record("partner:" + event.from(), "deconfliction.event-received", reported.id().value(), reported.kind()
                + (stored.crossesBorder() ? "; the track crosses the border" : ""));
    }

    /**
     * The partner acknowledged an event this node reported: recorded on the event (once; a repeat
     * changes nothing), so the reporting officer learns that someone on the other side is on it.
     */
    private void receiveAcknowledgement(InboxReceived event, JsonNode object) {
        StixMapping.Acknowledgement ack = reading.acknowledgement(event.from(), object);
        DeconflictionTables.StoredEvent reported = tables.event(ack.eventId()).orElseThrow();
        if (tables.acknowledgeEvent(ack.eventId(), ack.at(), event.from().value())) {
            audit.record("partner:" + event.from(), "deconfliction.event-acknowledgement-received", ack.eventId(),
                    reported.event().kind() + " acknowledged by " + event.from() + " at " + ack.at());
        }
    }
}
