package org.concord.intel.stix;

import org.concord.party.PartyCode;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Objects and stores for sharing tests: Pakistan's node sharing with Iran (and a third party). */
final class SharingFixtures {

    static final PartyCode PK = PartyCode.of("PK");
    static final PartyCode IR = PartyCode.of("IR");
    static final PartyCode AF = PartyCode.of("AF");

    static final String STATEMENT = "marking-definition--d81f86b9-975b-4c0b-875e-810c5ad45a4f";

    private SharingFixtures() {
    }

    /** An intrusion set marked with the given marking-definition ids (none: unmarked). */
    static ObjectNode anyIntrusionSet(String... markingRefs) {
        ObjectNode set = StixFixtures.object("""
                {"type": "intrusion-set", "spec_version": "2.1",
                 "created": "2024-01-16T18:00:00.000Z", "modified": "2024-01-16T18:00:00.000Z",
                 "name": "Jaish al-Adl", "aliases": ["Jaysh al-Adl", "Jundallah", "Army of Justice", "جيش العدل"]}
                """);
        set.put("id", "intrusion-set--" + UUID.randomUUID());
        mark(set, markingRefs);
        return set;
    }

    static ObjectNode anyRelationship(ObjectNode source, ObjectNode target, String... markingRefs) {
        ObjectNode relationship = StixFixtures.object("""
                {"type": "relationship", "spec_version": "2.1",
                 "created": "2024-01-16T18:00:00.000Z", "modified": "2024-01-16T18:00:00.000Z",
                 "relationship_type": "related-to"}
                """);
        relationship.put("id", "relationship--" + UUID.randomUUID())
                .put("source_ref", source.path("id").asString())
                .put("target_ref", target.path("id").asString());
        mark(relationship, markingRefs);
        return relationship;
    }

    static ObjectNode anySighting(ObjectNode sightingOf, ObjectNode where, String... markingRefs) {
        ObjectNode sighting = StixFixtures.object("""
                {"type": "sighting", "spec_version": "2.1",
                 "created": "2024-01-16T18:00:00.000Z", "modified": "2024-01-16T18:00:00.000Z"}
                """);
        sighting.put("id", "sighting--" + UUID.randomUUID()).put("sighting_of_ref", sightingOf.path("id").asString());
        sighting.putArray("where_sighted_refs").add(where.path("id").asString());
        mark(sighting, markingRefs);
        return sighting;
    }

    static void mark(ObjectNode object, String... markingRefs) {
        if (markingRefs.length > 0) {
            ArrayNode refs = object.putArray("object_marking_refs");
            for (String ref : markingRefs) {
                refs.add(ref);
            }
        }
    }

    static String id(Tlp tlp) {
        return tlp.markingDefinitionId();
    }

    /** A store of held objects, all made locally unless given as {@link HeldObject}s. */
    static Function<String, Optional<HeldObject>> store(List<?> objects) {
        Map<String, HeldObject> byId = new HashMap<>();
        for (Object o : objects) {
            HeldObject held = o instanceof HeldObject h ? h : HeldObject.local((ObjectNode) o);
            byId.put(held.id(), held);
        }
        return id -> Optional.ofNullable(byId.get(id));
    }
}
