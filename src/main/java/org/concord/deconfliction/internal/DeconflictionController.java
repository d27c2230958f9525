package org.concord.deconfliction.internal;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.concord.deconfliction.ConflictStanding;
import org.concord.deconfliction.geo.Border;
import org.concord.deconfliction.geo.Boundaries;
import org.concord.deconfliction.geo.CountryCode;
import org.concord.deconfliction.geo.GeoJson;
import org.concord.deconfliction.geo.GeodesicShapes;
import org.concord.deconfliction.geo.InvalidGeoJson;
import org.concord.deconfliction.geo.Province;
import org.concord.node.InvalidInput;
import org.concord.node.NotFound;
import org.concord.party.Callers;
import org.concord.party.Partner;
import org.concord.party.Partners;
import org.concord.party.PartyCode;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Deconfliction over the REST API: a liaison officer sends notices and declares protected sites;
 * every user role reads notices, conflicts and the map layers (GeoJSON FeatureCollections for the
 * console). Partners reach none of it: their notices and sites arrive through the inbox.
 */
@RestController
@RequestMapping("/api/deconfliction")
@Tag(name = "Deconfliction", description = "Operation notices near the border, protected sites, conflicts, and map layers")
class DeconflictionController implements org.concord.deconfliction.DeconflictionMap {

    private static final String GEO_JSON = "application/geo+json";
    private static final String NOTICE_EXAMPLE = """
            {"id": "pk-fc-2026-0117", "partner": "IR", "type": "BORDER_PATROL",
             "area": {"centre": {"type": "Point", "coordinates": [63.39, 27.11]}, "radiusKm": 2},
             "window": {"start": "2026-02-01T06:00:00Z", "end": "2026-02-02T06:00:00Z"},
             "contact": {"name": "Duty officer, Frontier Corps Balochistan (South)", "channel": "Concord hotline, desk 2"},
             "classification": "AMBER_STRICT"}""";
    private static final String SITES_EXAMPLE = """
            {"type": "FeatureCollection", "features": [{"type": "Feature",
              "properties": {"name": "Taftan-Mirjaveh crossing", "kind": "crossing-point"},
              "geometry": {"type": "Point", "coordinates": [61.519, 28.9921]}}]}""";
    private static final String EVENT_EXAMPLE = """
            {"partner": "IR", "kind": "ACCIDENTAL_LAUNCH", "observedAt": "2026-02-01T06:03:00Z",
             "track": {"type": "LineString", "coordinates": [[63.5, 27.0], [62.5, 27.3]]},
             "description": "A training rocket left its range heading west.",
             "contact": {"name": "Duty officer", "channel": "Concord hotline, desk 1"}}""";

    private final SendingNotices sending;
    private final org.concord.deconfliction.Agreements agreements;
    private final DeclaringSites declaring;
    private final ReportingEvents reporting;
    private final AnsweringConflicts answering;
    private final DeconflictionTables tables;
    private final Boundaries boundaries;
    private final org.concord.deconfliction.RulesInForce rules;
    private final Partners partners;
    private final DeconflictionConfiguration.OwnParty own;
    private final AskingInstead askingInstead;
    private final org.concord.hotline.AcknowledgementPolicy acknowledgement;
    private final Map<String, String> layers = new ConcurrentHashMap<>();

    DeconflictionController(SendingNotices sending, DeclaringSites declaring, ReportingEvents reporting,
            AnsweringConflicts answering, DeconflictionTables tables, Boundaries boundaries, org.concord.deconfliction.RulesInForce rules, Partners partners,
            DeconflictionConfiguration.OwnParty own, AskingInstead askingInstead,
            org.concord.hotline.AcknowledgementPolicy acknowledgement, org.concord.deconfliction.Agreements agreements) {
        this.agreements = agreements;
        this.acknowledgement = acknowledgement;
        this.askingInstead = askingInstead;
        this.sending = sending;
        this.reporting = reporting;
        this.answering = answering;
        this.declaring = declaring;
        this.tables = tables;
        this.boundaries = boundaries;
        this.rules = rules;
        this.partners = partners;
        this.own = own;
    }

    // ---- notices -------------------------------------------------------------------------

