package org.concord.intel;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import org.concord.party.Role;
import org.concord.testing.Https;
import org.concord.testing.TwoNodes;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code GET /api/intel/export} with more than one wrong parameter tells of the same one in every
 * process: the first in the order the API lists them (type, tlp, reliability). It was once decided
 * by the iteration order of {@code Map.of}, which changes with every JVM start.
 */
class ExportNamesTheFirstWrongParameterTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final TwoNodes nodes = TwoNodes.shared();

    private JsonNode refused(String query) throws Exception {
        String[] viewer = Https.basic(nodes.pk.username(Role.VIEWER), nodes.pk.password(Role.VIEWER));
        HttpResponse<String> response = Https.to(nodes.pk).get("/api/intel/export?" + query, viewer);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        return JSON.readTree(response.body());
    }

    @Test
    void of_parameters_over_their_limits_the_first_in_the_documented_order_is_named() throws Exception {
        JsonNode all = refused("reliability=A%01B&tlp=R%01ED&type=indi%01cator");
        assertThat(all.path("field").asString()).as(all.toString()).isEqualTo("type");
        assertThat(all.path("rule").asString()).isEqualTo("no-control-characters");
        JsonNode two = refused("reliability=A%01B&tlp=R%01ED");
        assertThat(two.path("field").asString()).as(two.toString()).isEqualTo("tlp");
    }
}
