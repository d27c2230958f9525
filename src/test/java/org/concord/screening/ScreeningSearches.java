package org.concord.screening;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import org.concord.party.Role;
import org.concord.testing.Https;
import org.concord.testing.TestNode;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A viewer's search of a node's watchlists over HTTPS, as the tests of the screening API make it. */
final class ScreeningSearches {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ScreeningSearches() {
    }

    /** The matches a viewer of {@code node} gets for {@code name}; the answer must be a 200. */
    static JsonNode matches(TestNode node, Https https, String name) throws Exception {
        String[] basic = Https.basic(node.username(Role.VIEWER), node.password(Role.VIEWER));
        HttpResponse<String> response = https.get("/api/screening/search?name=" + URLEncoder.encode(name, StandardCharsets.UTF_8), basic[0],
                basic[1]);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body()).path("matches");
    }
}
