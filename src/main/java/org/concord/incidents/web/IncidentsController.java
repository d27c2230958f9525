package org.concord.incidents.web;

import java.time.Instant;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import org.concord.incidents.Casualties;
import org.concord.incidents.Claim;
import org.concord.incidents.IncidentReport;
import org.concord.incidents.IncidentType;
import org.concord.incidents.AnsweringClaims;
import org.concord.incidents.Verdict;
import org.concord.incidents.internal.IncidentService;
import org.concord.node.InvalidInput;
import org.concord.node.Limits;
import org.concord.party.Callers;
import org.concord.party.PartyCode;
import org.concord.workflow.CaseView;
import org.concord.workflow.CaseViews;
import org.concord.workflow.Workflow;
import org.concord.incidents.IncidentCaseType;
import org.concord.incidents.IncidentPlaces;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import tools.jackson.databind.JsonNode;

/** Incidents over the REST API: every user role reads, {@code LIAISON} sends; partners none. */
@RestController
@Tag(name = "Incidents", description = "Cross-border incidents reported, answered claim by claim, closed by joint findings")
class IncidentsController {

    private final IncidentService incidents;
    private final AnsweringClaims answering;
    private final CaseViews views;
    private final IncidentCaseType incidentCases;
    private final IncidentPlaces places;
    private final Workflow workflow;
    private final Clock clock;
    /** The most killed (and the most injured) one report may count. */
    static final int MAX_CASUALTIES = 1_000_000;

    IncidentsController(IncidentService incidents, CaseViews views, Clock clock, IncidentCaseType incidentCases,
            IncidentPlaces places, Workflow workflow, AnsweringClaims answering) {
        this.answering = answering;
        this.incidents = incidents;
        this.views = views;
        this.clock = clock;
        this.incidentCases = incidentCases;
        this.places = places;
        this.workflow = workflow;
    }

    record CasualtiesBody(Integer killed, Integer injured, String detail) {
    }

    record ClaimBody(String ref, String statement) {
    }

    /** A report: {@code place} is a GeoJSON geometry object. */
    record NewIncident(String addressee, String occurredAt, JsonNode place, String incidentType, String whatHappened,
            CasualtiesBody casualties, List<ClaimBody> claims) {
    }


    record Findings(String findings) {
    }

    record SignOff(String findingsRef) {
    }

    @GetMapping("/api/incidents")
    @Operation(summary = "Every incident this node holds")
    List<CaseView> list() {
        return views.all(incidentCases);
    }

    @GetMapping("/api/incidents/{incidentId}")
    @Operation(summary = "One incident")
    CaseView one(@PathVariable String incidentId) {
        return views.view(incidentCases, incidentId);
    }

    @PostMapping("/api/incidents")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasRole('LIAISON')")
    @Operation(summary = "Report a cross-border incident to the partner, with the claims it is asked to answer (LIAISON)",
            description = "place is a GeoJSON geometry (Point, LineString, Polygon, MultiPolygon; [longitude, latitude]) that "
                    + "must lie within the two parties' territories or within the pair's border zone (the notification "
                    + "zone, 50 km either side of the border by default); otherwise 400, field place, rule "
                    + "within-the-parties-or-border-zone. The case view shows placeOnTheBorder: side (the party whose "
                    + "territory it lies in, BOTH or NEITHER), fromBorderKm, nearestBorderPoint and province.")
    CaseView report(@RequestBody NewIncident body, Authentication caller) {
        Limits.name("addressee", body.addressee());
        Limits.name("incidentType", body.incidentType());
        Limits.text("whatHappened", body.whatHappened());
        Limits.items("claims", body.claims());
        PartyCode addressee = PartyCode.required(body.addressee(), "addressee");
        Instant occurredAt = null;
        if (body.occurredAt() != null) {
            Limits.name("occurredAt", body.occurredAt());
            occurredAt = Limits.happened("occurredAt", Limits.instant("occurredAt", body.occurredAt()), clock.instant());
        }
        if (body.place() != null && !body.place().isNull() && (!body.place().isObject() || !body.place().has("type"))) {
            throw new InvalidInput("place", "geojson", "a GeoJSON geometry object with a type");
        }
        if (body.place() != null && !body.place().isNull()) {
            places.check("place", workflow.self(), addressee, body.place());
        }
        IncidentType type = null;
        if (body.incidentType() != null) {
            type = InvalidInput.oneOf("incidentType", body.incidentType(), IncidentType.class);
        }
        Casualties casualties = Casualties.none();
        if (body.casualties() != null) {
            CasualtiesBody c = body.casualties();
            Limits.text("casualties.detail", c.detail());
            if ((c.killed() != null && c.killed() > MAX_CASUALTIES) || (c.injured() != null && c.injured() > MAX_CASUALTIES)) {
                throw new InvalidInput("casualties", "max-count", "at most " + MAX_CASUALTIES + " killed and as many injured");
            }
            int killed = c.killed() == null ? 0 : c.killed();
            int injured = c.injured() == null ? 0 : c.injured();
            if (killed < 0 || injured < 0) {
                throw new InvalidInput("casualties", "non-negative", "casualties are counted from zero");
            }
            casualties = new Casualties(killed, injured, c.detail());
        }
        List<Claim> claims = new ArrayList<>();
        if (body.claims() != null) {
            for (int i = 0; i < body.claims().size(); i++) {
                ClaimBody c = body.claims().get(i);
                if (c == null || c.ref() == null || c.ref().isBlank()) {
                    throw new InvalidInput("claims[" + i + "].ref", "FIELD_REQUIRED", "each claim has a reference, e.g. claim-1");
                }
                Limits.name("claims[" + i + "].ref", c.ref());
                Limits.text("claims[" + i + "].statement", c.statement());
                claims.add(new Claim(c.ref(), c.statement()));
            }
        }
        String place = body.place() == null || body.place().isNull() ? "" : body.place().toString();
        IncidentReport report = new IncidentReport(occurredAt, place, type, body.whatHappened(), casualties, claims);
        return views.view(incidentCases, incidents.report(addressee, report, Callers.of(caller).auditName()));
    }

    @PostMapping("/api/incidents/{incidentId}/answers")
    @PreAuthorize("hasRole('LIAISON')")
    @Operation(summary = "Answer one of the partner's claims: CONFIRM, DISPUTE (with evidence) or UNKNOWN (LIAISON)")
    CaseView answer(@PathVariable String incidentId, @RequestBody AnsweringClaims.Answer body, Authentication caller) {
        return answering.answer(incidentId, body, Callers.of(caller).auditName());
    }

    @PostMapping("/api/incidents/{incidentId}/findings")
    @PreAuthorize("hasRole('LIAISON')")
    @Operation(summary = "Propose joint findings; earlier proposals and their sign-offs lapse (LIAISON)")
    CaseView proposeFindings(@PathVariable String incidentId, @RequestBody Findings body, Authentication caller) {
        return answering.proposeFindings(incidentId, body.findings(), Callers.of(caller).auditName());
    }

    @PostMapping("/api/incidents/{incidentId}/sign-off")
    @PreAuthorize("hasRole('LIAISON')")
    @Operation(summary = "Sign off the findings on the table (or those named by findingsRef); both sign-offs settle it (LIAISON)")
    CaseView signOff(@PathVariable String incidentId, @RequestBody(required = false) SignOff body, Authentication caller) {
        return answering.signOff(incidentId, body == null ? null : body.findingsRef(), Callers.of(caller).auditName());
    }


}
