package org.concord.deconfliction.geo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.concord.deconfliction.geo.Places.*;

import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;

/** Distances from areas and lines to the border, against the brute-force reference. */
class AreasAndLinesNearTheBorderTest {

    private final GeoJson geoJson = GeoJson.reader();

    @Test
    void an_area_around_turbat_is_as_far_as_its_nearest_corner_or_edge() {
        // given a square of about 20 km around Turbat
        Geometry area = geoJson.read("area", "{\"type\":\"Polygon\",\"coordinates\":[[[62.94,25.91],[63.14,25.91],"
                + "[63.14,26.09],[62.94,26.09],[62.94,25.91]]]}");

        // when
        BorderDistance d = pakistanIranBorder().distanceTo(area);

        // then it equals the least brute-force distance over points along its outline
        double reference = Double.POSITIVE_INFINITY;
        Coordinate[] c = area.getCoordinates();
        for (int i = 0; i + 1 < c.length; i++) {
            for (int s = 0; s <= 50; s++) {
                double t = s / 50.0;
                reference = Math.min(reference, BorderDistanceMatchesBruteForceTest.bruteForceKm(
                        new Position(c[i].y + t * (c[i + 1].y - c[i].y), c[i].x + t * (c[i + 1].x - c[i].x))));
            }
        }
        assertThat(d.km()).isCloseTo(reference, within(0.001 * reference + 0.03));
        assertThat(d.km()).isLessThan(pakistanIranBorder().distanceTo(TURBAT).km());
        assertThat(d.nearestOwn().distanceKm(d.nearestBorder())).isCloseTo(d.km(), within(1e-9));
    }

    @Test
    void a_trajectory_across_the_border_is_at_distance_zero_and_meets_it() {
        // from Panjgur (Pakistan) to Saravan (Iran)
        Geometry trajectory = geoJson.read("trajectory", "{\"type\":\"LineString\",\"coordinates\":[[64.094,26.9642],"
                + "[62.3342,27.3709]]}");

        BorderDistance d = pakistanIranBorder().distanceTo(trajectory);

        assertThat(pakistanIranBorder().meets(trajectory)).isTrue();
        assertThat(d.km()).isZero();
        assertThat(pakistanIranBorder().distanceTo(d.nearestBorder()).km()).isLessThan(0.01);
    }

    @Test
    void an_area_in_the_partners_territory_reaches_it() {
        Geometry aroundSaravan = geoJson.read("area", "{\"type\":\"Polygon\",\"coordinates\":[[[62.28,27.32],[62.38,27.32],"
                + "[62.38,27.42],[62.28,27.42],[62.28,27.32]]]}");
        assertThat(boundaries().reaches(IRAN, aroundSaravan)).isTrue();
        assertThat(boundaries().reaches(PAKISTAN, aroundSaravan)).isFalse();
    }

    @Test
    void a_line_far_inside_is_measured_from_its_nearest_point() {
        // Quetta to Turbat, all inside Pakistan
        Geometry line = geoJson.read("trajectory", "{\"type\":\"LineString\",\"coordinates\":[[67.0014,30.1841],"
                + "[63.044,26.0023]]}");
        BorderDistance d = pakistanIranBorder().distanceTo(line);
        double reference = Double.POSITIVE_INFINITY;
        for (int s = 0; s <= 400; s++) {
            double t = s / 400.0;
            reference = Math.min(reference, BorderDistanceMatchesBruteForceTest.bruteForceKm(
                    new Position(30.1841 + t * (26.0023 - 30.1841), 67.0014 + t * (63.044 - 67.0014))));
        }
        // the line passes about 37 km from the border's eastward bulge north of Turbat
        assertThat(d.km()).isCloseTo(reference, within(0.001 * reference + 0.03));
        assertThat(d.km()).isLessThan(pakistanIranBorder().distanceTo(TURBAT).km());
    }
}
