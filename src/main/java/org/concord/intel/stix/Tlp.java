package org.concord.intel.stix;

import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The Traffic Light Protocol 2.0 (FIRST) as STIX 2.1 marking definitions, from the least to the
 * most restrictive.
 *
 * <p>Sources of the identifiers:
 * <ul>
 *   <li>TLP 2.0: the OASIS TLP 2.0 marking-definition extension, oasis-open/cti-stix-common-objects,
 *       {@code extension-definition-specifications/tlp-2.0/} ({@code marking-definition.json},
 *       {@code extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d.json} and
 *       {@code examples/tlp-*.json}): the five ids, the names {@code TLP:CLEAR} ...
 *       {@code TLP:RED}, {@code created} 2022-10-01T00:00:00.000Z and the property extension
 *       {@code tlp_2_0}.</li>
 *   <li>TLP 1.0: STIX 2.1 specification section 7.2.1.4, repeated in the OASIS schema
 *       {@code common/marking-definition.json} (definitions {@code tlp_white} ...
 *       {@code tlp_red}).</li>
 * </ul>
 *
 * <p>TLP 1.0 markings are recognised and mapped: WHITE to {@link #CLEAR}, GREEN to
 * {@link #GREEN}, AMBER to {@link #AMBER} (TLP 1.0 AMBER allowed sharing with clients, as
 * TLP 2.0 AMBER does; AMBER+STRICT has no 1.0 ancestor), RED to {@link #RED}.
 *
 * <p>Only these exact identifiers count. A marking definition under another id that claims to
 * be TLP (a {@code tlp} definition or a {@code tlp_2_0} extension) is not recognised: a partner
 * could otherwise mint its own "TLP:CLEAR".
 */
public enum Tlp {

    CLEAR("marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487", "clear",
            "marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9"),
    GREEN("marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb", "green",
            "marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da"),
    AMBER("marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421", "amber",
            "marking-definition--f88d31f6-486f-44da-b317-01333bde0b82"),
    AMBER_STRICT("marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003", "amber+strict", null),
    RED("marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1", "red",
            "marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed");

    /** The OASIS extension definition that carries {@code tlp_2_0}. */
    public static final String TLP_2_0_EXTENSION = "extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d";

    private static final String TLP_2_0_CREATED = "2022-10-01T00:00:00.000Z";

    private static final Map<String, Tlp> BY_MARKING_REF = Stream.of(values())
            .flatMap(tlp -> Stream.concat(Stream.of(Map.entry(tlp.id, tlp)),
                    tlp.tlp1Id == null ? Stream.empty() : Stream.of(Map.entry(tlp.tlp1Id, tlp))))
            .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, Map.Entry::getValue));

    private final String id;
    private final String value;
    private final String tlp1Id;

    Tlp(String id, String value, String tlp1Id) {
        this.id = id;
        this.value = value;
        this.tlp1Id = tlp1Id;
    }

    /** The TLP 2.0 marking-definition id, e.g. {@code marking-definition--e828b379-...} for RED. */
    public String markingDefinitionId() {
        return id;
    }

    /** The TLP 1.0 marking-definition id of STIX 2.1 section 7.2.1.4 that maps to this level, if any. */
    public Optional<String> tlp1MarkingDefinitionId() {
        return Optional.ofNullable(tlp1Id);
    }

    /** The label, e.g. {@code TLP:AMBER+STRICT}. */
    public String label() {
        return "TLP:" + value.toUpperCase(java.util.Locale.ROOT);
    }

    /** Whether this level restricts sharing more than {@code other}. */
    public boolean isMoreRestrictiveThan(Tlp other) {
        return compareTo(other) > 0;
    }

    /** The level a marking reference denotes (TLP 2.0 or mapped TLP 1.0), or empty if it is no TLP marking. */
    /** The level that governs a whole object: its most restrictive TLP marking, object or granular; empty if unmarked. */
    public static Optional<Tlp> of(tools.jackson.databind.JsonNode object) {
        return Markings.effectiveTlp(object);
    }

    public static Optional<Tlp> ofMarkingRef(String markingRef) {
        return Optional.ofNullable(markingRef == null ? null : BY_MARKING_REF.get(markingRef));
    }

    /** Whether {@code id} is one of the nine standard TLP marking definitions (2.0 or 1.0). */
    public static boolean isStandardMarkingDefinition(String id) {
        return id != null && BY_MARKING_REF.containsKey(id);
    }

    /** A fresh copy of the OASIS TLP 2.0 marking-definition object for this level. */
    public ObjectNode markingDefinition() {
        ObjectNode object = JsonNodeFactory.instance.objectNode()
                .put("type", "marking-definition")
                .put("spec_version", "2.1")
                .put("id", id)
                .put("created", TLP_2_0_CREATED)
                .put("name", label());
        object.putObject("extensions").putObject(TLP_2_0_EXTENSION)
                .put("extension_type", "property-extension")
                .put("tlp_2_0", value);
        return object;
    }

    static Map<String, Tlp> byMarkingRef() {
        return BY_MARKING_REF;
    }
}
