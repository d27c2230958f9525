package org.concord.console;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.concord.intel.Bundles;
import org.concord.intel.Collection;
import org.concord.intel.IntelQuery;
import org.concord.intel.IntelStore;
import org.concord.intel.ObjectOutcome;
import org.concord.intel.Origin;
import org.concord.intel.RefusedObjects;
import org.concord.intel.StoredObject;
import org.concord.intel.Viewer;
import org.concord.intel.stix.SharingDecision;
import org.concord.intel.stix.Tlp;
import org.concord.node.InvalidInput;
import org.concord.node.NotFound;
import org.concord.party.Callers;
import org.concord.party.NodeIdentity;
import org.concord.party.Partner;
import org.concord.party.Partners;
import org.springframework.http.MediaType;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The intelligence pages: search and browse the STIX objects this node holds, one page per object
 * (its properties, versions, relationships both ways, and what the partner would receive of it
 * under the sharing policy), a form for the common objects and a bundle upload. Reads and writes go
 * through {@code intel}'s public API, the same calls as {@code /api/intel} and the TAXII server.
 */
@Controller
class IntelPagesController {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final JsonMapper PRETTY = JsonMapper.builder().build();
    private static final java.time.format.DateTimeFormatter STIX_TIME =
            java.time.format.DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(java.time.ZoneOffset.UTC);
    /** The types the form makes, with the fields each shows. */
    static final Map<String, List<String>> FORM_FIELDS = new LinkedHashMap<>();
    static {
        FORM_FIELDS.put("intrusion-set", List.of("name", "description", "aliases", "marking"));
        FORM_FIELDS.put("threat-actor", List.of("name", "description", "aliases", "marking"));
        FORM_FIELDS.put("location", List.of("name", "description", "latitude", "longitude", "country", "marking"));
        FORM_FIELDS.put("report", List.of("name", "description", "published", "object_refs", "marking"));
    }
    static final List<String> BROWSE_TYPES = List.of("intrusion-set", "threat-actor", "location", "report", "relationship",
            "indicator", "malware", "campaign", "identity", "sighting", "attack-pattern", "note", "marking-definition");
    static final int PAGE = 50;

    private final IntelStore store;
    private final Bundles bundles;
    private final Partners partners;
    private final NodeIdentity self;
    private final IntelUploads uploads;

    IntelPagesController(IntelStore store, Bundles bundles, Partners partners, NodeIdentity self, IntelUploads uploads) {
        this.store = store;
        this.bundles = bundles;
        this.partners = partners;
        this.self = self;
        this.uploads = uploads;
    }

    // ------------------------------------------------------------------ browse

    @GetMapping("/console/intel")
    String browse(@RequestParam(required = false) String q, @RequestParam(required = false) String type,
            @RequestParam(required = false) String origin, @RequestParam(defaultValue = "0") long before, Model model,
            Authentication user, HttpSession session) {
        fillBrowse(model, q, type, origin, before);
        fillForms(model, user, session);
        return "console/intel";
    }

    private void fillBrowse(Model model, String q, String type, String origin, long before) {
        List<String> types = type == null || type.isBlank() ? List.of() : List.of(type);
        Boolean own = "own".equals(origin) ? Boolean.TRUE : "partner".equals(origin) ? Boolean.FALSE : null;
        IntelStore.Listing listing = store.browse(q, types, own, Math.max(0, before), PAGE);
        model.addAttribute("q", q == null ? "" : q);
        model.addAttribute("type", type == null ? "" : type);
        model.addAttribute("origin", origin == null ? "" : origin);
        model.addAttribute("browseTypes", BROWSE_TYPES);
        model.addAttribute("rows", listing.items().stream().map(IntelPagesController::line).toList());
        model.addAttribute("more", listing.more());
        model.addAttribute("nextBefore", listing.lastSeq());
        model.addAttribute("paged", before > 0);
    }

