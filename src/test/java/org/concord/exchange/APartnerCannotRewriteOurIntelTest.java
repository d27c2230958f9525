package org.concord.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;

import org.concord.exchange.sync.PartnerIntelPull;
import org.concord.intel.Bundles;
import org.concord.intel.Collection;
import org.concord.intel.IntelQuery;
import org.concord.intel.IntelStore;
import org.concord.intel.ObjectOutcome;
import org.concord.intel.Origin;
import org.concord.intel.RefusedObjects;
import org.concord.intel.StixTime;
import org.concord.intel.StoredObject;
import org.concord.intel.Viewer;
import org.concord.intel.persistence.IntelTable;
import org.concord.intel.stix.Tlp;
import org.concord.party.PartyCode;
import org.concord.party.Role;
import org.concord.testing.Https;
import org.concord.testing.Stix;
import org.concord.testing.TwoNodes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.transaction.support.TransactionTemplate;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Issue 9, defect 1, from PK's seat as the attacker: PK's node is under the attacker's control
 * (here its database is written directly, as a modified node would). IR's analyst adds an
 * indicator created by IR. PK serves IR the same id with a newer {@code modified} and new content,
 * or with {@code "revoked": true}, and posts it to IR's inbox, and hands IR's analyst a "PK bundle"
 * with it. On every path IR keeps its own object, can still correct it, passes nothing forged on,
 * and holds an alarm with the evidence.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class APartnerCannotRewriteOurIntelTest {

    static final String TAXII = "application/taxii+json;version=2.1";
    static final String IR_INBOX = "/taxii2/concord/collections/" + Collection.INBOX.id() + "/objects/";
    static final String IR_INTEL = "/taxii2/concord/collections/" + Collection.INTEL.id() + "/objects/";
    static final PartyCode PK = PartyCode.of("PK");
    static final PartyCode IR = PartyCode.of("IR");

    TwoNodes nodes;
    String ir;
    String pk;

    @BeforeAll
    void start() {
        nodes = TwoNodes.startPaired();
        ir = nodes.ir.identity().stixIdentityId();
        pk = nodes.pk.identity().stixIdentityId();
    }

    @AfterAll
    void stop() {
        nodes.stop();
    }

    static ObjectNode indicator(String creator, String name) {
        ObjectNode node = Stix.JSON.createObjectNode();
        node.put("type", "indicator");
        node.put("spec_version", "2.1");
        node.put("id", Stix.newId("indicator"));
        node.put("created", Stix.T0);
        node.put("modified", Stix.T0);
        node.put("name", name);
        node.put("pattern", "[ipv4-addr:value = '203.0.113.7']");
        node.put("pattern_type", "stix");
        node.put("valid_from", Stix.T0);
        node.put("created_by_ref", creator);
        node.putArray("object_marking_refs").add(Tlp.GREEN.markingDefinitionId());
        return node;
    }

    /** IR's analyst adds an object; PK pulls it, as partners do. */
    ObjectNode irAddsAndPkPulls(String name) {
        ObjectNode object = indicator(ir, name);
        assertThat(irStore().store(Collection.INTEL, List.of(object), new Origin.Local("user:ir-analyst")).get(0).kind())
                .isEqualTo(ObjectOutcome.Kind.ADDED);
        assertThat(nodes.pk.bean(PartnerIntelPull.class).pull(IR).error()).isNull();
        return object;
    }

    /** What a modified PK node does: it writes a version of its choosing straight into its own store, served to IR. */
    void pkForges(JsonNode forged) {
        IntelTable table = nodes.pk.bean(IntelTable.class);
        String id = forged.path("id").asString();
        String modified = forged.path("modified").asString();
        nodes.pk.bean(TransactionTemplate.class).executeWithoutResult(status -> {
            Instant added = table.lockClockAndNextDateAdded(Instant.now());
            table.retireCurrent("intel", List.of(id), added);
            table.insert(List.of(new IntelTable.NewRow("intel", id, forged.path("type").asString(), "2.1", modified,
                    StixTime.sortable(StixTime.parse("modified", modified)), forged.path("created_by_ref").asString(null),
                    forged.path("revoked").asBoolean(false), null, null, "GREEN", Tlp.GREEN.markingDefinitionId(), null, null, true,
                    Stix.JSON.writeValueAsString(forged))), added);
        });
    }

    IntelStore irStore() {
        return nodes.ir.bean(IntelStore.class);
    }

    List<StoredObject> irVersions(String id) {
        return irStore().find(IntelQuery.all(Collection.INTEL, 100, 0).withIds(List.of(id)).withVersions(List.of("all")), Viewer.local())
                .items();
    }

    JsonNode irCurrent(String id) {
        List<StoredObject> items = irStore().find(IntelQuery.all(Collection.INTEL, 10, 0).withIds(List.of(id)), Viewer.local()).items();
        return items.isEmpty() ? null : Stix.JSON.readTree(items.get(0).json());
    }

    List<IntelTable.Alarm> irAlarms(String id) {
        return irStore().alarms(100, id);
    }

    void assertIrStillOwnsAndCanCorrect(ObjectNode original, JsonNode forged) throws Exception {
        String id = original.path("id").asString();
        assertThat(irCurrent(id)).as("IR's object is IR's").isEqualTo(original);
        assertThat(irVersions(id)).as("no forged version kept even as history").hasSize(1);
        ObjectNode correction = Stix.newerVersion(original, "2024-03-01T00:00:00.000Z");
        correction.put("name", "corrected by IR");
        assertThat(irStore().store(Collection.INTEL, List.of(correction), new Origin.Local("user:ir-analyst")).get(0).kind())
                .as("IR can still correct its object").isEqualTo(ObjectOutcome.Kind.NEWER_VERSION);
        // Nothing forged is passed on: neither to PK over TAXII nor to a third party's view.
        JsonNode served = Stix.JSON.readTree(Https.asPartner(nodes.pk, nodes.ir).get(IR_INTEL + id + "/?match[version]=all", "Accept", TAXII)
                .body());
        served.path("objects").forEach(o -> assertThat(o).isNotEqualTo(forged));
        assertThat(served.path("objects").get(served.path("objects").size() - 1)).isEqualTo(correction);
        irStore().find(IntelQuery.all(Collection.INTEL, 10_000, 0), Viewer.partner(PartyCode.of("AF"))).items()
                .forEach(o -> assertThat(Stix.JSON.readTree(o.json())).isNotEqualTo(forged));
    }

    void assertAlarm(String id, JsonNode forged, String path, String rule) {
        List<IntelTable.Alarm> alarms = irAlarms(id);
        assertThat(alarms).as("an alarm for " + id).isNotEmpty();
        IntelTable.Alarm alarm = alarms.stream().filter(a -> a.path().equals(path)).findFirst().orElseThrow();
        assertThat(alarm.partner()).isEqualTo("PK");
        assertThat(alarm.rule()).isEqualTo(rule);
        assertThat(Stix.JSON.readTree(alarm.object())).as("the evidence is the object as received").isEqualTo(forged);
        assertThat(alarm.detail()).contains("created_by_ref");
        assertThat(alarm.raisedAt()).isNotNull();
    }

    @Test
    void aNewerForgedVersionPulledFromPkIsRefusedAndRaisedAsAnAlarm() throws Exception {
        ObjectNode original = irAddsAndPkPulls("IR's indicator");
        ObjectNode forged = Stix.newerVersion(original, "2024-02-01T00:00:00.000Z");
        forged.put("name", "PK's rewrite, still attributed to IR");
        forged.put("pattern", "[ipv4-addr:value = '198.51.100.1']");
        pkForges(forged);
        var pull = nodes.ir.bean(PartnerIntelPull.class).pull(PK);
        assertThat(pull.error()).isNull();
        assertThat(pull.received()).isPositive();
        assertAlarm(original.path("id").asString(), forged, "pull", "own-object");
        assertIrStillOwnsAndCanCorrect(original, forged);
        // The audit trail names it too.
        assertThat(nodes.ir.bean(org.concord.audit.AuditLog.class).recent(50))
                .anyMatch(e -> e.action().equals("intel.refused-from-partner") && e.subject().equals(original.path("id").asString()));
    }

    @Test
    void aForgedRevocationPulledFromPkIsRefusedAndIrsCorrectionStillGoesIn() throws Exception {
        ObjectNode original = irAddsAndPkPulls("IR's indicator, to be revoked by PK");
        ObjectNode revoked = Stix.newerVersion(original, "2024-02-01T00:00:00.000Z");
        revoked.put("revoked", true);
        pkForges(revoked);
        assertThat(nodes.ir.bean(PartnerIntelPull.class).pull(PK).error()).isNull();
        assertThat(irCurrent(original.path("id").asString()).path("revoked").asBoolean(false)).isFalse();
        assertAlarm(original.path("id").asString(), revoked, "pull", "own-object");
        assertIrStillOwnsAndCanCorrect(original, revoked);
    }

    @Test
    void aForgedVersionPostedToIrsInboxIsRefusedAndRaisedOnce() throws Exception {
        ObjectNode original = irAddsAndPkPulls("IR's indicator, PK posts a rewrite");
        ObjectNode forged = Stix.newerVersion(original, "2024-02-01T00:00:00.000Z");
        forged.put("revoked", true);
        for (int i = 0; i < 2; i++) {
            HttpResponse<String> response = Https.asPartner(nodes.pk, nodes.ir).send("POST", IR_INBOX, Stix.envelope(forged),
                    "Accept", TAXII, "Content-Type", TAXII);
            assertThat(response.statusCode()).isEqualTo(202);
            JsonNode status = Stix.JSON.readTree(response.body());
            assertThat(status.path("failure_count").asInt()).isEqualTo(1);
            assertThat(status.path("failures").get(0).path("message").asString()).contains("own identity");
        }
        assertThat(irStore().inboxObject(original.path("id").asString(), null)).isEmpty();
        assertAlarm(original.path("id").asString(), forged, "inbox", "own-object");
        assertThat(irAlarms(original.path("id").asString())).as("the same forgery again is recorded once").hasSize(1);
        // As an officer reads it: GET /api/intel/alarms?object=ID, the evidence whole.
        HttpResponse<String> listed = Https.to(nodes.ir).get("/api/intel/alarms?object=" + original.path("id").asString(),
                Https.basic(nodes.ir.username(Role.VIEWER), nodes.ir.password(Role.VIEWER)));
        assertThat(listed.statusCode()).isEqualTo(200);
        JsonNode alarm = Stix.JSON.readTree(listed.body()).get(0);
        assertThat(alarm.path("partner").asString()).isEqualTo("PK");
        assertThat(alarm.path("path").asString()).isEqualTo("inbox");
        assertThat(alarm.path("rule").asString()).isEqualTo("own-object");
        assertThat(alarm.path("object")).isEqualTo(forged);
        assertThat(alarm.path("raisedAt").asString()).isNotEmpty();
        assertThat(alarm.path("objectId").asString()).as("the REST API's camelCase, as docs/api.md").isEqualTo(original.path("id").asString());
        assertThat(alarm.has("raised_at")).isFalse();
        assertIrStillOwnsAndCanCorrect(original, forged);
    }

    @Test
    void aPartnersBundleImportedAttributedToItIsRefusedWholeAndTheForgeryRaised() throws Exception {
        ObjectNode original = irAddsAndPkPulls("IR's indicator, in a PK bundle");
        ObjectNode forged = Stix.newerVersion(original, "2024-02-01T00:00:00.000Z");
        forged.put("name", "rewritten in PK's bundle");
        ObjectNode pksOwn = indicator(pk, "PK's own indicator");
        assertThatThrownBy(() -> nodes.ir.bean(Bundles.class).importObjects(List.of(pksOwn, forged),
                Origin.Partner.importedFrom(PK, "user:ir-analyst"), done -> { }))
                .isInstanceOf(RefusedObjects.class)
                .satisfies(e -> assertThat(((RefusedObjects) e).refused()).extracting(ObjectOutcome::id)
                        .containsExactly(forged.path("id").asString()));
        assertThat(irCurrent(pksOwn.path("id").asString())).as("all or nothing").isNull();
        assertAlarm(original.path("id").asString(), forged, "import", "own-object");
        assertThat(irAlarms(original.path("id").asString()).get(0).actor()).isEqualTo("user:ir-analyst");
        assertIrStillOwnsAndCanCorrect(original, forged);

        // Over the REST API: POST /api/intel/bundle?from=PK, as IR's analyst.
        ObjectNode forgedAgain = Stix.newerVersion(original, "2024-04-01T00:00:00.000Z");
        forgedAgain.put("revoked", true);
        HttpResponse<String> rest = Https.to(nodes.ir).send("POST", "/api/intel/bundle?from=PK", Stix.bundle(pksOwn, forgedAgain),
                concat(Https.basic(nodes.ir.username(Role.ANALYST), nodes.ir.password(Role.ANALYST)), "Content-Type", "application/json"));
        assertThat(rest.statusCode()).as(rest.body()).isEqualTo(422);
        assertThat(rest.body()).contains(forgedAgain.path("id").asString());
        assertThat(irAlarms(original.path("id").asString())).anyMatch(a -> Stix.JSON.readTree(a.object()).equals(forgedAgain));
        // PK's own objects, attributed to PK, go in.
        HttpResponse<String> fine = Https.to(nodes.ir).send("POST", "/api/intel/bundle?from=PK", Stix.bundle(pksOwn),
                concat(Https.basic(nodes.ir.username(Role.ANALYST), nodes.ir.password(Role.ANALYST)), "Content-Type", "application/json"));
        assertThat(fine.statusCode()).as(fine.body()).isEqualTo(200);
        assertThat(irStore().find(IntelQuery.all(Collection.INTEL, 10, 0).withIds(List.of(pksOwn.path("id").asString())),
                Viewer.partner(PartyCode.of("AF"))).items()).as("attributed to PK: not passed on to a third party").isEmpty();
    }

    @Test
    void aDeletedObjectDoesNotComeBackFromThePartner() throws Exception {
        ObjectNode original = irAddsAndPkPulls("IR's indicator, deleted later");
        String id = original.path("id").asString();
        assertThat(irStore().delete(Collection.INTEL, id, List.of(), "user:ir-analyst")).isEqualTo(1);
        assertThat(nodes.ir.bean(PartnerIntelPull.class).pull(PK).error()).isNull();
        assertThat(irCurrent(id)).as("IR's next pull does not bring it back").isNull();
        assertThat(irVersions(id)).isEmpty();
        assertThat(irAlarms(id)).extracting(IntelTable.Alarm::rule).containsExactly("own-object");
    }

    @Test
    void whatPkServesBackUnchangedIsNoAlarm() {
        ObjectNode original = irAddsAndPkPulls("IR's indicator, echoed unchanged");
        assertThat(nodes.ir.bean(PartnerIntelPull.class).pull(PK).error()).isNull();
        assertThat(irCurrent(original.path("id").asString())).isEqualTo(original);
        assertThat(irAlarms(original.path("id").asString())).isEmpty();
    }

    @Test
    void pkMayNotSpeakForAThirdIdentityNorVersionAnIdIrHoldsFromElsewhere() {
        // An object "by" an identity PK does not speak for (AF's, say), with that identity.
        ObjectNode af = Stix.JSON.createObjectNode().put("type", "identity").put("spec_version", "2.1")
                .put("id", Stix.newId("identity")).put("created", Stix.T0).put("modified", Stix.T0)
                .put("name", "Afghanistan").put("identity_class", "organization");
        af.putArray("object_marking_refs").add(Tlp.GREEN.markingDefinitionId());
        pkForges(af);
        ObjectNode byOther = indicator(af.path("id").asString(), "claims a third party's name");
        pkForges(byOther);
        // An id IR holds from its own import (created by a third identity), versioned by PK under its own name.
        ObjectNode thirdParty = indicator("identity--" + java.util.UUID.randomUUID(), "imported by IR from a vendor");
        irStore().store(Collection.INTEL, List.of(thirdParty), new Origin.Local("user:ir-analyst"));
        ObjectNode takenOver = Stix.newerVersion(thirdParty, "2024-02-01T00:00:00.000Z");
        takenOver.put("created_by_ref", pk);
        pkForges(takenOver);
        assertThat(nodes.ir.bean(PartnerIntelPull.class).pull(PK).error()).isNull();
        assertThat(irCurrent(byOther.path("id").asString())).isNull();
        assertThat(irAlarms(byOther.path("id").asString())).extracting(IntelTable.Alarm::rule).containsExactly("not-creator");
        assertThat(irCurrent(thirdParty.path("id").asString())).isEqualTo(thirdParty);
        assertThat(irAlarms(thirdParty.path("id").asString())).extracting(IntelTable.Alarm::rule).containsExactly("other-source");
    }

    /**
     * The inbox holds what partners post; an id is one object whatever collection holds it. PK posts to IR's inbox, under
     * its own name, an object with the id of one IR holds in its intel collection from elsewhere (IR's own import): it was
     * added to the inbox as PK's, beside IR's object of the same id. Refused as other-source, and raised.
     */
    @Test
    void pkMayNotPostToIrsInboxAnIdIrHoldsInItsIntelFromElsewhere() throws Exception {
        ObjectNode held = indicator("identity--" + java.util.UUID.randomUUID(), "imported by IR from a vendor, then posted by PK");
        irStore().store(Collection.INTEL, List.of(held), new Origin.Local("user:ir-analyst"));
        ObjectNode posted = Stix.newerVersion(held, "2024-02-01T00:00:00.000Z");
        posted.put("created_by_ref", pk);
        HttpResponse<String> response = Https.asPartner(nodes.pk, nodes.ir).send("POST", IR_INBOX, Stix.envelope(posted),
                "Accept", TAXII, "Content-Type", TAXII);
        assertThat(response.statusCode()).isEqualTo(202);
        JsonNode status = Stix.JSON.readTree(response.body());
        assertThat(status.path("failure_count").asInt()).as(response.body()).isEqualTo(1);
        assertThat(status.path("failures").get(0).path("message").asString()).contains("held from this node");
        assertThat(irStore().inboxObject(held.path("id").asString(), null)).isEmpty();
        assertThat(irCurrent(held.path("id").asString())).isEqualTo(held);
        assertThat(irAlarms(held.path("id").asString())).extracting(IntelTable.Alarm::rule, IntelTable.Alarm::path)
                .containsExactly(org.assertj.core.api.Assertions.tuple("other-source", "inbox"));
        // what PK makes and posts under ids of its own still goes in
        ObjectNode own = indicator(pk, "PK's own, posted to IR");
        HttpResponse<String> fine = Https.asPartner(nodes.pk, nodes.ir).send("POST", IR_INBOX, Stix.envelope(own),
                "Accept", TAXII, "Content-Type", TAXII);
        assertThat(Stix.JSON.readTree(fine.body()).path("success_count").asInt()).as(fine.body()).isEqualTo(1);
    }

    @Test
    void theAlarmsAreReadByEveryRoleAndByNoPartner() throws Exception {
        for (Role role : Role.values()) {
            HttpResponse<String> response = Https.to(nodes.ir).get("/api/intel/alarms", Https.basic(nodes.ir.username(role),
                    nodes.ir.password(role)));
            assertThat(response.statusCode()).as(role.name()).isEqualTo(200);
            assertThat(Stix.JSON.readTree(response.body()).isArray()).isTrue();
        }
        assertThat(Https.asPartner(nodes.pk, nodes.ir).get("/api/intel/alarms").statusCode()).isEqualTo(403);
        assertThat(Https.to(nodes.ir).get("/api/intel/alarms").statusCode()).isEqualTo(401);
        HttpResponse<String> tooMany = Https.to(nodes.ir).get("/api/intel/alarms?limit=100000",
                Https.basic(nodes.ir.username(Role.VIEWER), nodes.ir.password(Role.VIEWER)));
        assertThat(tooMany.statusCode()).isEqualTo(400);
        assertThat(tooMany.body()).contains("limit");
    }

    @Test
    void aPartnersObjectsAreNotImportedAsIrsOwn() {
        ObjectNode pksOwn = indicator(pk, "PK's indicator, imported without --from");
        assertThatThrownBy(() -> nodes.ir.bean(Bundles.class).importObjects(List.of(pksOwn), new Origin.Local("user:ir-analyst"), done -> { }))
                .isInstanceOf(org.concord.node.InvalidInput.class)
                .hasMessageContaining("--from PK");
        assertThat(irCurrent(pksOwn.path("id").asString())).isNull();
    }

    static String[] concat(String[] a, String... b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
