package org.concord.console;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.concord.deconfliction.Classification;
import org.concord.deconfliction.DeconflictionMap;
import org.concord.deconfliction.OperationType;
import org.concord.intel.IntelStore;
import org.concord.intel.stix.Tlp;
import org.concord.party.Partner;
import org.concord.party.Partners;
import org.concord.workflow.CaseView;
import org.concord.workflow.CaseViews;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The map (docs/console.md): the node's own GeoJSON layers drawn with Leaflet and no tile server,
 * the notices, sites, conflicts, unplanned events and incidents on them; a liaison officer draws an
 * area, sees the dry run (distance to the border, broken rules, or the sovereignty refusal with
 * "Ask instead") and sends the notice. Everything goes through {@link DeconflictionMap}, the same
 * Java code the REST API runs, with the session's user.
 */
@Controller
class MapController {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final MediaType GEO_JSON = MediaType.parseMediaType("application/geo+json");

    private final DeconflictionMap deconfliction;
    private final CaseViews views;
    private final Partners partners;
    private final IntelStore intel;

    MapController(DeconflictionMap deconfliction, CaseViews views, Partners partners, IntelStore intel) {
        this.intel = intel;
        this.deconfliction = deconfliction;
        this.views = views;
        this.partners = partners;
    }

    @GetMapping("/console/map")
    String map(Model model, Authentication user) {
        List<String> roles = DeskController.roles(user);
        model.addAttribute("mayDraw", roles.contains("LIAISON"));
        model.addAttribute("partners", partners.all().stream().map(Partner::code).map(Object::toString).sorted().toList());
        model.addAttribute("types", Arrays.stream(OperationType.values()).map(Enum::name).toList());
        model.addAttribute("classifications", Arrays.stream(Classification.values()).map(Enum::name).toList());
        return "console/map";
    }

    /** One of deconfliction's layers (boundaries, provinces, border, border-zone, notices, sites, conflicts, events). */
    @GetMapping("/console/map/layers/{name}")
    ResponseEntity<String> layer(@PathVariable String name, @RequestParam(required = false) String partner) {
        return ResponseEntity.ok().contentType(GEO_JSON).body(deconfliction.layer(name, partner));
    }

    /** Every incident with a place, as GeoJSON: the place, the case id, its state and title. */
    @GetMapping("/console/map/layers/incidents")
    ResponseEntity<String> incidents() {
        ObjectNode collection = JSON.createObjectNode().put("type", "FeatureCollection");
        ArrayNode features = collection.putArray("features");
        for (CaseView c : views.list(null, "incident", null, null, "opened", null, CaseViews.MAX_LIMIT).items()) {
            JsonNode details = JSON.valueToTree(c.details());
            JsonNode place = details.at("/report/place");
            if (!place.isObject() || !place.has("type")) {
                continue;
            }
            ObjectNode feature = features.addObject().put("type", "Feature");
            feature.set("geometry", place);
            feature.putObject("properties").put("caseId", c.caseId()).put("partner", c.partner()).put("state", c.state())
                    .put("level", c.level()).put("type", details.at("/report/incident_type").asString(null))
                    .put("whatHappened", details.at("/report/what_happened").asString(null))
                    .put("occurredAt", details.at("/report/occurred_at").asString(null));
        }
        return ResponseEntity.ok().contentType(GEO_JSON).body(collection.toString());
    }

    /** The most intel locations the layer draws (newest first). */
    static final int MAX_LOCATIONS = 5_000;

    /**
     * The STIX {@code location} objects this node holds that have a latitude and longitude, as GeoJSON points:
     * the object's id, name, country and TLP marking (through intel's {@link IntelStore#browse}, as the
     * intelligence pages list them).
     */
    @GetMapping("/console/map/layers/locations")
    ResponseEntity<String> locations() {
        ObjectNode collection = JSON.createObjectNode().put("type", "FeatureCollection");
        ArrayNode features = collection.putArray("features");
        long before = 0;
        int seen = 0;
        while (seen < MAX_LOCATIONS) {
            IntelStore.Listing page = intel.browse(null, List.of("location"), null, before, 500);
            for (IntelStore.Held held : page.items()) {
                seen++;
                JsonNode o = JSON.readTree(held.object().json());
                JsonNode lat = o.path("latitude");
                JsonNode lon = o.path("longitude");
                if (!lat.isNumber() || !lon.isNumber()) {
                    continue;
                }
                ObjectNode feature = features.addObject().put("type", "Feature");
                ArrayNode position = feature.putObject("geometry").put("type", "Point").putArray("coordinates");
                position.add(lon.asDouble()).add(lat.asDouble());
                feature.putObject("properties").put("id", o.path("id").asString(null))
                        .put("name", o.path("name").asString(null))
                        .put("country", o.path("country").asString(null))
                        .put("tlp", Tlp.of(o).map(Tlp::label).orElse("no TLP"))
                        .put("from", held.sourceParty() == null ? "this node" : held.sourceParty());
            }
            if (!page.more()) {
                break;
            }
            before = page.lastSeq();
        }
        return ResponseEntity.ok().contentType(GEO_JSON).body(collection.toString());
    }

    /**
     * A notice drawn on the map: evaluated only ({@code dryRun=true}) or sent. Answers the evaluation
     * (200) with {@code sent}; a sovereignty refusal carries the violation and {@code askInstead}.
     */
    @PostMapping(value = "/console/map/notices", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("hasRole('LIAISON')")
    @ResponseBody
    JsonNode notice(@RequestBody JsonNode notice, @RequestParam(defaultValue = "false") boolean dryRun, Authentication user) {
        DeconflictionMap.Evaluated evaluated = deconfliction.notice(notice, "user:" + user.getName(), dryRun);
        ObjectNode out = ((ObjectNode) evaluated.json()).deepCopy();
        out.put("sent", evaluated.sent());
        out.put("dryRun", dryRun);
        if ("refused".equals(out.path("outcome").asString(null)) && !dryRun) {
            out.put("askInstead", "/console/map/notices/" + out.path("notice").asString() + "/ask-instead");
        }
        return out;
    }

    /** Takes up a refusal's offer: a request for action to the partner instead; answers where it is. */
    @PostMapping(value = "/console/map/notices/{id}/ask-instead", produces = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("hasRole('LIAISON')")
    @ResponseBody
    Map<String, String> askInstead(@PathVariable String id, @RequestParam(required = false) String tlp, Authentication user) {
        String caseId = deconfliction.askInstead(id, tlp, "user:" + user.getName());
        return Map.of("caseId", caseId, "case", "/console/cases/" + caseId, "api", "/api/requests/" + caseId);
    }
}
