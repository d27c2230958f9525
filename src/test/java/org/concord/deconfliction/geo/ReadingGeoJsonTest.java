package org.concord.deconfliction.geo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.concord.deconfliction.geo.Places.*;

import java.util.List;
import org.concord.deconfliction.geo.InvalidGeoJson.Rule;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Geometry;

class ReadingGeoJsonTest {

    private final GeoJson plain = GeoJson.reader();
    private final GeoJson forParties = GeoJson.reader(boundaries(), List.of(PAKISTAN, IRAN));

    @Test
    void a_point_is_read_longitude_first() {
        Geometry g = forParties.read("area", "{\"type\":\"Point\",\"coordinates\":[67.0014,30.1841]}");
        assertThat(g.getGeometryType()).isEqualTo("Point");
        assertThat(g.getCoordinate().x).isEqualTo(67.0014);
        assertThat(g.getCoordinate().y).isEqualTo(30.1841);
    }

    @Test
    void a_line_a_polygon_and_a_multipolygon_are_read() {
        assertThat(plain.read("t", "{\"type\":\"LineString\",\"coordinates\":[[62,27],[63,27.5,120]]}").getNumPoints())
                .isEqualTo(2);
        assertThat(plain.read("a", square(63, 27)).getArea()).isEqualTo(0.01, org.assertj.core.api.Assertions.within(1e-9));
        String multi = "{\"type\":\"MultiPolygon\",\"coordinates\":[" + rings(63, 27) + "," + rings(64, 27) + "]}";
        assertThat(plain.read("a", multi).getNumGeometries()).isEqualTo(2);
    }

    @Test
    void invalid_json_is_refused_naming_the_field() {
        InvalidGeoJson e = refused(plain, "area", "{\"type\":\"Point\",");
        assertThat(e.field()).isEqualTo("area");
        assertThat(e.rule()).isEqualTo(Rule.INVALID_JSON);
    }

    @Test
    void an_unknown_type_is_refused() {
        InvalidGeoJson e = refused(plain, "area", "{\"type\":\"Circle\",\"coordinates\":[62,27]}");
        assertThat(e.field()).isEqualTo("area.type");
        assertThat(e.rule()).isEqualTo(Rule.UNKNOWN_TYPE);
        assertThat(e.getMessage()).contains("Circle").contains("Point, LineString, Polygon, MultiPolygon");
    }

    @Test
    void missing_coordinates_are_refused() {
        InvalidGeoJson e = refused(plain, "area", "{\"type\":\"Point\"}");
        assertThat(e.field()).isEqualTo("area.coordinates");
        assertThat(e.rule()).isEqualTo(Rule.MALFORMED);
    }

    @Test
    void a_longitude_out_of_range_is_refused_at_its_index() {
        InvalidGeoJson e = refused(plain, "trajectory",
                "{\"type\":\"LineString\",\"coordinates\":[[62,27],[181,27]]}");
        assertThat(e.field()).isEqualTo("trajectory.coordinates[1][0]");
        assertThat(e.rule()).isEqualTo(Rule.OUT_OF_RANGE);
        assertThat(e.hint()).isEmpty();
    }

    @Test
    void gwadar_written_latitude_first_is_refused_as_swapped() {
        // Gwadar written [lat, lon]: as given it lies in Finland, swapped in Pakistan
        InvalidGeoJson e = refused(forParties, "launchPoint", "{\"type\":\"Point\",\"coordinates\":[25.1216,62.3254]}");
        assertThat(e.rule()).isEqualTo(Rule.LAT_LON_SWAPPED);
        assertThat(e.hint()).get().asString().contains("[62.3254, 25.1216]");
    }

    @Test
    void a_latitude_out_of_range_with_a_longitude_that_could_be_one_hints_at_the_swap() {
        InvalidGeoJson e = refused(plain, "launchPoint", "{\"type\":\"Point\",\"coordinates\":[30.18,97.0]}");
        assertThat(e.field()).isEqualTo("launchPoint.coordinates[1]");
        assertThat(e.rule()).isEqualTo(Rule.OUT_OF_RANGE);
        assertThat(e.hint()).get().asString().contains("[longitude, latitude]").contains("[97.0, 30.18]");
    }

    @Test
    void positions_that_fall_in_a_party_only_when_swapped_are_refused_with_a_hint() {
        // Quetta written [lat, lon]: as given it lies in Russia's Arctic, swapped in Pakistan
        InvalidGeoJson e = refused(forParties, "area", "{\"type\":\"Point\",\"coordinates\":[30.1841,67.0014]}");
        assertThat(e.field()).isEqualTo("area.coordinates");
        assertThat(e.rule()).isEqualTo(Rule.LAT_LON_SWAPPED);
        assertThat(e.hint()).get().asString().contains("[67.0014, 30.1841]");
    }

    @Test
    void a_self_intersecting_polygon_is_refused() {
        // a bow tie over Panjgur
        String bowTie = "{\"type\":\"Polygon\",\"coordinates\":[[[64.0,26.9],[64.2,27.0],[64.2,26.9],[64.0,27.0],[64.0,26.9]]]}";
        InvalidGeoJson e = refused(plain, "area", bowTie);
        assertThat(e.field()).isEqualTo("area.coordinates");
        assertThat(e.rule()).isEqualTo(Rule.SELF_INTERSECTION);
        assertThat(e.getMessage()).contains("near [64.1");
    }

    @Test
    void an_open_ring_is_refused() {
        InvalidGeoJson e = refused(plain, "area",
                "{\"type\":\"Polygon\",\"coordinates\":[[[64,26.9],[64.2,26.9],[64.2,27],[64,27]]]}");
        assertThat(e.field()).isEqualTo("area.coordinates[0]");
        assertThat(e.rule()).isEqualTo(Rule.RING_NOT_CLOSED);
    }

    @Test
    void a_ring_of_three_positions_is_refused() {
        InvalidGeoJson e = refused(plain, "area", "{\"type\":\"Polygon\",\"coordinates\":[[[64,26.9],[64.2,26.9],[64,26.9]]]}");
        assertThat(e.rule()).isEqualTo(Rule.TOO_FEW_POSITIONS);
    }

    @Test
    void a_position_of_strings_is_refused() {
        InvalidGeoJson e = refused(plain, "area", "{\"type\":\"Point\",\"coordinates\":[\"64\",26.9]}");
        assertThat(e.field()).isEqualTo("area.coordinates[0]");
        assertThat(e.rule()).isEqualTo(Rule.BAD_POSITION);
    }

    private static InvalidGeoJson refused(GeoJson reader, String field, String json) {
        InvalidGeoJson e = catchThrowableOfType(InvalidGeoJson.class, () -> reader.read(field, json));
        assertThat(e).as("refused").isNotNull();
        return e;
    }

    private static String square(double lon, double lat) {
        return "{\"type\":\"Polygon\",\"coordinates\":" + rings(lon, lat) + "}";
    }

    private static String rings(double lon, double lat) {
        return "[[[" + lon + "," + lat + "],[" + (lon + 0.1) + "," + lat + "],[" + (lon + 0.1) + "," + (lat + 0.1)
                + "],[" + lon + "," + (lat + 0.1) + "],[" + lon + "," + lat + "]]]";
    }
}
