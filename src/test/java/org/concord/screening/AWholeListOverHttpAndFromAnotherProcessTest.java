package org.concord.screening;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.concord.party.Role;
import org.concord.testing.Https;
import org.concord.testing.OfflineNode;
import org.concord.testing.TestNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The lists an analyst imports are the real ones: the UN's consolidated list is 1.6 MB (2020) and more today, over the
 * API's 1 MiB limit for other bodies; and a list imported by {@code concord screening import} beside a running node (another
 * process on the same database) is searched by that node within seconds, not after its next restart. Before, the node
 * listed the new list as imported and answered every search from the index it had, without it.
 */
@org.junit.jupiter.api.TestMethodOrder(org.junit.jupiter.api.MethodOrderer.OrderAnnotation.class)
class AWholeListOverHttpAndFromAnotherProcessTest {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static TestNode node;
    static Https https;

    @BeforeAll
    static void aRunningNode() {
        // a node that runs its periodic work, as a deployed one does, and looks for other processes' imports often
        node = TestNode.start("PK", "Pakistan", TestNode.Store.POSTGRES, null, null,
                Map.of("concord.scheduling.enabled", "true", "concord.screening.index-check", "PT0.5S"));
        https = Https.to(node);
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    private static HttpResponse<String> post(Role role, String source, byte[] body) throws Exception {
        String[] basic = Https.basic(node.username(role), node.password(role));
        return https.send("POST", "/api/screening/lists/" + source, new String(body, StandardCharsets.UTF_8), basic[0], basic[1], "Content-Type", "application/xml");
    }

    private static JsonNode search(String name) throws Exception {
        return ScreeningSearches.matches(node, https, name);
    }

    /** "No match" means "not on these lists": the answer says which lists were searched, and with none that none were. */
    @Test
    @org.junit.jupiter.api.Order(1)
    void anAnswerNamesTheListsItSearchedAndThatThereAreNoneWhenNoneIsLoaded() throws Exception {
        String[] basic = Https.basic(node.username(Role.VIEWER), node.password(Role.VIEWER));
        JsonNode none = JSON.readTree(https.get("/api/screening/search?name=Baradar", basic[0], basic[1]).body());
        assertThat(none.path("matches")).isEmpty();
        assertThat(none.path("lists")).isEmpty();
        assertThat(none.path("note").asString()).contains("no watchlist");
        String csv = "reference,name\nNL-1,Tishkorab Velmund\n";
        node.bean(Watchlists.class).importList("names-listed", Watchlists.Format.CSV, new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)));
        JsonNode one = JSON.readTree(https.get("/api/screening/search?name=Baradar", basic[0], basic[1]).body());
        assertThat(one.path("matches")).isEmpty();
        assertThat(one.path("lists").findValuesAsString("source")).contains("names-listed");
        assertThat(one.path("lists").get(0).path("listed").asInt()).isEqualTo(1);
        assertThat(one.has("note")).isFalse();
    }

    @Test
    @org.junit.jupiter.api.Order(2)
    void theUnListOfMoreThanAMegabyteIsImportedOverTheApiByAnAnalystAndByNoOneElse() throws Exception {
        byte[] list;
        try (var in = UnConsolidatedListTest.un2020()) {
            list = in.readAllBytes();
        }
        assertThat(list.length).as("the list is larger than the API's limit for other bodies").isGreaterThan(1 << 20);
        // a viewer may not import it, and it is not read: nothing is stored
        HttpResponse<String> viewer = post(Role.VIEWER, "un-sc", list);
        assertThat(viewer.statusCode()).as(viewer.body()).isEqualTo(403);
        assertThat(search("Abdul Ghani Baradar")).isEmpty();

        HttpResponse<String> analyst = post(Role.ANALYST, "un-sc", list);
        assertThat(analyst.statusCode()).as(analyst.body()).isEqualTo(200);
        assertThat(JSON.readTree(analyst.body()).path("entries").asInt()).isEqualTo(1018);
        assertThat(search("Abdul Ghani Baradar").get(0).path("reference").asString()).isEqualTo("TAi.024");
    }

    @Test
    @org.junit.jupiter.api.Order(3)
    void aListImportedByAnotherProcessIsSearchedWithinSeconds() throws Exception {
        assertThat(search("Qarawandi Zelkhet Brigade")).isEmpty();
        // what `concord screening import` does beside a running node: a context of its own on the node's database
        try (ConfigurableApplicationContext cli = OfflineNode.start(OfflineNode.Store.POSTGRES, node.dataDir(), node.schema(),
                Map.of("concord.scheduling.enabled", "false", "concord.database.join-running", "true"))) {
            String csv = "reference,name,aliases\nZB-1,Qarawandi Zelkhet Brigade,Karawandi Zelkhet Brigade\n";
            cli.getBean(Watchlists.class).importList("from-the-cli", Watchlists.Format.CSV,
                    new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)));
        }
        long deadline = System.nanoTime() + 20_000_000_000L;
        JsonNode matches = search("Qarawandi Zelkhet Brigade");
        while (matches.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(200);
            matches = search("Qarawandi Zelkhet Brigade");
        }
        assertThat(matches).as("the node searches the list another process imported").isNotEmpty();
        assertThat(matches.get(0).path("source").asString()).isEqualTo("from-the-cli");
        assertThat(matches.get(0).path("reference").asString()).isEqualTo("ZB-1");
    }
}
