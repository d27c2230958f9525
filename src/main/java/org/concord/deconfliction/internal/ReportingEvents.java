package org.concord.deconfliction.internal;

import java.time.Clock;
import java.time.Instant;

import org.concord.audit.AuditLog;
import org.concord.deconfliction.NoticeId;
import org.concord.deconfliction.UnplannedEvent;
import org.concord.deconfliction.geo.Border;
import org.concord.deconfliction.geo.Boundaries;
import org.concord.deconfliction.geo.BorderDistance;
import org.concord.deconfliction.geo.CountryCode;
import org.concord.exchange.Outbox;
import org.concord.node.InvalidInput;
import org.concord.party.NodeIdentity;
import org.concord.party.Partners;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A liaison officer reports an unplanned event (an accidental or unexplained launch, an incursion)
 * with its track: it is measured against the border, stored and queued for the partner in one
 * transaction with its audit entry. The outbox is delivered every few seconds, well within the
 * minutes such a report is allowed. Nothing is refused for where the track lies.
 */
@Service
class ReportingEvents {

    /** How far into the future an observation time may lie (clock skew between the officer and the node). */
    static final java.time.Duration CLOCK_SKEW = java.time.Duration.ofMinutes(5);

    private final DeconflictionTables tables;
    private final Boundaries boundaries;
    private final Outbox outbox;
    private final Partners partners;
    private final NodeIdentity identity;
    private final AuditLog audit;
    private final Clock clock;
    private final TransactionTemplate transactions;
    private final DeconflictionConfiguration.OwnParty own;
    private final DeconflictionConfiguration.GeoJsonReaders readers;

    ReportingEvents(DeconflictionTables tables, Boundaries boundaries, Outbox outbox, Partners partners,
            NodeIdentity identity, AuditLog audit, Clock clock, TransactionTemplate transactions,
            DeconflictionConfiguration.OwnParty own, DeconflictionConfiguration.GeoJsonReaders readers) {
        this.tables = tables;
        this.boundaries = boundaries;
        this.outbox = outbox;
        this.partners = partners;
        this.identity = identity;
        this.audit = audit;
        this.clock = clock;
        this.transactions = transactions;
        this.own = own;
        this.readers = readers;
    }

    ObjectNode report(JsonNode body, String actor) {
        UnplannedEvent event = NoticeJson.REST.readEvent(body, own.code(), NoticeId.random(), readers.reader());
        if (partners.byCode(event.partner()).isEmpty()) {
            throw new InvalidInput("partner", "paired-partner", "this node is not paired with " + event.partner());
        }
        Instant now = clock.instant();
        if (event.observedAt().isAfter(now.plus(CLOCK_SKEW))) {
            throw new InvalidInput("observedAt", "not-in-the-future", "an event is reported after it is observed; "
                    + event.observedAt() + " is later than now (" + now + ")");
        }
        if (tables.event(event.id().value()).isPresent()) {
            throw new org.concord.node.Conflict("id", "an event with id " + event.id() + " already exists");
        }
        Border border = border(event);
        boolean crosses = event.crosses(border);
        BorderDistance fromBorder = event.fromBorder(border);
        ObjectNode stix = StixMapping.event(event, identity.stixIdentityId(), now);
        transactions.executeWithoutResult(status -> {
            tables.saveEvent(new DeconflictionTables.StoredEvent(event, DeconflictionTables.Direction.SENT,
                    stix.path("id").asString(), stix.path("modified").asString(), crosses, fromBorder.km(), stix.toString(), now));
            tables.eventQueued(event.id().value(), outbox.enqueue(event.partner(), stix));
            audit.record(actor, "deconfliction.event-reported", event.id().value(), event.kind() + " to " + event.partner()
                    + (crosses ? "; the track crosses the border" : ""));
        });
        ObjectNode out = NoticeJson.JSON.createObjectNode();
        out.put("event", event.id().value());
        out.put("stixId", stix.path("id").asString());
        out.put("crossesBorder", crosses);
        out.set("fromBorder", EvaluationJson.distance(fromBorder));
        return out;
    }

    /**
     * This node's liaison acknowledges an event the partner reported (taken note, someone is on it);
     * unacknowledged, it escalates after the hotline's FLASH deadline ({@link WatchingDeadlines}).
     * The acknowledgement is recorded here and sent back to the reporting node as an
     * {@code x-concord-event-acknowledgement}, FLASH, in one transaction with its audit entry.
     */
    void acknowledge(String id, String actor) {
        DeconflictionTables.StoredEvent stored = tables.event(id).orElseThrow(
                () -> new org.concord.node.NotFound("id: no unplanned event " + id + " is held by this node"));
        if (stored.direction() != DeconflictionTables.Direction.RECEIVED) {
            throw new org.concord.node.Conflict("id", "received-only: " + own.code()
                    + " reported event " + id + " itself; the partner acknowledges it");
        }
        Instant now = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        ObjectNode stix = StixMapping.acknowledgement(stored.event(), own.code(), now, identity.stixIdentityId());
        transactions.executeWithoutResult(status -> {
            if (!tables.acknowledgeEvent(id, now, actor)) {
                throw new org.concord.node.Conflict("id", "already-acknowledged: event " + id + " was acknowledged already");
            }
            outbox.enqueue(stored.event().reportedBy(), stix, org.concord.exchange.DeliveryPriority.FLASH);
            audit.record(actor, "deconfliction.event-acknowledged", id, stored.event().kind() + " of " + stored.event().reportedBy()
                    + "; acknowledgement sent back");
        });
    }

    private Border border(UnplannedEvent event) {
        try {
            return boundaries.border(CountryCode.of(event.reportedBy().value()), CountryCode.of(event.partner().value()));
        } catch (IllegalArgumentException e) {
            throw new InvalidInput("partner", "shares-a-land-border", e.getMessage());
        }
    }

    /** Measures a received event as the reporting node did (both nodes hold the same boundaries). */
    static DeconflictionTables.StoredEvent received(UnplannedEvent event, Boundaries boundaries, String stixId,
            String version, String object, Instant now) {
        Border border = boundaries.border(CountryCode.of(event.reportedBy().value()), CountryCode.of(event.partner().value()));
        return new DeconflictionTables.StoredEvent(event, DeconflictionTables.Direction.RECEIVED, stixId, version,
                event.crosses(border), event.fromBorder(border).km(), object, now);
    }
}