    @PostMapping(value = "/notices", consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("hasRole('LIAISON')")
    @Operation(summary = "Send an operation notice to a partner, or evaluate it without sending (dryRun=true)",
            description = "Evaluates the notice against the pair's rules and the partner's territory. An area any part of "
                    + "which lies in the partner's territory is refused (422) with the explanation and the offers to turn "
                    + "it into a request for action (askInstead: POST /api/deconfliction/notices/{id}/ask-instead) or a "
                    + "joint-operation proposal (no workflow: data only); nothing is sent. Otherwise the "
                    + "notice is stored and sent, and the evaluation is answered (201): distance from the border with the "
                    + "nearest border point, every rule broken, every conflict with its overlap as GeoJSON. With "
                    + "dryRun=true the same evaluation is answered (200, outcome sendable or refused, dryRun true) and "
                    + "nothing is stored, sent, recorded in the ledger or held.")
    @ApiResponse(responseCode = "200", description = "dry run: the evaluation a real send would give; nothing sent")
    @ApiResponse(responseCode = "201", description = "sent; the evaluation")
    @ApiResponse(responseCode = "400", description = "invalid input, naming the field and the rule")
    @ApiResponse(responseCode = "409", description = "a notice with this id exists (field id, rule already-exists): revise it,"
            + " or, when it is a notice the partner sent, send this one under another id")
    @ApiResponse(responseCode = "422", description = "refused: sovereignty violation, with the conversion offers")
    ResponseEntity<JsonNode> send(@io.swagger.v3.oas.annotations.parameters.RequestBody(description = "the notice; id is "
            + "optional (a UUID is given); area is {centre, radiusKm}, {polygon} or {launchPoint, impactArea, trajectory}",
            content = @Content(mediaType = "application/json", examples = @ExampleObject(value = NOTICE_EXAMPLE)))
            @RequestBody JsonNode body,
            @Parameter(description = "evaluate only: nothing is stored or sent") @RequestParam(defaultValue = "false") boolean dryRun,
            Authentication authentication) {
        SendingNotices.Outcome outcome = sending.send(body, Callers.of(authentication).auditName(), dryRun);
        if (dryRun) {
            return ResponseEntity.ok(outcome.json());
        }
        if (outcome.sent()) {
            return ResponseEntity.created(URI.create("/api/deconfliction/notices/" + outcome.evaluation().notice().id()))
                    .body(outcome.json());
        }
        return refusal(outcome, "Sovereignty violation: not sent");
    }

    private static ResponseEntity<JsonNode> refusal(SendingNotices.Outcome outcome, String title) {
        ObjectNode problem = NoticeJson.JSON.createObjectNode();
        problem.put("type", "about:blank");
        problem.put("title", title);
        problem.put("status", 422);
        problem.put("detail", ((ObjectNode) outcome.json().get("violation")).get("explanation").asString());
        problem.setAll(outcome.json());
        return ResponseEntity.status(HttpStatus.UNPROCESSABLE_CONTENT).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }

    private static final String REVISION_EXAMPLE = """
            {"partner": "IR", "type": "BORDER_PATROL",
             "area": {"centre": {"type": "Point", "coordinates": [62.1, 28.75]}, "radiusKm": 2},
             "window": {"start": "2026-02-01T06:00:00Z", "end": "2026-02-02T06:00:00Z"},
             "contact": {"name": "Duty officer, Frontier Corps Balochistan (South)", "channel": "Concord hotline, desk 2"},
             "classification": "AMBER_STRICT", "reason": "Moved south of the crossing after IR's objection."}""";

    @PostMapping(value = "/notices/{id}/revise", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("hasRole('LIAISON')")
    @Operation(summary = "Revise a notice this node sent (move its area, change its window), or evaluate the revision (dryRun=true)",
            description = "The body is the whole revised notice, as for sending (id left out or unchanged, the same partner), "
                    + "with an optional reason. It is evaluated again, sovereignty and rules, exactly as a new notice; refused "
                    + "(422), the current revision stands. Otherwise it is sent to the partner as the next revision (a new "
                    + "version of the same STIX object), its conflicts are flagged anew (each to be answered again) and the "
                    + "evaluation is answered with its revision number.")
    @ApiResponse(responseCode = "200", description = "revised and queued for the partner, or (dryRun) the evaluation")
    @ApiResponse(responseCode = "400", description = "invalid input, naming the field and the rule (id matches-path, partner same-partner, ...)")
    @ApiResponse(responseCode = "404", description = "no such notice at this node")
    @ApiResponse(responseCode = "409", description = "field id: own-notice-only (the partner's notice) or already-withdrawn")
    @ApiResponse(responseCode = "422", description = "refused: the revised area violates sovereignty; nothing changed")
    ResponseEntity<JsonNode> revise(@PathVariable String id, @io.swagger.v3.oas.annotations.parameters.RequestBody(
            description = "the revised notice and an optional reason",
            content = @Content(mediaType = "application/json", examples = @ExampleObject(value = REVISION_EXAMPLE)))
            @RequestBody JsonNode body,
            @Parameter(description = "evaluate only: nothing is stored or sent") @RequestParam(defaultValue = "false") boolean dryRun,
            Authentication authentication) {
        SendingNotices.Outcome outcome = sending.revise(id, body, Callers.of(authentication).auditName(), dryRun);
        if (dryRun || outcome.sent()) {
            return ResponseEntity.ok(outcome.json());
        }
        return refusal(outcome, "Sovereignty violation: revision not sent");
    }

    private static final String ASK_INSTEAD_EXAMPLE = """
            {"urgency": "IMMEDIATE", "action": {"kind": "DISMANTLE_HIDEOUT", "detail": "The camp north of Panjgur."},
             "tlp": "AMBER"}""";

    @PostMapping(value = "/notices/{id}/ask-instead", produces = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("hasRole('LIAISON')")
    @Operation(summary = "Ask the partner to act instead: turn a notice refused on sovereignty grounds into a request for action",
            description = "Takes up the refusal's REQUEST_FOR_ACTION offer (the refusal answer links here as askInstead). "
                    + "Makes the STIX location of the part of the area in the partner's territory in the intel collection, "
                    + "marked so the partner can read it, and opens a request for action to the partner naming it as target, "
                    + "prefilled from the notice: action (SURVEIL for a patrol, otherwise OTHER with a detail saying what was "
                    + "planned), urgency (IMMEDIATE if the operation was to start within a day, URGENT within a week, else "
                    + "ROUTINE), text, and the marking: the notice's if the partner may read it (CLEAR and GREEN give GREEN, "
                    + "AMBER stays AMBER); a notice marked AMBER_STRICT or RED needs tlp GREEN or AMBER in the body. The body "
                    + "is optional and overrides any of urgency, action, text, tlp, and adds targets and evidence, read as "
                    + "POST /api/requests reads them. All or nothing. The JOINT_OPERATION_PROPOSAL offer has no workflow "
                    + "and stays data (answered under jointOperation).")
    @ApiResponse(responseCode = "201", description = "the request opened (its case view), the location id and object; "
            + "Location: /api/requests/{caseId}")
    @ApiResponse(responseCode = "400", description = "invalid override, naming the field as POST /api/requests does")
    @ApiResponse(responseCode = "403", description = "not a liaison officer (requiredRoles)")
    @ApiResponse(responseCode = "404", description = "no notice with this id was refused at this node (field id)")
    @ApiResponse(responseCode = "409", description = "field id: refused-for-sovereignty (the notice was sent or received, "
            + "not refused) or already-asked; field tlp: marking-released-explicitly or readable-by-partner")
    ResponseEntity<AskingInstead.Asked> askInstead(@PathVariable String id,
            @io.swagger.v3.oas.annotations.parameters.RequestBody(required = false, description = "optional overrides",
                    content = @Content(mediaType = "application/json", examples = @ExampleObject(value = ASK_INSTEAD_EXAMPLE)))
            @RequestBody(required = false) org.concord.requests.OpeningRequests.NewRequest body,
            Authentication authentication) {
        AskingInstead.Asked asked = askingInstead.ask(id, body, Callers.of(authentication).auditName());
        return ResponseEntity.created(URI.create("/api/requests/" + asked.request().caseId())).body(asked);
    }

    @PostMapping(value = "/notices/{id}/withdraw", produces = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("hasRole('LIAISON')")
    @Operation(summary = "Withdraw a notice this node sent",
            description = "Optional body {\"reason\": \"...\"}. The notice's STIX object is revoked and sent to the partner; "
                    + "both nodes show it withdrawn, drop its conflicts and stop holding it. A withdrawn notice is final.")
    @ApiResponse(responseCode = "200", description = "withdrawn and queued for the partner; the notice")
    @ApiResponse(responseCode = "400", description = "a reason that is not a text, blank or too long (field reason)")
    @ApiResponse(responseCode = "404", description = "no such notice at this node")
    @ApiResponse(responseCode = "409", description = "field id: own-notice-only (the partner's notice) or already-withdrawn")
    JsonNode withdraw(@PathVariable String id, @RequestBody(required = false) JsonNode body, Authentication authentication) {
        return noticeJson(sending.withdraw(id, body, Callers.of(authentication).auditName()));
    }

    @GetMapping(value = "/notices", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Every notice sent or received, with its evaluation and the conflicts flagged now")
    JsonNode notices() {
        ArrayNode out = NoticeJson.JSON.createArrayNode();
        tables.notices().forEach(n -> out.add(noticeJson(n)));
        return out;
    }

    @GetMapping(value = "/notices/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "One notice, with its evaluation and the conflicts flagged now")
    JsonNode notice(@PathVariable String id) {
        return noticeJson(tables.notice(id).orElseThrow(() -> new NotFound("no notice " + id)));
    }

    private ObjectNode noticeJson(DeconflictionTables.StoredNotice n) {
        ObjectNode out = NoticeJson.JSON.createObjectNode();
        out.put("direction", n.direction().name());
        out.put("accepted", n.accepted());
        out.put("state", n.withdrawn() ? "WITHDRAWN" : "STANDING");
        out.put("revision", n.revision());
        out.put("stixId", n.stixId());
        out.put("version", n.version());
        out.put("recordedAt", n.recordedAt().toString());
        JsonNode object = NoticeJson.JSON.readTree(n.stixObject());
        if (n.withdrawn()) {
            ObjectNode w = out.putObject("withdrawn").put("at", n.withdrawnAt().toString());
            if (object.hasNonNull(StixMapping.WITHDRAWAL_REASON)) {
                w.put("reason", object.get(StixMapping.WITHDRAWAL_REASON).asString());
            }
        }
        out.set("notice", NoticeJson.REST.write(NoticeJson.JSON.createObjectNode(), n.notice()));
        out.set("evaluation", NoticeJson.JSON.readTree(n.evaluation()));
        ArrayNode conflicts = out.putArray("conflicts");
        tables.conflictsOf(n.notice().id().value()).forEach(c -> conflicts.add(conflictJson(c)));
        ArrayNode history = out.putArray("history");
        for (DeconflictionTables.NoticeVersion v : tables.history(n.notice().id().value())) {
            ObjectNode h = history.addObject().put("revision", v.revision()).put("change", v.change().name())
                    .put("version", v.version()).put("recordedAt", v.recordedAt().toString());
            if (v.reason() != null) {
                h.put("reason", v.reason());
            }
            h.set("evaluation", NoticeJson.JSON.readTree(v.evaluation()));
        }
        ArrayNode answers = out.putArray("answers");
        for (DeconflictionTables.StoredAnswer a : tables.answersOf(n.notice().id().value())) {
            ObjectNode j = answers.addObject().put("conflict", a.answer().conflict().value())
                    .put("verdict", a.answer().verdict().name()).put("by", a.answer().answeredBy().value())
                    .put("at", a.answer().answeredAt().toString());
            a.answer().reason().ifPresent(r -> j.put("reason", r));
        }
        // the rules the notifier says it applied, and an alarm when they differ from this node's for the pair
        StixMapping.rulesOf(object, n.direction() == DeconflictionTables.Direction.SENT ? n.notice().partner() : own.code())
                .ifPresent(terms -> terms.forEach(out.putArray("rules")::add));
        // every state it went to: more than the partner when it lies in several partners' notice zones (a tripoint)
        ArrayNode addressees = out.putArray("addressees");
        StixMapping.addresseesOf(object).forEach(p -> addressees.add(p.value()));
        ArrayNode alarms = out.putArray("alarms");
        tables.alarmsOf(ReceivingFromPartners.NOTICE, n.notice().id().value()).forEach(al -> alarms.add(alarmJson(al)));
        return out;
    }

    // ---- protected sites and conflicts ---------------------------------------------------

    @PostMapping(value = "/sites", consumes = {MediaType.APPLICATION_JSON_VALUE, GEO_JSON},
            produces = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("hasRole('LIAISON')")
    @Operation(summary = "Declare protected sites",
            description = "A GeoJSON FeatureCollection: each feature a Point, Polygon or MultiPolygon with properties name "
                    + "and kind (border-market, refugee-camp, village, crossing-point, other), and optionally marking (clear, "
                    + "green, amber, amber+strict, red; amber if absent). Stored and sent to each partner the sharing settings in "
                    + "force let read the marking (the answer lists sentTo and withheldFrom); notices already held, whoever sent "
                    + "them, are checked against them again.")
    @ApiResponse(responseCode = "201", description = "declared")
    @ApiResponse(responseCode = "400", description = "invalid input, naming the field and the rule")
    ResponseEntity<JsonNode> declare(@io.swagger.v3.oas.annotations.parameters.RequestBody(description = "a GeoJSON "
            + "FeatureCollection", content = @Content(mediaType = "application/json", examples = @ExampleObject(value = SITES_EXAMPLE)))
            @RequestBody String featureCollection, Authentication authentication) {
        List<DeclaringSites.Declared> declared = declaring.declare(featureCollection, Callers.of(authentication).auditName());
        ObjectNode out = NoticeJson.JSON.createObjectNode();
        ArrayNode sites = out.putArray("sites");
        for (DeclaringSites.Declared d : declared) {
            ObjectNode site = sites.addObject().put("id", d.id()).put("name", d.site().name()).put("kind", d.site().kind().name())
                    .put("marking", d.site().marking().label()).put("stixId", d.stixId());
            d.sentTo().forEach(site.putArray("sentTo")::add);
            d.withheldFrom().forEach(site.putArray("withheldFrom")::add);
        }
        return ResponseEntity.status(HttpStatus.CREATED).body(out);
    }

    @GetMapping(value = "/conflicts", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Every conflict flagged: a notice overlapping the other party's notice or protected site")
    JsonNode conflicts() {
        ArrayNode out = NoticeJson.JSON.createArrayNode();
        tables.conflicts().forEach(c -> out.add(conflictJson(c)));
        return out;
    }

    private static final String ANSWER_EXAMPLE = """
            {"answer": "OBJECT", "reason": "The crossing is open to traders and pilgrims on those days; patrol north of the N-40 instead."}""";

    @GetMapping(value = "/conflicts/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "One conflict: the overlap, who answers it, its deadline, the answer if any, and its alarms")
    JsonNode conflict(@PathVariable String id) {
        return standingJson(answering.standing(id).orElseThrow(() -> new NotFound("id: no conflict " + id + " is flagged at this node")));
    }

    @PostMapping(value = "/conflicts/{id}/answer", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("hasRole('LIAISON')")
    @Operation(summary = "Answer a conflict flagged against this party's notice or protected site",
            description = "ACKNOWLEDGE, or OBJECT with a reason, by the deadline shown with the conflict (policy "
                    + "conflict-answer-deadline). Only the party whose notice or site is affected answers. The answer is "
                    + "sent to the notifying party as an x-concord-conflict-answer.")
    @ApiResponse(responseCode = "200", description = "answered and queued for the partner")
    @ApiResponse(responseCode = "400", description = "invalid input (no answer, an objection without reason), naming the field and the rule")
    @ApiResponse(responseCode = "404", description = "no such conflict at this node")
    @ApiResponse(responseCode = "409", description = "answered already, or this party notified the operation and cannot answer")
    JsonNode answer(@PathVariable String id, @io.swagger.v3.oas.annotations.parameters.RequestBody(description = "the answer",
            content = @Content(mediaType = "application/json", examples = @ExampleObject(value = ANSWER_EXAMPLE)))
            @RequestBody JsonNode body, Authentication authentication) {
        return standingJson(answering.answer(id, body, Callers.of(authentication).auditName()));
    }

    @GetMapping(value = "/alarms", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Every deconfliction alarm raised: conflicts unanswered, unplanned events not sent or not acknowledged in time, "
            + "a partner's notice evaluated under rules that differ from this node's for the pair (RULES_DIFFER), "
            + "an agreement on notice rules signed by one side only (subject agreement, SIGNED_BY_ONE_SIDE, while it stands)")
    JsonNode alarms() {
        ArrayNode out = NoticeJson.JSON.createArrayNode();
        tables.alarms().forEach(a -> out.add(alarmJson(a)));
        for (org.concord.deconfliction.Agreements.Agreement a : agreements.signedByOneSide()) {
            String detail = a.state() == org.concord.deconfliction.Agreements.State.AWAITING_OUR_SIGNATURE
                    ? a.partner() + " proposed and signed agreement " + a.version() + "; no administrator here has signed it"
                    : "agreement " + a.version() + " proposed to " + a.partner() + " is signed by this side only";
            out.add(NoticeJson.JSON.createObjectNode().put("subject", "agreement").put("id", a.id()).put("reason", "SIGNED_BY_ONE_SIDE")
                    .put("partner", a.partner().value()).put("raisedAt", a.proposedAt().toString())
                    .put("detail", detail + ": " + String.join("; ", a.terms())));
        }
        return out;
    }

    private static ObjectNode alarmJson(DeconflictionTables.Alarm a) {
        return NoticeJson.JSON.createObjectNode().put("subject", a.subject()).put("id", a.subjectId()).put("reason", a.reason())
                .put("dueAt", a.dueAt().toString()).put("raisedAt", a.raisedAt().toString()).put("detail", a.detail());
    }

    private ObjectNode conflictJson(DeconflictionTables.StoredConflict c) {
        return answering.standing(c).map(this::standingJson).orElseGet(() -> plainConflictJson(c));
    }

    private ObjectNode standingJson(AnsweringConflicts.Standing s) {
        ObjectNode out = plainConflictJson(s.conflict());
        ConflictStanding standing = s.standing();
        out.put("answeringParty", standing.answeringParty().value());
        out.put("priority", standing.priority().name());
        out.put("deadline", standing.deadline().toString());
        if (standing instanceof ConflictStanding.Answered answered) {
            out.put("state", "Answered");
            ObjectNode a = out.putObject("answer");
            a.put("verdict", answered.answer().verdict().name());
            answered.answer().reason().ifPresent(r -> a.put("reason", r));
            a.put("by", answered.answer().answeredBy().value());
            a.put("at", answered.answer().answeredAt().toString());
            a.put("late", answered.late());
        } else {
            out.put("state", "Awaiting");
        }
        ArrayNode alarms = out.putArray("alarms");
        tables.alarmsOf(WatchingDeadlines.CONFLICT, s.id().value()).forEach(al -> alarms.add(alarmJson(al)));
        return out;
    }

    private static ObjectNode plainConflictJson(DeconflictionTables.StoredConflict c) {
        ObjectNode out = NoticeJson.JSON.createObjectNode();
        out.put("id", AnsweringConflicts.idOf(c).value());
        out.put("notice", c.noticeId());
        out.put("kind", c.kind());
        out.put("with", c.otherRef());
        out.put("party", c.otherParty().value());
        out.put("detail", c.detail());
        if (c.duringStart() != null) {
            out.putObject("during").put("start", c.duringStart().toString()).put("end", c.duringEnd().toString());
        }
        out.set("overlap", NoticeJson.geometry(c.overlap()));
        out.put("detectedAt", c.detectedAt().toString());
        return out;
    }

    // ---- unplanned events ----------------------------------------------------------------

    @PostMapping(value = "/events", consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("hasRole('LIAISON')")
    @Operation(summary = "Report an unplanned event to a partner",
            description = "An accidental or unexplained launch, or an incursion (kind ACCIDENTAL_LAUNCH, UNEXPLAINED_LAUNCH, "
                    + "AIRSPACE_INCURSION, GROUND_INCURSION), with observedAt, its track (GeoJSON LineString or Point), a "
                    + "description and a contact. Stored and sent to the partner at once; answered with whether the track "
                    + "crosses the border and its nearest approach.")
    @ApiResponse(responseCode = "201", description = "reported and queued for the partner")
    @ApiResponse(responseCode = "400", description = "invalid input, naming the field and the rule")
    ResponseEntity<JsonNode> report(@io.swagger.v3.oas.annotations.parameters.RequestBody(description = "the event",
            content = @Content(mediaType = "application/json", examples = @ExampleObject(value = EVENT_EXAMPLE)))
            @RequestBody JsonNode body, Authentication authentication) {
        ObjectNode out = reporting.report(body, Callers.of(authentication).auditName());
        return ResponseEntity.created(URI.create("/api/deconfliction/events/" + out.get("event").asString())).body(out);
    }

    @GetMapping(value = "/events", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Every unplanned event reported or received")
    JsonNode events() {
        ArrayNode out = NoticeJson.JSON.createArrayNode();
        tables.events().forEach(e -> out.add(eventJson(e)));
        return out;
    }

    @GetMapping(value = "/events/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "One unplanned event")
    JsonNode event(@PathVariable String id) {
        return eventJson(tables.event(id).orElseThrow(() -> new NotFound("no event " + id)));
    }

    @PostMapping(value = "/events/{id}/acknowledge", produces = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("hasRole('LIAISON')")
    @Operation(summary = "Acknowledge an unplanned event the partner reported",
            description = "Unacknowledged past the hotline's FLASH deadline, a received event escalates (alarm).")
    JsonNode acknowledgeEvent(@PathVariable String id, Authentication authentication) {
        reporting.acknowledge(id, Callers.of(authentication).auditName());
        return eventJson(tables.event(id).orElseThrow());
    }

    private ObjectNode eventJson(DeconflictionTables.StoredEvent e) {
        ObjectNode out = NoticeJson.JSON.createObjectNode();
        String id = e.event().id().value();
        tables.followUp(id).ifPresent(f -> {
            if (f.acknowledgedAt() != null) {
                out.putObject("acknowledged").put("at", f.acknowledgedAt().toString()).put("by", f.acknowledgedBy());
            }
        });
        ArrayNode alarms = out.putArray("alarms");
        tables.alarmsOf(WatchingDeadlines.EVENT, id).forEach(al -> alarms.add(alarmJson(al)));
        out.put("direction", e.direction().name());
        out.put("stixId", e.stixId());
        out.put("crossesBorder", e.crossesBorder());
        out.put("fromBorderKm", Math.round(e.fromBorderKm() * 1000) / 1000.0);
        out.put("recordedAt", e.recordedAt().toString());
        out.set("event", NoticeJson.REST.writeEvent(NoticeJson.JSON.createObjectNode(), e.event()));
        return out;
    }

    @GetMapping(value = "/map/events", produces = GEO_JSON)
    @Operation(summary = "Every unplanned event's track")
    String eventLayer() {
        StringBuilder out = collection();
        for (DeconflictionTables.StoredEvent e : tables.events()) {
            feature(out, e.event().trackGeoJson(), NoticeJson.JSON.createObjectNode().put("id", e.event().id().value())
                    .put("kind", e.event().kind().name()).put("reportedBy", e.event().reportedBy().value())
                    .put("partner", e.event().partner().value()).put("observedAt", e.event().observedAt().toString())
                    .put("direction", e.direction().name()).put("crossesBorder", e.crossesBorder()));
        }
        return close(out);
    }

    // ---- map layers (GeoJSON) ------------------------------------------------------------

    @GetMapping(value = "/map/boundaries", produces = GEO_JSON)
    @Operation(summary = "The two countries of the pair (Natural Earth 1:10m)")
    String boundaries(@Parameter(description = "the partner; optional when only one is paired") @RequestParam(required = false) String partner) {
        PartyCode p = partner(partner);
        return layers.computeIfAbsent("boundaries-" + p, k -> {
            StringBuilder out = collection();
            for (PartyCode party : List.of(own.code(), p)) {
                var country = boundaries.country(CountryCode.of(party.value())).orElseThrow();
                feature(out, GeoJson.write(country.outline()), NoticeJson.JSON.createObjectNode()
                        .put("code", party.value()).put("name", country.name()));
            }
            return close(out);
        });
    }

    @GetMapping(value = "/map/provinces", produces = GEO_JSON)
    @Operation(summary = "The provinces of both countries of the pair, with ISO 3166-2 codes")
    String provinces(@RequestParam(required = false) String partner) {
        PartyCode p = partner(partner);
        return layers.computeIfAbsent("provinces-" + p, k -> {
            StringBuilder out = collection();
            for (PartyCode party : List.of(own.code(), p)) {
                for (Province province : boundaries.provinces(CountryCode.of(party.value()))) {
                    feature(out, GeoJson.write(province.outline()), NoticeJson.JSON.createObjectNode()
                            .put("country", party.value()).put("code", province.isoCode()).put("name", province.name()));
                }
            }
            return close(out);
        });
    }

    @GetMapping(value = "/map/border", produces = GEO_JSON)
    @Operation(summary = "The land border the pair shares, derived from the two outlines")
    String border(@RequestParam(required = false) String partner) {
        PartyCode p = partner(partner);
        return layers.computeIfAbsent("border-" + p, k -> {
            Border border = border(p);
            StringBuilder out = collection();
            feature(out, GeoJson.write(border.line()), NoticeJson.JSON.createObjectNode()
                    .put("between", own.code() + "-" + p).put("lengthKm", Math.round(border.lengthKm())));
            return close(out);
        });
    }

    @GetMapping(value = "/map/border-zone", produces = GEO_JSON)
    @Operation(summary = "The border zone: everything within km of the border (default: the pair's notification zone)")
    String borderZone(@RequestParam(required = false) String partner, @RequestParam(required = false) Double km) {
        PartyCode p = partner(partner);
        double width = km != null ? km : rules.between(own.code(), p).zone().km();
        if (!Double.isFinite(width) || width <= 0 || width > 500) {
            throw new InvalidInput("km", "distance-range", "must be within (0, 500] km, got " + width);
        }
        return layers.computeIfAbsent("zone-" + p + "-" + width, k -> {
            StringBuilder out = collection();
            feature(out, GeoJson.write(GeodesicShapes.borderZone(border(p), width)), NoticeJson.JSON.createObjectNode()
                    .put("between", own.code() + "-" + p).put("km", width));
            return close(out);
        });
    }

    @GetMapping(value = "/map/notices", produces = GEO_JSON)
    @Operation(summary = "Every notice's area, with its parties, type, window and whether it was accepted")
    String noticeLayer() {
        return noticeLayer(false);
    }

    /**
     * Every notice as a GeoJSON feature: its footprint, or ({@code circles}, the console's map) a
     * notice around a point as a Point with {@code radiusKm}, which the map draws as a circle: about a
     * tenth of the bytes of the footprint's 73-vertex polygon. The properties are written straight
     * into the text, not built as a tree per notice.
     */
    String noticeLayer(boolean circles) {
        StringBuilder out = collection();
        tools.jackson.core.io.JsonStringEncoder quote = tools.jackson.core.io.JsonStringEncoder.getInstance();
        for (DeconflictionTables.NoticeFeature n : tables.noticeFeatures()) {
            if (out.charAt(out.length() - 1) != '[') {
                out.append(',');
            }
            boolean circle = circles && n.circleRadiusKm() != null;
            out.append("{\"type\":\"Feature\",\"geometry\":");
            if (circle) {
                out.append("{\"type\":\"Point\",\"coordinates\":[").append(n.circleLon()).append(',').append(n.circleLat())
                        .append("]}");
            } else {
                out.append(n.footprint());
            }
            out.append(",\"properties\":{\"id\":\"");
            quote.quoteAsString(n.id(), out);
            out.append("\",\"notifyingParty\":\"");
            quote.quoteAsString(n.notifyingParty(), out);
            out.append("\",\"partner\":\"");
            quote.quoteAsString(n.partner(), out);
            out.append("\",\"type\":\"");
            quote.quoteAsString(n.type(), out);
            out.append("\",\"direction\":\"");
            quote.quoteAsString(n.direction(), out);
            out.append("\",\"accepted\":").append(n.accepted())
                    .append(",\"start\":\"").append(n.start()).append("\",\"end\":\"").append(n.end())
                    .append("\",\"conflicts\":").append(n.conflicts());
            if (circle) {
                out.append(",\"radiusKm\":").append(n.circleRadiusKm());
            }
            out.append("}}");
        }
        return close(out);
    }

    @GetMapping(value = "/map/sites", produces = GEO_JSON)
    @Operation(summary = "Every protected site, this node's and its partners'")
    String siteLayer() {
        StringBuilder out = collection();
        for (DeconflictionTables.StoredSite s : tables.sites()) {
            feature(out, s.site().toGeoJson(), NoticeJson.JSON.createObjectNode().put("id", s.id())
                    .put("name", s.site().name()).put("kind", s.site().kind().name())
                    .put("declaredBy", s.site().declaredBy().value()).put("marking", s.site().marking().label()));
        }
        return close(out);
    }

    @GetMapping(value = "/map/conflicts", produces = GEO_JSON)
    @Operation(summary = "Every flagged conflict's overlap")
    String conflictLayer() {
        StringBuilder out = collection();
        for (DeconflictionTables.StoredConflict c : tables.conflicts()) {
            ObjectNode props = conflictJson(c);
            props.remove("overlap");
            feature(out, c.overlap(), props);
        }
        return close(out);
    }

    // ---- the same, as Java calls for the console (DeconflictionMap) -----------------------

    @Override
    public String layer(String name, String partner) {
        return switch (name) {
            case "boundaries" -> boundaries(partner);
            case "provinces" -> provinces(partner);
            case "border" -> border(partner);
            case "border-zone" -> borderZone(partner, null);
            case "notices" -> noticeLayer(true);
            case "sites" -> siteLayer();
            case "conflicts" -> conflictLayer();
            case "events" -> eventLayer();
            default -> throw InvalidInput.notOneOf("layer", name, LAYERS);
        };
    }

    @Override
    public Evaluated notice(JsonNode notice, String auditName, boolean dryRun) {
        SendingNotices.Outcome outcome = sending.send(notice, auditName, dryRun);
        return new Evaluated(outcome.sent(), outcome.json());
    }

    @Override
    public String askInstead(String noticeId, String tlp, String auditName) {
        org.concord.requests.OpeningRequests.NewRequest body = tlp == null || tlp.isBlank() ? null
                : new org.concord.requests.OpeningRequests.NewRequest(null, null, null, null, null, null, tlp);
        return askingInstead.ask(noticeId, body, auditName).request().caseId();
    }

    @Override
    public List<Awaiting> awaiting() {
        List<Awaiting> out = new java.util.ArrayList<>();
        for (AnsweringConflicts.Standing s : answering.standings()) {
            if (s.standing() instanceof ConflictStanding.Awaiting open) {
                // the pair's other party: the notifier when the notice is the partner's, else the notice's addressee
                String partner = tables.notice(s.conflict().noticeId()).map(n -> n.notice().notifyingParty().equals(own.code())
                        ? n.notice().partner() : n.notice().notifyingParty()).orElse(s.conflict().otherParty()).value();
                out.add(new Awaiting("conflict", s.id().value(), partner, open.answeringParty().value(), s.conflict().detail(),
                        open.deadline(),
                        open.priority().name(), List.of("acknowledge", "object"), "/api/deconfliction/conflicts/" + s.id().value()));
            }
        }
        java.time.Duration flash = acknowledgement.deadline(org.concord.hotline.Priority.FLASH);
        for (DeconflictionTables.StoredEvent e : tables.events()) {
            String id = e.event().id().value();
            if (tables.followUp(id).map(f -> f.acknowledgedAt() != null).orElse(false)) {
                continue;
            }
            boolean received = e.direction() == DeconflictionTables.Direction.RECEIVED;
            String partner = (received ? e.event().reportedBy() : e.event().partner()).value();
            out.add(new Awaiting("event", id, partner, received ? own.code().value() : partner,
                    e.event().kind() + (e.crossesBorder() ? " crossing the border: " : ": ") + e.event().description(),
                    e.recordedAt().plus(flash), "FLASH", List.of("acknowledge"), "/api/deconfliction/events/" + id));
        }
        out.sort(java.util.Comparator.comparing(Awaiting::dueAt));
        return out;
    }

    @Override
    public void answerConflict(String id, String answer, String reason, String auditName) {
        ObjectNode body = NoticeJson.JSON.createObjectNode();
        if (answer != null && !answer.isBlank()) {
            body.put("answer", answer.strip());
        }
        if (reason != null && !reason.isBlank()) {
            body.put("reason", reason.strip());
        }
        answering.answer(id, body, auditName);
    }

    @Override
    public void acknowledgeEvent(String id, String auditName) {
        reporting.acknowledge(id, auditName);
    }

    @Override
    public java.util.Optional<JsonNode> noticeView(String id) {
        return tables.notice(id).map(this::noticeJson);
    }

    @Override
    public JsonNode withdraw(String id, String reason, String auditName) {
        ObjectNode body = NoticeJson.JSON.createObjectNode();
        if (reason != null && !reason.isBlank()) {
            body.put("reason", reason.strip());
        }
        return noticeJson(sending.withdraw(id, body, auditName));
    }

    @Override
    public Evaluated revise(String id, JsonNode notice, String auditName, boolean dryRun) {
        SendingNotices.Outcome outcome = sending.revise(id, notice, auditName, dryRun);
        return new Evaluated(outcome.sent(), outcome.json());
    }

    private PartyCode partner(String code) {
        if (code == null || code.isBlank()) {
            List<Partner> all = partners.all();
            if (all.size() != 1) {
                throw new InvalidInput("partner", "required", "name the partner: this node is paired with " + all.size());
            }
            return all.get(0).code();
        }
        PartyCode p;
        try {
            p = PartyCode.of(code.strip().toUpperCase(Locale.ROOT));
        } catch (RuntimeException e) {
            throw new InvalidInput("partner", "iso-3166-alpha-2", "must be an ISO 3166-1 alpha-2 code, got '" + code + "'");
        }
        if (p.equals(own.code()) || boundaries.country(CountryCode.of(p.value())).isEmpty()) {
            throw new InvalidInput("partner", "known-country", "must be another country of the boundaries, got " + p);
        }
        return p;
    }

    private Border border(PartyCode partner) {
        try {
            return boundaries.border(CountryCode.of(own.code().value()), CountryCode.of(partner.value()));
        } catch (IllegalArgumentException e) {
            throw new InvalidInput("partner", "shares-a-land-border", e.getMessage());
        }
    }

    private static StringBuilder collection() {
        return new StringBuilder("{\"type\":\"FeatureCollection\",\"features\":[");
    }

    private static void feature(StringBuilder out, String geometry, ObjectNode properties) {
        if (out.charAt(out.length() - 1) != '[') {
            out.append(',');
        }
        out.append("{\"type\":\"Feature\",\"geometry\":").append(geometry).append(",\"properties\":")
                .append(properties.toString()).append('}');
    }

    private static String close(StringBuilder out) {
        return out.append("]}").toString();
    }

    @ExceptionHandler(InvalidGeoJson.class)
    ResponseEntity<ProblemDetail> invalidGeoJson(InvalidGeoJson e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
        problem.setTitle("Invalid input");
        problem.setType(URI.create("about:blank"));
        problem.setProperty("field", e.field());
        problem.setProperty("rule", e.rule().name().toLowerCase(Locale.ROOT).replace('_', '-'));
        e.hint().ifPresent(h -> problem.setProperty("hint", h));
        return ResponseEntity.badRequest().body(problem);
    }
}
