package org.concord.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The best-practice ("SHOULD") checks of the OASIS STIX validator, stix2-validator 3.1.4, that a
 * Concord export can meet or miss, written again from STIX 2.1 (not from the validator's code) so
 * that a test can run them without Python. Each warning carries the validator's check name:
 *
 * <ul>
 *   <li>{@code uuid-check} (code 103): SDOs, SROs, meta objects and the bundle have UUIDv4 ids;
 *       SCOs (but {@code process}) have UUIDv5 ones (section 2.9);</li>
 *   <li>{@code extensions-use} (code 401): custom content only through extensions (section 7.3):
 *       a custom object type declares a {@code new-sdo}/{@code new-sco}/{@code new-sro} extension;
 *       a property that the spec does not define for the object's type (the OASIS schema of the
 *       type says which, {@code src/main/resources/stix/schemas}) appears only under
 *       {@code extensions}, unless the object has a {@code toplevel-property-extension}; a custom
 *       marking-definition uses {@code extensions};</li>
 *   <li>{@code relationship-types} (code 202): a relationship's type is one the spec suggests for
 *       its source and target types (section 4, per SDO; Appendix B), or one of the common
 *       {@code derived-from}, {@code duplicate-of}, {@code related-to};</li>
 *   <li>{@code duplicate-ids}: no two objects share id and {@code modified};</li>
 *   <li>{@code extension-description}, {@code extension-properties}: an extension-definition has a
 *       description, and one of a {@code toplevel-property-extension} names its properties;</li>
 *   <li>the open vocabularies Concord's objects use ({@code identity-class}, {@code industry-sector},
 *       {@code report-types}, section 10).</li>
 * </ul>
 */
public final class StixBestPractices {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** One warning: the validator's check name, the object and what is wrong. */
    public record Warning(String check, String objectId, String message) {
        @Override
        public String toString() {
            return "{" + check + "} " + objectId + ": " + message;
        }
    }

    /** STIX 2.1 section 6: the cyber-observable types. */
    static final Set<String> SCO_TYPES = Set.of("artifact", "autonomous-system", "directory", "domain-name", "email-addr",
            "email-message", "file", "ipv4-addr", "ipv6-addr", "mac-addr", "mutex", "network-traffic", "process", "software", "url",
            "user-account", "windows-registry-key", "x509-certificate");

    /** Sections 4, 5, 7: every other type the spec defines, with the folder of its OASIS schema. */
    static final Map<String, String> SPEC_TYPES = specTypes();

    /** Section 4.1: relationship types every object may have. */
    static final Set<String> COMMON_RELATIONSHIPS = Set.of("derived-from", "duplicate-of", "related-to");

    /** Types a relationship's type is never checked for: the validator skips them. */
    static final Set<String> NOT_SDOS = Set.of("bundle", "language-content", "marking-definition", "sighting", "relationship",
            "extension-definition");

    /** Sections 4.x ("Relationships" of each SDO) and 6 (SCO relationships): source → type → targets. */
    static final Map<String, Map<String, Set<String>>> SUGGESTED = suggested();

    static final Set<String> IDENTITY_CLASSES = Set.of("individual", "group", "system", "organization", "class", "unknown");
    static final Set<String> INDUSTRY_SECTORS = Set.of("agriculture", "aerospace", "automotive", "chemical", "commercial",
            "communications", "construction", "defense", "education", "energy", "entertainment", "financial-services",
            "government", "emergency-services", "government-local", "government-national", "government-public-services",
            "government-regional", "healthcare", "hospitality-leisure", "infrastructure", "dams", "nuclear", "water", "insurance",
            "manufacturing", "mining", "non-profit", "pharmaceuticals", "retail", "technology", "telecommunications",
            "transportation", "utilities");
    static final Set<String> REPORT_TYPES = Set.of("threat-report", "attack-pattern", "campaign", "identity", "indicator",
            "intrusion-set", "malware", "observed-data", "threat-actor", "tool", "vulnerability");

    private static final Map<String, Set<String>> PROPERTIES = new HashMap<>();

    private StixBestPractices() {
    }

