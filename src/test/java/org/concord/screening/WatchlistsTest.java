package org.concord.screening;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;

import org.concord.node.InvalidInput;
import org.concord.testing.OfflineNode;
import org.concord.testing.Postgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Watchlists on both databases: imported all or nothing, re-imported with what changed, searched by any spelling. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WatchlistsTest {

    private final Map<OfflineNode.Store, ConfigurableApplicationContext> nodes = new EnumMap<>(OfflineNode.Store.class);
    private String schema;

    @BeforeAll
    void start() {
        schema = Postgres.newSchema("screening");
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

    private static ByteArrayInputStream xml(String entities) {
        return new ByteArrayInputStream(("<CONSOLIDATED_LIST dateGenerated=\"2024-01-20\"><INDIVIDUALS/><ENTITIES>" + entities
                + "</ENTITIES></CONSOLIDATED_LIST>").getBytes(StandardCharsets.UTF_8));
    }

    /** A UN list of 2020-11-30 of these individuals and entities, each as its XML element. */
    private static ByteArrayInputStream list(String individuals, String entities) {
        return new ByteArrayInputStream(("<CONSOLIDATED_LIST dateGenerated=\"2020-11-30\"><INDIVIDUALS>" + individuals + "</INDIVIDUALS><ENTITIES>"
                + entities + "</ENTITIES></CONSOLIDATED_LIST>").getBytes(StandardCharsets.UTF_8));
    }

    /** An individual of a UN list: its names in the list's order (first to fourth), and what else the list says of it ({@code more}, XML). */
    private static String individual(String reference, String more, String... names) {
        String[] tags = {"FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME"};
        StringBuilder xml = new StringBuilder("<INDIVIDUAL><DATAID>" + reference.hashCode() + "</DATAID>");
        for (int i = 0; i < names.length; i++) {
            xml.append('<').append(tags[i]).append('>').append(names[i]).append("</").append(tags[i]).append('>');
        }
        return xml.append("<REFERENCE_NUMBER>").append(reference).append("</REFERENCE_NUMBER>").append(more).append("</INDIVIDUAL>").toString();
    }

    private static String entity(String reference, String name, String aliases) {
        return "<ENTITY><DATAID>" + reference.hashCode() + "</DATAID><FIRST_NAME>" + name + "</FIRST_NAME><REFERENCE_NUMBER>" + reference
                + "</REFERENCE_NUMBER><ENTITY_ALIAS><QUALITY>Good</QUALITY><ALIAS_NAME>" + aliases + "</ALIAS_NAME></ENTITY_ALIAS></ENTITY>";
    }

    @ParameterizedTest
    @EnumSource(OfflineNode.Store.class)
    void theUnListIsImportedAndFoundByAnySpelling(OfflineNode.Store db) {
        var imported = watchlists(db).importUnList("un-2020", UnConsolidatedListTest.un2020());
        assertThat(imported.entries()).isEqualTo(1018);
        assertThat(imported.added()).isEqualTo(1018);
        assertThat(count(db, "select count(*) from screening_entry where source = ?", "un-2020")).isEqualTo(1018);
        // the Taliban leader's name in Latin finds his entry; so does the Pashto/Dari original
        var byLatin = watchlists(db).search("Abdul Ghani Baradar", 5);
        assertThat(byLatin).isNotEmpty();
        assertThat(byLatin.get(0).reference()).isEqualTo("TAi.024");
        assertThat(byLatin.get(0).why()).isNotEmpty();
        assertThat(watchlists(db).search("عبدالغنی برادر", 5)).extracting(Watchlists.Match::reference).contains("TAi.024");
        var again = watchlists(db).importUnList("un-2020", UnConsolidatedListTest.un2020());
        assertThat(again).isEqualTo(new Watchlists.Imported("un-2020", again.generated(), 1018, 0, 0, 0, 0));
    }

    /**
     * "Muhammad Jamal Group" names a group: the UN list holds Muhammad Jamal (QDi.318), a person, and the Muhammad Jamal
     * Network (QDe.136) apart. The person's entry is shown for review, saying why, not as the match it scored by name.
     */
    @ParameterizedTest
    @EnumSource(OfflineNode.Store.class)
    void aBodysNameIsNotTakenForAListedPersonsName(OfflineNode.Store db) {
        watchlists(db).importUnList("kinds", list(individual("QDi.318", "", "MUHAMMAD", "JAMAL"),
                entity("QDe.136", "MUHAMMAD JAMAL NETWORK", "MJN")));
        var person = watchlists(db).search("Muhammad Jamal Group", 10).stream().filter(m -> m.reference().equals("QDi.318")).findFirst()
                .orElseThrow();
        assertThat(person.band()).isEqualTo("REVIEW");
        assertThat(person.why()).contains("'group' names a kind of body, and the entry listed is a person: -0.10");
        assertThat(person.why().get(person.why().size() - 1)).startsWith("score " + String.format(java.util.Locale.ROOT, "%.3f", person.score()));
        // the person's own name still finds the person
        var byName = watchlists(db).search("Muhammad Jamal", 10).stream().filter(m -> m.reference().equals("QDi.318")).findFirst()
                .orElseThrow();
        assertThat(byName.band()).isEqualTo("MATCH");
        assertThat(byName.why()).noneMatch(line -> line.contains("kind of body"));
        // and a group's name is not marked down against a group
        var network = watchlists(db).search("Muhammad Jamal Network", 10);
        assertThat(network.get(0).reference()).isEqualTo("QDe.136");
        assertThat(network.get(0).band()).isEqualTo("MATCH");
        assertThat(network.get(0).why()).noneMatch(line -> line.contains("kind of body"));
    }

    /**
     * What an analyst might post by mistake over a list it holds, each refused as a conflict naming the field and rule,
     * with the list as it was: a UN list older than the one held (a 2019 file delisted a hundred entries listed since), a
     * file of another format or the intel store under the name of a UN list (all of it replaced by five objects), and a
     * file with no entry at all (everything delisted).
     */
    @ParameterizedTest
    @EnumSource(OfflineNode.Store.class)
    void aListIsNotReplacedByAnOlderOneAnotherKindOrNothing(OfflineNode.Store db) {
        String group = entity("GRD.1", "ZARGHUNKHEL QUDRAT FRONT", "Zarghunkhel Qudrat");
        watchlists(db).importUnList("guarded", xml(group));
        var older = new ByteArrayInputStream(("<CONSOLIDATED_LIST dateGenerated=\"2019-06-01\"><INDIVIDUALS/><ENTITIES></ENTITIES>"
                + "</CONSOLIDATED_LIST>").getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> watchlists(db).importUnList("guarded", older)).isInstanceOfSatisfying(org.concord.node.Conflict.class, e -> {
            assertThat(e.field()).isEqualTo("file");
            assertThat(e.rule()).isEqualTo("not-older");
            assertThat(e.explanation()).contains("2019-06-01").contains("2024-01-20");
        });
        assertThatThrownBy(() -> watchlists(db).importList("guarded", Watchlists.Format.CSV,
                new ByteArrayInputStream("reference,name\nX-1,Zarghunkhel Qudrat\n".getBytes(StandardCharsets.UTF_8))))
                .isInstanceOfSatisfying(org.concord.node.Conflict.class, e -> {
                    assertThat(e.field()).isEqualTo("source");
                    assertThat(e.rule()).isEqualTo("same-format");
                    assertThat(e.explanation()).contains("guarded").contains("UN").contains("CSV");
                });
        assertThatThrownBy(() -> watchlists(db).importIntel("guarded", "all")).isInstanceOfSatisfying(org.concord.node.Conflict.class,
                e -> assertThat(e.rule()).isEqualTo("same-format"));
        var empty = new ByteArrayInputStream(("<CONSOLIDATED_LIST dateGenerated=\"2024-02-01\"><INDIVIDUALS/><ENTITIES></ENTITIES>"
                + "</CONSOLIDATED_LIST>").getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> watchlists(db).importUnList("guarded", empty)).isInstanceOfSatisfying(org.concord.node.Conflict.class, e -> {
            assertThat(e.field()).isEqualTo("file");
            assertThat(e.rule()).isEqualTo("not-empty");
        });
        // the list as it was: its group still found, listed once
        assertThat(watchlists(db).search("Zarghunkhel Qudrat", 5)).extracting(Watchlists.Match::reference).containsExactly("GRD.1");
        assertThat(count(db, "select count(*) from screening_import where source = ?", "guarded")).isEqualTo(1);
        // the same list again, or a newer one, still goes in
        assertThat(watchlists(db).importUnList("guarded", xml(group)).added()).isZero();
    }

    /**
     * The other way round: an officer looking for the man Muhammad Jamal was shown the Muhammad Jamal Network, named
     * after him, as a match. A search that says it wants a person shows no body, and one that wants a body no person;
     * a date of birth says the query is a person's, so a body is marked down for review, saying why.
     */
    @ParameterizedTest
    @EnumSource(OfflineNode.Store.class)
    void aPersonsNameIsNotTakenForABodyNamedAfterHim(OfflineNode.Store db) {
        watchlists(db).importUnList("named-after", list(individual("QDi.318", "<INDIVIDUAL_DATE_OF_BIRTH><TYPE_OF_DATE>EXACT</TYPE_OF_DATE>"
                + "<DATE>1965-01-01</DATE></INDIVIDUAL_DATE_OF_BIRTH>", "MUHAMMAD", "JAMAL"), entity("QDe.136", "MUHAMMAD JAMAL NETWORK", "MJN")));
        // by name alone both are shown: nothing says which the officer means
        assertThat(watchlists(db).search("Muhammad Jamal", 10)).extracting(Watchlists.Match::reference).contains("QDi.318", "QDe.136");

        assertThat(watchlists(db).search("Muhammad Jamal", null, null, "INDIVIDUAL", 10)).extracting(Watchlists.Match::reference)
                .contains("QDi.318").doesNotContain("QDe.136");
        assertThat(watchlists(db).search("Muhammad Jamal Network", null, null, "individual", 10)).extracting(Watchlists.Match::kind)
                .containsOnly("INDIVIDUAL");
        assertThat(watchlists(db).search("Muhammad Jamal", null, null, "ENTITY", 10)).extracting(Watchlists.Match::reference)
                .contains("QDe.136").doesNotContain("QDi.318");

        var withDob = watchlists(db).search("Muhammad Jamal", "1965", null, 10);
        assertThat(withDob.get(0).reference()).isEqualTo("QDi.318");
        assertThat(withDob.get(0).band()).isEqualTo("MATCH");
        var body = withDob.stream().filter(m -> m.reference().equals("QDe.136")).findFirst().orElseThrow();
        assertThat(body.band()).isEqualTo("REVIEW");
        assertThat(body.why()).contains("a date of birth is given, so the name is a person's, and the entry listed is a body: -0.10");

        assertThatThrownBy(() -> watchlists(db).search("Muhammad Jamal", null, null, "vessel", 10)).isInstanceOfSatisfying(InvalidInput.class,
                e -> {
                    assertThat(e.field()).isEqualTo("kind");
                    assertThat(e.rule()).isEqualTo("one-of");
                    assertThat(e.getMessage()).contains("INDIVIDUAL").contains("ENTITY").contains("vessel");
                });
    }

    /**
     * A tester looked for "Usama bin Laden" and was told that the listed Hamza Usama Muhammad bin Laden, his son, was a
     * match: a son's name is his own, then his father's and the family's, so the father's name stands whole inside it.
     * The son is now shown for review, saying why; the father's own entry still matches, and so does the son's by his name.
     */
    @ParameterizedTest
    @EnumSource(OfflineNode.Store.class)
    void aFathersNameIsNotTakenForTheSonNamedAfterHim(OfflineNode.Store db) {
        watchlists(db).importUnList("family", list(individual("QDi.421", "", "HAMZA", "USAMA", "MUHAMMAD", "BIN LADEN")
                + individual("TAi.999", "", "MOHAMMAD", "MOSLIM", "HAQQANI"), ""));

        var son = watchlists(db).search("Usama bin Laden", 10).stream().filter(m -> m.reference().equals("QDi.421")).findFirst().orElseThrow();
        assertThat(son.band()).as(son.why().toString()).isEqualTo("REVIEW");
        assertThat(son.why()).contains("'hamza' of the longer name is in no word of the shorter, whose first word 'usama' is the longer's"
                + " second: perhaps the father named in his son's name, or the son: -0.08");
        assertThat(son.why().get(son.why().size() - 1)).startsWith("score " + String.format(java.util.Locale.ROOT, "%.3f", son.score()))
                .endsWith("-0.08 for one of two of a family named after the other)");
        // the son by his own name, in any order of its words
        assertThat(watchlists(db).search("Hamza bin Laden", 10)).first().satisfies(m -> {
            assertThat(m.reference()).isEqualTo("QDi.421");
            assertThat(m.band()).isEqualTo("MATCH");
            assertThat(m.why()).noneMatch(line -> line.contains("named after"));
        });
        // a name that Mohammad stands before is the same person's (Mohammad Moslim Haqqani is Moslim Haqqani)
        assertThat(watchlists(db).search("Moslim Haqqani", 10)).first().satisfies(m -> {
            assertThat(m.reference()).isEqualTo("TAi.999");
            assertThat(m.band()).isEqualTo("MATCH");
        });
    }

    /**
     * An officer on the Iran border types a name as Iran spells it in Latin letters, ق as gh (Ghalibaf), and the list
     * holds it in Persian script (قالیباف), or the other way round: the search finds it, as a match, and says which
     * reading of ق it took. Before, the index did not even bring قالیباف for Ghalibaf (their consonants, k and g, apart).
     * And the long vowels Persian script writes tell two names of one skeleton apart (محمود is Mahmud, not Muhammad).
     */
    @ParameterizedTest
    @EnumSource(OfflineNode.Store.class)
    void aQafWrittenGhTheIranianWayFindsTheNameInPersianScriptAndTheOtherWayRound(OfflineNode.Store db) {
        watchlists(db).importUnList("border", list(individual("IRi.101", "", "قالیباف") + individual("IRi.102", "", "غلامی")
                + individual("IRi.103", "", "GHASEM", "SOLEIMANI") + individual("PKi.104", "", "HAQQANI") + individual("PKi.105", "", "محمود", "رحيم"), ""));

        assertThat(watchlists(db).search("Ghalibaf", 10)).first().satisfies(m -> {
            assertThat(m.reference()).isEqualTo("IRi.101");
            assertThat(m.band()).isEqualTo("MATCH");
            assertThat(m.why()).anySatisfy(line -> assertThat(line).startsWith("consonants 'glbf' ~ 'glbf'").contains("ق read as gh, the Persian way"));
        });
        assertThat(watchlists(db).search("قاسم سلیمانی", 10)).first().satisfies(m -> {
            assertThat(m.reference()).isEqualTo("IRi.103");
            assertThat(m.band()).isEqualTo("MATCH");
        });
        // q the Urdu and Pashto way, as it was; and غ is gh however it is read
        assertThat(watchlists(db).search("حقانی", 10)).first().satisfies(m -> assertThat(m.reference()).isEqualTo("PKi.104"));
        assertThat(watchlists(db).search("Ghalibaf", 10)).noneMatch(m -> m.reference().equals("IRi.102"));
        // Muhammad is not محمود (Mahmud), whose consonants are his: for review, and the search says why
        assertThat(watchlists(db).search("Muhammad Rahim", 10)).filteredOn(m -> m.reference().equals("PKi.105")).singleElement().satisfies(m -> {
            assertThat(m.band()).isEqualTo("REVIEW");
            assertThat(m.why()).contains("'mhmwd' writes a long u (و) where 'muhammad' has none: another name, -0.10 off the consonants");
        });
        assertThat(watchlists(db).search("Mahmoud Rahim", 10)).first().satisfies(m -> {
            assertThat(m.reference()).isEqualTo("PKi.105");
            assertThat(m.band()).isEqualTo("MATCH");
        });
    }

    /**
     * The same group on two lists scores the same against both. Which one a search answers first, and which a limit of
     * one keeps, is the same whichever list was imported first, and after the index is rebuilt from the database as at a
     * start: by list, then reference. An entry's matched name is its first by position when two of its names score the same.
     */
    @ParameterizedTest
    @EnumSource(OfflineNode.Store.class)
    void equalScoresComeInTheOrderOfListAndReferenceWhateverTheOrderOfImport(OfflineNode.Store db) {
        String group = "QARAWANDI TIEBREAK FRONT";
        watchlists(db).importUnList("tie-b", xml(entity("QDe.931", group, "Qarawandi Tiebreak Front; Qarawandi-Tiebreak Front")));
        watchlists(db).importUnList("tie-a", xml(entity("QDe.932", group, "")));
        var answer = watchlists(db).search("Qarawandi Tiebreak Front", 5);
        assertThat(answer).extracting(Watchlists.Match::source).containsExactly("tie-a", "tie-b");
        assertThat(answer.get(0).score()).isEqualTo(answer.get(1).score());
        assertThat(answer.get(1).matchedName()).isEqualTo(group);
        assertThat(watchlists(db).search("Qarawandi Tiebreak Front", 1)).extracting(Watchlists.Match::source).containsExactly("tie-a");
        // imported again in the other order, and rebuilt from the database: the same answer
        watchlists(db).importUnList("tie-b", xml(entity("QDe.931", group, "Qarawandi Tiebreak Front; Qarawandi-Tiebreak Front; QTF")));
        assertThat(watchlists(db).search("Qarawandi Tiebreak Front", 5)).isEqualTo(answer);
        watchlists(db).rebuild();
        assertThat(watchlists(db).search("Qarawandi Tiebreak Front", 5)).isEqualTo(answer);
        assertThat(watchlists(db).search("Qarawandi Tiebreak Front", 1)).extracting(Watchlists.Match::source).containsExactly("tie-a");
    }

    @ParameterizedTest
    @EnumSource(OfflineNode.Store.class)
    void aNewerVersionRecordsAdditionsChangesAndDelistingsAndDelistedEntriesStopMatching(OfflineNode.Store db) {
        var first = watchlists(db).importUnList("test-list", xml(entity("QDe.901", "JAISH AL-ADL", "Jaysh al-Adl; Army of Justice")
                + entity("QDe.902", "JUNDALLAH", "Jundullah") + entity("QDe.903", "LASHKAR-E-TAYYIBA", "")));
        assertThat(first.added()).isEqualTo(3);
        assertThat(watchlists(db).search("جيش العدل", 5)).extracting(Watchlists.Match::reference).containsExactly("QDe.901");
        assertThat(watchlists(db).search("Jundallah", 5)).extracting(Watchlists.Match::reference).containsExactly("QDe.902");

        var second = watchlists(db).importUnList("test-list", xml(entity("QDe.901", "JAISH AL-ADL", "Jaysh al-Adl; Army of Justice; Jeish ul-Adl")
                + entity("QDe.903", "LASHKAR-E-TAYYIBA", "") + entity("QDe.904", "BALOCH LIBERATION ARMY", "Balochistan Liberation Army")));
        assertThat(second).isEqualTo(new Watchlists.Imported("test-list", "2024-01-20", 3, 1, 1, 1, 0));
        assertThat(watchlists(db).search("Jundallah", 5)).as("delisted").isEmpty();
        assertThat(watchlists(db).search("Baluch Liberation Army", 5)).extracting(Watchlists.Match::reference).containsExactly("QDe.904");
        assertThat(count(db, "select count(*) from screening_entry where source = ? and listed = false", "test-list")).isEqualTo(1);
        assertThat(count(db, "select count(*) from screening_import where source = ?", "test-list")).isEqualTo(2);
    }

    @ParameterizedTest
    @EnumSource(OfflineNode.Store.class)
    void aFailedImportLeavesThePreviousListIntact(OfflineNode.Store db) {
        watchlists(db).importUnList("fail-list", xml(entity("QDe.911", "JAISH AL-ADL", "Jaysh al-Adl")));
        String malformed = "<CONSOLIDATED_LIST><ENTITIES>" + entity("QDe.912", "NEW GROUP", "") + "<ENTITY><FIRST_NAME>broken";
        assertThatThrownBy(() -> watchlists(db).importUnList("fail-list", new ByteArrayInputStream(malformed.getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(WatchlistFormatError.class).hasMessageContaining("line 1");
        // a list that reads well but cannot be stored (the same reference twice) is rolled back whole
        assertThatThrownBy(() -> watchlists(db).importUnList("fail-list", xml(entity("QDe.913", "OTHER GROUP", "")
                + entity("QDe.913", "OTHER GROUP AGAIN", "")))).isInstanceOf(InvalidInput.class).hasMessageContaining("QDe.913 twice");
        assertThat(count(db, "select count(*) from screening_entry where source = ?", "fail-list")).isEqualTo(1);
        assertThat(count(db, "select count(*) from screening_entry where source = ? and listed = true", "fail-list")).isEqualTo(1);
        assertThat(watchlists(db).search("Jaish al-Adl", 5)).extracting(Watchlists.Match::reference).contains("QDe.911");
    }

    @ParameterizedTest
    @EnumSource(OfflineNode.Store.class)
    void anEmptyOrOverlongQueryIsRefusedInOneLine(OfflineNode.Store db) {
        assertThatThrownBy(() -> watchlists(db).search("", 5)).isInstanceOf(InvalidInput.class).hasMessageContaining("a name is needed");
        assertThatThrownBy(() -> watchlists(db).search("x".repeat(10_000), 5)).isInstanceOf(InvalidInput.class)
                .hasMessageContaining("at most 400");
    }
}
