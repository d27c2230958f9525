package org.concord.intel.stix;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The validator with the schemas' hot patterns read by hand ({@link StixPatterns}, issue 13) refuses exactly
 * what the validator with every pattern read by the JDK engine refuses, with the same violations: on the
 * OASIS and MITRE examples, on objects such as TAXII ingest carries, and on those objects spoiled at random
 * (property names, values, extensions, external references, granular markings; one to four spoils each).
 */
class StixValidatorDifferentialProperties {

    private static final StixValidator BY_HAND = StixFixtures.VALIDATOR;
    private static final StixValidator BY_ENGINE = StixValidator.withOasisSchemasReadByTheJdk();

    private static final List<JsonNode> EXAMPLES = examples();

    private static final String ALPHABET = "az09_-.:TZ AZ/\n\u2028é";
    private static final List<String> NAMES = List.of("x_acme_bin", "x_acme_hex", "x_acme", "ab", "a", "id", "xid", "_x", "X_acme",
            "x-acme", "1ab", "é_x", "x_" + "a".repeat(250), "x_" + "a".repeat(243) + "_bin", "severity", "labels", "lang",
            "confidence", "revoked", "external_references", "granular_markings", "extensions", "created_by_ref", "kill_chain_phases");
    private static final List<String> VALUES = List.of("", "AQID", "AQI=", "0a0B", "0a0", "2024-01-16T18:00:00.000Z",
            "2024-01-16T18:00:00Z", "2024-02-31T18:00:00.000Z", "identity--" + UUID.randomUUID(), "marking-definition--" + UUID.randomUUID(),
            "relationship--" + UUID.randomUUID(), "bundle--" + UUID.randomUUID(), "x-mitre-tactic--" + UUID.randomUUID(), "uses", "A");

    @Example
    void theExamplesHaveTheSameViolations() {
        for (JsonNode object : EXAMPLES) {
            assertThat(violations(BY_HAND, object)).as(object.toString()).isEqualTo(violations(BY_ENGINE, object));
        }
        assertThat(EXAMPLES).hasSizeGreaterThan(900);
    }

    @Provide
    Arbitrary<Tuple.Tuple2<Integer, List<Long>>> spoils() {
        return Arbitraries.integers().between(0, EXAMPLES.size() + 199).flatMap(which ->
                Arbitraries.longs().list().ofMinSize(1).ofMaxSize(4).map(seeds -> Tuple.of(which, seeds)));
    }

    @Property(tries = 4000)
    void aSpoiledObjectHasTheSameViolations(@ForAll("spoils") Tuple.Tuple2<Integer, List<Long>> spoil) {
        ObjectNode object = start(spoil.get1());
        for (long seed : spoil.get2()) {
            spoil(object, new java.util.SplittableRandom(seed));
        }
        assertThat(violations(BY_HAND, object)).as(object.toString()).isEqualTo(violations(BY_ENGINE, object));
    }

    /** A fresh copy of an example, or (past the examples) an object such as {@code concord bench taxii} posts. */
    private static ObjectNode start(int which) {
        if (which < EXAMPLES.size() && EXAMPLES.get(which).isObject()) {
            return (ObjectNode) EXAMPLES.get(which).deepCopy();
        }
        String[] types = {"intrusion-set", "indicator", "malware", "location", "identity", "relationship", "report", "x-acme-widget"};
        String type = types[which % types.length];
        ObjectNode o = StixFixtures.JSON.createObjectNode();
        o.put("type", type);
        o.put("spec_version", "2.1");
        o.put("id", type + "--" + UUID.randomUUID());
        o.put("created", "2024-01-16T18:00:00.000Z");
        o.put("modified", "2024-01-16T18:00:00.000Z");
        o.put("created_by_ref", "identity--" + UUID.randomUUID());
        o.putArray("object_marking_refs").add(Tlp.GREEN.markingDefinitionId());
        switch (type) {
            case "relationship" -> {
                o.put("relationship_type", "uses");
                o.put("source_ref", "intrusion-set--" + UUID.randomUUID());
                o.put("target_ref", "malware--" + UUID.randomUUID());
            }
            case "indicator" -> {
                o.put("name", "Safe house");
                o.put("pattern", "[ipv4-addr:value = '198.51.100.7']");
                o.put("pattern_type", "stix");
                o.put("valid_from", "2024-01-16T18:00:00.000Z");
            }
            case "report" -> {
                o.put("name", "Liaison report");
                o.put("published", "2024-01-16T18:00:00.000Z");
                o.putArray("object_refs").add("intrusion-set--" + UUID.randomUUID());
            }
            case "malware" -> {
                o.put("name", "Implant");
                o.put("is_family", true);
            }
            case "identity" -> {
                o.put("name", "Liaison cell");
                o.put("identity_class", "organization");
            }
            default -> o.put("name", "Group");
        }
        return o;
    }

