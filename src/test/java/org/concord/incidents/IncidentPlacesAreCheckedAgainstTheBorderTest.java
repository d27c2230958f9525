package org.concord.incidents;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import org.concord.testing.TwoNodes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

/**
 * Issue 10: an incident's place is checked against the border. From the liaison officer's seat at
 * PK: a place in Iran near the border is taken and both nodes show on whose side it lies and how far
 * from the border; a place far inside a third country, far out at sea, or given as [lat, lon] is
 * refused naming the field and the rule, as is GeoJSON that cannot be read.
 */
class IncidentPlacesAreCheckedAgainstTheBorderTest {

    static TwoNodes nodes;
    static IncidentsApi pk;
    static IncidentsApi ir;

    @BeforeAll
    static void start() {
        nodes = TwoNodes.shared();
        pk = IncidentsApi.liaisonAt(nodes.pk);
        ir = IncidentsApi.liaisonAt(nodes.ir);
    }

    @AfterAll
    static void drain() {
        IncidentsApi.drain(nodes);
    }

    /** PK's report of shelling at {@code place} (a GeoJSON geometry). */
    static String shellingAt(String place) {
        return """
                {"addressee":"IR","occurredAt":"2024-01-17T06:00:00Z","place":%s,"incidentType":"SHELLING",
                 "whatHappened":"Mortar rounds landed near a border post.",
                 "claims":[{"ref":"claim-1","statement":"The rounds were fired from across the border."}]}"""
                .formatted(place);
    }

    static JsonNode problem(HttpResponse<String> response) {
        return IncidentsApi.JSON.readTree(response.body());
    }

    void refused(String place, String field, String rule) throws Exception {
        HttpResponse<String> response = pk.post("/api/incidents", shellingAt(place));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(problem(response).path("field").asString()).as(response.body()).isEqualTo(field);
        assertThat(problem(response).path("rule").asString()).as(response.body()).isEqualTo(rule);
    }

    @Test
    void a_place_in_iran_near_saravan_is_taken_and_both_nodes_show_it_on_irans_side_a_few_km_from_the_border()
            throws Exception {
        // when PK reports shelling that landed near Saravan, in Iran
        JsonNode reported = pk.report(shellingAt("{\"type\":\"Point\",\"coordinates\":[62.3342,27.3709]}"));
        String incidentId = reported.path("incidentId").asString();

        // then PK's case view shows the place on Iran's side, within a few km of the border, in Sistan and Baluchestan
        JsonNode place = reported.path("placeOnTheBorder");
        assertThat(place.path("side").asString()).as(reported.toString()).isEqualTo("IR");
        assertThat(place.path("fromBorderKm").asDouble()).isBetween(1.0, 50.0);
        assertThat(place.path("nearestBorderPoint")).hasSize(2);
        assertThat(place.path("province").asString()).startsWith("IR-").contains("Sistan");

        // and Iran, once it has the report, shows exactly the same
        pk.deliverTo("IR");
        JsonNode atIran = ir.incidentWhen(incidentId, IncidentsApi.withMessages(1));
        assertThat(atIran.path("placeOnTheBorder")).isEqualTo(pk.incident(incidentId).path("placeOnTheBorder"));
    }

    @Test
    void a_place_on_pakistans_own_side_far_from_the_border_is_still_the_pairs_business() throws Exception {
        // Quetta, Balochistan: some 150 km from the Iranian border, inside Pakistan
        JsonNode reported = pk.report(shellingAt("{\"type\":\"Point\",\"coordinates\":[67.0,30.18]}"));
        assertThat(reported.path("placeOnTheBorder").path("side").asString()).isEqualTo("PK");
        assertThat(reported.path("placeOnTheBorder").path("fromBorderKm").asDouble()).isGreaterThan(50);
    }

    @Test
    void a_place_far_inside_a_third_country_or_far_out_at_sea_or_with_latitude_first_is_refused() throws Exception {
        String rule = "within-the-parties-or-border-zone";
        refused("{\"type\":\"Point\",\"coordinates\":[69.17,34.53]}", "place", rule); // Kabul
        refused("{\"type\":\"Point\",\"coordinates\":[65.0,15.0]}", "place", rule); // the Arabian Sea, 1,000 km out
        refused("{\"type\":\"Point\",\"coordinates\":[26.97,64.10]}", "place", rule); // Panjgur as [lat, lon]: Finland
        refused("{\"type\":\"Polygon\",\"coordinates\":[[[64.0,26.9],[70.0,26.9],[70.0,35.0],[64.0,35.0],[64.0,26.9]]]}",
                "place", rule); // reaching far into Afghanistan and India
    }

    @Test
    void malformed_geojson_is_refused_naming_the_field_and_the_rule() throws Exception {
        HttpResponse<String> notGeometry = pk.post("/api/incidents", shellingAt("{\"type\":\"Circle\",\"coordinates\":[64.1,26.97]}"));
        assertThat(notGeometry.statusCode()).as(notGeometry.body()).isEqualTo(400);
        assertThat(problem(notGeometry).path("field").asString()).startsWith("place");
        assertThat(problem(notGeometry).path("rule").asString()).isNotBlank();

        HttpResponse<String> oneNumber = pk.post("/api/incidents", shellingAt("{\"type\":\"Point\",\"coordinates\":[64.1]}"));
        assertThat(oneNumber.statusCode()).as(oneNumber.body()).isEqualTo(400);
        assertThat(problem(oneNumber).path("field").asString()).startsWith("place");
        assertThat(problem(oneNumber).path("rule").asString()).isNotBlank();

        refused("\"near Panjgur\"", "place", "geojson");
    }
}
