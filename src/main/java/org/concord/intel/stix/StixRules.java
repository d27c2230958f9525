package org.concord.intel.stix;

import java.time.DateTimeException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;

/**
 * The rules of STIX 2.1 that the OASIS JSON schemas cannot express (their README lists them),
 * as far as one object can be judged alone:
 *
 * <ul>
 *   <li>{@code type} is a well-formed type name and not {@code bundle} (a bundle is a wrapper,
 *       not an object that is stored);</li>
 *   <li>{@code id} is {@code type--UUID} and its prefix equals {@code type} (section 2.9);</li>
 *   <li>the timestamp properties of the object are real instants in RFC 3339 with {@code Z}
 *       (section 2.14; the schema pattern lets 31 February through);</li>
 *   <li>{@code modified >= created} (section 3.2);</li>
 *   <li>every {@code *_ref} is an identifier and every {@code *_refs} a list of them
 *       (section 3.1), of an allowed type: {@code created_by_ref} an identity, marking
 *       references marking definitions, relationship endpoints SDOs, SCOs or custom objects,
 *       sighting references as section 5.2 says; none points at a bundle;</li>
 *   <li>granular marking selectors select content present in the object (section 7.2.3.1);</li>
 *   <li>a marking definition does not mark itself (section 7.2.2);</li>
 *   <li>{@code spec_version}, when present, is {@code "2.1"}: the OASIS schemas also admit
 *       {@code "2.0"}, which this node does not store (a 2.0 object differs in meaning, e.g. its
 *       markings and identifiers, and would be passed on as if it were 2.1);</li>
 *   <li>with the store's help ({@link #checkMarkingsKnown}): every marking reference names a
 *       standard TLP marking definition (2.0, or 1.0 of section 7.2.1.4) or one held or in the
 *       same batch, so that an unknown marking cannot ride along unseen by the sharing policy.</li>
 * </ul>
 *
 * Timestamps are checked at the top level of the object only: nested custom properties are
 * not ours to police. The deprecated {@code objects} property of {@code observed-data} uses
 * local keys ("0", "1") as references and is skipped.
 */
final class StixRules {

    static final Set<String> TIMESTAMP_PROPERTIES = Set.of(
            "account_created", "account_expires", "account_first_login", "account_last_login",
            "analysis_ended", "analysis_started", "atime", "created", "created_time",
            "credential_last_changed", "ctime", "date", "end", "first_observed", "first_seen",
            "last_observed", "last_seen", "modified", "modified_time", "mtime", "object_modified",
            "private_key_usage_period_not_after", "private_key_usage_period_not_before", "published",
            "start", "start_time", "stop_time", "submitted", "time_date_stamp", "valid_from",
            "valid_until", "validity_not_after", "validity_not_before");

    private static final Pattern RFC3339_UTC =
            Pattern.compile("^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?Z$");

    private record RefRule(String allowed, Predicate<String> accepts) {
    }

    private static final RefRule ANY = new RefRule("any object type but bundle", t -> !StixTypes.BUNDLE.equals(t));
    private static final RefRule IDENTITY = new RefRule("identity", StixTypes.IDENTITY::equals);
    private static final RefRule MARKING = new RefRule("marking-definition", StixTypes.MARKING_DEFINITION::equals);
    private static final RefRule RELATABLE = new RefRule("an SDO, SCO or custom object", StixTypes::isRelatable);

    /** Per object type, the top-level reference properties whose target type is constrained. */
    private static final Map<String, Map<String, RefRule>> TOP_LEVEL_REFS = Map.of(
            "relationship", Map.of("source_ref", RELATABLE, "target_ref", RELATABLE),
            "sighting", Map.of(
                    "sighting_of_ref", new RefRule("an SDO or custom object",
                            t -> StixTypes.isRelatable(t) && !StixTypes.SCOS.contains(t)),
                    "observed_data_refs", new RefRule("observed-data", "observed-data"::equals),
                    "where_sighted_refs", new RefRule("identity or location",
                            t -> t.equals("identity") || t.equals("location"))));

    private StixRules() {
    }

