package org.concord.deconfliction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.concord.deconfliction.Fixtures.PANJGUR;
import static org.concord.deconfliction.Fixtures.kmFromTheBorderTowards;
import static org.concord.deconfliction.OverHttps.*;

import java.net.http.HttpResponse;

import org.concord.deconfliction.geo.Position;
import org.concord.party.Role;
import org.concord.testing.TwoNodes;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Bad input to the deconfliction API is refused with 400, naming the field and the rule; nothing is stored. */
class BadNoticesOverHttpsAreRefusedTest {

    private final TwoNodes nodes = TwoNodes.shared();
    private final Position thirtyKmInside = kmFromTheBorderTowards(PANJGUR, 30);

    private JsonNode refused(String path, String body) throws Exception {
        HttpResponse<String> response = post(nodes.pk, Role.LIAISON, path, body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        return json(response);
    }

    private ObjectNode patrolWithPolygon(String polygon) {
        ObjectNode body = aNoticeBody("IR", OperationType.BORDER_PATROL, thirtyKmInside, 2);
        ObjectNode area = body.putObject("area");
        area.set("polygon", JSON.readTree(polygon));
        return body;
    }

    @Test
    void a_body_that_is_not_json() throws Exception {
        JsonNode problem = refused("/api/deconfliction/notices", "{\"partner\": ");
        assertThat(problem.get("field").asString()).isEqualTo("body");
        assertThat(problem.get("rule").asString()).isEqualTo("json");
    }

    @Test
    void invalid_geojson_a_ring_that_is_not_closed() throws Exception {
        JsonNode problem = refused("/api/deconfliction/notices", patrolWithPolygon(
                "{\"type\":\"Polygon\",\"coordinates\":[[[64.0,27.0],[64.1,27.0],[64.1,27.1],[64.0,27.1]]]}").toString());
        assertThat(problem.get("field").asString()).startsWith("area.polygon");
        assertThat(problem.get("rule").asString()).isEqualTo("ring-not-closed");
    }

    @Test
    void a_self_intersecting_polygon() throws Exception {
        JsonNode problem = refused("/api/deconfliction/notices", patrolWithPolygon(
                "{\"type\":\"Polygon\",\"coordinates\":[[[64.0,27.0],[64.2,27.2],[64.2,27.0],[64.0,27.2],[64.0,27.0]]]}")
                .toString());
        assertThat(problem.get("field").asString()).startsWith("area.polygon");
        assertThat(problem.get("rule").asString()).isEqualTo("self-intersection");
    }

    @Test
    void latitude_and_longitude_swapped_gets_a_hint() throws Exception {
        ObjectNode body = aNoticeBody("IR", OperationType.BORDER_PATROL, thirtyKmInside, 2);
        ((ObjectNode) body.get("area")).putObject("centre").put("type", "Point").putArray("coordinates")
                .add(PANJGUR.lat()).add(PANJGUR.lon());
        JsonNode problem = refused("/api/deconfliction/notices", body.toString());
        assertThat(problem.get("field").asString()).startsWith("area.centre");
        assertThat(problem.get("rule").asString()).isEqualTo("lat-lon-swapped");
        assertThat(problem.get("hint").asString()).contains("64.094");
    }

    @Test
    void a_window_that_ends_before_it_starts() throws Exception {
        ObjectNode body = aNoticeBody("IR", OperationType.BORDER_PATROL, thirtyKmInside, 2);
        ObjectNode window = (ObjectNode) body.get("window");
        String start = window.get("start").asString();
        window.put("start", window.get("end").asString()).put("end", start);
        JsonNode problem = refused("/api/deconfliction/notices", body.toString());
        assertThat(problem.get("field").asString()).isEqualTo("window.end");
        assertThat(problem.get("rule").asString()).isEqualTo("ends-after-it-starts");
        assertThat(get(nodes.pk, Role.VIEWER, "/api/deconfliction/notices/" + body.get("id").asString()).statusCode())
                .isEqualTo(404);
    }

    @Test
    void a_radius_of_zero_an_unknown_type_and_an_unpaired_partner() throws Exception {
        ObjectNode noRadius = aNoticeBody("IR", OperationType.BORDER_PATROL, thirtyKmInside, 0);
        assertThat(refused("/api/deconfliction/notices", noRadius.toString()).get("rule").asString()).isEqualTo("radius-range");
        ObjectNode unknownType = aNoticeBody("IR", OperationType.BORDER_PATROL, thirtyKmInside, 2).put("type", "SIEGE");
        JsonNode problem = refused("/api/deconfliction/notices", unknownType.toString());
        assertThat(problem.get("field").asString()).isEqualTo("type");
        assertThat(problem.get("rule").asString()).isEqualTo("one-of");
        ObjectNode afghanistan = aNoticeBody("AF", OperationType.BORDER_PATROL, thirtyKmInside, 2);
        problem = refused("/api/deconfliction/notices", afghanistan.toString());
        assertThat(problem.get("field").asString()).isEqualTo("partner");
        assertThat(problem.get("rule").asString()).isEqualTo("paired-partner");
    }

    @Test
    void a_site_of_an_unknown_kind_and_a_border_zone_of_no_width() throws Exception {
        JsonNode problem = refused("/api/deconfliction/sites", "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":"
                + "\"Feature\",\"properties\":{\"name\":\"Somewhere\",\"kind\":\"palace\"},"
                + "\"geometry\":{\"type\":\"Point\",\"coordinates\":[64.094,26.9642]}}]}");
        assertThat(problem.get("field").asString()).isEqualTo("features[0].properties.kind");
        assertThat(problem.get("rule").asString()).isEqualTo("site-kind");
        HttpResponse<String> zone = get(nodes.pk, Role.VIEWER, "/api/deconfliction/map/border-zone?km=0");
        assertThat(zone.statusCode()).isEqualTo(400);
        assertThat(json(zone).get("field").asString()).isEqualTo("km");
    }
}
