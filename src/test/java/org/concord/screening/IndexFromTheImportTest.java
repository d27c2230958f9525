package org.concord.screening;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.concord.screening.names.NameIndex;
import org.concord.testing.OfflineNode;
import org.concord.testing.Postgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * An import builds its index from the list it parsed, not from the database; that index must hold
 * exactly what an index rebuilt from the database (as at a node's start) holds: the same names, with
 * the same owners (primary name, date of birth, nationality, origin, marking) and kinds. On both
 * databases, through additions, changes, delistings and relistings, several lists, and a list written
 * meanwhile by another instance of the node sharing the database.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IndexFromTheImportTest {

    private final Map<OfflineNode.Store, ConfigurableApplicationContext> nodes = new EnumMap<>(OfflineNode.Store.class);
    private String schema;

    @BeforeAll
    void start() {
        schema = Postgres.newSchema("screening_import_index");
        for (OfflineNode.Store store : OfflineNode.Store.values()) {
            nodes.put(store, OfflineNode.start(store, schema));
        }
    }

    @AfterAll
    void stop() {
        nodes.values().forEach(ConfigurableApplicationContext::close);
        Postgres.dropSchema(schema);
    }

    private static ByteArrayInputStream csv(String rows) {
        return new ByteArrayInputStream((CsvWatchlistTest.HEADER + rows).getBytes(StandardCharsets.UTF_8));
    }

    /** What an index holds, one line a name, sorted: its owner, its kind and its forms. */
    private static List<String> contents(NameIndex<Watchlists.Listed> index) {
        List<String> lines = new ArrayList<>(index.size());
        for (int i = 0; i < index.size(); i++) {
            lines.add(index.owner(i) + " | " + index.kind(i) + " | " + index.name(i));
        }
        lines.sort(null);
        return lines;
    }

    private static void assertSameAsRebuilt(Watchlists watchlists) {
        List<String> imported = contents(watchlists.current());
        List<String> rebuilt = contents(watchlists.rebuild());
        assertThat(imported).isNotEmpty().isEqualTo(rebuilt);
    }

    @ParameterizedTest
    @EnumSource(OfflineNode.Store.class)
    void theIndexAnImportBuildsHoldsWhatTheDatabaseHolds(OfflineNode.Store db) {
        Watchlists watchlists = nodes.get(db).getBean(Watchlists.class);
        watchlists.importUnList("un-2020", UnConsolidatedListTest.un2020());
        assertSameAsRebuilt(watchlists);

        watchlists.importList("moi-csv", Watchlists.Format.CSV, csv("""
                MOI-1,Abdolmalek Rigi,عبدالمالک ریگی;Abdul Malik Rigi,person,1983;1984,Saravan,Iran;Pakistan,,2010-02-23,Ministry of Interior
                MOI-2,Jaish al-Adl,Jaysh al-Adl;جيش العدل,organisation,,,,,2019-01-01,Ministry of Interior
                MOI-3,Jundallah,,organisation,,,,,2009-01-01,
                MOI-4,"Salahuddin, ""the elder"" Farooqui",Salah al-Din Faruqi,person,1960-1962,,PK,,,
                """));
        assertThat(watchlists.search("Abdul Malik Regi", 5)).extracting(Watchlists.Match::reference).contains("MOI-1");
        assertSameAsRebuilt(watchlists);

        // changed (MOI-1), delisted (MOI-3), added (MOI-5), unchanged (MOI-2, MOI-4)
        watchlists.importList("moi-csv", Watchlists.Format.CSV, csv("""
                MOI-1,Abdolmalek Rigi,عبدالمالک ریگی;Abdul Malik Rigi;Abdulmalik Regi,person,1983,Saravan,Iran,,2010-02-23,Ministry of Interior
                MOI-2,Jaish al-Adl,Jaysh al-Adl;جيش العدل,organisation,,,,,2019-01-01,Ministry of Interior
                MOI-4,"Salahuddin, ""the elder"" Farooqui",Salah al-Din Faruqi,person,1960-1962,,PK,,,
                MOI-5,Baloch Liberation Army,Balochistan Liberation Army;BLA,organisation,,,,,,
                """));
        assertThat(watchlists.search("Jundallah", 5)).extracting(Watchlists.Match::reference).doesNotContain("MOI-3");
        assertSameAsRebuilt(watchlists);

        // relisted (MOI-3)
        watchlists.importList("moi-csv", Watchlists.Format.CSV, csv("""
                MOI-3,Jundallah,,organisation,,,,,2009-01-01,
                """));
        assertThat(watchlists.search("Jundallah", 5)).extracting(Watchlists.Match::reference).contains("MOI-3");
        assertSameAsRebuilt(watchlists);
    }

    @ParameterizedTest
    @EnumSource(OfflineNode.Store.class)
    void aListAnotherInstanceImportedMeanwhileIsReadFromTheDatabase(OfflineNode.Store db) {
        Watchlists watchlists = nodes.get(db).getBean(Watchlists.class);
        JdbcClient jdbc = nodes.get(db).getBean(JdbcClient.class);
        watchlists.importList("own-list", Watchlists.Format.CSV, csv("OWN-1,Jaish al-Adl,Jaysh al-Adl,organisation,,,,,,\n"));
        // another instance of the node, sharing the database, imports a list of its own: this instance's index does not hold it
        Timestamp now = Timestamp.from(Instant.now());
        jdbc.sql("""
                insert into screening_entry (source, reference, kind, list_version, fingerprint, listed, listed_on, dates_of_birth,
                    places_of_birth, nationalities, documents, first_imported, last_changed, origin, marking)
                values ('their-list', 'THEIRS-1', 'ENTITY', '', 'f', true, '', '', '', '', '', ?, ?, '', '')""").params(now, now).update();
        jdbc.sql("""
                insert into screening_name (source, reference, position, name, name_type, quality)
                values ('their-list', 'THEIRS-1', 0, 'Tehrik Zarnigar Kohsar', 'PRIMARY', '')""").update();
        jdbc.sql("""
                insert into screening_import (source, generated, imported_at, entries, added, changed, delisted, relisted)
                values ('their-list', '', ?, 1, 1, 0, 0, 0)""").params(now).update();
        assertThat(watchlists.search("Tehrik Zarnigar Kohsar", 5)).isEmpty();

        // this instance's next import makes an index that holds the other instance's list too
        watchlists.importList("own-list", Watchlists.Format.CSV, csv("OWN-1,Jaish al-Adl,Jaysh al-Adl;Jeish ul-Adl,organisation,,,,,,\n"));
        assertThat(watchlists.search("Tehrik Zarnigar Kohsar", 5)).extracting(Watchlists.Match::reference).containsExactly("THEIRS-1");
        assertSameAsRebuilt(watchlists);
    }

    @Test
    void theFingerprintIsTheTextEarlierVersionsHashed() {
        List<WatchlistEntry> entries = new ArrayList<>(UnConsolidatedList.read(UnConsolidatedListTest.un2020()).entries());
        entries.add(new WatchlistEntry("X-1", null, WatchlistEntry.Kind.ENTITY, List.of(new WatchlistEntry.Alias("A, B", "PRIMARY", "")),
                List.of(), List.of("[x]"), List.of("a", "b"), List.of(), "", "origin", "TLP:AMBER"));
        for (WatchlistEntry entry : entries) {
            assertThat(Watchlists.fingerprintText(entry)).isEqualTo(entry.toString());
        }
    }
}