    /** Every warning for a bundle (its id and objects). */
    public static List<Warning> check(JsonNode bundle) {
        List<Warning> warnings = new ArrayList<>();
        uuidCheck(bundle, warnings);
        Map<String, Set<String>> versions = new HashMap<>();
        for (JsonNode object : bundle.path("objects")) {
            String id = object.path("id").asString("");
            if (object.has("modified") && !versions.computeIfAbsent(id, k -> new HashSet<>()).add(object.path("modified").asString(""))) {
                warnings.add(new Warning("duplicate-ids", id, "another object has this id and modified"));
            }
            warnings.addAll(checkObject(object));
        }
        return warnings;
    }

    /** Every warning for one object. */
    public static List<Warning> checkObject(JsonNode object) {
        List<Warning> warnings = new ArrayList<>();
        uuidCheck(object, warnings);
        extensionsUse(object, warnings);
        relationshipTypes(object, warnings);
        extensionDefinition(object, warnings);
        vocabulary(object, "identity", "identity_class", IDENTITY_CLASSES, "identity-class", warnings);
        vocabulary(object, "identity", "sectors", INDUSTRY_SECTORS, "industry-sector", warnings);
        vocabulary(object, "report", "report_types", REPORT_TYPES, "report-types", warnings);
        return warnings;
    }

    private static void uuidCheck(JsonNode object, List<Warning> warnings) {
        String type = object.path("type").asString("");
        String id = object.path("id").asString("");
        int at = id.indexOf("--");
        if (at < 0) {
            return;
        }
        UUID uuid;
        try {
            uuid = UUID.fromString(id.substring(at + 2));
        } catch (IllegalArgumentException e) {
            return; // not an identifier: the schemas refuse it
        }
        boolean observable = SCO_TYPES.contains(type) && !type.equals("process");
        int wanted = observable ? 5 : 4;
        if (uuid.version() != wanted) {
            warnings.add(new Warning("uuid-check", id, "a " + (observable ? "cyber-observable" : "non-observable")
                    + " object's id should be a UUIDv" + wanted + ", not v" + uuid.version()));
        }
    }

    private static Set<String> extensionTypes(JsonNode object) {
        Set<String> types = new HashSet<>();
        object.path("extensions").forEach(extension -> types.add(extension.path("extension_type").asString("")));
        return types;
    }

    private static void extensionsUse(JsonNode object, List<Warning> warnings) {
        String type = object.path("type").asString("");
        String id = object.path("id").asString("");
        Set<String> extensionTypes = extensionTypes(object);
        boolean known = SPEC_TYPES.containsKey(type) || SCO_TYPES.contains(type) || type.equals("action");
        if (!known) {
            if (!extensionTypes.contains("new-sdo") && !extensionTypes.contains("new-sco") && !extensionTypes.contains("new-sro")) {
                warnings.add(new Warning("extensions-use", id, "custom object type '" + type
                        + "' should be declared by an extension of type new-sdo, new-sco or new-sro"));
            }
            return;
        }
        Set<String> defined = properties(type);
        if (!extensionTypes.contains("toplevel-property-extension")) {
            object.propertyNames().forEach(name -> {
                if (!defined.contains(name) && !Set.of("severity", "username", "phone_numbers", "action").contains(name)) {
                    warnings.add(new Warning("extensions-use", id, "custom property '" + name
                            + "' should be in a property-extension or a toplevel-property-extension"));
                }
            });
        }
        if (type.equals("marking-definition") && !object.has("extensions")
                && !Set.of("statement", "tlp").contains(object.path("definition_type").asString(""))) {
            warnings.add(new Warning("extensions-use", id, "a custom marking definition should use 'extensions'"));
        }
    }

    private static void relationshipTypes(JsonNode object, List<Warning> warnings) {
        if (!object.path("type").asString("").equals("relationship")) {
            return;
        }
        String id = object.path("id").asString("");
        String relationship = object.path("relationship_type").asString("");
        String source = typeOf(object.path("source_ref").asString(""));
        String target = typeOf(object.path("target_ref").asString(""));
        if (source == null || target == null || COMMON_RELATIONSHIPS.contains(relationship) || NOT_SDOS.contains(source)
                || NOT_SDOS.contains(target)) {
            return;
        }
        Map<String, Set<String>> bySource = SUGGESTED.get(source);
        if (bySource == null) {
            warnings.add(new Warning("relationship-types", id, "'" + source + "' is not a suggested source of '" + relationship + "'"));
        } else if (!bySource.containsKey(relationship)) {
            warnings.add(new Warning("relationship-types", id, "'" + relationship + "' is not a suggested relationship of " + source));
        } else if (!bySource.get(relationship).contains(target)) {
            warnings.add(new Warning("relationship-types", id, "'" + target + "' is not a suggested target of " + source + " "
                    + relationship));
        }
    }

