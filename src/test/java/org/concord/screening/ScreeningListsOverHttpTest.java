package org.concord.screening;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;

import org.concord.exchange.sync.PartnerIntelPull;
import org.concord.intel.Collection;
import org.concord.intel.IntelStore;
import org.concord.intel.Origin;
import org.concord.intel.stix.Tlp;
import org.concord.party.PartyCode;
import org.concord.party.Role;
import org.concord.testing.Https;
import org.concord.testing.Stix;
import org.concord.testing.TestNode;
import org.concord.testing.TwoNodes;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * PK's analyst imports watchlists over HTTPS: a CSV file, and the groups IR shared with PK, which PK
 * then screens at home under IR's marking. Other roles and the partner may not import; a malformed
 * file is a 400 naming the line and column, and the list stays as it was.
 */
class ScreeningListsOverHttpTest {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static TwoNodes nodes;
    static TestNode pk;
    static Https https;

    @BeforeAll
    static void nodes() {
        nodes = TwoNodes.shared();
        pk = nodes.pk;
        https = Https.to(pk);
    }

    private static HttpResponse<String> post(Role role, String path, String contentType, String body) throws Exception {
        String[] basic = Https.basic(pk.username(role), pk.password(role));
        return https.send("POST", path, body, basic[0], basic[1], "Content-Type", contentType);
    }

    private static JsonNode search(String name) throws Exception {
        return ScreeningSearches.matches(pk, https, name);
    }

    @Test
    void anAnalystImportsACsvListAndANewerVersionSaysWhatChanged() throws Exception {
        String csv = CsvWatchlistTest.HEADER + "H-1,Sipah-e-Sahaba Pakistan,سپاہ صحابہ;SSP,organisation,,,Pakistan,,2002-01-12,MoI\n"
                + "H-2,Abdul Rauf Rigi,عبدالرئوف ریگی,person,1975,,Iran,,2013-01-01,MoI\n";
        HttpResponse<String> first = post(Role.ANALYST, "/api/screening/lists/http-csv", "text/csv", csv);
        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        assertThat(JSON.readTree(first.body()).path("added").asInt()).isEqualTo(2);
        assertThat(search("Abd al-Rauf Rigi").get(0).path("reference").asString()).isEqualTo("H-2");

        HttpResponse<String> second = post(Role.ANALYST, "/api/screening/lists/http-csv", "text/csv; charset=utf-8",
                CsvWatchlistTest.HEADER + "H-1,Sipah-e-Sahaba Pakistan,سپاہ صحابہ;SSP,organisation,,,Pakistan,,2002-01-12,MoI\n");
        JsonNode answer = JSON.readTree(second.body());
        assertThat(answer.path("delisted").asInt()).as(second.body()).isEqualTo(1);
        assertThat(search("Abd al-Rauf Rigi")).isEmpty();
        String[] basic = Https.basic(pk.username(Role.VIEWER), pk.password(Role.VIEWER));
        HttpResponse<String> lists = https.get("/api/screening/lists", basic[0], basic[1]);
        assertThat(lists.body()).contains("\"source\":\"http-csv\"").contains("\"listed\":1").contains("\"delisted\":1");
    }

