package org.concord.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.concord.exchange.sync.PartnerIntelPull;
import org.concord.intel.Collection;
import org.concord.intel.IntelStore;
import org.concord.intel.ObjectOutcome;
import org.concord.intel.Origin;
import org.concord.intel.stix.Tlp;
import org.concord.party.PartyCode;
import org.concord.testing.Https;
import org.concord.testing.Stix;
import org.concord.testing.TwoNodes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.jdbc.core.simple.JdbcClient;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * PK holds far more than it shares with IR: objects under every level IR may not read, objects
 * withheld only for what they point at, and an object first shared and then reclassified RED,
 * all interleaved with the few IR may read. Whatever IR asks, over real HTTPS, it receives only
 * those few; and the {@code next} values it is handed are sealed, so it can neither read from them
 * how many rows lie between two of its pages nor make one up.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class APartnerCannotCountWhatIsWithheldTest {

    static final String TAXII = "application/taxii+json;version=2.1";
    static final String INTEL = "/taxii2/concord/collections/" + Collection.INTEL.id() + "/";

    TwoNodes nodes;
    final Set<String> shared = new HashSet<>();
    final Set<String> withheld = new HashSet<>();
    String reclassified;
    String declassified;

    @BeforeAll
    void pkHoldsMuchItWithholdsAndALittleItShares() {
        nodes = TwoNodes.startPaired(Map.of(), Map.of());
        String pk = nodes.pk.identity().stixIdentityId();
        IntelStore store = nodes.pk.bean(IntelStore.class);
        List<ObjectNode> objects = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            ObjectNode green = Stix.intrusionSet("shared " + i, pk, i % 2 == 0 ? Tlp.GREEN : Tlp.CLEAR);
            objects.add(green);
            shared.add(green.path("id").asString());
            for (Tlp level : new Tlp[] {Tlp.AMBER, Tlp.AMBER_STRICT, Tlp.RED, null}) {
                ObjectNode hidden = Stix.intrusionSet("withheld " + i + " " + level, pk, level);
                objects.add(hidden);
                withheld.add(hidden.path("id").asString());
                if (level == Tlp.RED) {
                    // GREEN itself, withheld only for pointing at the RED one.
                    ObjectNode pointing = Stix.relationship(green.path("id").asString(), "related-to", hidden.path("id").asString(), pk,
                            Tlp.GREEN);
                    objects.add(pointing);
                    withheld.add(pointing.path("id").asString());
                }
            }
        }
        ObjectNode green = Stix.intrusionSet("reclassified", pk, Tlp.GREEN);
        ObjectNode red = Stix.intrusionSet("declassified", pk, Tlp.RED);
        objects.add(green);
        objects.add(red);
        reclassified = green.path("id").asString();
        declassified = red.path("id").asString();
        assertThat(store.store(Collection.INTEL, List.copyOf(objects), new Origin.Local("test"))).allMatch(ObjectOutcome::succeeded);
        ObjectNode nowRed = Stix.newerVersion(green, "2024-03-01T00:00:00.000Z");
        nowRed.putArray("object_marking_refs").add(Tlp.RED.markingDefinitionId());
        ObjectNode nowGreen = Stix.newerVersion(red, "2024-03-01T00:00:00.000Z");
        nowGreen.putArray("object_marking_refs").add(Tlp.GREEN.markingDefinitionId());
        assertThat(store.store(Collection.INTEL, List.of(nowRed, nowGreen), new Origin.Local("test"))).allMatch(ObjectOutcome::succeeded);
        withheld.add(reclassified);
        shared.add(declassified);
    }

    @AfterAll
    void stop() {
        nodes.stop();
    }

    HttpResponse<String> irCalls(String path) throws Exception {
        return Https.asPartner(nodes.ir, nodes.pk).get(path, "Accept", TAXII);
    }

    /** Every object IR receives paging through {@code path} (a query string ending in ? or &) two at a time. */
    List<JsonNode> pageThrough(String path) throws Exception {
        List<JsonNode> received = new ArrayList<>();
        String next = null;
        do {
            HttpResponse<String> response = irCalls(path + "limit=2" + (next == null ? "" : "&next=" + next));
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            JsonNode envelope = Stix.JSON.readTree(response.body());
            envelope.path("objects").forEach(received::add);
            envelope.path("versions").forEach(received::add);
            next = envelope.path("more").asBoolean() ? envelope.path("next").asString() : null;
        } while (next != null);
        return received;
    }

    static Set<String> ids(List<JsonNode> objects) {
        Set<String> ids = new HashSet<>();
        objects.forEach(o -> ids.add(o.path("id").asString()));
        return ids;
    }

    @Test
    void pagingTheObjectsAndTheManifestGivesExactlyWhatIsShared() throws Exception {
        assertThat(ids(pageThrough(INTEL + "objects/?"))).containsAll(shared).doesNotContainAnyElementsOf(withheld);
        assertThat(ids(pageThrough(INTEL + "manifest/?"))).containsAll(shared).doesNotContainAnyElementsOf(withheld);
        assertThat(ids(pageThrough(INTEL + "objects/?match[version]=all&"))).containsAll(shared).doesNotContainAnyElementsOf(withheld);
        assertThat(ids(pageThrough(INTEL + "objects/?match[version]=first&"))).doesNotContainAnyElementsOf(withheld);
    }

    @Test
    void onlyTheVersionsThatAreThemselvesSharedComeBack() throws Exception {
        List<JsonNode> versions = pageThrough(INTEL + "objects/?match[id]=" + declassified + "&match[version]=all&");
        assertThat(versions).hasSize(1);
        assertThat(versions.get(0).path("modified").asString()).isEqualTo("2024-03-01T00:00:00.000Z");
        assertThat(pageThrough(INTEL + "objects/?match[id]=" + reclassified + "&match[version]=first&")).isEmpty();
        assertThat(irCalls(INTEL + "objects/" + reclassified + "/versions/").statusCode()).isEqualTo(404);
        assertThat(irCalls(INTEL + "objects/" + reclassified + "/").statusCode()).isEqualTo(404);
    }

    @Test
    void fromAnyDateAddedTheRestIsExactlyWhatIsShared() throws Exception {
        HttpResponse<String> first = irCalls(INTEL + "objects/?limit=1");
        String added = first.headers().firstValue("X-TAXII-Date-Added-Last").orElseThrow();
        Set<String> after = ids(pageThrough(INTEL + "objects/?added_after=" + added + "&"));
        assertThat(after).doesNotContainAnyElementsOf(withheld);
        assertThat(after).doesNotContain(Stix.JSON.readTree(first.body()).path("objects").get(0).path("id").asString());
    }

    @Test
    void aNextValueTellsNothingAndCannotBeMadeUp() throws Exception {
        JsonNode page = Stix.JSON.readTree(irCalls(INTEL + "objects/?limit=1").body());
        String next = page.path("next").asString();
        String again = Stix.JSON.readTree(irCalls(INTEL + "objects/?limit=1").body()).path("next").asString();
        assertThat(again).as("the same position, sealed anew").isNotEqualTo(next);
        assertThat(new String(Base64.getUrlDecoder().decode(next), StandardCharsets.ISO_8859_1)).doesNotContain("seq");
        assertThat(Stix.JSON.readTree(irCalls(INTEL + "objects/?limit=1&next=" + again).body()).path("objects").get(0))
                .isEqualTo(Stix.JSON.readTree(irCalls(INTEL + "objects/?limit=1&next=" + next).body()).path("objects").get(0));

        String forged = Base64.getUrlEncoder().withoutPadding().encodeToString("seq:1".getBytes(StandardCharsets.US_ASCII));
        char[] flipped = next.toCharArray();
        flipped[flipped.length / 2] = flipped[flipped.length / 2] == 'A' ? 'B' : 'A';
        for (String bad : List.of(forged, new String(flipped), "0", "")) {
            HttpResponse<String> response = irCalls(INTEL + "objects/?limit=1&next=" + bad);
            assertThat(response.statusCode()).as(bad).isEqualTo(400);
            assertThat(response.body()).contains("next");
        }
    }

    @Test
    void aPullWhoseNextValueIsRefusedStartsAgainFromItsDate() {
        nodes.ir.bean(JdbcClient.class).sql("delete from exchange_cursor").update();
        nodes.ir.bean(JdbcClient.class).sql("""
                insert into exchange_cursor (partner, added_after, next_token, failures, next_attempt_at)
                values ('PK', null, 'c2VxOjE', 0, timestamp '2000-01-01 00:00:00')""").update();

        var result = nodes.ir.bean(PartnerIntelPull.class).pull(PartyCode.of("PK"));

        assertThat(result.error()).isNull();
        assertThat(result.received()).isGreaterThanOrEqualTo(shared.size());
    }
}
