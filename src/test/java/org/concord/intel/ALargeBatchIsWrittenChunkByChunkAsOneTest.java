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

/**
 * A batch larger than one chunk ({@link IntelStore#CHUNK}) is checked on all cores while the chunks
 * already checked are written (issue 13), on PostgreSQL by COPY: it must come out as the one batch
 * it was before, on both databases. Versions of one id in different chunks end as if in one chunk, a
 * repeat is unchanged, text COPY must escape comes back whole, and all or nothing still stores nothing
 * when the refusal is in the last chunk, nor when PostgreSQL itself refuses a row half-way through the COPY.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ALargeBatchIsWrittenChunkByChunkAsOneTest {

    private final Map<OfflineNode.Store, ConfigurableApplicationContext> nodes = new EnumMap<>(OfflineNode.Store.class);
    private String schema;
    private static final Origin ANALYST = new Origin.Local("user:analyst");

    @BeforeAll
    void start() {
        schema = Postgres.newSchema("chunks");
        for (OfflineNode.Store store : OfflineNode.Store.values()) {
            nodes.put(store, OfflineNode.start(store, schema));
        }
    }

    @AfterAll
    void stop() {
        nodes.values().forEach(ConfigurableApplicationContext::close);
        Postgres.dropSchema(schema);
    }

    private IntelStore store(OfflineNode.Store db) {
        return nodes.get(db).getBean(IntelStore.class);
    }

    private String self(OfflineNode.Store db) {
        return nodes.get(db).getBean(NodeIdentity.class).stixIdentityId();
    }

    private List<ObjectNode> groups(OfflineNode.Store db, int n) {
        List<ObjectNode> objects = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            objects.add(Stix.intrusionSet("Group " + i, self(db), Tlp.GREEN));
        }
        return objects;
    }

    private List<StoredObject> versionsOf(OfflineNode.Store db, String id) {
        return store(db).find(IntelQuery.all(Collection.INTEL, 100, 0).withIds(List.of(id)).withVersions(List.of("all")), Viewer.local())
                .items();
    }

    @ParameterizedTest
    @EnumSource(OfflineNode.Store.class)
    void versionsOfOneIdInDifferentChunksEndAsInOneBatch(OfflineNode.Store db) {
        List<ObjectNode> batch = new ArrayList<>(groups(db, 350));
        ObjectNode first = batch.get(5);
        ObjectNode newer = Stix.newerVersion(first, "2024-02-01T00:00:00.000Z");
        ObjectNode older = Stix.newerVersion(first, "2024-01-20T00:00:00.000Z");
        batch.set(150, newer);            // second chunk: becomes current, the first version history
        batch.set(320, older);            // fourth chunk: older than the current one, kept as history
        batch.add(first.deepCopy());      // a repeat in the last chunk: already held

        List<ObjectOutcome> outcomes = store(db).store(Collection.INTEL, new ArrayList<>(batch), ANALYST);

        assertThat(outcomes.get(5).kind()).isEqualTo(ObjectOutcome.Kind.ADDED);
        assertThat(outcomes.get(150).kind()).isEqualTo(ObjectOutcome.Kind.NEWER_VERSION);
        assertThat(outcomes.get(320).kind()).isEqualTo(ObjectOutcome.Kind.OLDER_VERSION);
        assertThat(outcomes.get(batch.size() - 1).kind()).isEqualTo(ObjectOutcome.Kind.UNCHANGED);
        List<StoredObject> versions = versionsOf(db, first.path("id").asString());
        assertThat(versions).hasSize(3);
        assertThat(versions).filteredOn(StoredObject::current).singleElement()
                .satisfies(current -> assertThat(current.version()).isEqualTo("2024-02-01T00:00:00.000Z"));
        assertThat(versions).extracting(StoredObject::dateAdded).containsOnly(versions.get(0).dateAdded());
    }

    @ParameterizedTest
    @EnumSource(OfflineNode.Store.class)
    void textThatCopyEscapesComesBackWhole(OfflineNode.Store db) {
        List<ObjectNode> batch = groups(db, 120);
        ObjectNode awkward = batch.get(110);
        awkward.put("description", "a\ttab, a\nnewline, a\r return, a \\ backslash, \\N, \"quotes\", جيش العدل, \u0001 and 😀");
        awkward.putArray("aliases").add("\\\\server\\share").add("tab\there");

        assertThat(store(db).store(Collection.INTEL, new ArrayList<>(batch), ANALYST)).allMatch(o -> o.kind() == ObjectOutcome.Kind.ADDED);

        JsonNode back = Stix.JSON.readTree(versionsOf(db, awkward.path("id").asString()).get(0).json());
        assertThat(back).isEqualTo(awkward);
    }

    @ParameterizedTest
    @EnumSource(OfflineNode.Store.class)
    void allOrNothingStoresNothingWhenTheLastChunkHoldsARefusal(OfflineNode.Store db) {
        List<ObjectNode> batch = groups(db, 300);
        batch.get(299).remove("name");
        long before = store(db).count(Collection.INTEL);

        assertThatThrownBy(() -> store(db).storeAll(Collection.INTEL, new ArrayList<>(batch), ANALYST))
                .isInstanceOfSatisfying(RefusedObjects.class, refused -> assertThat(refused.refused()).singleElement()
                        .satisfies(r -> assertThat(r.id()).isEqualTo(batch.get(299).path("id").asString())));
        assertThat(store(db).count(Collection.INTEL)).isEqualTo(before);
    }

    @ParameterizedTest
    @EnumSource(OfflineNode.Store.class)
    void refusalsInEveryChunkAreNamedAndTheRestStored(OfflineNode.Store db) {
        List<ObjectNode> batch = groups(db, 420);
        for (int i = 7; i < batch.size(); i += 100) {
            batch.get(i).put("modified", "2000-01-01T00:00:00.000Z");   // before created
        }
        long before = store(db).count(Collection.INTEL);

        List<ObjectOutcome> outcomes = store(db).store(Collection.INTEL, new ArrayList<>(batch), ANALYST);

        assertThat(outcomes).filteredOn(o -> o.kind() == ObjectOutcome.Kind.REFUSED).extracting(ObjectOutcome::id)
                .containsExactly(batch.get(7).path("id").asString(), batch.get(107).path("id").asString(),
                        batch.get(207).path("id").asString(), batch.get(307).path("id").asString(), batch.get(407).path("id").asString());
        assertThat(store(db).count(Collection.INTEL)).isEqualTo(before + 415);
    }

    /**
     * On PostgreSQL the chunks stream into one COPY: a row the database itself refuses half-way (here a test's trigger,
     * standing for a constraint or a full disk) must fail the batch whole, leave nothing of it stored, and leave the
     * connection fit for the next batch.
     */
    @org.junit.jupiter.api.Test
    void aRowThePostgresRefusesHalfWayThroughTheCopyStoresNothingOfTheBatch() {
        OfflineNode.Store db = OfflineNode.Store.POSTGRES;
        var jdbc = nodes.get(db).getBean(org.springframework.jdbc.core.simple.JdbcClient.class);
        jdbc.sql("create function refuse_marked() returns trigger language plpgsql as $$ begin"
                + " if new.object like '%refused by the database%' then raise exception 'a test trigger refuses %', new.id; end if;"
                + " return new; end $$").update();
        jdbc.sql("create trigger refuse_marked before insert on intel_object for each row execute function refuse_marked()").update();
        try {
            List<ObjectNode> batch = groups(db, 450);
            batch.get(333).put("description", "refused by the database");
            long before = store(db).count(Collection.INTEL);

            assertThatThrownBy(() -> store(db).store(Collection.INTEL, new ArrayList<>(batch), ANALYST))
                    .hasMessageContaining("a test trigger refuses " + batch.get(333).path("id").asString());
            assertThat(store(db).count(Collection.INTEL)).as("nothing of the batch").isEqualTo(before);

            List<ObjectNode> next = groups(db, 250);
            assertThat(store(db).store(Collection.INTEL, new ArrayList<>(next), ANALYST))
                    .allSatisfy(o -> assertThat(o.kind()).isEqualTo(ObjectOutcome.Kind.ADDED));
            assertThat(store(db).count(Collection.INTEL)).isEqualTo(before + 250);
        } finally {
            jdbc.sql("drop trigger refuse_marked on intel_object").update();
            jdbc.sql("drop function refuse_marked()").update();
        }
    }
}
