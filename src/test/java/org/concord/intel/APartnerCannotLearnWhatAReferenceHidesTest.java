package org.concord.intel;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
 * IR, a paired partner, reads PK's collection over real HTTPS looking for what PK's references
 * would give away, now that a partner's page leaves out in SQL the rows that refer to an object
 * the partner may not know (rule 5's first step, {@code SharingPolicy.References}) and decides the
 * rest in Java. PK holds GREEN relationships to a RED object, to an id it never held, to an object
 * it held and deleted, to a GREEN object created by a RED identity (two steps away), and to an
 * AMBER object IR itself created; and GREEN objects that name only the two parties' identities.
 * IR receives exactly what the policy lets it read, pages never come back empty (which would
 * count rows between two pages), and a withheld object answers 404 like one never held.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class APartnerCannotLearnWhatAReferenceHidesTest {

    static final String TAXII = "application/taxii+json;version=2.1";
    static final String INTEL = "/taxii2/concord/collections/" + Collection.INTEL.id() + "/";

    TwoNodes nodes;
    final Set<String> shared = new HashSet<>();
    final Set<String> withheld = new HashSet<>();

    @BeforeAll
    void pkHoldsReferencesToWhatIrMayNotKnow() {
        nodes = TwoNodes.startPaired(Map.of(), Map.of());
        String pk = nodes.pk.identity().stixIdentityId();
        String ir = nodes.ir.identity().stixIdentityId();
        IntelStore store = nodes.pk.bean(IntelStore.class);

        // IR's own AMBER object, which it sent: IR may not read AMBER, but knows what it created.
        ObjectNode irsOwn = Stix.intrusionSet("IR's own", ir, Tlp.AMBER);
        assertThat(store.store(Collection.INTEL, List.of(irsOwn), Origin.Partner.pulledFrom(PartyCode.of("IR"))))
                .allMatch(ObjectOutcome::succeeded);

        ObjectNode redIdentity = identity("a RED source", pk, Tlp.RED);
        ObjectNode gone = Stix.intrusionSet("to be deleted", pk, Tlp.GREEN);
        List<ObjectNode> objects = new ArrayList<>(List.of(redIdentity, gone));
        for (int i = 0; i < 6; i++) {
            ObjectNode green = Stix.intrusionSet("green " + i, pk, i % 2 == 0 ? Tlp.GREEN : Tlp.CLEAR);
            ObjectNode red = Stix.intrusionSet("red " + i, pk, Tlp.RED);
            ObjectNode madeByRed = Stix.intrusionSet("made by a RED identity " + i, redIdentity.path("id").asString(), Tlp.GREEN);
            ObjectNode toRed = Stix.relationship(green.path("id").asString(), "related-to", red.path("id").asString(), pk, Tlp.GREEN);
            ObjectNode toMissing = Stix.relationship(green.path("id").asString(), "related-to", Stix.newId("malware"), pk, Tlp.GREEN);
            ObjectNode toGone = Stix.relationship(green.path("id").asString(), "related-to", gone.path("id").asString(), pk, Tlp.GREEN);
            // Two steps away: its target passes rules 1 to 4, but that target's creator is RED.
            ObjectNode twoAway = Stix.relationship(green.path("id").asString(), "related-to", madeByRed.path("id").asString(), pk,
                    Tlp.GREEN);
            ObjectNode toIrsOwn = Stix.relationship(green.path("id").asString(), "related-to", irsOwn.path("id").asString(), pk,
                    Tlp.GREEN);
            ObjectNode toIr = Stix.relationship(green.path("id").asString(), "related-to", ir, pk, Tlp.GREEN);
            objects.addAll(List.of(green, red, madeByRed, toRed, toMissing, toGone, twoAway, toIrsOwn, toIr));
            shared.addAll(ids(green, toIrsOwn, toIr));
            withheld.addAll(ids(red, madeByRed, toRed, toMissing, toGone, twoAway));
        }
        withheld.addAll(ids(redIdentity, gone, irsOwn));
        assertThat(store.store(Collection.INTEL, List.copyOf(objects), new Origin.Local("test"))).allMatch(ObjectOutcome::succeeded);
        assertThat(store.delete(Collection.INTEL, gone.path("id").asString(), List.of(), "test")).isEqualTo(1);
    }

    @AfterAll
    void stop() {
        nodes.stop();
    }

    private static ObjectNode identity(String name, String creator, Tlp tlp) {
        ObjectNode identity = Stix.intrusionSet(name, creator, tlp);
        identity.put("type", "identity");
        identity.put("id", Stix.newId("identity"));
        identity.put("identity_class", "organization");
        return identity;
    }

    private static List<String> ids(ObjectNode... objects) {
        return java.util.Arrays.stream(objects).map(o -> o.path("id").asString()).toList();
    }

    HttpResponse<String> irCalls(String path) throws Exception {
        return Https.asPartner(nodes.ir, nodes.pk).get(path, "Accept", TAXII);
    }

    @Test
    void pagingAtAnySizeGivesExactlyWhatMayBeKnownAndNeverAnEmptyPage() throws Exception {
        for (int limit : new int[] {1, 2, 5, 1000}) {
            for (String listing : List.of("objects/?", "manifest/?", "objects/?match[version]=all&")) {
                Set<String> received = new HashSet<>();
                String next = null;
                do {
                    HttpResponse<String> response = irCalls(INTEL + listing + "limit=" + limit + (next == null ? "" : "&next=" + next));
                    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
                    JsonNode envelope = Stix.JSON.readTree(response.body());
                    JsonNode items = envelope.has("objects") ? envelope.path("objects") : envelope.path("versions");
                    assertThat(items.size()).as("a page of %s%s, limit %d", listing, next, limit).isPositive();
                    items.forEach(item -> received.add(item.path("id").asString()));
                    next = envelope.path("more").asBoolean() ? envelope.path("next").asString() : null;
                } while (next != null);
                assertThat(received).as(listing + " limit " + limit).containsAll(shared).doesNotContainAnyElementsOf(withheld);
            }
        }
    }

    @Test
    void aWithheldObjectAnswersLikeOneNeverHeld() throws Exception {
        String neverHeld = Stix.newId("relationship");
        HttpResponse<String> never = irCalls(INTEL + "objects/" + neverHeld + "/");
        assertThat(never.statusCode()).isEqualTo(404);
        for (String id : withheld) {
            HttpResponse<String> response = irCalls(INTEL + "objects/" + id + "/");
            assertThat(response.statusCode()).as(id).isEqualTo(404);
            assertThat(response.body()).as(id).isEqualTo(never.body().replace(neverHeld, id));
            HttpResponse<String> byId = irCalls(INTEL + "objects/?match[id]=" + id);
            assertThat(Stix.JSON.readTree(byId.body()).path("objects").size()).as(id).isZero();
        }
        for (String id : shared) {
            assertThat(irCalls(INTEL + "objects/" + id + "/").statusCode()).as(id).isEqualTo(200);
        }
    }

    @Test
    void onPostgresqlTheStoreKeepsNoReferenceTableAsItsSqlReadsEachRowsOwnRefs() {
        // (the reference table and its upkeep on delete are H2's only: IntelStoreTest)
        var jdbc = nodes.pk.bean(org.springframework.jdbc.core.simple.JdbcClient.class);
        assertThat(jdbc.sql("select to_regclass('intel_object_ref') is null").query(Boolean.class).single()).isTrue();
        assertThat(jdbc.sql("select count(*) from intel_object where collection = 'intel' and refs is not null").query(Long.class).single())
                .as("the references rule 5 reads are in each row").isPositive();
    }
}
