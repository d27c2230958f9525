package org.concord.screening;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import org.concord.party.Role;
import org.concord.testing.Https;
import org.concord.testing.TestNode;
import org.concord.testing.TwoNodes;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A liaison officer (or a viewer) searches PK's watchlist over HTTPS by a name in any script, with a
 * date of birth and a nationality when known; bad parameters are refused naming the field and rule.
 */
class ScreeningSearchOverHttpTest {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static TestNode pk;
    static Https https;

    @BeforeAll
    static void importList() {
        pk = TwoNodes.shared().pk;
        https = Https.to(pk);
        // two listed men called Abdul Samad, told apart by date of birth and nationality; and a group
        String xml = "<CONSOLIDATED_LIST dateGenerated=\"2026-12-02\"><INDIVIDUALS>"
                + person("HTi.001", "ABDUL", "SAMAD", "1970-03-01", "Afghanistan")
                + person("HTi.002", "ABDUL", "SAMAD", "1985-06-15", "Pakistan")
                + "</INDIVIDUALS><ENTITIES><ENTITY><DATAID>9100003</DATAID><FIRST_NAME>JAISH AL-ADL</FIRST_NAME>"
                + "<REFERENCE_NUMBER>HTe.003</REFERENCE_NUMBER><ENTITY_ALIAS><QUALITY>Good</QUALITY><ALIAS_NAME>Jundallah; Jaysh al-Adl</ALIAS_NAME>"
                + "</ENTITY_ALIAS></ENTITY></ENTITIES></CONSOLIDATED_LIST>";
        pk.bean(Watchlists.class).importUnList("http-test", new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    private static String person(String reference, String first, String second, String dob, String nationality) {
        return "<INDIVIDUAL><DATAID>" + Math.abs(reference.hashCode()) + "</DATAID><FIRST_NAME>" + first + "</FIRST_NAME><SECOND_NAME>"
                + second + "</SECOND_NAME><REFERENCE_NUMBER>" + reference + "</REFERENCE_NUMBER><NATIONALITY><VALUE>" + nationality
                + "</VALUE></NATIONALITY><INDIVIDUAL_DATE_OF_BIRTH><TYPE_OF_DATE>EXACT</TYPE_OF_DATE><DATE>" + dob
                + "</DATE></INDIVIDUAL_DATE_OF_BIRTH></INDIVIDUAL>";
    }

    private static HttpResponse<String> search(Role role, String query) throws Exception {
        String[] basic = Https.basic(pk.username(role), pk.password(role));
        return https.send("GET", "/api/screening/search?" + query, null, basic[0], basic[1]);
    }

    private static String q(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static JsonNode matchesOf(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body()).path("matches");
    }

    @Test
    void aPersianSpellingFindsTheGroupWithItsBandAndWhy() throws Exception {
        JsonNode matches = matchesOf(search(Role.LIAISON, "name=" + q("جیش العدل") + "&limit=5"));
        assertThat(matches.size()).isGreaterThanOrEqualTo(1);
        JsonNode first = matches.get(0);
        assertThat(first.path("reference").asString()).isEqualTo("HTe.003");
        assertThat(first.path("band").asString()).isEqualTo("MATCH");
        assertThat(first.path("score").asDouble()).isGreaterThan(0.9);
        assertThat(first.path("why").toString()).contains("consonants").contains("score");
    }

    @Test
    void aViewerMaySearchToo() throws Exception {
        assertThat(matchesOf(search(Role.VIEWER, "name=Jundullah")).get(0).path("reference").asString()).isEqualTo("HTe.003");
    }

    @Test
    void dateOfBirthAndNationalityTellTwoMenOfOneNameApart() throws Exception {
        JsonNode byName = matchesOf(search(Role.LIAISON, "name=" + q("Abdul Samad")));
        assertThat(byName.findValuesAsString("reference")).contains("HTi.001", "HTi.002");
        JsonNode withDob = matchesOf(search(Role.LIAISON, "name=" + q("Abdul Samad") + "&dob=1985&nationality=PK"));
        assertThat(withDob.get(0).path("reference").asString()).isEqualTo("HTi.002");
        assertThat(withDob.get(0).path("why").toString()).contains("date of birth agrees").contains("nationality agrees");
        // the country as an officer on the other side of the border writes it (a tester's پاکستان was refused)
        JsonNode inPersian = matchesOf(search(Role.LIAISON, "name=" + q("Abdul Samad") + "&dob=1985&nationality=" + q("پاکستان")));
        assertThat(inPersian.get(0).path("reference").asString()).isEqualTo("HTi.002");
        assertThat(inPersian.get(0).path("why").toString()).contains("nationality agrees");
        for (JsonNode match : withDob) {
            if (match.path("reference").asString().equals("HTi.001")) {
                assertThat(match.path("band").asString()).isNotEqualTo("MATCH");
                assertThat(match.path("why").toString()).contains("date of birth conflicts");
            }
        }
    }

    @Test
    void aNationalityAgreesHoweverTheCountryIsWritten() throws Exception {
        // the list says Afghanistan and Pakistan; an officer writes the people's word, the code or the name
        for (String afghan : java.util.List.of("Afghan", "AFG", "AF", "Afghanistan")) {
            JsonNode matches = matchesOf(search(Role.LIAISON, "name=" + q("Abdul Samad") + "&nationality=" + q(afghan)));
            assertThat(matches.get(0).path("reference").asString()).as(afghan).isEqualTo("HTi.001");
            assertThat(matches.get(0).path("why").toString()).as(afghan).contains("nationality agrees");
        }
    }

    /** An officer who says what he looks for, a person or a body, is shown only that kind, and told which he asked for. */
    @Test
    void aSearchForOneKindShowsOnlyThatKind() throws Exception {
        assertThat(matchesOf(search(Role.LIAISON, "name=" + q("Jaish al-Adl")))).extracting(m -> m.path("reference").asString())
                .contains("HTe.003");
        HttpResponse<String> persons = search(Role.LIAISON, "name=" + q("Jaish al-Adl") + "&kind=individual");
        assertThat(matchesOf(persons)).isEmpty();
        assertThat(JSON.readTree(persons.body()).path("kind").asString()).isEqualTo("INDIVIDUAL");
        assertThat(matchesOf(search(Role.VIEWER, "name=" + q("Jaish al-Adl") + "&kind=ENTITY"))).extracting(m -> m.path("reference").asString())
                .containsExactly("HTe.003");
        assertThat(matchesOf(search(Role.LIAISON, "name=" + q("Abdul Samad") + "&kind=ENTITY"))).isEmpty();
        assertThat(matchesOf(search(Role.LIAISON, "name=" + q("Abdul Samad") + "&kind=INDIVIDUAL"))).extracting(m -> m.path("kind").asString())
                .containsOnly("INDIVIDUAL").hasSize(2);
    }

    @Test
    void badParametersAreRefusedNamingTheFieldAndRule() throws Exception {
        assertRefused(search(Role.LIAISON, "name="), "name", "empty");
        assertRefused(search(Role.LIAISON, "limit=5"), "name", "empty");
        assertRefused(search(Role.LIAISON, "name=" + "a".repeat(500)), "name", "max-length");
        // the tester's 10,000 characters, in Latin and in Arabic script (60 KB once percent-encoded): the node's own rule
        // answers, not the web server's generic 400 for a request line over its limit
        assertRefused(search(Role.LIAISON, "name=" + "a".repeat(10_000)), "name", "max-length");
        assertRefused(search(Role.LIAISON, "name=" + q("ع".repeat(10_000))), "name", "max-length");
        assertRefused(search(Role.LIAISON, "name=Samad&dob=yesterday"), "dob", "date");
        assertRefused(search(Role.LIAISON, "name=Samad&nationality=" + q("<script>")), "nationality", "country");
        // no day of the calendar, a range running backwards, a country that is none: each would have been counted
        assertRefused(search(Role.LIAISON, "name=Samad&dob=1968-13-45"), "dob", "date");
        assertRefused(search(Role.LIAISON, "name=Samad&dob=1967-02-29"), "dob", "date");
        assertRefused(search(Role.LIAISON, "name=Samad&dob=1970-1960"), "dob", "date");
        assertRefused(search(Role.LIAISON, "name=Samad&nationality=Atlantis"), "nationality", "country");
        assertRefused(search(Role.LIAISON, "name=Samad&kind=vessel"), "kind", "one-of");
        // nobody is born in the future: counted, 3000 would have conflicted with every listed person's date
        assertRefused(search(Role.LIAISON, "name=Samad&dob=3000"), "dob", "date");
        assertRefused(search(Role.LIAISON, "name=Samad&dob=1990-2999"), "dob", "date");
        // digits alone are no name: a passport number pasted into the field was answered "no match"
        assertRefused(search(Role.LIAISON, "name=12345"), "name", "letters");
        assertRefused(search(Role.LIAISON, "name=" + q("۱۲۳۴")), "name", "letters");
        // a control character is no part of a name: it was searched and echoed back
        assertRefused(search(Role.LIAISON, "name=" + q("Abdul\u0001Samad")), "name", "no-control-characters");
        assertRefused(search(Role.LIAISON, "name=Samad&kind=ENTITY&dob=1970"), "dob", "person-only");
        assertRefused(search(Role.LIAISON, "name=Samad&limit=0"), "limit", "range");
        assertRefused(search(Role.LIAISON, "name=Samad&limit=101"), "limit", "range");
    }

    private static void assertRefused(HttpResponse<String> response, String field, String rule) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.path("field").asString()).as(response.body()).isEqualTo(field);
        assertThat(problem.path("rule").asString()).as(response.body()).isEqualToIgnoringCase(rule);
    }
}