    private void fillForms(Model model, Authentication user, HttpSession session) {
        boolean mayWrite = DeskController.roles(user).contains("ANALYST");
        model.addAttribute("mayWrite", mayWrite);
        model.addAttribute("formTypes", FORM_FIELDS.keySet());
        model.addAttribute("markings", Tlp.values());
        model.addAttribute("maxUpload", uploads.maxBytes());
        if (mayWrite && !model.containsAttribute("formId")) {
            model.addAttribute("formId", CaseController.issueFormId(session));
        }
        if (!model.containsAttribute("entered")) {
            model.addAttribute("entered", Map.of("type", "intrusion-set", "marking", "GREEN"));
        }
    }

    /** One object as a line of the list (and a link on the object page). */
    record Line(String id, String type, String name, List<String> aliases, Badge tlp, String origin, String modified) {
    }

    /** A TLP marking as the page shows it: a label and the CSS class of its FIRST colour. */
    record Badge(String label, String css) {
        static Badge of(JsonNode object) {
            return Tlp.of(object).map(t -> new Badge(t.label(), "tlp-" + t.name().toLowerCase(Locale.ROOT).replace('_', '-')))
                    .orElse(new Badge("no TLP", "tlp-none"));
        }
    }

    static Line line(IntelStore.Held held) {
        JsonNode object = JSON.readTree(held.object().json());
        return new Line(held.object().id(), held.object().type(), displayName(object), aliases(object), Badge.of(object),
                origin(held.sourceParty()), held.object().version());
    }

    private static String origin(String sourceParty) {
        return sourceParty == null ? "own" : sourceParty;
    }

    static String displayName(JsonNode object) {
        if (object.path("name").isString()) {
            return object.path("name").asString();
        }
        if ("relationship".equals(object.path("type").asString())) {
            return object.path("relationship_type").asString("") + " relationship";
        }
        return object.path("id").asString();
    }

    private static List<String> aliases(JsonNode object) {
        List<String> all = new ArrayList<>();
        object.path("aliases").forEach(a -> all.add(a.asString("")));
        return all;
    }

    // ------------------------------------------------------------------ one object

    @GetMapping("/console/intel/objects/{id}")
    String object(@PathVariable String id, Model model) {
        org.concord.node.Limits.parameter("id", id, IntelQuery.MAX_VALUE);
        List<IntelStore.Held> versions = store.versions(Collection.INTEL, id);
        IntelStore.Held current = versions.stream().filter(v -> v.object().current()).findFirst()
                .orElseThrow(() -> NotFound.of("id", "no object " + id));
        JsonNode object = JSON.readTree(current.object().json());
        model.addAttribute("o", line(current));
        model.addAttribute("properties", properties(object));
        model.addAttribute("json", PRETTY.writerWithDefaultPrettyPrinter().writeValueAsString(object));
        List<Line> newestFirst = new ArrayList<>(versions.stream().map(IntelPagesController::line).toList());
        java.util.Collections.reverse(newestFirst);
        model.addAttribute("versions", newestFirst);
        model.addAttribute("createdBy", object.path("created_by_ref").asString(null));
        fillRelations(model, id, object);
        model.addAttribute("partnerViews", partnerViews(id));
        return "console/intel-object";
    }

