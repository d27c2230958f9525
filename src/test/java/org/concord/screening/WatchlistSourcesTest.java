package org.concord.screening;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.concord.intel.Collection;
import org.concord.intel.IntelStore;
import org.concord.intel.Origin;
import org.concord.intel.stix.Tlp;
import org.concord.node.InvalidInput;
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
import org.springframework.jdbc.core.simple.JdbcClient;

import tools.jackson.databind.node.ObjectNode;

/**
 * Watchlists from a CSV file and from the intel store's STIX objects, on both databases: imported all
 * or nothing, re-imported with what changed, searched by any spelling, each match with its markings.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WatchlistSourcesTest {

    private final Map<OfflineNode.Store, ConfigurableApplicationContext> nodes = new EnumMap<>(OfflineNode.Store.class);
    private String schema;

    @BeforeAll
    void start() {
        schema = Postgres.newSchema("screening_sources");
        for (OfflineNode.Store store : OfflineNode.Store.values()) {
            nodes.put(store, OfflineNode.start(store, schema));
        }
    }

    @AfterAll
    void stop() {
        nodes.values().forEach(ConfigurableApplicationContext::close);
        Postgres.dropSchema(schema);
    }

    private Watchlists watchlists(OfflineNode.Store store) {
        return nodes.get(store).getBean(Watchlists.class);
    }

    private int count(OfflineNode.Store store, String sql, Object... params) {
        return nodes.get(store).getBean(JdbcClient.class).sql(sql).params(params).query(Integer.class).single();
    }

    private static ByteArrayInputStream csv(String rows) {
        return new ByteArrayInputStream((CsvWatchlistTest.HEADER + rows).getBytes(StandardCharsets.UTF_8));
    }

    private Watchlists.Imported importCsv(OfflineNode.Store db, String source, String rows) {
        return watchlists(db).importList(source, Watchlists.Format.CSV, csv(rows));
    }

    @ParameterizedTest
    @EnumSource(OfflineNode.Store.class)
    void aCsvListIsFoundByAnySpellingAndANewerVersionRecordsWhatChanged(OfflineNode.Store db) {
        var first = importCsv(db, "moi-csv", """
                MOI-1,Abdolmalek Rigi,عبدالمالک ریگی,person,1983,Saravan,Iran,,2010-02-23,Ministry of Interior
                MOI-2,Jaish al-Adl,Jaysh al-Adl;جيش العدل,organisation,,,,,2019-01-01,Ministry of Interior
                MOI-3,Jundallah,,organisation,,,,,2009-01-01,Ministry of Interior
                """);
        assertThat(first).isEqualTo(new Watchlists.Imported("moi-csv", first.generated(), 3, 3, 0, 0, 0));
        var rigi = watchlists(db).search("Abdul Malik Regi", "1983", "IR", 5);
        assertThat(rigi).extracting(Watchlists.Match::reference).first().isEqualTo("MOI-1");
        assertThat(rigi.get(0).origin()).isEqualTo("Ministry of Interior");
        assertThat(rigi.get(0).why()).anyMatch(line -> line.startsWith("date of birth agrees"));
        assertThat(watchlists(db).search("جیش العدل", 5)).extracting(Watchlists.Match::reference).contains("MOI-2");

        var second = importCsv(db, "moi-csv", """
                MOI-1,Abdolmalek Rigi,عبدالمالک ریگی;Abdul Malik Rigi,person,1983,Saravan,Iran,,2010-02-23,Ministry of Interior
                MOI-2,Jaish al-Adl,Jaysh al-Adl;جيش العدل,organisation,,,,,2019-01-01,Ministry of Interior
                MOI-4,Baloch Liberation Army,BLA,organisation,,,,,2019-07-02,Ministry of Interior
                """);
        assertThat(second).isEqualTo(new Watchlists.Imported("moi-csv", second.generated(), 3, 1, 1, 1, 0));
        assertThat(watchlists(db).search("Jundallah", 5)).as("delisted").isEmpty();
        assertThat(watchlists(db).search("Baluch Liberation Army", 5)).extracting(Watchlists.Match::reference).containsExactly("MOI-4");
        assertThat(count(db, "select count(*) from screening_name where source = ? and reference = ?", "moi-csv", "MOI-1")).isEqualTo(3);

        var third = importCsv(db, "moi-csv", """
                MOI-1,Abdolmalek Rigi,عبدالمالک ریگی;Abdul Malik Rigi,person,1983,Saravan,Iran,,2010-02-23,Ministry of Interior
                MOI-2,Jaish al-Adl,Jaysh al-Adl;جيش العدل,organisation,,,,,2019-01-01,Ministry of Interior
                MOI-3,Jundallah,,organisation,,,,,2009-01-01,Ministry of Interior
                MOI-4,Baloch Liberation Army,BLA,organisation,,,,,2019-07-02,Ministry of Interior
                """);
        assertThat(third).isEqualTo(new Watchlists.Imported("moi-csv", third.generated(), 4, 0, 0, 0, 1));
        assertThat(watchlists(db).search("Jundullah", 5)).extracting(Watchlists.Match::reference).containsExactly("MOI-3");
    }

    @ParameterizedTest
    @EnumSource(OfflineNode.Store.class)
    void aFailedCsvImportLeavesThePreviousListIntact(OfflineNode.Store db) {
        importCsv(db, "fail-csv", "F-1,Lashkar-e-Jhangvi,,organisation,,,,,,\n");
        assertThatThrownBy(() -> importCsv(db, "fail-csv", "F-1,Lashkar-e-Jhangvi,,organisation,,,,,,\nF-2," + "x".repeat(10_000)
                + ",,person,,,,,,\n")).isInstanceOf(WatchlistFormatError.class).hasMessageContaining("line 3, column 2 (name)");
        assertThatThrownBy(() -> importCsv(db, "fail-csv", "F-2,Sipah-e-Sahaba,,organisation,,,,,,\nF-2,Sipah-e-Sahaba,,organisation,,,,,,\n"))
                .isInstanceOf(WatchlistFormatError.class)
                .hasMessage("line 3, column 1 (reference): the reference F-2 was given on line 2 already; each entry has its own reference");
        assertThat(count(db, "select count(*) from screening_entry where source = ? and listed = true", "fail-csv")).isEqualTo(1);
        assertThat(watchlists(db).search("Lashkar e Jhangvi", 5)).extracting(Watchlists.Match::reference).first().isEqualTo("F-1");
        assertThatThrownBy(() -> watchlists(db).importList("Bad Source", Watchlists.Format.CSV, csv("")))
                .isInstanceOf(InvalidInput.class).hasMessageContaining("lower-case");
    }

    @ParameterizedTest
    @EnumSource(OfflineNode.Store.class)
    void theIntelStoresGroupsAndPersonsAreAListUnderTheirMarkings(OfflineNode.Store db) {
        IntelStore store = nodes.get(db).getBean(IntelStore.class);
        String self = nodes.get(db).getBean(NodeIdentity.class).stixIdentityId();
        ObjectNode group = Stix.intrusionSet("Jaish al-Adl " + db, self, Tlp.AMBER);
        group.putArray("aliases").add("Jaysh al-Adl").add("جيش العدل");
        ObjectNode person = person("Abdolmalek Rigi", self, Tlp.RED);
        ObjectNode actor = Stix.intrusionSet("Lashkar-e-Taiba " + db, self, Tlp.GREEN);
        actor.put("type", "threat-actor");
        actor.put("id", actor.path("id").asString().replace("intrusion-set", "threat-actor"));
        actor.putArray("threat_actor_types").add("terrorist");
        actor.putArray("aliases").add("Lashkar-e-Tayyiba");
        // a threat actor who acts alone is a person, not a body
        ObjectNode loneActor = Stix.intrusionSet("Mohammad Saleh Lone " + db, self, Tlp.GREEN);
        loneActor.put("type", "threat-actor");
        loneActor.put("id", loneActor.path("id").asString().replace("intrusion-set", "threat-actor"));
        loneActor.put("resource_level", "individual");
        store.store(Collection.INTEL, List.of(group, person, actor, loneActor), new Origin.Local("user:test"));

        var imported = watchlists(db).importIntel("stix", "own");
        assertThat(imported.added()).as("the node's own identity is not a target").isEqualTo(4);
        assertThat(watchlists(db).search("Mohammad Saleh Lone " + db, 5)).extracting(Watchlists.Match::kind).first().isEqualTo("INDIVIDUAL");
        var found = watchlists(db).search("جیش العدل " + db, 5).stream().filter(m -> m.source().equals("stix")).toList();
        assertThat(found).extracting(Watchlists.Match::reference).first().isEqualTo(group.path("id").asString());
        assertThat(found.get(0).marking()).isEqualTo("TLP:AMBER");
        assertThat(found.get(0).origin()).as("this node's own").isEmpty();
        var rigi = watchlists(db).search("عبدالمالک ریگی", 5);
        assertThat(rigi.get(0).kind()).isEqualTo("INDIVIDUAL");
        assertThat(rigi.get(0).marking()).isEqualTo("TLP:RED");
        assertThat(watchlists(db).search("Lashkar e Tayyiba", 5)).extracting(Watchlists.Match::kind).containsExactly("ENTITY");

        // revoking the person delists it at the next import; a new alias of the group is a change
        ObjectNode revoked = Stix.newerVersion(person, "2024-02-01T00:00:00.000Z");
        revoked.put("revoked", true);
        ObjectNode renamed = Stix.newerVersion(group, "2024-02-01T00:00:00.000Z");
        renamed.withArray("aliases").add("Jeish ul-Adl");
        store.store(Collection.INTEL, List.of(revoked, renamed), new Origin.Local("user:test"));
        var again = watchlists(db).importIntel("stix", "all");
        assertThat(again.added()).isZero();
        assertThat(again.changed()).isEqualTo(1);
        assertThat(again.delisted()).isEqualTo(1);
        assertThat(watchlists(db).search("Abdolmalek Rigi", 5)).isEmpty();
        assertThatThrownBy(() -> watchlists(db).importIntel("stix", "AF")).isInstanceOf(InvalidInput.class)
                .hasMessageContaining("AF is not a paired partner");
        assertThatThrownBy(() -> watchlists(db).importIntel("stix", "nobody")).isInstanceOf(InvalidInput.class)
                .hasMessageContaining("from is all, own or a paired partner's code");
    }

    static ObjectNode person(String name, String creator, Tlp tlp) {
        ObjectNode node = Stix.JSON.createObjectNode();
        node.put("type", "identity");
        node.put("spec_version", "2.1");
        node.put("id", Stix.newId("identity"));
        node.put("created", Stix.T0);
        node.put("modified", Stix.T0);
        node.put("name", name);
        node.put("identity_class", "individual");
        node.put("created_by_ref", creator);
        node.putArray("object_marking_refs").add(tlp.markingDefinitionId());
        return node;
    }
}
