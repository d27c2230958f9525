package org.concord.demo;

import java.util.ArrayList;
import java.util.List;

import org.concord.intel.stix.DerivedIds;
import org.concord.intel.stix.Tlp;
import org.concord.party.ConcordProperties;
import org.concord.party.NodeIdentity;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The January 2024 case as STIX 2.1, as each side would hold it: the groups (Jaish al-Adl; the
 * Baloch Liberation Army and Front), the places (Panjgur, Turbat in Pakistan; Saravan, Zahedan in
 * Iran) with their coordinates, the strikes of 16 and 18 January 2024 as reports, and the links
 * between them, under TLP levels from CLEAR to RED so the demo shows what is shared and what is
 * not. Ids are derived from the node's identity and a key (UUIDv4-shaped, {@link DerivedIds}), and
 * timestamps are fixed, so seeding again changes nothing. The export of this data passes the OASIS
 * validator's best-practice checks without a warning ({@code DemoExportBestPracticesTest}): a group's
 * bases are {@code originates-from} (a relationship STIX suggests for an intrusion-set), not
 * {@code located-at}, and the source reliability is in Concord's property extension.
 */
final class DemoIntel {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final NodeIdentity node;
    private final List<JsonNode> objects = new ArrayList<>();

    private DemoIntel(NodeIdentity node) {
        this.node = node;
    }

    /** The objects {@code node} holds in the demo: its own STIX identity first. */
    static List<JsonNode> of(NodeIdentity node) {
        DemoIntel seed = new DemoIntel(node);
        seed.objects.add(JSON.readTree(node.stixIdentity()));
        switch (node.party().code().value()) {
            case "PK" -> seed.pakistan();
            case "IR" -> seed.iran();
            case "AF" -> seed.afghanistan();
            default -> {
                // a state of no scenario holds only its identity
            }
        }
        return seed.objects;
    }

    private void pakistan() {
        String jaa = jaishAlAdl("Sunni militant group based in Iran's Sistan and Baluchestan; Iran said its strikes of "
                + "16 January 2024 in Panjgur targeted it.");
        String bla = group("bla", "Baloch Liberation Army", Tlp.CLEAR, "Baloch separatist militant group; Pakistan said its strikes of "
                + "18 January 2024 targeted its hideouts in Saravan.", "BLA");
        String blf = group("blf", "Balochistan Liberation Front", Tlp.GREEN, "Baloch separatist militant group named by Pakistan "
                + "among the targets of 18 January 2024.", "BLF");
        String panjgur = location("panjgur", "Panjgur", 26.9645, 64.0915, "PK", "Balochistan");
        String turbat = location("turbat", "Turbat", 26.0031, 63.0544, "PK", "Balochistan");
        String saravan = location("saravan", "Saravan", 27.3708, 62.3342, "IR", "Sistan and Baluchestan");
        location("zahedan", "Zahedan", 29.4963, 60.8629, "IR", "Sistan and Baluchestan");
        report("strike-16", "Iranian missile and drone strikes near Panjgur, 16 January 2024", Tlp.GREEN, "2024-01-17T06:00:00.000Z",
                "Iran struck targets in the Koh-e-Sabz area of Panjgur district with missiles and drones, saying it hit Jaish al-Adl; "
                        + "Pakistan reported two children killed and recalled its ambassador.", panjgur, jaa);
        report("strike-18", "Pakistani strikes in Saravan (Operation Marg Bar Sarmachar), 18 January 2024", Tlp.GREEN,
                "2024-01-18T12:00:00.000Z", "Pakistan struck what it called hideouts of Baloch militants in and around Saravan; "
                        + "Iran reported nine people killed.", saravan, bla, blf);
        relationship("blf-saravan", blf, "originates-from", saravan, Tlp.AMBER);
        ObjectNode safeHouses = report("blf-safe-houses", "BLF safe houses near Saravan", Tlp.AMBER, "2024-01-20T09:00:00.000Z",
                "Assessed locations of BLF safe houses across the border, shared with Iran for action.", blf, saravan);
        safeHouses.put("confidence", 70);
        ConcordProperties.put(safeHouses, ConcordProperties.SOURCE_RELIABILITY, "B");
        String cell = group("turbat-cell", "Unattributed cell, Turbat", Tlp.RED, "Source-protected reporting; never leaves this node.");
        relationship("bla-cell", bla, "related-to", cell, Tlp.GREEN);
        relationship("bla-turbat", bla, "originates-from", turbat, Tlp.GREEN);
    }

