package org.concord.deconfliction.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.concord.audit.AuditLog;
import org.concord.deconfliction.EvaluatingNotices;
import org.concord.deconfliction.NoticeEvaluation;
import org.concord.deconfliction.NoticeId;
import org.concord.deconfliction.OperationNotice;
import org.concord.deconfliction.OperationType;
import org.concord.deconfliction.SovereigntyViolation;
import org.concord.party.PartyCode;
import org.concord.deconfliction.geo.Boundaries;
import org.concord.deconfliction.geo.GeoJson;
import org.concord.deconfliction.geo.Position;
import org.concord.deconfliction.geo.Province;
import org.concord.intel.Collection;
import org.concord.intel.IntelStore;
import org.concord.intel.Origin;
import org.concord.intel.Viewer;
import org.concord.intel.stix.Tlp;
import org.concord.node.Conflict;
import org.concord.node.InvalidInput;
import org.concord.node.Limits;
import org.concord.node.NotFound;
import org.concord.party.NodeIdentity;
import org.concord.requests.OpeningRequests;
import org.concord.workflow.CaseView;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * "Ask instead": the officer whose strike was refused on sovereignty grounds takes up the refusal's
 * first offer in one step. From the refused notice (kept by {@link SendingNotices}, never sent) this
 * makes the STIX {@code location} the request needs (where the area lies in the partner's territory)
 * in the intel collection, marked so that the partner may read it, and opens a request for action
 * to the partner through the requests module's public API ({@link OpeningRequests}), prefilled from
 * the notice: the location as target, the requested action, the urgency by how soon the operation
 * was to start, and a text saying what was planned. The caller may override any of these in the body,
 * which is read exactly as {@code POST /api/requests} reads it. Location, request, the record that
 * the notice was asked about, and the audit entry are one transaction: all or nothing.
 *
 * <p>The second offer, a joint-operation proposal, has no workflow: it stays data (see
 * {@link #NO_JOINT_WORKFLOW}).
 */
@Service
class AskingInstead {

    /** Why the joint-operation offer cannot be taken up in one step. */
    static final String NO_JOINT_WORKFLOW = "There is no joint-operation workflow yet: the offer stays data. Propose a "
            + "joint operation by a hotline call, or ask instead (request for action) and counter-propose from there.";

    /** The marking of the request and of its location when the notice's own cannot be read by the partner. */
    private static final List<String> REQUEST_MARKINGS = List.of("GREEN", "AMBER");

    /** The result: the request opened, the location made for it, and what became of the other offer. */
    record Asked(String notice, String locationId, JsonNode location, CaseView request, JsonNode jointOperation) {
    }

    private final DeconflictionTables tables;
    private final EvaluatingNotices evaluating;
    private final Boundaries boundaries;
    private final IntelStore intel;
    private final OpeningRequests requests;
    private final NodeIdentity identity;
    private final AuditLog audit;
    private final Clock clock;
    private final TransactionTemplate transactions;

    AskingInstead(DeconflictionTables tables, EvaluatingNotices evaluating, Boundaries boundaries, IntelStore intel,
            OpeningRequests requests, NodeIdentity identity, AuditLog audit, Clock clock, TransactionTemplate transactions) {
        this.tables = tables;
        this.evaluating = evaluating;
        this.boundaries = boundaries;
        this.intel = intel;
        this.requests = requests;
        this.identity = identity;
        this.audit = audit;
        this.clock = clock;
        this.transactions = transactions;
    }

    /** The path that takes up the request-for-action offer of refused notice {@code id}. */
    static String href(NoticeId id) {
        return "/api/deconfliction/notices/" + id.value() + "/ask-instead";
    }

    /**
     * Puts on a refusal answer what the officer can do with its offers, beside the violation (which
     * stays the core's data, the same in a dry run): {@code askInstead}, the link that takes up the
     * request-for-action offer (POST, body optional), and {@code jointOperation}, which says the
     * joint-operation proposal has no workflow.
     */
    static void offerActions(ObjectNode refusal, NoticeId id) {
        refusal.putObject("askInstead").put("offer", "REQUEST_FOR_ACTION").put("method", "POST").put("href", href(id))
                .put("body", "optional: urgency, action {kind, detail}, text, tlp (GREEN or AMBER), more targets and "
                        + "evidence, as POST /api/requests takes them");
        refusal.set("jointOperation", jointOperation());
    }

    /** The joint-operation offer: no workflow, data only. */
    static ObjectNode jointOperation() {
        return NoticeJson.JSON.createObjectNode().put("offer", "JOINT_OPERATION_PROPOSAL").put("available", false)
                .put("why", NO_JOINT_WORKFLOW);
    }

    /** Opens a request for action to the partner from refused notice {@code id}; {@code body} may be null. */
    Asked ask(String id, OpeningRequests.NewRequest body, String actor) {
        DeconflictionTables.RefusedNotice found = refused(id);
        OperationNotice notice = found.notice();
        SovereigntyViolation violation = violation(notice);
        // the state whose territory the area reaches: the notice's addressee, or another partner of this node
        PartyCode asked = violation.partner();
        if (violation.offers().isEmpty()) {
            throw new Conflict("id", "partner-territory", "notice " + id + " reaches the territory of " + asked
                    + ", which is not a partner of this node: there is no one Concord can ask instead");
        }
        OpeningRequests.NewRequest given = body != null ? body
                : new OpeningRequests.NewRequest(null, null, null, null, null, null, null);
        if (given.addressee() != null && !given.addressee().strip().equalsIgnoreCase(asked.value())) {
            Limits.name("addressee", given.addressee());
            throw new InvalidInput("addressee", "same-partner", "a request instead of notice " + id + " goes to "
                    + asked + ", whose territory the area reaches; leave addressee out, got " + given.addressee());
        }
        Tlp tlp = marking(notice, asked, given.tlp());
        Instant now = clock.instant();
        ObjectNode location = location(notice, violation, tlp, now);
        String locationId = location.path("id").asString();
        List<String> targets = new ArrayList<>();
        targets.add(locationId);
        if (given.targets() != null) {
            Limits.items("targets", given.targets(), Limits.ITEMS - 1);
            targets.addAll(given.targets());
        }
        OpeningRequests.Action action = action(notice, locationId, given.action());
        OpeningRequests.NewRequest request = new OpeningRequests.NewRequest(asked.value(), targets,
                given.evidence(), action, given.urgency() != null ? given.urgency() : urgency(notice, now).name(),
                given.text() != null ? given.text() : text(notice, asked), tlp.name());
        return transactions.execute(status -> {
            DeconflictionTables.RefusedNotice locked = tables.refusal(id, true).orElseThrow();
            if (locked.asked()) {
                throw alreadyAsked(locked);
            }
            intel.storeAll(Collection.INTEL, List.of(location), new Origin.Local(actor));
            if (!intel.visible(Collection.INTEL, locationId, Viewer.partner(asked))) {
                throw new Conflict("tlp", "readable-by-partner", "the location would be marked TLP:" + tlp.name() + ", which "
                        + "this node's sharing policy does not let " + asked + " read, so the request would name "
                        + "a place the partner cannot see; send tlp GREEN, or share AMBER with " + asked);
            }
            CaseView opened = openAsTheCallerNamedIt(request, actor);
            tables.markAsked(id, opened.caseId(), locationId, now, actor);
            audit.record(actor, "deconfliction.notice-asked-instead", id, "request for action " + opened.caseId() + " to "
                    + asked + " instead of the refused " + notice.type() + "; location " + locationId
                    + " (TLP:" + tlp.name() + ")");
            return new Asked(id, locationId, location, opened, jointOperation());
        });
    }

    private static final java.util.regex.Pattern TARGET = java.util.regex.Pattern.compile("^(?:request\\.)?targets\\[(\\d+)\\](.*)$");

    /**
     * Opens the request; a refusal of one of its targets names it as the caller's body does. The request's
     * first target is the location made of the notice's area, so the caller's {@code targets[0]} is the
     * request's {@code targets[1]}: a tester was told of {@code request.targets[1]} for the {@code targets[0]}
     * it sent. The location itself is named {@code location}.
     */
    private CaseView openAsTheCallerNamedIt(OpeningRequests.NewRequest request, String actor) {
        try {
            return requests.open(request, actor);
        } catch (InvalidInput e) {
            java.util.regex.Matcher target = e.field() == null ? null : TARGET.matcher(e.field());
            if (target == null || !target.matches()) {
                throw e;
            }
            int index = Integer.parseInt(target.group(1));
            throw e.named(index == 0 ? "location" + target.group(2) : "targets[" + (index - 1) + "]" + target.group(2));
        }
    }

    /** The notice {@code id}, refused on sovereignty grounds and not yet asked about; else 404 or 409 naming {@code id}. */
    private DeconflictionTables.RefusedNotice refused(String id) {
        Limits.name("id", id);
        var refusal = tables.refusal(id, false);
        if (refusal.isEmpty()) {
            var held = tables.notice(id);
            if (held.isPresent()) {
                boolean ours = held.get().direction() == DeconflictionTables.Direction.SENT;
                throw new Conflict("id", "refused-for-sovereignty", "notice " + id + " was not refused on sovereignty "
                        + "grounds: " + (ours ? "it was sent to " + held.get().notice().partner()
                                : "it is " + held.get().notice().notifyingParty() + "'s, received here")
                        + "; only a refused notice can be turned into a request for action");
            }
            throw NotFound.of("id", "no notice " + id + " was refused at this node (a dry run keeps nothing)");
        }
        if (refusal.get().asked()) {
            throw alreadyAsked(refusal.get());
        }
        return refusal.get();
    }

    private static Conflict alreadyAsked(DeconflictionTables.RefusedNotice r) {
        return new Conflict("id", "already-asked", "a request for action was opened from notice " + r.notice().id()
                + " at " + r.askedAt() + ": /api/requests/" + r.requestCase());
    }

    /** The refusal, evaluated again from the kept notice (the same boundaries give the same answer). */
    private SovereigntyViolation violation(OperationNotice notice) {
        NoticeEvaluation evaluation = evaluating.evaluate(notice);
        if (evaluation instanceof NoticeEvaluation.Refused refused) {
            return refused.violation();
        }
        throw new Conflict("id", "refused-for-sovereignty", "notice " + notice.id() + " was refused, but its area no longer "
                + "reaches another state's territory on this node's boundaries; send it as a notice");
    }

    /**
     * The marking of the request and its location: the one given (GREEN or AMBER), else the notice's
     * when the partner may read it (CLEAR becomes GREEN, the lowest a request carries). A notice marked
     * AMBER+STRICT or RED never leaves the node; releasing its area to the partner is the officer's
     * decision, so it must be said: 409 naming {@code tlp}.
     */
    private static Tlp marking(OperationNotice notice, PartyCode asked, String given) {
        if (given != null) {
            Limits.name("tlp", given);
            if (!REQUEST_MARKINGS.contains(given)) {
                throw InvalidInput.notOneOf("tlp", given, REQUEST_MARKINGS);
            }
            return Tlp.valueOf(given);
        }
        Tlp own = StixMapping.tlp(notice.classification());
        return switch (own) {
            case CLEAR, GREEN -> Tlp.GREEN;
            case AMBER -> Tlp.AMBER;
            default -> throw new Conflict("tlp", "marking-released-explicitly", "notice " + notice.id() + " is marked "
                    + notice.classification() + ", which never leaves this node, and the request must name its area for "
                    + asked + " to read; say how the area may be released: tlp GREEN or AMBER");
        };
    }

    /**
     * The STIX location of the part of the area in the partner's territory: its interior point,
     * the precision (metres) reaching its farthest vertex, the partner's country and province.
     */
    private ObjectNode location(OperationNotice notice, SovereigntyViolation violation, Tlp tlp, Instant now) {
        Geometry inside = violation.insidePartner();
        Coordinate centre = inside.getInteriorPoint().getCoordinate();
        Position at = Position.of(centre);
        double farthest = 0;
        for (Coordinate c : inside.getCoordinates()) {
            farthest = Math.max(farthest, at.distanceKm(Position.of(c)));
        }
        String created = org.concord.workflow.MessageStix.time(org.concord.workflow.MessageStix.truncate(now));
        ObjectNode o = NoticeJson.JSON.createObjectNode();
        o.put("type", "location");
        o.put("spec_version", "2.1");
        o.put("id", "location--" + UUID.randomUUID());
        o.put("created", created);
        o.put("modified", created);
        o.put("created_by_ref", identity.stixIdentityId());
        o.put("name", "Area of the " + notice.type() + " planned in " + violation.partner() + " (notice " + notice.id() + ")");
        o.put("description", "Where " + notice.notifyingParty() + " planned a " + notice.type() + " from "
                + notice.window().start() + " to " + notice.window().end() + ", in " + violation.partner()
                + "'s territory; refused on sovereignty grounds and not carried out. " + violation.partner()
                + " is asked to act here instead. The part in " + violation.partner() + "'s territory, as GeoJSON: "
                + GeoJson.write(inside));
        o.put("latitude", round(at.lat()));
        o.put("longitude", round(at.lon()));
        o.put("precision", Math.max(1, Math.ceil(farthest * 1000)));
        o.put("country", violation.partner().value());
        boundaries.provinceAt(at).map(Province::name).ifPresent(p -> o.put("administrative_area", p));
        ArrayNode markings = o.putArray("object_marking_refs");
        markings.add(tlp.markingDefinitionId());
        return o;
    }

    private static double round(double degrees) {
        return Math.round(degrees * 1e6) / 1e6;
    }

    /** The action asked for: the caller's, or by the operation that was planned. */
    private static OpeningRequests.Action action(OperationNotice notice, String locationId, OpeningRequests.Action given) {
        String detail = "Act, in your own territory, against the target of the " + notice.type() + " we had planned at "
                + locationId + " between " + notice.window().start() + " and " + notice.window().end() + ".";
        if (given != null) {
            return new OpeningRequests.Action(given.kind(), given.detail() != null ? given.detail() : detail);
        }
        String kind = switch (notice.type()) {
            case BORDER_PATROL -> "SURVEIL";
            default -> "OTHER";
        };
        return new OpeningRequests.Action(kind, detail);
    }

    /** How soon: by when the operation was to start (past or within a day IMMEDIATE, within a week URGENT). */
    static org.concord.requests.Urgency urgency(OperationNotice notice, Instant now) {
        Duration until = Duration.between(now, notice.window().start());
        if (until.compareTo(Duration.ofDays(1)) <= 0) {
            return org.concord.requests.Urgency.IMMEDIATE;
        }
        return until.compareTo(Duration.ofDays(7)) <= 0 ? org.concord.requests.Urgency.URGENT
                : org.concord.requests.Urgency.ROUTINE;
    }

    private static String text(OperationNotice notice, PartyCode asked) {
        OperationType type = notice.type();
        return notice.notifyingParty() + " had planned a " + type + " from " + notice.window().start() + " to "
                + notice.window().end() + " in an area that lies in " + asked + "'s territory (notice "
                + notice.id() + ", not sent: refused on sovereignty grounds). Instead, " + notice.notifyingParty()
                + " asks " + asked + " to act there itself. Contact: " + notice.contact().name() + ", "
                + notice.contact().channel() + ".";
    }
}
