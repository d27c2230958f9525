package org.concord.testing;

import java.util.UUID;

import org.concord.intel.stix.Tlp;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** STIX 2.1 objects for tests, each valid unless a test spoils it. */
public final class Stix {

    public static final JsonMapper JSON = JsonMapper.builder().build();
    public static final String T0 = "2024-01-16T18:00:00.000Z";

    private Stix() {
    }

    public static String newId(String type) {
        return type + "--" + UUID.randomUUID();
    }

    /** An intrusion set created by {@code creator}, marked {@code tlp} (null: unmarked). */
    public static ObjectNode intrusionSet(String name, String creator, Tlp tlp) {
        return intrusionSet(newId("intrusion-set"), name, creator, tlp, T0);
    }

    public static ObjectNode intrusionSet(String id, String name, String creator, Tlp tlp, String modified) {
        ObjectNode node = JSON.createObjectNode();
        node.put("type", "intrusion-set");
        node.put("spec_version", "2.1");
        node.put("id", id);
        node.put("created", T0);
        node.put("modified", modified);
        node.put("name", name);
        if (creator != null) {
            node.put("created_by_ref", creator);
        }
        if (tlp != null) {
            node.putArray("object_marking_refs").add(tlp.markingDefinitionId());
        }
        return node;
    }

    public static ObjectNode relationship(String source, String type, String target, String creator, Tlp tlp) {
        ObjectNode node = JSON.createObjectNode();
        node.put("type", "relationship");
        node.put("spec_version", "2.1");
        node.put("id", newId("relationship"));
        node.put("created", T0);
        node.put("modified", T0);
        node.put("relationship_type", type);
        node.put("source_ref", source);
        node.put("target_ref", target);
        if (creator != null) {
            node.put("created_by_ref", creator);
        }
        if (tlp != null) {
            node.putArray("object_marking_refs").add(tlp.markingDefinitionId());
        }
        return node;
    }

    public static ObjectNode newerVersion(JsonNode object, String modified) {
        ObjectNode copy = ((ObjectNode) object).deepCopy();
        copy.put("modified", modified);
        return copy;
    }

    public static String envelope(JsonNode... objects) {
        ObjectNode envelope = JSON.createObjectNode();
        var array = envelope.putArray("objects");
        for (JsonNode object : objects) {
            array.add(object);
        }
        return JSON.writeValueAsString(envelope);
    }

    public static String bundle(JsonNode... objects) {
        ObjectNode bundle = JSON.createObjectNode();
        bundle.put("type", "bundle");
        bundle.put("id", newId("bundle"));
        var array = bundle.putArray("objects");
        for (JsonNode object : objects) {
            array.add(object);
        }
        return JSON.writeValueAsString(bundle);
    }
}