    /** Adds to {@code out} a violation for every rule above that {@code object} breaks. */
    static void check(JsonNode object, String objectId, List<Violation> out) {
        String type = object.path("type").isString() ? object.path("type").stringValue() : null;
        if (type == null) {
            out.add(new Violation(objectId, "$.type", "type is required and must be a string"));
        } else if (StixTypes.BUNDLE.equals(type)) {
            out.add(new Violation(objectId, "$.type", "a bundle is a wrapper, not a STIX object; send its objects"));
        } else if (!StixTypes.isWellFormedTypeName(type)) {
            out.add(new Violation(objectId, "$.type", "type must be 3-250 characters of a-z, 0-9 and single hyphens"));
        }
        checkId(object, type, objectId, out);
        JsonNode specVersion = object.get("spec_version");
        if (specVersion != null && !(specVersion.isString() && SPEC_VERSION.equals(specVersion.stringValue()))) {
            out.add(new Violation(objectId, "$.spec_version", "spec_version must be \"" + SPEC_VERSION
                    + "\": this node stores STIX 2.1 objects only, got " + specVersion));
        }
        Instant created = checkTimestamps(object, objectId, out);
        checkReferences(object, type, objectId, "$", true, out);
        checkGranularSelectors(object, objectId, out);
        checkMarkingSelfReference(object, type, objectId, out);
        checkSourceReliability(object, objectId, out);
        if (created != null) {
            Instant modified = instantOrNull(object.path("modified"));
            if (modified != null && modified.isBefore(created)) {
                out.add(new Violation(objectId, "$.modified", "modified must not be earlier than created"));
            }
        }
    }

    static final String SPEC_VERSION = "2.1";

    /**
     * Every marking reference names a marking definition {@code known} accepts: the standard TLP
     * ones (2.0 and 1.0), or one this node holds or receives in the same batch.
     */
    static void checkMarkingsKnown(JsonNode object, String objectId, Predicate<String> known, List<Violation> out) {
        JsonNode refs = object.path("object_marking_refs");
        for (int i = 0; i < refs.size(); i++) {
            checkMarkingKnown(refs.get(i), "$.object_marking_refs[" + i + "]", objectId, known, out);
        }
        JsonNode granular = object.path("granular_markings");
        for (int i = 0; i < granular.size(); i++) {
            if (granular.get(i).has("marking_ref")) {
                checkMarkingKnown(granular.get(i).path("marking_ref"), "$.granular_markings[" + i + "].marking_ref", objectId, known, out);
            }
        }
    }

    private static void checkMarkingKnown(JsonNode ref, String path, String objectId, Predicate<String> known, List<Violation> out) {
        if (ref.isString() && StixIds.isIdentifier(ref.stringValue()) && !Tlp.isStandardMarkingDefinition(ref.stringValue())
                && !known.test(ref.stringValue())) {
            out.add(new Violation(objectId, path, "marking " + ref.stringValue() + " is unknown: a marking reference must name a"
                    + " TLP 2.0 marking definition or a marking-definition this node holds or receives in the same batch"));
        }
    }

    /** The custom property this project uses for the Admiralty source-reliability grade. */
    static final String RELIABILITY = "x_concord_source_reliability";

    /**
     * Source reliability, on the Admiralty (NATO STANAG 2511) scale: A completely reliable, B usually
     * reliable, C fairly reliable, D not usually reliable, E unreliable, F cannot be judged. STIX 2.1
     * has {@code confidence} (0-100, checked by the schema) but no property for the reliability of
     * the source, so it is carried as a custom property and checked here.
     */
    private static void checkSourceReliability(JsonNode object, String objectId, List<Violation> out) {
        JsonNode reliability = object.get(RELIABILITY);
        if (reliability != null && !(reliability.isString() && reliability.stringValue().matches("[A-F]"))) {
            out.add(new Violation(objectId, "$." + RELIABILITY, "source reliability must be one letter of the Admiralty scale, A to F"));
        }
    }

    private static void checkId(JsonNode object, String type, String objectId, List<Violation> out) {
        JsonNode id = object.path("id");
        if (!id.isString()) {
            out.add(new Violation(objectId, "$.id", "id is required and must be a string"));
            return;
        }
        String idType = StixIds.typeOf(id.stringValue());
        if (idType == null) {
            out.add(new Violation(objectId, "$.id", "id must be an identifier: type--UUID (RFC 4122)"));
        } else if (type != null && !idType.equals(type)) {
            out.add(new Violation(objectId, "$.id",
                    "id prefix '" + idType + "' must equal the object type '" + type + "'"));
        }
    }

