package org.concord.intel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.concord.intel.stix.Tlp;
import org.concord.party.NodeIdentity;
import org.concord.testing.OfflineNode;
import org.concord.testing.Postgres;
import org.concord.testing.Stix;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.context.ConfigurableApplicationContext;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** The STIX store on both databases: validation on every write, versioning by (id, modified), order of adding. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IntelStoreTest {

    private final Map<OfflineNode.Store, ConfigurableApplicationContext> nodes = new EnumMap<>(OfflineNode.Store.class);
    private String schema;

    @BeforeAll
    void start() {
        schema = Postgres.newSchema("intel");
        for (OfflineNode.Store store : OfflineNode.Store.values()) {
            nodes.put(store, OfflineNode.start(store, schema));
        }
    }

    @AfterAll
    void stop() {
        nodes.values().forEach(ConfigurableApplicationContext::close);
        Postgres.dropSchema(schema);
    }

    IntelStore store(OfflineNode.Store store) {
        return nodes.get(store).getBean(IntelStore.class);
    }

    String self(OfflineNode.Store store) {
        return nodes.get(store).getBean(NodeIdentity.class).stixIdentityId();
    }

    static final Origin ANALYST = new Origin.Local("user:analyst");

    @ParameterizedTest
    @EnumSource(OfflineNode.Store.class)
    void aValidObjectIsStoredAndReadBackWhole(OfflineNode.Store db) {
        ObjectNode group = Stix.intrusionSet("Jaish al-Adl", self(db), Tlp.GREEN);
        group.putArray("aliases").add("Jaysh al-Adl").add("جيش العدل");
        var outcomes = store(db).store(Collection.INTEL, List.of(group), ANALYST);
        assertThat(outcomes.get(0).kind()).isEqualTo(ObjectOutcome.Kind.ADDED);
        Page page = store(db).find(IntelQuery.all(Collection.INTEL, 10, 0).withIds(List.of(group.path("id").asString())), Viewer.local());
        assertThat(Stix.JSON.readTree(page.items().get(0).json())).isEqualTo(group);
    }

    @ParameterizedTest
    @EnumSource(OfflineNode.Store.class)
    void theReferencesOfADeletedObjectAreForgottenWhereTheyAreIndexed(OfflineNode.Store db) {
        // given a relationship between two groups, stored, then deleted
        ObjectNode a = Stix.intrusionSet("Group A", self(db), Tlp.GREEN);
        ObjectNode b = Stix.intrusionSet("Group B", self(db), Tlp.GREEN);
        ObjectNode link = Stix.relationship(a.path("id").asString(), "related-to", b.path("id").asString(), self(db), Tlp.GREEN);
        assertThat(store(db).store(Collection.INTEL, List.of(a, b, link), ANALYST)).allMatch(ObjectOutcome::succeeded);
        var jdbc = nodes.get(db).getBean(org.springframework.jdbc.core.simple.JdbcClient.class);
        String id = link.path("id").asString();
        if (db == OfflineNode.Store.POSTGRES) {
            // PostgreSQL's SQL splits each row's own refs (V15_90): there is no reference table to keep
            assertThat(jdbc.sql("select to_regclass('intel_object_ref') is null").query(Boolean.class).single()).isTrue();
            assertThat(store(db).delete(Collection.INTEL, id, List.of(), "test")).isEqualTo(1);
            return;
        }
        assertThat(jdbc.sql("select count(*) from intel_object_ref where id = ?").param(id).query(Long.class).single())
                .as("the relationship's references, indexed").isGreaterThanOrEqualTo(2);

        // when it is deleted, then none of its references stays behind
        assertThat(store(db).delete(Collection.INTEL, id, List.of(), "test")).isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from intel_object_ref where id = ?").param(id).query(Long.class).single()).isZero();
        assertThat(jdbc.sql("""
                select count(*) from intel_object_ref r where not exists (select 1 from intel_object o
                where o.id = r.id and o.collection = r.collection and o.version_key = r.version_key)""").query(Long.class).single())
                .isZero();
    }

    @ParameterizedTest
    @EnumSource(OfflineNode.Store.class)
    void aSchemaViolationIsRefusedNamingTheIdAndPath(OfflineNode.Store db) {
        ObjectNode bad = Stix.intrusionSet("No name", self(db), Tlp.GREEN);
        bad.remove("name");
        ObjectNode early = Stix.intrusionSet("Modified before created", self(db), Tlp.GREEN);
        early.put("modified", "2023-01-01T00:00:00.000Z");
        var outcomes = store(db).store(Collection.INTEL, List.of(bad, early), ANALYST);
        assertThat(outcomes).allMatch(o -> o.kind() == ObjectOutcome.Kind.REFUSED);
        assertThat(outcomes.get(0).id()).isEqualTo(bad.path("id").asString());
        assertThat(outcomes.get(0).message()).contains("name");
        assertThat(outcomes.get(1).message()).contains("$.modified");
    }

    @ParameterizedTest
    @EnumSource(OfflineNode.Store.class)
    void aNewerVersionBecomesCurrentAnEqualOneIsANoOpAnOlderOneIsHistory(OfflineNode.Store db) {
        ObjectNode v1 = Stix.intrusionSet("Jundallah", self(db), Tlp.GREEN);
        String id = v1.path("id").asString();
        ObjectNode v3 = Stix.newerVersion(v1, "2024-01-18T06:00:00.000Z");
        ObjectNode v2 = Stix.newerVersion(v1, "2024-01-17T06:00:00.000Z");
        assertThat(store(db).store(Collection.INTEL, List.of(v1), ANALYST).get(0).kind()).isEqualTo(ObjectOutcome.Kind.ADDED);
        assertThat(store(db).store(Collection.INTEL, List.of(v3), ANALYST).get(0).kind()).isEqualTo(ObjectOutcome.Kind.NEWER_VERSION);
        assertThat(store(db).store(Collection.INTEL, List.of(v3), ANALYST).get(0).kind()).isEqualTo(ObjectOutcome.Kind.UNCHANGED);
        assertThat(store(db).store(Collection.INTEL, List.of(v2), ANALYST).get(0).kind()).isEqualTo(ObjectOutcome.Kind.OLDER_VERSION);
        assertThat(store(db).store(Collection.INTEL, List.of(v2), ANALYST).get(0).kind()).isEqualTo(ObjectOutcome.Kind.UNCHANGED);
        IntelQuery byId = IntelQuery.all(Collection.INTEL, 10, 0).withIds(List.of(id));
        assertThat(store(db).find(byId, Viewer.local()).items()).extracting(StoredObject::version).containsExactly("2024-01-18T06:00:00.000Z");
        assertThat(store(db).find(byId.withVersions(List.of("all")), Viewer.local()).items()).hasSize(3);
        assertThat(store(db).find(byId.withVersions(List.of("first")), Viewer.local()).items()).extracting(StoredObject::version)
                .containsExactly(Stix.T0);
    }

    @ParameterizedTest
    @EnumSource(OfflineNode.Store.class)
    void onlyTheCreatorMayVersionAnObject(OfflineNode.Store db) {
        ObjectNode original = Stix.intrusionSet("Army of Justice", self(db), Tlp.GREEN);
        store(db).store(Collection.INTEL, List.of(original), ANALYST);
        ObjectNode forged = Stix.newerVersion(original, "2024-02-01T00:00:00.000Z");
        forged.put("created_by_ref", "identity--" + java.util.UUID.randomUUID());
        var outcome = store(db).store(Collection.INTEL, List.of(forged), ANALYST).get(0);
        assertThat(outcome.kind()).isEqualTo(ObjectOutcome.Kind.REFUSED);
        assertThat(outcome.message()).contains("created_by_ref");
    }

    @ParameterizedTest
    @EnumSource(OfflineNode.Store.class)
    void aBundleWithOneBadObjectStoresNothing(OfflineNode.Store db) {
        List<JsonNode> bundle = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            bundle.add(Stix.intrusionSet("group " + i, self(db), Tlp.GREEN));
        }
        ObjectNode bad = Stix.intrusionSet("bad", self(db), Tlp.GREEN);
        bad.put("id", "intrusion-set--not-a-uuid");
        bundle.add(25, bad);
        long before = store(db).count(Collection.INTEL);
        assertThatThrownBy(() -> store(db).storeAll(Collection.INTEL, bundle, ANALYST)).isInstanceOf(RefusedObjects.class)
                .hasMessageContaining("intrusion-set--not-a-uuid");
        assertThat(store(db).count(Collection.INTEL)).isEqualTo(before);
    }

    @ParameterizedTest
    @EnumSource(OfflineNode.Store.class)
    void objectsAddedInOneBatchShareOneDateAddedAndPageInOrderOfAdding(OfflineNode.Store db) {
        List<JsonNode> batch = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            ObjectNode object = Stix.intrusionSet("batch " + i, self(db), Tlp.GREEN);
            batch.add(object);
            ids.add(object.path("id").asString());
        }
        store(db).store(Collection.INTEL, batch, ANALYST);
        IntelQuery query = IntelQuery.all(Collection.INTEL, 7, 0).withIds(ids);
        List<StoredObject> seen = new ArrayList<>();
        Page page;
        do {
            page = store(db).find(query, Viewer.local());
            seen.addAll(page.items());
            query = query.after(page.lastSeq());
        } while (page.more());
        assertThat(seen).extracting(StoredObject::id).containsExactlyElementsOf(ids);
        assertThat(seen.stream().map(StoredObject::dateAdded).distinct()).hasSize(1);
    }

    // Issue 9, defect 9: spec_version 2.0 and unknown marking ids are refused at validation.

    @ParameterizedTest
    @EnumSource(OfflineNode.Store.class)
    void specVersion20AndUnknownMarkingsAreRefusedNamingTheFieldAndRule(OfflineNode.Store db) {
        ObjectNode old = Stix.intrusionSet("STIX 2.0", self(db), Tlp.GREEN);
        old.put("spec_version", "2.0");
        String custom = Stix.newId("marking-definition");
        ObjectNode unknownMarking = Stix.intrusionSet("unknown marking", self(db), Tlp.GREEN);
        ((tools.jackson.databind.node.ArrayNode) unknownMarking.get("object_marking_refs")).add(custom);
        var outcomes = store(db).store(Collection.INTEL, List.of(old, unknownMarking), ANALYST);
        assertThat(outcomes.get(0).kind()).isEqualTo(ObjectOutcome.Kind.REFUSED);
        assertThat(outcomes.get(0).message()).contains("$.spec_version: spec_version must be \"2.1\"");
        assertThat(outcomes.get(1).kind()).isEqualTo(ObjectOutcome.Kind.REFUSED);
        assertThat(outcomes.get(1).message()).contains("$.object_marking_refs[1]: marking " + custom + " is unknown");

        // A marking-definition in the same batch that the schema refuses (no definition) is no marking: the object
        // marked with it is refused too, not stored with a reference to nothing (a tester's finding)
        ObjectNode broken = Stix.JSON.createObjectNode().put("type", "marking-definition").put("spec_version", "2.1")
                .put("id", custom).put("created", Stix.T0).put("definition_type", "statement");
        var withBroken = store(db).store(Collection.INTEL, List.of(unknownMarking, broken), ANALYST);
        assertThat(withBroken).extracting(ObjectOutcome::kind).containsExactly(ObjectOutcome.Kind.REFUSED, ObjectOutcome.Kind.REFUSED);
        assertThat(withBroken.get(0).message()).contains("$.object_marking_refs[1]: marking " + custom + " is unknown");

        // The marking-definition in the same batch, then held: accepted.
        ObjectNode statement = Stix.JSON.createObjectNode().put("type", "marking-definition").put("spec_version", "2.1")
                .put("id", custom).put("created", Stix.T0).put("definition_type", "statement");
        statement.putObject("definition").put("statement", "Copyright Concord test");
        assertThat(store(db).store(Collection.INTEL, List.of(unknownMarking, statement), ANALYST)).allMatch(ObjectOutcome::succeeded);
        ObjectNode later = Stix.intrusionSet("marked later", self(db), Tlp.GREEN);
        later.putArray("granular_markings").addObject().put("marking_ref", custom).putArray("selectors").add("name");
        assertThat(store(db).store(Collection.INTEL, List.of(later), ANALYST).get(0).kind()).isEqualTo(ObjectOutcome.Kind.ADDED);
    }
}
