package org.concord.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;

import org.concord.intel.stix.Tlp;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The objects {@code concord bench taxii} posts: envelopes of mixed STIX 2.1 SDOs (an identity
 * that creates the rest, intrusion sets, threat actors, indicators, malware, locations, attack
 * patterns, campaigns, tools, vulnerabilities, and a report over some of them) and relationships
 * between objects of the same envelope, each with a fresh id, marked TLP CLEAR, GREEN or AMBER.
 * About a third of each envelope are relationships, as in a partner's typical export.
 */
final class TaxiiWorkload {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String T0 = "2024-01-16T18:00:00.000Z";
    private static final String[] SDO_TYPES = {"intrusion-set", "threat-actor", "indicator", "malware", "location",
        "attack-pattern", "campaign", "tool", "vulnerability", "identity"};
    private static final Tlp[] MARKINGS = {Tlp.CLEAR, Tlp.GREEN, Tlp.GREEN, Tlp.AMBER};

    private final SplittableRandom random;
    private long serial;

    TaxiiWorkload(long seed) {
        this.random = new SplittableRandom(seed);
    }

    /** The next envelope's objects: {@code size} of them, every id new. */
    List<ObjectNode> next(int size) {
        List<ObjectNode> objects = new ArrayList<>(size);
        ObjectNode source = identity("Liaison cell " + serial, null);
        String creator = source.path("id").asString();
        objects.add(source);
        int relationships = size / 3;
        int reports = size >= 20 ? 1 : 0;
        int sdos = size - 1 - relationships - reports;
        List<ObjectNode> made = new ArrayList<>(sdos);
        for (int i = 0; i < sdos; i++) {
            ObjectNode sdo = sdo(SDO_TYPES[i % SDO_TYPES.length], creator);
            made.add(sdo);
            objects.add(sdo);
        }
        for (int i = 0; i < relationships && !made.isEmpty(); i++) {
            ObjectNode from = made.get(random.nextInt(made.size()));
            ObjectNode to = made.get(random.nextInt(made.size()));
            objects.add(relationship(from, to, creator));
        }
        for (int i = 0; i < reports; i++) {
            objects.add(report(made, creator));
        }
        while (objects.size() < size) {
            objects.add(sdo("intrusion-set", creator));
        }
        return objects;
    }

    /** An envelope as TAXII 2.1 carries it. */
    static String envelope(List<ObjectNode> objects) {
        ObjectNode envelope = JSON.createObjectNode();
        ArrayNode array = envelope.putArray("objects");
        objects.forEach(array::add);
        return JSON.writeValueAsString(envelope);
    }

    private ObjectNode sdo(String type, String creator) {
        long n = serial++;
        return switch (type) {
            case "intrusion-set" -> {
                ObjectNode o = common(type, creator, "Group " + n);
                o.putArray("aliases").add("Jaish " + n).add("Jeish " + n);
                o.putArray("goals").add("cross-border attacks");
                o.put("resource_level", "team");
                yield o;
            }
            case "threat-actor" -> {
                ObjectNode o = common(type, creator, "Commander " + n);
                o.putArray("threat_actor_types").add("terrorist");
                o.putArray("roles").add("director");
                yield o;
            }
            case "indicator" -> {
                ObjectNode o = common(type, creator, "Safe house " + n);
                o.putArray("indicator_types").add("malicious-activity");
                o.put("pattern", "[ipv4-addr:value = '198.51." + (n / 256 % 256) + "." + (n % 256) + "']");
                o.put("pattern_type", "stix");
                o.put("valid_from", T0);
                yield o;
            }
            case "malware" -> {
                ObjectNode o = common(type, creator, "Implant " + n);
                o.put("is_family", true);
                o.putArray("malware_types").add("remote-access-trojan");
                yield o;
            }
            case "location" -> {
                ObjectNode o = common(type, creator, "Place " + n);
                o.put("country", random.nextBoolean() ? "PK" : "IR");
                o.put("latitude", 25 + random.nextDouble() * 5);
                o.put("longitude", 60 + random.nextDouble() * 5);
                yield o;
            }
            case "identity" -> identity("Official " + n, creator);
            default -> common(type, creator, type + " " + n);
        };
    }

    private ObjectNode identity(String name, String creator) {
        serial++;
        ObjectNode o = common("identity", creator, name);
        o.put("identity_class", creator == null ? "organization" : "individual");
        return o;
    }

    private ObjectNode common(String type, String creator, String name) {
        ObjectNode o = JSON.createObjectNode();
        o.put("type", type);
        o.put("spec_version", "2.1");
        o.put("id", type + "--" + UUID.randomUUID());
        o.put("created", T0);
        o.put("modified", T0);
        o.put("name", name);
        o.put("description", "Reported by the liaison cell at Turbat; corroborated by a second source across the border. Serial "
                + serial + ".");
        if (creator != null) {
            o.put("created_by_ref", creator);
        }
        o.putArray("object_marking_refs").add(MARKINGS[random.nextInt(MARKINGS.length)].markingDefinitionId());
        return o;
    }

    private ObjectNode relationship(ObjectNode from, ObjectNode to, String creator) {
        ObjectNode o = JSON.createObjectNode();
        o.put("type", "relationship");
        o.put("spec_version", "2.1");
        o.put("id", "relationship--" + UUID.randomUUID());
        o.put("created", T0);
        o.put("modified", T0);
        o.put("relationship_type", relationshipType(from.path("type").asString(), to.path("type").asString()));
        o.put("source_ref", from.path("id").asString());
        o.put("target_ref", to.path("id").asString());
        o.put("created_by_ref", creator);
        o.putArray("object_marking_refs").add(MARKINGS[random.nextInt(MARKINGS.length)].markingDefinitionId());
        return o;
    }

    private static String relationshipType(String from, String to) {
        if (to.equals("location")) {
            return "located-at";
        }
        return switch (from) {
            case "indicator" -> "indicates";
            case "intrusion-set", "threat-actor", "campaign" -> to.equals("identity") ? "targets" : "uses";
            default -> "related-to";
        };
    }

    private ObjectNode report(List<ObjectNode> about, String creator) {
        ObjectNode o = common("report", creator, "Liaison report " + serial++);
        o.putArray("report_types").add("threat-actor");
        o.put("published", T0);
        ArrayNode refs = o.putArray("object_refs");
        for (int i = 0; i < Math.min(20, about.size()); i++) {
            refs.add(about.get(random.nextInt(about.size())).path("id").asString());
        }
        return o;
    }
}