    @GetMapping(value = "/console/intel/objects/{id}.json", produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseBody
    String objectJson(@PathVariable String id) {
        org.concord.node.Limits.parameter("id", id, IntelQuery.MAX_VALUE);
        return store.find(IntelQuery.all(Collection.INTEL, 1, 0).withIds(List.of(id)), Viewer.local()).items().stream()
                .findFirst().map(StoredObject::json).orElseThrow(() -> NotFound.of("id", "no object " + id));
    }

    /** A property of the object as a row: its name and its values, each a text and (for a reference) a link. */
    record Property(String name, List<Value> values) {
    }

    record Value(String text, String href) {
    }

    private static List<Property> properties(JsonNode object) {
        List<Property> rows = new ArrayList<>();
        for (Map.Entry<String, JsonNode> property : object.properties()) {
            List<Value> values = new ArrayList<>();
            JsonNode value = property.getValue();
            boolean refs = property.getKey().endsWith("_ref") || property.getKey().endsWith("_refs");
            boolean flat = value.isArray();
            for (JsonNode item : value.isArray() ? value : JSON.createArrayNode()) {
                flat &= item.isValueNode();
            }
            if (flat) {
                value.forEach(v -> values.add(value(v.asString(""), refs)));
            } else if (value.isValueNode()) {
                values.add(value(value.asString(""), refs));
            } else {
                values.add(new Value(JSON.writeValueAsString(value), null));
            }
            rows.add(new Property(property.getKey(), values));
        }
        return rows;
    }

    private static Value value(String text, boolean ref) {
        Optional<Tlp> tlp = ref ? Tlp.ofMarkingRef(text) : Optional.empty();
        if (tlp.isPresent() && Tlp.isStandardMarkingDefinition(text)) {
            return new Value(tlp.get().label() + " (" + text + ")", null); // the standard ones are not objects held here
        }
        return new Value(text, ref && text.contains("--") ? "/console/intel/objects/" + text : null);
    }

    /** A relationship of this object, the other end as a link. */
    record Relation(String direction, String kind, String otherId, String otherName, String otherType, String viaId) {
    }

    private void fillRelations(Model model, String id, JsonNode object) {
        List<IntelStore.Held> referencing = store.referencing(Collection.INTEL, id, 500);
        List<JsonNode> referrers = referencing.stream().map(h -> JSON.readTree(h.object().json())).toList();
        Set<String> others = new java.util.LinkedHashSet<>();
        for (JsonNode r : referrers) {
            if ("relationship".equals(r.path("type").asString())) {
                others.add(r.path("source_ref").asString());
                others.add(r.path("target_ref").asString());
            }
        }
        List<String> refersTo = new ArrayList<>(org.concord.intel.stix.SharingPolicy.referencedIds(object));
        others.addAll(refersTo);
        others.remove(id);
        Map<String, JsonNode> named = new java.util.HashMap<>();
        List<String> wanted = others.stream().filter(o -> !o.isBlank()).limit(IntelQuery.MAX_LIMIT).toList();
        for (int i = 0; i < wanted.size(); i += 100) {
            List<String> chunk = wanted.subList(i, Math.min(wanted.size(), i + 100));
            store.find(IntelQuery.all(Collection.INTEL, chunk.size(), 0).withIds(chunk), Viewer.local()).items()
                    .forEach(s -> named.put(s.id(), JSON.readTree(s.json())));
        }
        List<Relation> relations = new ArrayList<>();
        List<Relation> containers = new ArrayList<>();
        for (JsonNode r : referrers) {
            String rid = r.path("id").asString();
            if ("relationship".equals(r.path("type").asString())) {
                boolean outgoing = id.equals(r.path("source_ref").asString());
                String other = outgoing ? r.path("target_ref").asString() : r.path("source_ref").asString();
                relations.add(relation(outgoing ? "to" : "from", r.path("relationship_type").asString(""), other, named, rid));
            } else {
                containers.add(new Relation("in", r.path("type").asString(), rid, displayName(r), r.path("type").asString(), rid));
            }
        }
        List<Relation> refs = new ArrayList<>();
        for (String ref : refersTo) {
            if (!ref.equals(id) && !Tlp.isStandardMarkingDefinition(ref)) {
                refs.add(relation("refers to", "", ref, named, null));
            }
        }
        if ("relationship".equals(object.path("type").asString())) {
            relations.add(relation("source", object.path("relationship_type").asString(""), object.path("source_ref").asString(), named, id));
            relations.add(relation("target", object.path("relationship_type").asString(""), object.path("target_ref").asString(), named, id));
        }
        relations.sort(Comparator.comparing(Relation::direction).reversed());
        model.addAttribute("relations", relations);
        model.addAttribute("containers", containers);
        model.addAttribute("refersTo", refs);
    }

    private static Relation relation(String direction, String kind, String other, Map<String, JsonNode> named, String via) {
        JsonNode o = named.get(other);
        return new Relation(direction, kind, other, o == null ? other : displayName(o), o == null ? "not held" : o.path("type").asString(), via);
    }

    /** What one partner would receive of this object: the TAXII server's read as that partner, and the policy's reason. */
    record PartnerView(String partner, boolean shared, String reason, String json) {
    }

    private List<PartnerView> partnerViews(String id) {
        List<PartnerView> views = new ArrayList<>();
        List<Partner> all = partners.all().stream().sorted(Comparator.comparing(p -> p.code().value())).toList();
        for (Partner partner : all) {
            // the same read as a partner's TAXII GET .../objects/{id}: IntelStore.find as Viewer.partner
            Optional<StoredObject> received = store.find(IntelQuery.all(Collection.INTEL, 1, 0).withIds(List.of(id)),
                    Viewer.partner(partner.code())).items().stream().findFirst();
            String reason = store.decision(Collection.INTEL, id, partner.code()).map(SharingDecision::reason).orElse("");
            views.add(new PartnerView(partner.code().value(), received.isPresent(), reason,
                    received.map(s -> PRETTY.writerWithDefaultPrettyPrinter().writeValueAsString(JSON.readTree(s.json()))).orElse(null)));
        }
        return views;
    }

    // ------------------------------------------------------------------ the form

    /** An error of the form or of an upload, as the validator gives it: the field, the rule, and the object it is in. */
    record FieldError(String object, String field, String rule) {
        public boolean at(String step, String name) {
            return field.equals(name);
        }

        public String explanation() {
            return rule;
        }
    }

    @PostMapping("/console/intel/objects")
    @PreAuthorize("hasRole('ANALYST')")
    String create(@RequestParam Map<String, String> form, Model model, Authentication user, HttpSession session,
            HttpServletResponse response, RedirectAttributes redirect) {
        if (!CaseController.takeFormId(session, form.get("formId"))) {
            redirect.addFlashAttribute("notice", "This form was already sent once; nothing more was stored.");
            return "redirect:/console/intel";
        }
        String type = form.getOrDefault("type", "");
        List<FieldError> errors = new ArrayList<>();
        ObjectNode object = null;
        try {
            object = build(type, form);
        } catch (InvalidInput e) {
            errors.add(new FieldError(null, e.field(), e.rule() + ": " + e.getMessage()));
        }
        if (object != null) {
            try {
                bundles.importObjects(List.of(object), new Origin.Local(Callers.of(user).auditName()), done -> { });
                redirect.addFlashAttribute("notice", "Stored " + type + " " + object.path("id").asString() + ".");
                return "redirect:/console/intel/objects/" + object.path("id").asString();
            } catch (RefusedObjects e) {
                e.refused().forEach(o -> errors.addAll(fieldErrors(o)));
            } catch (InvalidInput e) {
                errors.add(new FieldError(null, e.field(), e.rule() + ": " + e.getMessage()));
            }
        }
        response.setStatus(400);
        fillBrowse(model, null, null, null, 0);
        model.addAttribute("entered", form);
        model.addAttribute("errors", errors);
        List<String> shown = FORM_FIELDS.getOrDefault(type, List.of());
        model.addAttribute("error", errors.stream().filter(e -> shown.contains(e.field())).findFirst().orElse(null));
        model.addAttribute("otherErrors", errors.stream().filter(e -> !shown.contains(e.field())).toList());
        model.addAttribute("fieldErrors", errors.stream().filter(e -> shown.contains(e.field()))
                .collect(java.util.stream.Collectors.toMap(FieldError::field, e -> e, (a, b) -> a)));
        fillForms(model, user, session);
        return "console/intel";
    }

    /** The STIX object the form describes, made by this node (its identity as creator), now. */
    private ObjectNode build(String type, Map<String, String> form) {
        if (!FORM_FIELDS.containsKey(type)) {
            throw InvalidInput.notOneOf("type", type, List.copyOf(FORM_FIELDS.keySet()));
        }
        // always with the fraction STIX wants (Instant.toString drops a zero one)
        String now = STIX_TIME.format(Instant.now().truncatedTo(ChronoUnit.MILLIS));
        ObjectNode o = JSON.createObjectNode();
        o.put("type", type);
        o.put("spec_version", "2.1");
        o.put("id", type + "--" + UUID.randomUUID());
        o.put("created_by_ref", self.stixIdentityId());
        o.put("created", now);
        o.put("modified", now);
        List<String> fields = FORM_FIELDS.get(type);
        // what was typed goes as typed (a blank field left out): the validator, not the form, says what is wrong with it
        put(o, "name", form.get("name"));
        put(o, "description", form.get("description"));
        if (fields.contains("aliases")) {
            ArrayNode aliases = JSON.createArrayNode();
            lines(form.get("aliases")).forEach(aliases::add);
            if (!aliases.isEmpty()) {
                o.set("aliases", aliases);
            }
        }
        if (type.equals("location")) {
            number(o, "latitude", form.get("latitude"));
            number(o, "longitude", form.get("longitude"));
            put(o, "country", form.get("country"));
        }
        if (type.equals("report")) {
            put(o, "published", form.get("published") == null || form.get("published").isBlank() ? null : published(form.get("published")));
            ArrayNode refs = JSON.createArrayNode();
            lines(form.get("object_refs")).forEach(refs::add);
            o.set("object_refs", refs);
        }
        String marking = form.getOrDefault("marking", "");
        if (!marking.isBlank()) {
            Tlp tlp;
            try {
                tlp = Tlp.valueOf(marking);
            } catch (IllegalArgumentException e) {
                throw InvalidInput.notOneOf("marking", marking, Tlp.class);
            }
            o.set("object_marking_refs", JSON.createArrayNode().add(tlp.markingDefinitionId()));
        }
        return o;
    }

    /** A datetime-local value (the browser's, no zone) as UTC; anything else as typed. */
    private static String published(String value) {
        String v = value.strip();
        if (v.matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2})?")) {
            return (v.length() == 16 ? v + ":00" : v) + "Z";
        }
        return v;
    }

    private static void put(ObjectNode o, String field, String value) {
        if (value != null && !value.isBlank()) {
            o.put(field, value.strip());
        }
    }

    private static void number(ObjectNode o, String field, String value) {
        if (value == null || value.isBlank()) {
            return;
        }
        try {
            o.put(field, new java.math.BigDecimal(value.strip()));
        } catch (NumberFormatException e) {
            o.put(field, value.strip()); // the validator names the field and the type it wants
        }
    }

    private static List<String> lines(String value) {
        if (value == null) {
            return List.of();
        }
        return java.util.Arrays.stream(value.split("[\\n,]")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    private static final Pattern VIOLATION = Pattern.compile("(\\$[^:]*): (.*?)(?=; \\$|$)");

    /** The validator's refusals of one object, each with the top-level property it names. */
    static List<FieldError> fieldErrors(ObjectOutcome outcome) {
        List<FieldError> errors = new ArrayList<>();
        String message = outcome.message() == null ? "" : outcome.message();
        Matcher m = VIOLATION.matcher(message);
        while (m.find()) {
            errors.add(new FieldError(outcome.id(), field(m.group(1), m.group(2)), m.group(2)));
        }
        if (errors.isEmpty()) {
            errors.add(new FieldError(outcome.id(), "$", message));
        }
        return errors;
    }

    /** {@code $.name} and {@code $.aliases[0]} name their property; {@code $} with "required property 'x'" names x. */
    static String field(String path, String rule) {
        if (path.length() > 2) {
            String rest = path.substring(2);
            int end = rest.length();
            for (char c : new char[] {'.', '['}) {
                int at = rest.indexOf(c);
                if (at >= 0) {
                    end = Math.min(end, at);
                }
            }
            return rest.substring(0, end);
        }
        Matcher quoted = Pattern.compile("'([a-z_]+)'|\"([a-z_]+)\"").matcher(rule);
        if (quoted.find()) {
            return quoted.group(1) != null ? quoted.group(1) : quoted.group(2);
        }
        return "$";
    }
}