    private static void extensionDefinition(JsonNode object, List<Warning> warnings) {
        if (!object.path("type").asString("").equals("extension-definition")) {
            return;
        }
        String id = object.path("id").asString("");
        if (!object.has("description")) {
            warnings.add(new Warning("extension-description", id, "an extension-definition should have a description"));
        }
        boolean toplevel = false;
        for (JsonNode type : object.path("extension_types")) {
            toplevel |= type.asString("").equals("toplevel-property-extension");
        }
        if (toplevel && !object.has("extension_properties")) {
            warnings.add(new Warning("extension-properties", id, "a toplevel-property-extension should name its extension_properties"));
        }
    }

    private static void vocabulary(JsonNode object, String type, String property, Set<String> vocabulary, String check,
            List<Warning> warnings) {
        if (!object.path("type").asString("").equals(type) || !object.has(property)) {
            return;
        }
        JsonNode value = object.path(property);
        List<String> values = new ArrayList<>();
        if (value.isArray()) {
            value.forEach(v -> values.add(v.asString("")));
        } else {
            values.add(value.asString(""));
        }
        for (String v : values) {
            if (!vocabulary.contains(v)) {
                warnings.add(new Warning(check, object.path("id").asString(""), property + " '" + v + "' is not in the vocabulary"));
            }
        }
    }

    private static String typeOf(String id) {
        int at = id.indexOf("--");
        return at < 0 ? null : id.substring(0, at);
    }

    /** The top-level properties the OASIS schema of {@code type} defines, with those of the schemas it builds on. */
    static synchronized Set<String> properties(String type) {
        return PROPERTIES.computeIfAbsent(type, t -> {
            Set<String> names = new LinkedHashSet<>();
            String folder = SCO_TYPES.contains(t) ? "observables" : SPEC_TYPES.get(t);
            collectProperties(folder + "/" + t + ".json", names, new HashSet<>());
            return names;
        });
    }

    private static void collectProperties(String file, Set<String> names, Set<String> seen) {
        if (!seen.add(file)) {
            return;
        }
        JsonNode schema = schema(file);
        collectFrom(schema, file, names, seen);
    }

    private static void collectFrom(JsonNode schema, String file, Set<String> names, Set<String> seen) {
        schema.path("properties").propertyNames().forEach(names::add);
        for (String combinator : List.of("allOf", "anyOf", "oneOf")) {
            for (JsonNode part : schema.path(combinator)) {
                collectFrom(part, file, names, seen);
            }
        }
        String ref = schema.path("$ref").asString(null);
        if (ref != null && !ref.startsWith("#")) {
            String folder = file.substring(0, file.lastIndexOf('/'));
            String target = ref.startsWith("../") ? ref.substring(3) : folder + "/" + ref;
            collectProperties(target, names, seen);
        }
    }

