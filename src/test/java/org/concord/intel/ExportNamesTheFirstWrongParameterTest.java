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
 * {@code GET /api/intel/export} with more than one wrong parameter or value tells of the same one in
 * every process: the first parameter in the order the API lists them (type, tlp, reliability), and of
 * a parameter's values the first as the request gives them. Both were once decided by the iteration
 * order of {@code Map.of} and {@code Set.copyOf}, which changes with every JVM start.
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

    @Test
    void of_several_wrong_values_the_first_the_request_gives_is_quoted() throws Exception {
        JsonNode tlp = refused("tlp=GREEN&tlp=PURPLE&tlp=ORANGE&tlp=BLACK&tlp=WHITE");
        assertThat(tlp.path("field").asString()).isEqualTo("tlp");
        assertThat(tlp.path("detail").asString()).as(tlp.toString()).startsWith("tlp: 'PURPLE' is not one of");
        JsonNode reliability = refused("reliability=B&reliability=X&reliability=Y&reliability=Z");
        assertThat(reliability.path("field").asString()).isEqualTo("reliability");
        assertThat(reliability.path("detail").asString()).as(reliability.toString()).startsWith("reliability: 'X' is not");
    }
}
