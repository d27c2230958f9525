package org.concord.intel.stix;

import java.time.DateTimeException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import org.concord.party.ConcordProperties;

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
 *   <li>every reference property STIX 2.1 defines ({@link #SPEC_REFS}: {@code created_by_ref},
 *       marking references, relationship and sighting ends, container and SCO references) is an
 *       identifier, or a list of them for {@code *_refs}, of an allowed type: {@code created_by_ref}
 *       an identity, marking references marking definitions, relationship endpoints SDOs, SCOs or
 *       custom objects, sighting references as section 5.2 says; none points at a bundle. In this
 *       project's own types ({@code x-concord-*}) every {@code *_ref} and {@code *_refs}, at any
 *       depth, is held to the same. Other custom properties ending in {@code _ref} are not: STIX
 *       2.1 does not require them to hold identifiers (the sharing policy follows those that do);</li>
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
        checkReferences(object, type, objectId, out);
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
        // not a list: the schema names it; these rules read lists only (an object's size is its number of fields)
        JsonNode refs = object.path("object_marking_refs");
        for (int i = 0; refs.isArray() && i < refs.size(); i++) {
            checkMarkingKnown(refs.get(i), "$.object_marking_refs[" + i + "]", objectId, known, out);
        }
        JsonNode granular = object.path("granular_markings");
        for (int i = 0; granular.isArray() && i < granular.size(); i++) {
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

    /**
     * Source reliability, on the Admiralty (NATO STANAG 2511) scale: A completely reliable, B usually
     * reliable, C fairly reliable, D not usually reliable, E unreliable, F cannot be judged. STIX 2.1
     * has {@code confidence} (0-100, checked by the schema) but no property for the reliability of
     * the source, so it is carried in Concord's property extension ({@link ConcordProperties}), or
     * in objects written before issue 10 as the top-level {@code x_concord_source_reliability}; both
     * are checked here, as is the extension's {@code extension_type}.
     */
    private static void checkSourceReliability(JsonNode object, String objectId, List<Violation> out) {
        JsonNode extension = object.path("extensions").get(ConcordProperties.EXTENSION_ID);
        if (extension != null) {
            String path = "$.extensions['" + ConcordProperties.EXTENSION_ID + "']";
            if (!"property-extension".equals(extension.path("extension_type").asString(""))) {
                out.add(new Violation(objectId, path + ".extension_type", "Concord's properties are a property-extension"));
            }
            checkGrade(extension.get(ConcordProperties.SOURCE_RELIABILITY), objectId, path + "." + ConcordProperties.SOURCE_RELIABILITY, out);
        }
        checkGrade(object.get(ConcordProperties.LEGACY_SOURCE_RELIABILITY), objectId, "$." + ConcordProperties.LEGACY_SOURCE_RELIABILITY, out);
    }

    private static void checkGrade(JsonNode reliability, String objectId, String path, List<Violation> out) {
        if (reliability != null && !(reliability.isString() && reliability.stringValue().length() == 1
                && reliability.stringValue().charAt(0) >= 'A' && reliability.stringValue().charAt(0) <= 'F')) {
            out.add(new Violation(objectId, path, "source reliability must be one letter of the Admiralty scale, A to F"));
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
                    "id prefix '" + idType + "' must equal the object type '" + oneLine(type) + "'"));
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

    /**
     * The instant of a STIX timestamp, or null when the node is not one: text of the form
     * {@code YYYY-MM-DDTHH:MM:SS(.s+)?Z} that {@link Instant#parse} takes, read by hand with the same
     * answer (issue 13: the pattern and the formatter were a twelfth of the node's CPU in TAXII ingest).
     * As {@code Instant.parse}: at most nine digits of fraction, {@code 24:00:00} is the next day's
     * midnight, {@code 23:59:60} is read as {@code 23:59:59}, and the date must exist.
     * {@code StixTimestampsProperties} holds it to the pattern and {@code Instant.parse}.
     */
    static Instant instantOrNull(JsonNode node) {
        return node.isString() ? instantOfText(node.stringValue()) : null;
    }

    static Instant instantOfText(String text) {
        int n = text.length();
        if (n < 20 || text.charAt(n - 1) != 'Z' || text.charAt(4) != '-' || text.charAt(7) != '-' || text.charAt(10) != 'T'
                || text.charAt(13) != ':' || text.charAt(16) != ':' || n > 20 && (n < 22 || text.charAt(19) != '.')) {
            return null;
        }
        int year = 0;
        for (int i = 0; i < 4; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return null;
            }
            year = year * 10 + (c - '0');
        }
        int month = twoDigits(text, 5);
        int day = twoDigits(text, 8);
        int hour = twoDigits(text, 11);
        int minute = twoDigits(text, 14);
        int second = twoDigits(text, 17);
        if (month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0) {
            return null;
        }
        int nano = 0;
        int digits = n > 20 ? n - 21 : 0;
        for (int i = 20; i < n - 1; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return null;
            }
            if (i < 29) {
                nano = nano * 10 + (c - '0');
            }
        }
        if (digits > 9) {
            return null; // the shape, but more digits than Instant.parse reads
        }
        for (int i = digits; i < 9; i++) {
            nano *= 10;
        }
        int days = 0;
        if (hour == 24 && minute == 0 && second == 0 && nano == 0) {
            hour = 0;
            days = 1;
        } else if (hour == 23 && minute == 59 && second == 60) {
            second = 59;
        }
        try {
            return Instant.ofEpochSecond(java.time.LocalDateTime.of(year, month, day, hour, minute, second, 0).plusDays(days)
                    .toEpochSecond(java.time.ZoneOffset.UTC), nano);
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** The two decimal digits at {@code at} as a number, or -1. */
    private static int twoDigits(String text, int at) {
        char a = text.charAt(at);
        char b = text.charAt(at + 1);
        return a >= '0' && a <= '9' && b >= '0' && b <= '9' ? (a - '0') * 10 + (b - '0') : -1;
    }

    /** The answer {@link #instantOfText(String)} must give: the pattern, then {@code Instant.parse} (tests only). */
    static Instant instantOrNullByParse(String text) {
        if (!RFC3339_UTC.matcher(text).matches()) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeException e) {
            return null;
        }
    }

    /**
     * The reference properties STIX 2.1 defines, per object type, beyond the common
     * {@code created_by_ref} and {@code object_marking_refs} (sections 4 to 7): only these, with
     * {@code granular_markings[].marking_ref}, {@code body_multipart[].body_raw_ref} of an email
     * message and the references of the predefined SCO extensions ({@link #SPEC_EXTENSION_REFS}),
     * must hold identifiers. A custom property whose name ends in {@code _ref} need not: section
     * 3.1 asks identifier-valued properties to end in {@code _ref}, not the converse, and the
     * OASIS validator accepts e.g. MITRE ATT&amp;CK's {@code "x_mitre_data_source_ref": ""}.
     */
    static final Map<String, Set<String>> SPEC_REFS = Map.ofEntries(
            Map.entry("grouping", Set.of("object_refs")),
            Map.entry("note", Set.of("object_refs")),
            Map.entry("opinion", Set.of("object_refs")),
            Map.entry("report", Set.of("object_refs")),
            Map.entry("observed-data", Set.of("object_refs")),
            Map.entry("malware", Set.of("operating_system_refs", "sample_refs")),
            Map.entry("malware-analysis", Set.of("host_vm_ref", "operating_system_ref", "installed_software_refs",
                    "analysis_sco_refs", "sample_ref")),
            Map.entry("relationship", Set.of("source_ref", "target_ref")),
            Map.entry("sighting", Set.of("sighting_of_ref", "observed_data_refs", "where_sighted_refs")),
            Map.entry("language-content", Set.of("object_ref")),
            Map.entry("directory", Set.of("contains_refs")),
            Map.entry("domain-name", Set.of("resolves_to_refs")),
            Map.entry("email-addr", Set.of("belongs_to_ref")),
            Map.entry("email-message", Set.of("from_ref", "sender_ref", "to_refs", "cc_refs", "bcc_refs", "raw_email_ref")),
            Map.entry("file", Set.of("parent_directory_ref", "contains_refs", "content_ref")),
            Map.entry("ipv4-addr", Set.of("resolves_to_refs", "belongs_to_refs")),
            Map.entry("ipv6-addr", Set.of("resolves_to_refs", "belongs_to_refs")),
            Map.entry("network-traffic", Set.of("src_ref", "dst_ref", "src_payload_ref", "dst_payload_ref",
                    "encapsulates_refs", "encapsulated_by_ref")),
            Map.entry("process", Set.of("opened_connection_refs", "creator_user_ref", "image_ref", "parent_ref", "child_refs")),
            Map.entry("windows-registry-key", Set.of("creator_user_ref")));

    /** The reference properties of the predefined SCO extensions (section 6), by extension name. */
    static final Map<String, Set<String>> SPEC_EXTENSION_REFS = Map.of(
            "archive-ext", Set.of("contains_refs"),
            "http-request-ext", Set.of("message_body_data_ref"),
            "windows-service-ext", Set.of("service_dll_refs"));

    /** The common reference properties every object may have, custom objects included (section 3.2). */
    private static final Set<String> COMMON_REFS = Set.of("created_by_ref", "object_marking_refs");

    /** This project's own object types: every {@code _ref} and {@code _refs} in them, at any depth, is an identifier. */
    static final String OWN_TYPE_PREFIX = "x-concord-";

    /**
     * Checks the references STIX 2.1 defines (and, in this project's own types, every one): see
     * {@link #SPEC_REFS}. Custom {@code _ref} properties of other objects are not policed here;
     * those that hold an identifier are references all the same, which the sharing policy follows
     * ({@code SharingPolicy#referencesOf}).
     */
    private static void checkReferences(JsonNode object, String type, String objectId, List<Violation> out) {
        if (type != null && type.startsWith(OWN_TYPE_PREFIX)) {
            checkEveryReference(object, type, objectId, "$", true, out);
            return;
        }
        Set<String> specRefs = type == null ? Set.of() : SPEC_REFS.getOrDefault(type, Set.of());
        for (Map.Entry<String, JsonNode> property : object.properties()) {
            String name = property.getKey();
            JsonNode value = property.getValue();
            String here = "$." + name;
            if (COMMON_REFS.contains(name) || specRefs.contains(name)) {
                checkReferenceProperty(name, value, ruleFor(name, type, true), objectId, here, out);
            } else if (name.equals("granular_markings")) {
                checkNested(value, "marking_ref", MARKING, objectId, here, out);
            } else if (name.equals("body_multipart") && "email-message".equals(type)) {
                checkNested(value, "body_raw_ref", ANY, objectId, here, out);
            } else if (name.equals("extensions") && value.isObject() && type != null && StixTypes.SCOS.contains(type)) {
                for (Map.Entry<String, JsonNode> extension : value.properties()) {
                    Set<String> refs = SPEC_EXTENSION_REFS.getOrDefault(extension.getKey(), Set.of());
                    for (String ref : refs) {
                        JsonNode refValue = extension.getValue().get(ref);
                        if (refValue != null) {
                            checkReferenceProperty(ref, refValue, ANY, objectId, here + "." + extension.getKey() + "." + ref, out);
                        }
                    }
                }
            }
        }
    }

    /** {@code property} in each object of the list {@code items}, where present. */
    private static void checkNested(JsonNode items, String property, RefRule rule, String objectId, String path,
            List<Violation> out) {
        if (!items.isArray()) {
            return;
        }
        for (int i = 0; i < items.size(); i++) {
            JsonNode value = items.get(i).get(property);
            if (value != null) {
                checkReferenceProperty(property, value, rule, objectId, path + "[" + i + "]." + property, out);
            }
        }
    }

    private static void checkReferenceProperty(String name, JsonNode value, RefRule rule, String objectId, String path,
            List<Violation> out) {
        if (name.endsWith("_ref")) {
            checkReference(value, rule, objectId, path, out);
        } else if (!value.isArray()) {
            out.add(new Violation(objectId, path, name + " must be a list of identifiers"));
        } else {
            int i = 0;
            for (JsonNode item : value) {
                checkReference(item, rule, objectId, path + "[" + i++ + "]", out);
            }
        }
    }

    /** This project's own objects: every {@code *_ref} and {@code *_refs}, at any depth. */
    private static void checkEveryReference(JsonNode node, String type, String objectId, String path,
            boolean topLevel, List<Violation> out) {
        if (node.isArray()) {
            int i = 0;
            for (JsonNode item : node) {
                checkEveryReference(item, type, objectId, path + "[" + i++ + "]", false, out);
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
            if (name.endsWith("_ref") || name.endsWith("_refs")) {
                checkReferenceProperty(name, value, ruleFor(name, type, topLevel), objectId, here, out);
            } else {
                checkEveryReference(value, type, objectId, here, false, out);
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
                            "selector '" + oneLine(selector.stringValue()) + "' selects nothing in this object"));
                }
            }
        }
    }

    /**
     * Text of the object in a rule, its line breaks escaped: a rule is one line ({@link Violation}), and a
     * type or selector with a line break made the check throw instead of refusing (found by
     * {@code StixValidatorDifferentialProperties}).
     */
    private static String oneLine(String text) {
        return text.replace("\n", "\\n").replace("\r", "\\r");
    }

    private static void checkMarkingSelfReference(JsonNode object, String type, String objectId,
            List<Violation> out) {
        if (!StixTypes.MARKING_DEFINITION.equals(type) || !object.path("id").isString()) {
            return;
        }
        String id = object.path("id").stringValue();
        // not a list: the schema names it; these rules read lists only (an object's size is its number of fields)
        JsonNode refs = object.path("object_marking_refs");
        for (int i = 0; refs.isArray() && i < refs.size(); i++) {
            if (id.equals(refs.get(i).asString(""))) {
                out.add(new Violation(objectId, "$.object_marking_refs[" + i + "]",
                        "a marking definition must not mark itself"));
            }
        }
        JsonNode granular = object.path("granular_markings");
        for (int i = 0; granular.isArray() && i < granular.size(); i++) {
            if (id.equals(granular.get(i).path("marking_ref").asString(""))) {
                out.add(new Violation(objectId, "$.granular_markings[" + i + "].marking_ref",
                        "a marking definition must not mark itself"));
            }
        }
    }
}
