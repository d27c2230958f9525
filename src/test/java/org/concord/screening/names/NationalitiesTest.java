package org.concord.screening.names;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * A nationality is a country however it is written: its ISO 3166 code, its English name, the UN's formal name, or the
 * word for its people. Before, the words were compared as written, so an officer's "United Kingdom", "US" or "Afghan"
 * conflicted with the UN list's "United Kingdom of Great Britain and Northern Ireland", "United States of America" and
 * "Afghanistan", and took 0.06 off the right person's score; and a country that does not exist was counted as a conflict.
 */
class NationalitiesTest {

    @Test
    void aCountryIsReadFromItsCodeItsNameTheUnsFormalNameOrItsPeople() {
        for (String gb : List.of("GB", "gbr", "United Kingdom", "United Kingdom of Great Britain and Northern Ireland", "UK", "British")) {
            assertThat(Nationalities.code(gb)).as(gb).isEqualTo("GB");
        }
        for (String af : List.of("AF", "AFG", "Afghanistan", "afghan", " Afghanistan ")) {
            assertThat(Nationalities.code(af)).as(af).isEqualTo("AF");
        }
        assertThat(Nationalities.code("United States of America")).isEqualTo("US");
        assertThat(Nationalities.code("USA")).isEqualTo("US");
        assertThat(Nationalities.code("Democratic Republic of the Congo")).isEqualTo("CD");
        assertThat(Nationalities.code("Democratic People's Republic of Korea")).isEqualTo("KP");
        assertThat(Nationalities.code("Iran (Islamic Republic of)")).isEqualTo("IR");
        assertThat(Nationalities.code("Islamic Republic of Iran")).isEqualTo("IR");
        assertThat(Nationalities.code("Syrian Arab Republic")).isEqualTo("SY");
        assertThat(Nationalities.code("Russian Federation")).isEqualTo("RU");
        assertThat(Nationalities.code("United Republic of Tanzania")).isEqualTo("TZ");
        assertThat(Nationalities.code("Bosnia and Herzegovina")).isEqualTo("BA");
        assertThat(Nationalities.code("Trinidad and Tobago")).isEqualTo("TT");
        assertThat(Nationalities.code("Côte d'Ivoire")).isEqualTo("CI");
        assertThat(Nationalities.code("Pakistani")).isEqualTo("PK");
        assertThat(Nationalities.code("Iranian")).isEqualTo("IR");
        // not a country
        assertThat(Nationalities.code("Atlantis")).isNull();
        assertThat(Nationalities.code("XX")).isNull();
        assertThat(Nationalities.code("na")).isNull();
    }

    @Test
    void aCountryWrittenInTheRegionsScriptsIsReadToo() {
        // the tester's پاکستان (Persian keh and yeh), and the same in Arabic letters, Urdu, Pashto and Russian
        for (String pk : List.of("پاکستان", "باكستان", "پاکستان ", "Пакистан")) {
            assertThat(Nationalities.code(pk)).as(pk).isEqualTo("PK");
        }
        assertThat(Nationalities.code("ایران")).isEqualTo("IR");
        assertThat(Nationalities.code("إيران")).isEqualTo("IR");
        assertThat(Nationalities.code("افغانستان")).isEqualTo("AF");
        assertThat(Nationalities.code("Афганистан")).isEqualTo("AF");
        assertThat(Particulars.nationalitiesAgree(List.of("پاکستان"), List.of("Pakistan"))).isTrue();
        // a word in these scripts that names no country is still none
        assertThat(Nationalities.code("جيش العدل")).isNull();
        assertThat(Particulars.readableNationality("جيش العدل")).isFalse();
    }

    @Test
    void aListsRemarksAroundACountryAreReadPastAndWhatNamesNoCountryIsNotCounted() {
        // what the UN list writes in its nationality fields beside the country
        assertThat(Nationalities.codesIn("Indonesia (as at Dec. 2003)")).containsExactly("ID");
        assertThat(Nationalities.codesIn("Bahrain (citizenship revoked in Jan. 2015)")).containsExactly("BH");
        assertThat(Nationalities.codesIn("United States. Also believed to hold Syrian nationality")).containsExactly("US", "SY");
        assertThat(Nationalities.codesIn("Sudanese by birth")).containsExactly("SD");
        assertThat(Nationalities.codesIn("Possibly Ethiopian")).containsExactly("ET");
        assertThat(Nationalities.codesIn("Democratic People's Republic of Korea ")).containsExactly("KP");
        assertThat(Nationalities.codesIn(" na")).isEmpty();
    }

    @Test
    void theSameCountryWrittenTwoWaysAgreesAndAListThatNamesNoCountryIsNotCounted() {
        assertThat(Particulars.nationalitiesAgree(List.of("UK"), List.of("United Kingdom of Great Britain and Northern Ireland"))).isTrue();
        assertThat(Particulars.nationalitiesAgree(List.of("Afghanistan"), List.of("Afghan"))).isTrue();
        assertThat(Particulars.nationalitiesAgree(List.of("US"), List.of("United States of America"))).isTrue();
        assertThat(Particulars.nationalitiesAgree(List.of("Pakistan"), List.of("Afghanistan"))).isFalse();
        assertThat(Particulars.nationalitiesAgree(List.of("Pakistan"), List.of(" na"))).isNull();
    }

    @Test
    void aDateOfBirthMustBeADayOfTheCalendarAndARangeMustRunForwards() {
        assertThat(Particulars.readableDate("1968-02-29")).isTrue();
        assertThat(Particulars.readableDate("1968-13-45")).isFalse();
        assertThat(Particulars.readableDate("1967-02-29")).isFalse();
        assertThat(Particulars.readableDate("1960-1962")).isTrue();
        assertThat(Particulars.readableDate("1962-1960")).isFalse();
        // a list's impossible date is not counted, neither for nor against
        assertThat(Particulars.datesAgree(List.of("1968"), List.of("1968-13-45"))).isNull();
    }
}