    /** Checks every top-level timestamp; returns {@code created} when it is valid, else null. */
    private static Instant checkTimestamps(JsonNode object, String objectId, List<Violation> out) {
        for (Map.Entry<String, JsonNode> property : object.properties()) {
            if (TIMESTAMP_PROPERTIES.contains(property.getKey())
                    && instantOrNull(property.getValue()) == null) {
                out.add(new Violation(objectId, "$." + property.getKey(),
                        "timestamp must be RFC 3339 in UTC ending in Z, e.g. 2024-01-18T04:30:00.000Z"));
            }
        }
        return instantOrNull(object.path("created"));
    }

    /** The instant of a STIX timestamp, or null when the node is not one. */
    static Instant instantOrNull(JsonNode node) {
        if (!node.isString()) {
            return null;
        }
        String text = node.stringValue();
        if (!RFC3339_UTC.matcher(text).matches()) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeException e) {
            return null;
        }
    }

    private static void checkReferences(JsonNode node, String type, String objectId, String path,
            boolean topLevel, List<Violation> out) {
        if (node.isArray()) {
            int i = 0;
            for (JsonNode item : node) {
                checkReferences(item, type, objectId, path + "[" + i++ + "]", false, out);
            }
            return;
        }
        if (!node.isObject()) {
            return;
        }
        for (Map.Entry<String, JsonNode> property : node.properties()) {
            String name = property.getKey();
            JsonNode value = property.getValue();
            String here = path + "." + name;
            if (topLevel && "observed-data".equals(type) && name.equals("objects")) {
                continue;
            }
            if (name.endsWith("_ref")) {
                checkReference(value, ruleFor(name, type, topLevel), objectId, here, out);
            } else if (name.endsWith("_refs")) {
                if (!value.isArray()) {
                    out.add(new Violation(objectId, here, name + " must be a list of identifiers"));
                    continue;
                }
                RefRule rule = ruleFor(name, type, topLevel);
                int i = 0;
                for (JsonNode item : value) {
                    checkReference(item, rule, objectId, here + "[" + i++ + "]", out);
                }
            } else {
                checkReferences(value, type, objectId, here, false, out);
            }
        }
    }

    private static RefRule ruleFor(String property, String type, boolean topLevel) {
        if (property.equals("created_by_ref")) {
            return IDENTITY;
        }
        if (property.equals("object_marking_refs") || property.equals("marking_ref")) {
            return MARKING;
        }
        if (topLevel && type != null) {
            return TOP_LEVEL_REFS.getOrDefault(type, Map.of()).getOrDefault(property, ANY);
        }
        return ANY;
    }

    private static void checkReference(JsonNode value, RefRule rule, String objectId, String path,
            List<Violation> out) {
        String referenced = value.isString() ? StixIds.typeOf(value.stringValue()) : null;
        if (referenced == null) {
            out.add(new Violation(objectId, path, "a reference must be an identifier: type--UUID"));
        } else if (!rule.accepts().test(referenced)) {
            out.add(new Violation(objectId, path,
                    "must reference " + rule.allowed() + ", not " + referenced));
        }
    }

    private static void checkGranularSelectors(JsonNode object, String objectId, List<Violation> out) {
        JsonNode granular = object.path("granular_markings");
        if (!granular.isArray()) {
            return;
        }
        for (int g = 0; g < granular.size(); g++) {
            JsonNode selectors = granular.get(g).path("selectors");
            if (!selectors.isArray()) {
                continue;
            }
            for (int s = 0; s < selectors.size(); s++) {
                JsonNode selector = selectors.get(s);
                if (selector.isString() && GranularSelector.select(object, selector.stringValue()) == null) {
                    out.add(new Violation(objectId, "$.granular_markings[" + g + "].selectors[" + s + "]",
                            "selector '" + selector.stringValue() + "' selects nothing in this object"));
                }
            }
        }
    }

    private static void checkMarkingSelfReference(JsonNode object, String type, String objectId,
            List<Violation> out) {
        if (!StixTypes.MARKING_DEFINITION.equals(type) || !object.path("id").isString()) {
            return;
        }
        String id = object.path("id").stringValue();
        JsonNode refs = object.path("object_marking_refs");
        for (int i = 0; i < refs.size(); i++) {
            if (id.equals(refs.get(i).asString(""))) {
                out.add(new Violation(objectId, "$.object_marking_refs[" + i + "]",
                        "a marking definition must not mark itself"));
            }
        }
        JsonNode granular = object.path("granular_markings");
        for (int i = 0; i < granular.size(); i++) {
            if (id.equals(granular.get(i).path("marking_ref").asString(""))) {
                out.add(new Violation(objectId, "$.granular_markings[" + i + "].marking_ref",
                        "a marking definition must not mark itself"));
            }
        }
    }
}
