package org.concord.intel.stix;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Test fixtures: the example bundles on the test classpath and hand-made objects. */
final class StixFixtures {

    static final JsonMapper JSON = JsonMapper.builder().build();

    /** One validator for all tests: compiling the schemas is the slow part. */
    static final StixValidator VALIDATOR = StixValidator.withOasisSchemas();

    static final List<String> OASIS_BUNDLES = List.of(
            "stix/oasis-documentation/apt1.json",
            "stix/oasis-documentation/defining-campaigns-threat-actors-intrusion-sets.json",
            "stix/oasis-documentation/identifying-a-threat-actor-profile.json",
            "stix/oasis-documentation/indicator-for-malicious-url.json",
            "stix/oasis-documentation/malware-indicator-for-file-hash.json",
            "stix/oasis-documentation/poisonivy.json",
            "stix/oasis-documentation/sighting-of-an-indicator.json",
            "stix/oasis-documentation/sighting-of-observed-data.json",
            "stix/oasis-documentation/threat-actor-leveraging-attack-patterns-and-malware.json",
            "stix/oasis-documentation/using-granular-markings.json",
            "stix/oasis-documentation/using-marking-definitions.json",
            "stix/oasis-schemas-examples/apt1.json",
            "stix/oasis-schemas-examples/indicator-for-c2-ip-address.json",
            "stix/oasis-schemas-examples/indicator-to-campaign-relationship.json",
            "stix/oasis-schemas-examples/indicators-for-C2-with-COA.json",
            "stix/oasis-schemas-examples/infrastructure.json",
            "stix/oasis-schemas-examples/interop-objectmarking-test.json",
            "stix/oasis-schemas-examples/malicious-email-indicator-with-attachment.json",
            "stix/oasis-schemas-examples/poisonivy.json");

    static final String MITRE_MOBILE_ATTACK = "stix/mitre/mobile-attack-1.0.json";

    private StixFixtures() {
    }

    static JsonNode read(String resource) {
        try (InputStream in = StixFixtures.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no such test resource: " + resource);
            }
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The objects of a bundle, or the single object a file holds. */
    static List<JsonNode> objectsOf(String resource) {
        JsonNode root = read(resource);
        List<JsonNode> objects = new ArrayList<>();
        if ("bundle".equals(root.path("type").asString())) {
            root.path("objects").forEach(objects::add);
        } else {
            objects.add(root);
        }
        return objects;
    }

    static ObjectNode object(String json) {
        return (ObjectNode) JSON.readTree(json);
    }

    /** A valid indicator, to be spoiled one property at a time. */
    static ObjectNode anyIndicator() {
        return object("""
                {
                  "type": "indicator",
                  "spec_version": "2.1",
                  "id": "indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f",
                  "created_by_ref": "identity--f431f809-377b-45e0-aa1c-6a4751cae5ff",
                  "created": "2024-01-16T18:00:00.000Z",
                  "modified": "2024-01-17T09:30:00.000Z",
                  "name": "Jaish al-Adl command post",
                  "indicator_types": ["malicious-activity"],
                  "pattern": "[ipv4-addr:value = '198.51.100.7']",
                  "pattern_type": "stix",
                  "valid_from": "2024-01-16T18:00:00Z",
                  "object_marking_refs": ["marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb"]
                }
                """);
    }
}