    private static JsonNode schema(String file) {
        String resource = "stix/schemas/" + file;
        try (InputStream in = StixBestPractices.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no OASIS schema " + resource);
            }
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, String> specTypes() {
        Map<String, String> types = new HashMap<>();
        for (String sdo : List.of("attack-pattern", "campaign", "course-of-action", "grouping", "identity", "incident", "indicator",
                "infrastructure", "intrusion-set", "location", "malware", "malware-analysis", "note", "observed-data", "opinion",
                "report", "threat-actor", "tool", "vulnerability")) {
            types.put(sdo, "sdos");
        }
        types.put("relationship", "sros");
        types.put("sighting", "sros");
        for (String meta : List.of("marking-definition", "language-content", "extension-definition")) {
            types.put(meta, "common");
        }
        return Map.copyOf(types);
    }

    private static Map<String, Map<String, Set<String>>> suggested() {
        Set<String> scos = SCO_TYPES;
        Set<String> infrastructureParts = new HashSet<>(scos);
        infrastructureParts.add("infrastructure");
        infrastructureParts.add("observed-data");
        Set<String> useful = Set.of("attack-pattern", "infrastructure", "malware", "tool");
        Set<String> targets = Set.of("identity", "location", "vulnerability");
        Map<String, Map<String, Set<String>>> s = new HashMap<>();
        s.put("attack-pattern", Map.of("delivers", Set.of("malware"), "targets", targets, "uses", Set.of("malware", "tool")));
        s.put("campaign", Map.of("attributed-to", Set.of("intrusion-set", "threat-actor"), "compromises", Set.of("infrastructure"),
                "originates-from", Set.of("location"), "targets", targets, "uses", useful));
        s.put("course-of-action", Map.of("investigates", Set.of("indicator"),
                "mitigates", Set.of("attack-pattern", "indicator", "malware", "tool", "vulnerability"),
                "remediates", Set.of("malware", "vulnerability")));
        s.put("identity", Map.of("located-at", Set.of("location")));
        s.put("indicator", Map.of("indicates", Set.of("attack-pattern", "campaign", "infrastructure", "intrusion-set", "malware",
                "threat-actor", "tool"), "based-on", Set.of("observed-data")));
        s.put("infrastructure", Map.of("communicates-with", Set.of("infrastructure", "ipv4-addr", "ipv6-addr", "domain-name", "url"),
                "consists-of", infrastructureParts, "controls", Set.of("infrastructure", "malware"), "delivers", Set.of("malware"),
                "has", Set.of("vulnerability"), "hosts", Set.of("tool", "malware"), "located-at", Set.of("location"),
                "uses", Set.of("infrastructure")));
        s.put("intrusion-set", Map.of("attributed-to", Set.of("threat-actor"), "compromises", Set.of("infrastructure"),
                "hosts", Set.of("infrastructure"), "owns", Set.of("infrastructure"), "originates-from", Set.of("location"),
                "targets", targets, "uses", useful));
        s.put("malware", Map.ofEntries(Map.entry("authored-by", Set.of("threat-actor", "intrusion-set")),
                Map.entry("beacons-to", Set.of("infrastructure")), Map.entry("exfiltrates-to", Set.of("infrastructure")),
                Map.entry("communicates-with", Set.of("ipv4-addr", "ipv6-addr", "domain-name", "url")),
                Map.entry("controls", Set.of("malware")), Map.entry("downloads", Set.of("malware", "file", "tool")),
                Map.entry("drops", Set.of("malware", "file", "tool")), Map.entry("exploits", Set.of("vulnerability")),
                Map.entry("originates-from", Set.of("location")), Map.entry("targets", Set.of("identity", "infrastructure", "location")),
                Map.entry("uses", useful), Map.entry("variant-of", Set.of("malware"))));
        s.put("malware-analysis", Map.of("characterizes", Set.of("malware"), "analysis-of", Set.of("malware"),
                "static-analysis-of", Set.of("malware"), "dynamic-analysis-of", Set.of("malware")));
        s.put("threat-actor", Map.of("attributed-to", Set.of("identity"), "compromises", Set.of("infrastructure"),
                "hosts", Set.of("infrastructure"), "owns", Set.of("infrastructure"), "impersonates", Set.of("identity"),
                "located-at", Set.of("location"), "targets", targets, "uses", useful));
        s.put("tool", Map.of("delivers", Set.of("malware"), "drops", Set.of("malware"), "has", Set.of("vulnerability"),
                "targets", Set.of("identity", "infrastructure", "location", "vulnerability"), "uses", Set.of("infrastructure")));
        s.put("domain-name", Map.of("resolves-to", Set.of("domain-name", "ipv4-addr", "ipv6-addr")));
        s.put("ipv4-addr", Map.of("resolves-to", Set.of("mac-addr"), "belongs-to", Set.of("autonomous-system")));
        s.put("ipv6-addr", Map.of("resolves-to", Set.of("mac-addr"), "belongs-to", Set.of("autonomous-system")));
        return Map.copyOf(s);
    }
}