    private void iran() {
        String jaa = jaishAlAdl("Sunni militant group that attacked the police station in Rask on 15 December 2023; "
                + "Iran's strikes of 16 January 2024 targeted its positions in Panjgur.");
        String panjgur = location("panjgur", "Panjgur", 26.9645, 64.0915, "PK", "Balochistan");
        String saravan = location("saravan", "Saravan", 27.3708, 62.3342, "IR", "Sistan and Baluchestan");
        String zahedan = location("zahedan", "Zahedan", 29.4963, 60.8629, "IR", "Sistan and Baluchestan");
        report("rask", "Jaish al-Adl attack on the Rask police station, 15 December 2023", Tlp.CLEAR, "2023-12-15T12:00:00.000Z",
                "Eleven police officers killed; Jaish al-Adl claimed the attack.", jaa);
        report("strike-16", "Strikes on Jaish al-Adl positions near Panjgur, 16 January 2024", Tlp.GREEN, "2024-01-17T08:00:00.000Z",
                "Iran's account of its strikes on two Jaish al-Adl positions in Pakistan's Panjgur district.", jaa, panjgur);
        report("strike-18", "Pakistani strikes in Saravan, 18 January 2024", Tlp.GREEN, "2024-01-18T14:00:00.000Z",
                "Nine people killed in a village near Saravan; Iran said none of them were Iranian nationals.", saravan);
        relationship("jaa-panjgur", jaa, "originates-from", panjgur, Tlp.AMBER);
        relationship("jaa-zahedan", jaa, "targets", zahedan, Tlp.GREEN);
        String source = group("source", "Source network, Sistan and Baluchestan", Tlp.RED, "Source-protected; never leaves this node.");
        relationship("jaa-source", jaa, "related-to", source, Tlp.GREEN);
    }

    /** Afghanistan holds the places of the Chaman exercise ({@link ChamanExercise}), nothing of January 2024. */
    private void afghanistan() {
        location("spin-boldak", "Spin Boldak", 31.0056, 66.3947, "AF", "Kandahar");
        location("chaman", "Chaman", ChamanExercise.CHAMAN_LATITUDE, ChamanExercise.CHAMAN_LONGITUDE, "PK", "Balochistan");
    }

    private String jaishAlAdl(String description) {
        ObjectNode group = sdo("intrusion-set", "jaish-al-adl", Tlp.GREEN, "2024-01-19T09:00:00.000Z");
        group.put("name", "Jaish al-Adl");
        group.put("description", description);
        group.putArray("aliases").add("Jaysh al-Adl").add("Jundallah").add("Army of Justice").add("جيش العدل");
        objects.add(group);
        return group.path("id").asString();
    }

    private String group(String key, String name, Tlp tlp, String description, String... aliases) {
        ObjectNode group = sdo("intrusion-set", key, tlp, "2024-01-19T09:00:00.000Z");
        group.put("name", name);
        group.put("description", description);
        if (aliases.length > 0) {
            var list = group.putArray("aliases");
            for (String alias : aliases) {
                list.add(alias);
            }
        }
        objects.add(group);
        return group.path("id").asString();
    }

    private String location(String key, String name, double latitude, double longitude, String country, String area) {
        ObjectNode location = sdo("location", key, Tlp.CLEAR, "2024-01-19T09:00:00.000Z");
        location.put("name", name);
        location.put("latitude", latitude);
        location.put("longitude", longitude);
        location.put("country", country);
        location.put("administrative_area", area);
        objects.add(location);
        return location.path("id").asString();
    }

    private ObjectNode report(String key, String name, Tlp tlp, String published, String description, String... refs) {
        ObjectNode report = sdo("report", key, tlp, published);
        report.put("name", name);
        report.put("description", description);
        report.putArray("report_types").add("threat-report");
        report.put("published", published);
        var list = report.putArray("object_refs");
        for (String ref : refs) {
            list.add(ref);
        }
        objects.add(report);
        return report;
    }

    private void relationship(String key, String source, String type, String target, Tlp tlp) {
        ObjectNode relationship = sdo("relationship", key, tlp, "2024-01-20T09:00:00.000Z");
        relationship.put("relationship_type", type);
        relationship.put("source_ref", source);
        relationship.put("target_ref", target);
        objects.add(relationship);
    }

    private ObjectNode sdo(String type, String key, Tlp tlp, String time) {
        ObjectNode object = JSON.createObjectNode();
        object.put("type", type);
        object.put("spec_version", "2.1");
        object.put("id", DerivedIds.id(type, "concord-demo:" + node.stixIdentityId() + ":" + key));
        object.put("created", time);
        object.put("modified", time);
        object.put("created_by_ref", node.stixIdentityId());
        object.putArray("object_marking_refs").add(tlp.markingDefinitionId());
        return object;
    }
}
