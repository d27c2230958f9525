package org.concord.screening;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/** A CSV watchlist is read by its header, quoted fields and all; what is wrong is refused naming the line and the column. */
class CsvWatchlistTest {

    static final String HEADER = "reference,name,aliases,type,date_of_birth,place_of_birth,nationality,document,listed_on,source\n";

    static UnConsolidatedList.Contents read(String csv) {
        return CsvWatchlist.read(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aRowIsAnEntryWithItsAliasesDatesAndNationalities() {
        var contents = read(HEADER
                + "PK-1,Abdolmalek Rigi,Abdul Malik Rigi;عبدالمالک ریگی,person,1983;1979-1981,Saravan,Iran;IR,,2010-02-23,Ministry of Interior\r\n"
                + "PK-2,\"Jaish al-Adl, the \"\"Army of Justice\"\"\",\"Jaysh al-Adl;\nجيش العدل\",organisation,,,,,2019-01-01,MoI\n");
        assertThat(contents.entries()).hasSize(2);
        WatchlistEntry rigi = contents.entries().get(0);
        assertThat(rigi.reference()).isEqualTo("PK-1");
        assertThat(rigi.kind()).isEqualTo(WatchlistEntry.Kind.INDIVIDUAL);
        assertThat(rigi.names()).extracting(WatchlistEntry.Alias::name).containsExactly("Abdolmalek Rigi", "Abdul Malik Rigi", "عبدالمالک ریگی");
        assertThat(rigi.datesOfBirth()).containsExactly("1983", "1979-1981");
        assertThat(rigi.nationalities()).containsExactly("Iran", "IR");
        assertThat(rigi.origin()).isEqualTo("Ministry of Interior");
        WatchlistEntry group = contents.entries().get(1);
        assertThat(group.name()).isEqualTo("Jaish al-Adl, the \"Army of Justice\"");
        assertThat(group.names()).extracting(WatchlistEntry.Alias::name).containsExactly("Jaish al-Adl, the \"Army of Justice\"", "Jaysh al-Adl",
                "جيش العدل");
        assertThat(group.kind()).isEqualTo(WatchlistEntry.Kind.ENTITY);
    }

    @Test
    void columnsMayComeInAnyOrderAndOnlyReferenceAndNameAreNeeded() {
        var contents = read("\uFEFFname,reference\nJundallah,X-1\n\nBaloch Liberation Army,X-2");
        assertThat(contents.entries()).extracting(WatchlistEntry::reference).containsExactly("X-1", "X-2");
    }

    /** Only a person is born: with no type column a row with a date of birth is a person's, and an organisation's date of birth is refused. */
    @Test
    void aRowWithADateOfBirthIsAPersonAndAnOrganisationHasNone() {
        var contents = read("reference,name,date_of_birth\nX-1,Abdolmalek Rigi,1983\nX-2,Jundallah,\n");
        assertThat(contents.entries()).extracting(WatchlistEntry::kind).containsExactly(WatchlistEntry.Kind.INDIVIDUAL, WatchlistEntry.Kind.ENTITY);
        assertThatThrownBy(() -> read("reference,name,type,date_of_birth\nX-1,Jundallah,organisation,2003\n"))
                .isInstanceOf(WatchlistFormatError.class)
                .hasMessage("line 2, column 4 (date_of_birth): only a person has a date of birth, and this row's type is 'organisation'");
    }

    @Test
    void malformedCsvIsRefusedNamingTheLineAndColumn() {
        assertThatThrownBy(() -> read(HEADER + "PK-1,Jundallah,,organisation,,,,,,\nPK-2,\"Jaish al-Adl,,organisation,,,,,,\n"))
                .isInstanceOf(WatchlistFormatError.class).hasMessage("line 3, column 2: a quoted field is never closed");
        assertThatThrownBy(() -> read(HEADER + "PK-1,Jund\"allah,,organisation,,,,,,\n"))
                .isInstanceOf(WatchlistFormatError.class).hasMessageStartingWith("line 2, column 2: a quote inside an unquoted field");
        assertThatThrownBy(() -> read(HEADER + "PK-1,\"Jundallah\"x,,organisation,,,,,,\n"))
                .isInstanceOf(WatchlistFormatError.class).hasMessageStartingWith("line 2, column 2: a quoted field must end at a comma");
        assertThatThrownBy(() -> read(HEADER + "PK-1,Jundallah,organisation\n"))
                .isInstanceOf(WatchlistFormatError.class).hasMessage("line 2, column 4: the row has 3 fields, the header 10");
        assertThatThrownBy(() -> read("reference,name,nationalty\nPK-1,Jundallah,IR\n"))
                .isInstanceOf(WatchlistFormatError.class).hasMessageStartingWith("line 1, column 3 (nationalty): unknown column 'nationalty'");
        assertThatThrownBy(() -> read("reference,aliases\nPK-1,Jundallah\n"))
                .isInstanceOf(WatchlistFormatError.class).hasMessageContaining("(name): the column 'name' is missing");
        // missing both: the first the list's own order names, in every process
        assertThatThrownBy(() -> read("aliases,type\nJundallah,organisation\n"))
                .isInstanceOf(WatchlistFormatError.class).hasMessageContaining("(reference): the column 'reference' is missing");
        assertThatThrownBy(() -> read(HEADER + "PK-1,Jundallah,,militia,,,,,,\n"))
                .isInstanceOf(WatchlistFormatError.class).hasMessage("line 2, column 4 (type): a type is person or organisation, not 'militia'");
        assertThatThrownBy(() -> read(HEADER + "PK-1,Jundallah,,organisation,last year,,,,,\n"))
                .isInstanceOf(WatchlistFormatError.class).hasMessageStartingWith("line 2, column 5 (date_of_birth): a date of birth is");
        assertThatThrownBy(() -> read(""))
                .isInstanceOf(WatchlistFormatError.class).hasMessageContaining("the file is empty");
        byte[] latin1 = (HEADER + "PK-1,J\u00e9rome,,person,,,,,,\n").getBytes(StandardCharsets.ISO_8859_1);
        assertThatThrownBy(() -> CsvWatchlist.read(new ByteArrayInputStream(latin1)))
                .isInstanceOf(WatchlistFormatError.class).hasMessage("line 2, column 7: not UTF-8 text (byte 0xE9)");
        // far into a long list, past the decoder's first buffer: the line of the byte, not of the buffer it came in
        StringBuilder many = new StringBuilder(HEADER);
        for (int i = 1; i <= 5_000; i++) {
            many.append("PK-").append(i).append(",Jundallah ").append(i).append(",,organisation,,,,,,\n");
        }
        byte[] good = many.toString().getBytes(StandardCharsets.UTF_8);
        byte[] bad = java.util.Arrays.copyOf(good, good.length + 40);
        byte[] tail = "PK-X,Caf".getBytes(StandardCharsets.UTF_8);
        System.arraycopy(tail, 0, bad, good.length, tail.length);
        bad[good.length + tail.length] = (byte) 0xC3; // a lead byte followed by no continuation
        bad[good.length + tail.length + 1] = (byte) ',';
        assertThatThrownBy(() -> CsvWatchlist.read(new ByteArrayInputStream(java.util.Arrays.copyOf(bad, good.length + tail.length + 2))))
                .isInstanceOf(WatchlistFormatError.class).hasMessage("line 5002, column 9: not UTF-8 text (byte 0xC3)");
        // and a whole list in Arabic and Persian script decodes as before, across buffers
        StringBuilder arabic = new StringBuilder(HEADER);
        for (int i = 1; i <= 5_000; i++) {
            arabic.append("PK-").append(i).append(",جیش العدل,,organisation,,,,,,\n");
        }
        assertThat(CsvWatchlist.read(new ByteArrayInputStream(arabic.toString().getBytes(StandardCharsets.UTF_8))).entries())
                .hasSize(5_000).allSatisfy(e -> assertThat(e.names().get(0).name()).isEqualTo("جیش العدل"));
    }

    @Test
    void anEmptyAnOverlongANamelessOrAMixedScriptNameIsRefusedSayingWhere() {
        assertThatThrownBy(() -> read(HEADER + "PK-1,Jundallah,,organisation,,,,,,\nPK-2,  ,,person,,,,,,\n"))
                .isInstanceOf(WatchlistFormatError.class).hasMessage("line 3, column 2 (name): a name is needed");
        assertThatThrownBy(() -> read(HEADER + "PK-1," + "x".repeat(10_000) + ",,person,,,,,,\n"))
                .isInstanceOf(WatchlistFormatError.class)
                .hasMessage("line 2, column 2 (name): a name is at most 400 characters; this one has 10000");
        assertThatThrownBy(() -> read(HEADER + "PK-1,Jaish al-Adl,Jaishالعدل,organisation,,,,,,\n"))
                .isInstanceOf(WatchlistFormatError.class)
                .hasMessageStartingWith("line 2, column 3 (aliases): the word 'Jaishالعدل' mixes scripts (Latin and Arabic)");
        assertThatThrownBy(() -> read(HEADER + "PK-1,12345,,organisation,,,,,,\n"))
                .isInstanceOf(WatchlistFormatError.class).hasMessageStartingWith("line 2, column 2 (name): a name needs at least one letter");
        assertThatThrownBy(() -> read(HEADER + ",Jundallah,,organisation,,,,,,\n"))
                .isInstanceOf(WatchlistFormatError.class).hasMessageStartingWith("line 2, column 1 (reference): a reference is 1 to 60");
        assertThatThrownBy(() -> read(HEADER + "PK-1,\"" + "y".repeat(25_000) + "\",,organisation,,,,,,\n"))
                .isInstanceOf(WatchlistFormatError.class).hasMessageContaining("a field is at most 20000 characters");
        // a reference given twice: both lines named, the later one as the one at fault
        assertThatThrownBy(() -> read(HEADER + "PK-1,Jundallah,,organisation,,,,,,\nPK-2,Lashkar,,organisation,,,,,,\n"
                + "PK-1,Jaish al-Adl,,organisation,,,,,,\n"))
                .isInstanceOf(WatchlistFormatError.class)
                .hasMessage("line 4, column 1 (reference): the reference PK-1 was given on line 2 already; each entry has its own reference");
    }
}
