package org.concord.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.net.http.HttpResponse;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.concord.exchange.sync.PartnerIntelPull;
import org.concord.intel.Bundles;
import org.concord.intel.Collection;
import org.concord.intel.IntelQuery;
import org.concord.intel.IntelStore;
import org.concord.intel.ObjectOutcome;
import org.concord.intel.Origin;
import org.concord.intel.StoredObject;
import org.concord.intel.Viewer;
import org.concord.intel.stix.Tlp;
import org.concord.party.PartyCode;
import org.concord.testing.Https;
import org.concord.testing.Stix;
import org.concord.testing.TwoNodes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Issue 9, defect 6, from IR's seat as the partner reading PK over TAXII: PK holds GREEN objects
 * whose embedded references ({@code created_by_ref}, {@code sample_refs}, a nested custom
 * {@code *_ref}, a granular {@code marking_ref}) name objects IR may not see, or objects PK does
 * not hold. None of those GREEN objects reaches IR, nor does any RED id, on any path: objects,
 * object by id, versions, manifest, IR's pull, and {@code concord intel export --partner IR}.
 * GREEN objects whose references IR may know go through.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EmbeddedReferencesDoNotLeakTest {

    static final String TAXII = "application/taxii+json;version=2.1";
    static final String INTEL = "/taxii2/concord/collections/" + Collection.INTEL.id() + "/";
    static final PartyCode IR = PartyCode.of("IR");

    TwoNodes nodes;
    final Map<String, ObjectNode> withheld = new LinkedHashMap<>();
    final Map<String, ObjectNode> shared = new LinkedHashMap<>();
    /** Ids that must never reach IR, in any object. */
    final Set<String> secretIds = new HashSet<>();

    static ObjectNode sdo(String type, String creator, Tlp tlp) {
        ObjectNode node = Stix.JSON.createObjectNode();
        node.put("type", type);
        node.put("spec_version", "2.1");
        node.put("id", Stix.newId(type));
        node.put("created", Stix.T0);
        node.put("modified", Stix.T0);
        if (creator != null) {
            node.put("created_by_ref", creator);
        }
        if (tlp != null) {
            node.putArray("object_marking_refs").add(tlp.markingDefinitionId());
        }
        return node;
    }

    @BeforeAll
    void pkHoldsGreenObjectsThatPointAtRedOnes() {
        nodes = TwoNodes.startPaired();
        String pk = nodes.pk.identity().stixIdentityId();
        String ir = nodes.ir.identity().stixIdentityId();
        List<JsonNode> all = new java.util.ArrayList<>();

        ObjectNode redIdentity = sdo("identity", pk, Tlp.RED).put("name", "source handler").put("identity_class", "individual");
        ObjectNode redFile = Stix.JSON.createObjectNode().put("type", "file").put("spec_version", "2.1")
                .put("id", Stix.newId("file")).put("name", "implant.bin");
        redFile.putArray("object_marking_refs").add(Tlp.RED.markingDefinitionId());
        ObjectNode redGroup = sdo("intrusion-set", pk, Tlp.RED).put("name", "informant network");
        ObjectNode redMarking = Stix.JSON.createObjectNode().put("type", "marking-definition").put("spec_version", "2.1")
                .put("id", Stix.newId("marking-definition")).put("created", Stix.T0).put("name", "source: HUMINT-7");
        redMarking.putObject("definition").put("statement", "from HUMINT-7");
        redMarking.put("definition_type", "statement");
        redMarking.putArray("object_marking_refs").add(Tlp.RED.markingDefinitionId());
        all.addAll(List.of(redIdentity, redFile, redGroup, redMarking));
        secretIds.addAll(List.of(redIdentity.path("id").asString(), redFile.path("id").asString(), redGroup.path("id").asString(),
                redMarking.path("id").asString()));

        ObjectNode createdByRed = sdo("intrusion-set", redIdentity.path("id").asString(), Tlp.GREEN).put("name", "Jaish al-Adl");
        withheld.put("a GREEN intrusion-set created by a RED identity", createdByRed);
        ObjectNode malware = sdo("malware", pk, Tlp.GREEN).put("name", "implant").put("is_family", false);
        malware.putArray("sample_refs").add(redFile.path("id").asString());
        withheld.put("a GREEN malware whose sample_refs names a RED file", malware);
        ObjectNode nested = sdo("intrusion-set", pk, Tlp.GREEN).put("name", "nested reference");
        nested.putObject("x_concord_context").putArray("items").addObject().put("subject_ref", redGroup.path("id").asString());
        withheld.put("a GREEN object with a nested custom *_ref to a RED group", nested);
        ObjectNode granular = sdo("intrusion-set", pk, Tlp.GREEN).put("name", "granular");
        granular.putArray("granular_markings").addObject().put("marking_ref", redMarking.path("id").asString())
                .putArray("selectors").add("name");
        withheld.put("a GREEN object with a granular marking_ref to a RED marking-definition", granular);
        ObjectNode unheld = sdo("intrusion-set", "identity--" + java.util.UUID.randomUUID(), Tlp.GREEN).put("name", "unknown author");
        withheld.put("a GREEN object created by an identity PK does not hold", unheld);
        ObjectNode relationship = Stix.relationship(createdByRed.path("id").asString(), "related-to",
                sdo("location", pk, Tlp.GREEN).path("id").asString(), pk, Tlp.GREEN);
        withheld.put("a GREEN relationship to a withheld GREEN object (and an unheld one)", relationship);
        // a tester's finding: an id named in free text reached the partner over TAXII
        ObjectNode naming = sdo("report", pk, Tlp.GREEN).put("name", "network summary").put("published", Stix.T0)
                .put("description", "Tasking follows the informant network (" + redGroup.path("id").asString() + ") of last year.");
        naming.putArray("object_refs").add(greenRef(pk));
        withheld.put("a GREEN report whose description names a RED group", naming);

        ObjectNode greenIdentity = sdo("identity", pk, Tlp.GREEN).put("name", "PK analyst cell").put("identity_class", "organization");
        all.add(greenIdentity);
        shared.put("a GREEN identity", greenIdentity);
        shared.put("created by PK's own identity (public through pairing)", sdo("intrusion-set", pk, Tlp.GREEN).put("name", "BLA"));
        shared.put("created by a GREEN identity PK holds",
                sdo("intrusion-set", greenIdentity.path("id").asString(), Tlp.GREEN).put("name", "BLF"));
        ObjectNode byIr = sdo("intrusion-set", ir, Tlp.RED).put("name", "IR's own, held RED here");
        all.add(byIr);
        ObjectNode aboutIrs = sdo("report", pk, Tlp.GREEN).put("name", "about IR's group").put("published", Stix.T0);
        aboutIrs.putArray("object_refs").add(byIr.path("id").asString());
        shared.put("a GREEN report naming an object IR created itself", aboutIrs);
        ObjectNode greenMalware = sdo("malware", pk, Tlp.GREEN).put("name", "known implant").put("is_family", true);
        ObjectNode greenFile = Stix.JSON.createObjectNode().put("type", "file").put("spec_version", "2.1")
                .put("id", Stix.newId("file")).put("name", "dropper.exe");
        greenFile.putArray("object_marking_refs").add(Tlp.GREEN.markingDefinitionId());
        greenMalware.putArray("sample_refs").add(greenFile.path("id").asString());
        all.add(greenFile);
        shared.put("a GREEN malware whose sample is GREEN", greenMalware);
        ObjectNode namesAnything = sdo("report", pk, Tlp.GREEN).put("name", "text naming what PK does not hold").put("published", Stix.T0)
                .put("description", "IR's indicator--" + java.util.UUID.randomUUID() + " and " + byIr.path("id").asString()
                        + " are IR's own; " + greenFile.path("id").asString() + " is GREEN");
        namesAnything.putArray("object_refs").add(greenFile.path("id").asString());
        shared.put("a GREEN report whose text names an id PK does not hold, one IR created and a GREEN one", namesAnything);

        all.addAll(extra);
        all.addAll(withheld.values());
        all.addAll(shared.values());
        var outcomes = nodes.pk.bean(IntelStore.class).store(Collection.INTEL, all, new Origin.Local("user:pk-analyst"));
        assertThat(outcomes).allSatisfy(o -> assertThat(o.succeeded()).as(o.toString()).isTrue());
        withheld.values().forEach(o -> secretIds.add(o.path("id").asString()));
    }

    /** A GREEN location of PK's, stored by the caller's batch: what a report must refer to. */
    private final List<ObjectNode> extra = new java.util.ArrayList<>();

    private String greenRef(String pk) {
        ObjectNode location = sdo("location", pk, Tlp.GREEN).put("region", "southern-asia");
        extra.add(location);
        return location.path("id").asString();
    }

    @AfterAll
    void stop() {
        nodes.stop();
    }

    HttpResponse<String> irCalls(String path) throws Exception {
        return Https.asPartner(nodes.ir, nodes.pk).get(path, "Accept", TAXII);
    }

    /** Nothing IR received names a secret id anywhere in it. */
    void assertNoSecretIn(String body, String where) {
        for (String id : secretIds) {
            assertThat(body).as(where + " must not name " + id).doesNotContain(id);
        }
    }

    @Test
    void theObjectsAndManifestEndpointsShowNoneOfThemAndNameNoRedId() throws Exception {
        HttpResponse<String> objects = irCalls(INTEL + "objects/?limit=10000&match[version]=all");
        assertThat(objects.statusCode()).isEqualTo(200);
        Set<String> seen = new HashSet<>();
        Stix.JSON.readTree(objects.body()).path("objects").forEach(o -> seen.add(o.path("id").asString()));
        shared.forEach((label, o) -> assertThat(seen).as(label).contains(o.path("id").asString()));
        assertNoSecretIn(objects.body(), "objects");
        HttpResponse<String> manifest = irCalls(INTEL + "manifest/?limit=10000&match[version]=all");
        assertNoSecretIn(manifest.body(), "manifest");
    }

    @Test
    void eachWithheldObjectIs404ByIdAndVersions() throws Exception {
        for (Map.Entry<String, ObjectNode> entry : withheld.entrySet()) {
            String id = entry.getValue().path("id").asString();
            assertThat(irCalls(INTEL + "objects/" + id + "/").statusCode()).as(entry.getKey()).isEqualTo(404);
            assertThat(irCalls(INTEL + "objects/" + id + "/versions/").statusCode()).as(entry.getKey()).isEqualTo(404);
            JsonNode filtered = Stix.JSON.readTree(irCalls(INTEL + "objects/?match[id]=" + id).body());
            assertThat(filtered.path("objects").size()).as(entry.getKey()).isZero();
            assertThat(Stix.JSON.readTree(irCalls(INTEL + "manifest/?match[id]=" + id).body()).path("objects").size()).isZero();
        }
        for (Map.Entry<String, ObjectNode> entry : shared.entrySet()) {
            String id = entry.getValue().path("id").asString();
            assertThat(irCalls(INTEL + "objects/" + id + "/").statusCode()).as(entry.getKey()).isEqualTo(200);
        }
    }

    @Test
    void irsPullAndPksExportForIrCarryNoneOfThem() throws Exception {
        assertThat(nodes.ir.bean(PartnerIntelPull.class).pull(PartyCode.of("PK")).error()).isNull();
        List<StoredObject> atIr = nodes.ir.bean(IntelStore.class).find(IntelQuery.all(Collection.INTEL, 10_000, 0)
                .withVersions(List.of("all")), Viewer.local()).items();
        atIr.forEach(o -> assertNoSecretIn(o.json(), "IR's store"));
        StringWriter export = new StringWriter();
        nodes.pk.bean(Bundles.class).export(new Bundles.Filter(Set.of(), Set.of(), Optional.of(Viewer.partner(IR))), export);
        assertNoSecretIn(export.toString(), "export --partner IR");
        shared.values().forEach(o -> assertThat(export.toString()).contains(o.path("id").asString()));
    }

    @Test
    void reMarkingTheReferencedObjectWithdrawsTheReferrer() throws Exception {
        IntelStore store = nodes.pk.bean(IntelStore.class);
        ObjectNode author = sdo("identity", nodes.pk.identity().stixIdentityId(), Tlp.GREEN).put("name", "desk").put("identity_class", "organization");
        ObjectNode group = sdo("intrusion-set", author.path("id").asString(), Tlp.GREEN).put("name", "shared until its author goes RED");
        assertThat(store.store(Collection.INTEL, List.of(author, group), new Origin.Local("user:pk-analyst")))
                .allMatch(ObjectOutcome::succeeded);
        String id = group.path("id").asString();
        assertThat(irCalls(INTEL + "objects/" + id + "/").statusCode()).isEqualTo(200);
        ObjectNode redAuthor = Stix.newerVersion(author, "2024-02-01T00:00:00.000Z");
        redAuthor.putArray("object_marking_refs").add(Tlp.RED.markingDefinitionId());
        assertThat(store.store(Collection.INTEL, List.of(redAuthor), new Origin.Local("user:pk-analyst")).get(0).kind())
                .isEqualTo(ObjectOutcome.Kind.NEWER_VERSION);
        assertThat(irCalls(INTEL + "objects/" + id + "/").statusCode()).isEqualTo(404);
    }
}
