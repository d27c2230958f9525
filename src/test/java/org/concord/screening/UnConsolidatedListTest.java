package org.concord.screening;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The UN Security Council Consolidated List is read whole, however untidy its fields. */
class UnConsolidatedListTest {

    static final String UN_2020 = "un-sc-consolidated-2020-11-30.xml";

    static InputStream un2020() {
        return UnConsolidatedListTest.class.getResourceAsStream(UN_2020);
    }

    private static UnConsolidatedList.Contents read(String xml) {
        return UnConsolidatedList.read(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void theWhole2020ListIsRead() {
        var list = UnConsolidatedList.read(un2020());
        assertThat(list.generated()).startsWith("2020-11-30");
        assertThat(list.entries()).hasSize(713 + 305);
        assertThat(list.entries().stream().filter(e -> e.kind() == WatchlistEntry.Kind.ENTITY)).hasSize(305);
        assertThat(list.entries()).extracting(WatchlistEntry::reference).doesNotHaveDuplicates();
        var ri = list.entries().stream().filter(e -> e.reference().equals("KPi.033")).findFirst().orElseThrow();
        assertThat(ri.name()).isEqualTo("RI WON HO");
        assertThat(ri.names()).hasSize(1); // its one alias field is empty
        assertThat(ri.datesOfBirth()).containsExactly("1964-07-17");
        assertThat(ri.nationalities()).containsExactly("Democratic People's Republic of Korea");
        assertThat(ri.documents()).containsExactly("Passport, 381310014");
        long originalScript = list.entries().stream().flatMap(e -> e.names().stream()).filter(n -> n.type().equals("ORIGINAL_SCRIPT")).count();
        assertThat(originalScript).isGreaterThanOrEqualTo(408); // "(Tigrinya)" twice is a remark, not a name
    }

    @Test
    void anAliasFieldOfSeveralNamesJoinedBySemicolonsIsSplit() {
        var list = UnConsolidatedList.read(un2020());
        var names = list.entries().stream().flatMap(e -> e.names().stream()).map(WatchlistEntry.Alias::name).toList();
        assertThat(names).contains("Abdul Rehman", "Abd Ur-Rehman", "Abdur Rahman", "Mohammad Islami", "Mohammed Islami",
                "حسن غول", "Hassan Ghul", "Hasan Gul");
        assertThat(names).noneMatch(n -> n.contains(";"));
        assertThat(UnConsolidatedList.split(" ; ;")).isEmpty();
        assertThat(UnConsolidatedList.split("Ali (deceased)")).containsExactly("Ali");
    }

    @Test
    void theLanguageNamedInBracketsAfterAnOriginalScriptNameIsARemarkNotAName() {
        // LYi.021 and LYi.022: "ፍትዊ ዓብዱረዛቕ (Tigrinya)". Brackets after another script usually hold the name
        // in Latin letters ("حسن غول (Hassan Ghul; Hasan Gul)"); a language's name is not one.
        assertThat(UnConsolidatedList.split("ፍትዊ ዓብዱረዛቕ (Tigrinya)")).containsExactly("ፍትዊ ዓብዱረዛቕ");
        assertThat(UnConsolidatedList.split("حسن غول (Arabic)")).containsExactly("حسن غول");
        assertThat(UnConsolidatedList.split("حسن غول (Hassan Ghul)")).containsExactly("حسن غول", "Hassan Ghul");
        var names = UnConsolidatedList.read(un2020()).entries().stream().flatMap(e -> e.names().stream())
                .map(WatchlistEntry.Alias::name).toList();
        assertThat(names).contains("ፍትዊ ዓብዱረዛቕ", "ኤርሚኣስ ግርማይ").doesNotContain("Tigrinya");
    }

    @Test
    void aRemarkAfterANameAndSpellingsJoinedByCommasAreNotReadAsOneName() {
        assertThat(UnConsolidatedList.split("Mohammad Ishaq Akhund born in 1963")).containsExactly("Mohammad Ishaq Akhund");
        assertThat(UnConsolidatedList.split("Safia Farkash Mohammed Al-Hadad, born 1 Jan. 1953"))
                .containsExactly("Safia Farkash Mohammed Al-Hadad");
        assertThat(UnConsolidatedList.split("Abdurezak, Abdelrazaq, Abdulrazak, Abdrazzak"))
                .containsExactly("Abdurezak", "Abdelrazaq", "Abdulrazak", "Abdrazzak");
        // "Surname, Given Names" is one name; so is an organisation's name with commas in it
        assertThat(UnConsolidatedList.split("AWES, Shaykh Hassan Dahir")).containsExactly("AWES, Shaykh Hassan Dahir");
        assertThat(UnConsolidatedList.split("Association for Education, Cultural, and to Create Society -Sirat"))
                .containsExactly("Association for Education, Cultural, and to Create Society -Sirat");
        // and the list as read has no such alias left
        var names = UnConsolidatedList.read(un2020()).entries().stream().flatMap(e -> e.names().stream())
                .map(WatchlistEntry.Alias::name).toList();
        assertThat(names).contains("Mohammad Ishaq Akhund", "Abdelrazaq").noneMatch(n -> n.contains(" born "));
    }

    @Test
    void aliasesKeepTheirQuality() {
        var entry = read("""
                <CONSOLIDATED_LIST dateGenerated="2024-01-01"><ENTITIES><ENTITY><DATAID>1</DATAID><FIRST_NAME>JAISH AL-ADL</FIRST_NAME>
                <REFERENCE_NUMBER>QDe.999</REFERENCE_NUMBER><NAME_ORIGINAL_SCRIPT>جيش العدل</NAME_ORIGINAL_SCRIPT>
                <ENTITY_ALIAS><QUALITY>Good</QUALITY><ALIAS_NAME>Jaysh al-Adl; Army of Justice</ALIAS_NAME></ENTITY_ALIAS>
                <ENTITY_ALIAS><QUALITY>Low</QUALITY><ALIAS_NAME>Jundallah</ALIAS_NAME></ENTITY_ALIAS>
                <ENTITY_ALIAS><QUALITY>f.k.a.</QUALITY><ALIAS_NAME>Jundullah</ALIAS_NAME></ENTITY_ALIAS>
                <ENTITY_ALIAS><QUALITY/><ALIAS_NAME/></ENTITY_ALIAS><SOMETHING_NEW>ignored</SOMETHING_NEW>
                </ENTITY></ENTITIES></CONSOLIDATED_LIST>""").entries().get(0);
        assertThat(entry.reference()).isEqualTo("QDe.999");
        assertThat(entry.names()).containsExactly(new WatchlistEntry.Alias("JAISH AL-ADL", "PRIMARY", ""),
                new WatchlistEntry.Alias("جيش العدل", "ORIGINAL_SCRIPT", ""), new WatchlistEntry.Alias("Jaysh al-Adl", "ALIAS", "Good"),
                new WatchlistEntry.Alias("Army of Justice", "ALIAS", "Good"), new WatchlistEntry.Alias("Jundallah", "ALIAS", "Low"),
                new WatchlistEntry.Alias("Jundullah", "FORMER", "f.k.a."));
    }

    @Test
    void malformedXmlIsRefusedNamingTheLineAndElement() {
        assertThatThrownBy(() -> read("""
                <CONSOLIDATED_LIST>
                <INDIVIDUALS>
                <INDIVIDUAL><DATAID>1</DATAID><FIRST_NAME>A</FIRST_NAME>
                <COMMENTS1>unclosed</COMMENTS2>
                </INDIVIDUAL></INDIVIDUALS></CONSOLIDATED_LIST>""")).isInstanceOf(WatchlistFormatError.class)
                .hasMessageStartingWith("line 4, element COMMENTS1: malformed XML");
        assertThatThrownBy(() -> read("<SDN_LIST/>")).isInstanceOf(WatchlistFormatError.class)
                .hasMessageContaining("not a UN consolidated list");
        assertThatThrownBy(() -> read("")).isInstanceOf(WatchlistFormatError.class).hasMessageStartingWith("line ");
        assertThatThrownBy(() -> read("<CONSOLIDATED_LIST><ENTITIES><ENTITY><DATAID>7</DATAID><FIRST_NAME> </FIRST_NAME></ENTITY></ENTITIES></CONSOLIDATED_LIST>"))
                .isInstanceOf(WatchlistFormatError.class).hasMessage("line 1, element ENTITY: entry 7 has no name (FIRST_NAME is empty)");
    }

    @Test
    void anExternalEntityIsNotFollowed() {
        assertThatThrownBy(() -> read("""
                <?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>
                <CONSOLIDATED_LIST><ENTITIES><ENTITY><DATAID>1</DATAID><FIRST_NAME>&e;</FIRST_NAME></ENTITY></ENTITIES></CONSOLIDATED_LIST>"""))
                .isInstanceOf(WatchlistFormatError.class);
        List.of();
    }
}