    @Test
    void aMalformedFileIsRefusedNamingLineAndColumnAndTheListStaysAsItWas() throws Exception {
        post(Role.ANALYST, "/api/screening/lists/http-bad", "text/csv", CsvWatchlistTest.HEADER + "B-1,Harkat-ul-Mujahideen,,organisation,,,,,,\n");
        HttpResponse<String> bad = post(Role.ANALYST, "/api/screening/lists/http-bad", "text/csv",
                CsvWatchlistTest.HEADER + "B-2,\"Lashkar-e-Jhangvi,,organisation,,,,,,\n");
        assertThat(bad.statusCode()).as(bad.body()).isEqualTo(400);
        JsonNode problem = JSON.readTree(bad.body());
        assertThat(problem.path("field").asString()).isEqualTo("body");
        assertThat(problem.path("rule").asString()).isEqualTo("csv");
        assertThat(problem.path("detail").asString()).contains("line 2, column 2");
        HttpResponse<String> xml = post(Role.ANALYST, "/api/screening/lists/http-bad", "application/xml", "<CONSOLIDATED_LIST><ENTITIES><ENTITY>");
        assertThat(xml.statusCode()).as(xml.body()).isEqualTo(400);
        assertThat(JSON.readTree(xml.body()).path("rule").asString()).isEqualTo("un-consolidated-list");
        HttpResponse<String> json = post(Role.ANALYST, "/api/screening/lists/http-bad", "application/json", "{}");
        assertThat(json.statusCode()).as(json.body()).isEqualTo(400);
        assertThat(JSON.readTree(json.body()).path("rule").asString()).isEqualTo("list-format");
        // a media type that is no media type, or names a character set that does not exist: refused as well, not a 500
        for (String contentType : new String[] {"garbage", "text/csv; charset=nonsense"}) {
            HttpResponse<String> unreadable = post(Role.ANALYST, "/api/screening/lists/http-bad", contentType, "reference,name\nB-3,X\n");
            assertThat(unreadable.statusCode()).as(contentType + ": " + unreadable.body()).isEqualTo(400);
            assertThat(JSON.readTree(unreadable.body()).path("rule").asString()).as(contentType).isEqualTo("list-format");
        }
        assertThat(search("Harkat ul Mujahideen").get(0).path("reference").asString()).isEqualTo("B-1");
    }

    @Test
    void onlyTheAnalystImportsNeitherOtherRolesNorThePartner() throws Exception {
        String csv = CsvWatchlistTest.HEADER + "N-1,Tehrik-e-Taliban Pakistan,,organisation,,,,,,\n";
        for (Role role : List.of(Role.ADMIN, Role.LIAISON, Role.VIEWER)) {
            assertThat(post(role, "/api/screening/lists/http-denied", "text/csv", csv).statusCode()).as(role.name()).isEqualTo(403);
            assertThat(post(role, "/api/screening/lists/http-denied/intel", "application/json", "").statusCode()).as(role.name())
                    .isEqualTo(403);
        }
        HttpResponse<String> partner = Https.asPartner(nodes.ir, pk).send("POST", "/api/screening/lists/http-denied", csv, "Content-Type",
                "text/csv");
        assertThat(partner.statusCode()).isEqualTo(403);
        assertThat(Https.asPartner(nodes.ir, pk).get("/api/screening/lists").statusCode()).isEqualTo(403);
        // nothing of the refused imports was listed (other tests' lists on the shared nodes may hold the name)
        assertThat(search("Tehrik-e-Taliban Pakistan")).noneMatch(m -> m.path("source").asString().equals("http-denied"));
    }

    @Test
    void whatIrSharedIsScreenedAtPkUnderIrsMarking() throws Exception {
        String ir = nodes.ir.identity().stixIdentityId();
        ObjectNode group = Stix.intrusionSet("Jundallah of Sistan", ir, Tlp.GREEN);
        group.putArray("aliases").add("جندالله سیستان").add("People's Resistance Movement of Iran");
        ObjectNode secret = Stix.intrusionSet("Source network of Sistan", ir, Tlp.RED);
        nodes.ir.bean(IntelStore.class).store(Collection.INTEL, List.of(group, secret), new Origin.Local("user:ir-analyst"));
        assertThat(pk.bean(PartnerIntelPull.class).pull(PartyCode.of("IR")).error()).isNull();

        HttpResponse<String> imported = post(Role.ANALYST, "/api/screening/lists/http-ir/intel?from=IR", "application/json", "");
        assertThat(imported.statusCode()).as(imported.body()).isEqualTo(200);
        JsonNode match = search("Jundullah of Sistan").get(0);
        assertThat(match.path("reference").asString()).isEqualTo(group.path("id").asString());
        assertThat(match.path("origin").asString()).isEqualTo("IR");
        assertThat(match.path("marking").asString()).isEqualTo("TLP:GREEN");
        assertThat(search("Source network of Sistan")).as("IR never shared its RED object").isEmpty();
        assertThat(post(Role.ANALYST, "/api/screening/lists/http-ir/intel?from=ZZ", "application/json", "").statusCode()).isEqualTo(400);
    }
}
