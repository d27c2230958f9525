package org.concord.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.concord.exchange.sync.PartnerIntelPull;
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
 * PK holds intelligence under every TLP level; its policy names IR for AMBER. IR, over real HTTPS,
 * sees exactly what the policy gives it through every endpoint and learns nothing of the rest:
 * not through objects, manifest, versions, single objects, counts, headers or pagination, nor
 * through a relationship that points at a withheld object.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SharingWithAPartnerTest {

    static final String TAXII = "application/taxii+json;version=2.1";
    static final String INTEL = "/taxii2/concord/collections/" + Collection.INTEL.id() + "/";
    static final String INBOX = "/taxii2/concord/collections/" + Collection.INBOX.id() + "/";

    TwoNodes nodes;
    Map<String, ObjectNode> objects = new java.util.LinkedHashMap<>();
    Set<String> shared = new HashSet<>();
    Set<String> withheld = new HashSet<>();

    @BeforeAll
    void pkHoldsIntelligenceUnderEveryLevel() {
        nodes = TwoNodes.startPaired(Map.of("concord.sharing.amber", "IR"), Map.of());
        String pk = nodes.pk.identity().stixIdentityId();
        ObjectNode clear = add("clear", Stix.intrusionSet("Baloch Liberation Army", pk, Tlp.CLEAR), true);
        ObjectNode green = add("green", Stix.intrusionSet("Jaish al-Adl", pk, Tlp.GREEN), true);
        add("amber", Stix.intrusionSet("Balochistan Liberation Front", pk, Tlp.AMBER), true);
        ObjectNode strict = add("amber+strict", Stix.intrusionSet("source network", pk, Tlp.AMBER_STRICT), false);
        ObjectNode red = add("red", Stix.intrusionSet("informant", pk, Tlp.RED), false);
        add("unmarked", Stix.intrusionSet("unmarked group", pk, null), false);
        add("green to green", Stix.relationship(green.path("id").asString(), "related-to", clear.path("id").asString(), pk, Tlp.GREEN), true);
        add("green to red", Stix.relationship(green.path("id").asString(), "related-to", red.path("id").asString(), pk, Tlp.GREEN), false);
        add("clear to strict", Stix.relationship(strict.path("id").asString(), "related-to", clear.path("id").asString(), pk, Tlp.CLEAR), false);
        ObjectNode downgraded = add("green, then red", Stix.intrusionSet("reclassified", pk, Tlp.GREEN), false);
        ObjectNode redVersion = Stix.newerVersion(downgraded, "2024-02-01T00:00:00.000Z");
        redVersion.putArray("object_marking_refs").add(Tlp.RED.markingDefinitionId());
        IntelStore store = nodes.pk.bean(IntelStore.class);
        var outcomes = store.store(Collection.INTEL, List.copyOf(objects.values()), new Origin.Local("test"));
        assertThat(outcomes).allMatch(ObjectOutcome::succeeded);
        assertThat(store.store(Collection.INTEL, List.of(redVersion), new Origin.Local("test")).get(0).kind())
                .isEqualTo(ObjectOutcome.Kind.NEWER_VERSION);
    }

    ObjectNode add(String label, ObjectNode object, boolean isShared) {
        objects.put(label, object);
        (isShared ? shared : withheld).add(object.path("id").asString());
        return object;
    }

    @AfterAll
    void stop() {
        nodes.stop();
    }

    HttpResponse<String> irCalls(String path) throws Exception {
        return Https.asPartner(nodes.ir, nodes.pk).get(path, "Accept", TAXII);
    }

    @Test
    void irsSyncStoresExactlyWhatThePolicyAllowsAttributedToPk() {
        var result = nodes.ir.bean(PartnerIntelPull.class).pull(PartyCode.of("PK"));
        assertThat(result.error()).isNull();
        List<StoredObject> held = nodes.ir.bean(IntelStore.class).find(IntelQuery.all(Collection.INTEL, 1000, 0), Viewer.local()).items();
        Set<String> ids = new HashSet<>();
        held.forEach(o -> ids.add(o.id()));
        assertThat(ids).containsAll(shared).doesNotContainAnyElementsOf(withheld);
        // A second run finds nothing new: the cursor moved past everything.
        var again = nodes.ir.bean(PartnerIntelPull.class).pull(PartyCode.of("PK"));
        assertThat(again.received()).isZero();
        // What IR received from PK is not passed on to a third party.
        List<StoredObject> toThirdParty = nodes.ir.bean(IntelStore.class)
                .find(IntelQuery.all(Collection.INTEL, 1000, 0), Viewer.partner(PartyCode.of("AF"))).items();
        assertThat(toThirdParty).extracting(StoredObject::id).doesNotContainAnyElementsOf(shared);
    }

    @Test
    void theObjectsAndManifestEndpointsShowOnlyWhatIsShared() throws Exception {
        Set<String> seen = new HashSet<>();
        Stix.JSON.readTree(irCalls(INTEL + "objects/?limit=10000").body()).path("objects").forEach(o -> seen.add(o.path("id").asString()));
        assertThat(seen).containsAll(shared).doesNotContainAnyElementsOf(withheld);
        Set<String> manifest = new HashSet<>();
        Stix.JSON.readTree(irCalls(INTEL + "manifest/?limit=10000").body()).path("objects").forEach(o -> manifest.add(o.path("id").asString()));
        assertThat(manifest).isEqualTo(seen);
    }

    @Test
    void aWithheldObjectIs404EverywhereAsIfItDidNotExist() throws Exception {
        String unknown = "intrusion-set--00000000-0000-4000-8000-000000000000";
        HttpResponse<String> notThere = irCalls(INTEL + "objects/" + unknown + "/");
        for (String id : withheld) {
            for (String path : new String[] {INTEL + "objects/" + id + "/", INTEL + "objects/" + id + "/versions/"}) {
                HttpResponse<String> response = irCalls(path);
                assertThat(response.statusCode()).as(path).isEqualTo(404);
                assertThat(response.body().replace(id, unknown)).as("indistinguishable from an unknown id").isEqualTo(notThere.body());
            }
            JsonNode filtered = Stix.JSON.readTree(irCalls(INTEL + "objects/?match[id]=" + id).body());
            assertThat(filtered.path("objects").size()).isZero();
            assertThat(filtered.path("more").asBoolean()).isFalse();
            assertThat(irCalls(INTEL + "objects/?match[id]=" + id).headers().firstValue("X-TAXII-Date-Added-First")).isEmpty();
            JsonNode manifest = Stix.JSON.readTree(irCalls(INTEL + "manifest/?match[id]=" + id + "&match[version]=all").body());
            assertThat(manifest.path("objects").size()).isZero();
        }
    }

    @Test
    void paginationNeverHintsAtWithheldObjects() throws Exception {
        // Page one object at a time: the last visible page says there is no more, though withheld
        // objects were added after it.
        int pages = 0;
        String next = null;
        Set<String> seen = new HashSet<>();
        do {
            JsonNode envelope = Stix.JSON.readTree(irCalls(INTEL + "objects/?limit=1" + (next == null ? "" : "&next=" + next)).body());
            envelope.path("objects").forEach(o -> seen.add(o.path("id").asString()));
            assertThat(envelope.path("objects").size()).as("a page is never empty while more is promised").isEqualTo(1);
            next = envelope.path("more").asBoolean() ? envelope.path("next").asString() : null;
            pages++;
        } while (next != null);
        assertThat(pages).isEqualTo(seen.size());
        assertThat(seen).doesNotContainAnyElementsOf(withheld);
    }

    @Test
    void aPartnerPostingToTheInboxMayOnlySendWhatItCreatedAndRedeliveryChangesNothing() throws Exception {
        String ir = nodes.ir.identity().stixIdentityId();
        ObjectNode note = Stix.intrusionSet("message from IR", ir, Tlp.GREEN);
        ObjectNode forged = Stix.intrusionSet("claims to be PK's", nodes.pk.identity().stixIdentityId(), Tlp.GREEN);
        var first = Https.asPartner(nodes.ir, nodes.pk).send("POST", INBOX + "objects/", Stix.envelope(note, forged),
                "Accept", TAXII, "Content-Type", TAXII);
        JsonNode status = Stix.JSON.readTree(first.body());
        assertThat(first.statusCode()).isEqualTo(202);
        assertThat(status.path("success_count").asInt()).isEqualTo(1);
        assertThat(status.path("failures").get(0).path("id").asString()).isEqualTo(forged.path("id").asString());
        assertThat(status.path("failures").get(0).path("message").asString()).contains("created_by_ref");
        long held = nodes.pk.bean(IntelStore.class).count(Collection.INBOX);
        var again = Https.asPartner(nodes.ir, nodes.pk).send("POST", INBOX + "objects/", Stix.envelope(note),
                "Accept", TAXII, "Content-Type", TAXII);
        assertThat(Stix.JSON.readTree(again.body()).path("successes").get(0).path("message").asString()).startsWith("unchanged");
        assertThat(nodes.pk.bean(IntelStore.class).count(Collection.INBOX)).isEqualTo(held);
    }
}