    /** One spoil: a property renamed, added or given another value, or a nested part of the common properties added. */
    private static void spoil(ObjectNode object, java.util.SplittableRandom random) {
        List<String> names = new ArrayList<>();
        object.propertyNames().forEach(names::add);
        String name = names.isEmpty() ? "x_acme" : names.get(random.nextInt(names.size()));
        switch (random.nextInt(8)) {
            case 0 -> { // renamed
                JsonNode value = object.remove(name);
                object.set(pick(NAMES, random), value);
            }
            case 1 -> object.put(pick(NAMES, random), random.nextBoolean() ? pick(VALUES, random) : edit(pick(VALUES, random), random));
            case 2 -> { // a string value edited, at the top or one level down
                JsonNode value = object.get(name);
                if (value != null && value.isString()) {
                    object.put(name, edit(value.stringValue(), random));
                } else if (value != null && value.isArray() && !value.isEmpty() && value.get(0).isString()) {
                    ((ArrayNode) value).set(0, StixFixtures.JSON.getNodeFactory().stringNode(edit(value.get(0).stringValue(), random)));
                } else {
                    object.put(name, pick(VALUES, random));
                }
            }
            case 3 -> { // extensions
                ObjectNode extensions = object.has("extensions") && object.get("extensions").isObject()
                        ? (ObjectNode) object.get("extensions") : object.putObject("extensions");
                String key = switch (random.nextInt(4)) {
                    case 0 -> "x-acme-ext";
                    case 1 -> "extension-definition--" + UUID.randomUUID();
                    case 2 -> edit("extension-definition--" + UUID.randomUUID(), random);
                    default -> edit("x-acme-ext", random);
                };
                ObjectNode extension = extensions.putObject(key);
                if (random.nextBoolean()) {
                    extension.put("extension_type", random.nextBoolean() ? "property-extension" : "new-sdo");
                }
                if (random.nextBoolean()) {
                    extension.put(pick(NAMES, random), pick(VALUES, random));
                }
            }
            case 4 -> { // external references
                ArrayNode references = object.putArray("external_references");
                ObjectNode reference = references.addObject();
                String[] sources = {"cve", "capec", "mitre-attack", "CVE", ""};
                reference.put("source_name", sources[random.nextInt(sources.length)]);
                if (random.nextBoolean()) {
                    String[] ids = {"CVE-2024-0001", "CVE-2024-12345", "CVE-2024-001", "CAPEC-12", "T1566", edit("CVE-2024-1234", random)};
                    reference.put("external_id", ids[random.nextInt(ids.length)]);
                }
                if (random.nextBoolean()) {
                    reference.put("url", edit("https://example.org/a", random));
                }
                if (random.nextInt(3) == 0) {
                    reference.putObject("hashes").put(random.nextBoolean() ? "SHA-256" : "x-acme", "ab".repeat(random.nextInt(40)));
                }
            }
            case 5 -> { // granular markings
                ArrayNode markings = object.putArray("granular_markings");
                ObjectNode marking = markings.addObject();
                marking.putArray("selectors").add(random.nextBoolean() ? "name" : edit(names.isEmpty() ? "name" : name, random));
                marking.put("marking_ref", random.nextBoolean() ? Tlp.AMBER.markingDefinitionId() : edit(Tlp.AMBER.markingDefinitionId(), random));
            }
            case 6 -> object.remove(name);
            default -> object.put(name, random.nextBoolean() ? 7 : random.nextBoolean() ? 1.5 : 0);
        }
    }

    private static String edit(String text, java.util.SplittableRandom random) {
        int at = random.nextInt(text.length() + 1);
        char c = ALPHABET.charAt(random.nextInt(ALPHABET.length()));
        return switch (random.nextInt(3)) {
            case 0 -> text.substring(0, at) + c + text.substring(at);
            case 1 -> at < text.length() ? text.substring(0, at) + c + text.substring(at + 1) : text + c;
            default -> at < text.length() ? text.substring(0, at) + text.substring(at + 1) : text;
        };
    }

    private static <T> T pick(List<T> from, java.util.SplittableRandom random) {
        return from.get(random.nextInt(from.size()));
    }

    /** The violations, in an order that does not depend on the schema library's iteration (patternProperties are kept in an identity map). */
    private static List<String> violations(StixValidator validator, JsonNode object) {
        return validator.validate(object).stream().map(v -> v.objectId() + " " + v.path() + " " + v.rule())
                .sorted(Comparator.naturalOrder()).toList();
    }

    private static List<JsonNode> examples() {
        List<JsonNode> objects = new ArrayList<>();
        StixFixtures.OASIS_BUNDLES.forEach(bundle -> objects.addAll(StixFixtures.objectsOf(bundle)));
        objects.addAll(StixFixtures.objectsOf(StixFixtures.MITRE_MOBILE_ATTACK));
        return List.copyOf(objects);
    }
}
