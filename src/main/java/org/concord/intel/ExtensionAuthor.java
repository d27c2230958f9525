package org.concord.intel;

import org.concord.intel.stix.Tlp;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The one identity that authors every Concord extension-definition (the intel module's property
 * extension, the workflow's message types): fixed id and time, so every node holds the same
 * object and storing it again is {@code UNCHANGED}. One definition, used by both publishers.
 */
public final class ExtensionAuthor {

    /** The author's id, the same on every node. */
    public static final String ID = "identity--0f5e8c3a-6b2d-4e19-9c47-5a1d3e7b2c10";
    /** When the first extension-definitions were written. */
    public static final String DEFINED = "2026-11-01T00:00:00.000Z";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ExtensionAuthor() {
    }

    /** The author as a STIX identity (TLP:CLEAR). */
    public static ObjectNode identity() {
        ObjectNode o = JSON.createObjectNode();
        o.put("type", "identity");
        o.put("spec_version", "2.1");
        o.put("id", ID);
        o.put("created", DEFINED);
        o.put("modified", DEFINED);
        o.put("name", "Concord (the cooperation workflow's extension definitions)");
        o.put("identity_class", "system");
        o.putArray("object_marking_refs").add(Tlp.CLEAR.markingDefinitionId());
        return o;
    }
}
