package org.concord.party;

import java.util.Optional;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Concord's own properties on standard STIX objects, carried the STIX 2.1 way (section 7.3): in a
 * property extension, {@code "extensions": {"<EXTENSION_ID>": {"extension_type":
 * "property-extension", ...}}}, declared by the extension-definition {@value #EXTENSION_ID} that
 * every node publishes in its {@code intel} collection. Two properties so far: {@code party} (the
 * party code of a node's {@code identity}) and {@code source_reliability} (an Admiralty grade, on
 * any object).
 *
 * <p>Before issue 10 they were top-level custom properties, {@code x_concord_party} and
 * {@code x_concord_source_reliability}, which the OASIS validator warns about (code 401). Objects
 * written then are immutable (a partner holds them, the ledger names them), so they stay as they
 * are, and every reader here takes the extension first and the old top-level property otherwise.
 */
public final class ConcordProperties {

    /** The one extension-definition of Concord's properties; fixed, the same on every node (a UUIDv4). */
    public static final String EXTENSION_ID = "extension-definition--f9ca3ac4-a823-4a2b-a009-65c31fd8703e";
    public static final String PARTY = "party";
    public static final String SOURCE_RELIABILITY = "source_reliability";
    /** The top-level custom property of identities written before issue 10; still read. */
    public static final String LEGACY_PARTY = "x_concord_party";
    /** The top-level custom property of objects written before issue 10; still read. */
    public static final String LEGACY_SOURCE_RELIABILITY = "x_concord_source_reliability";

    private ConcordProperties() {
    }

    /** The value of one of Concord's properties: from the extension, else the old top-level property; empty when neither is a string. */
    public static Optional<String> read(JsonNode object, String property, String legacyProperty) {
        JsonNode inExtension = object.path("extensions").path(EXTENSION_ID).path(property);
        if (inExtension.isString()) {
            return Optional.of(inExtension.stringValue());
        }
        JsonNode legacy = object.path(legacyProperty);
        return legacy.isString() ? Optional.of(legacy.stringValue()) : Optional.empty();
    }

    /** The party code an identity names, e.g. {@code PK}. */
    public static Optional<String> party(JsonNode identity) {
        return read(identity, PARTY, LEGACY_PARTY);
    }

    /** The object's source reliability (A to F), when it has one. */
    public static Optional<String> sourceReliability(JsonNode object) {
        return read(object, SOURCE_RELIABILITY, LEGACY_SOURCE_RELIABILITY);
    }

    /** Sets {@code property} in the object's Concord property extension, adding the extension if needed. */
    public static ObjectNode put(ObjectNode object, String property, String value) {
        JsonNode extensions = object.get("extensions");
        ObjectNode all = extensions instanceof ObjectNode existing ? existing : object.putObject("extensions");
        JsonNode ours = all.get(EXTENSION_ID);
        ObjectNode extension = ours instanceof ObjectNode existing ? existing : all.putObject(EXTENSION_ID);
        extension.put("extension_type", "property-extension");
        extension.put(property, value);
        return object;
    }
}
