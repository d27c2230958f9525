package org.concord.deconfliction.geo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import net.sf.geographiclib.Geodesic;
import net.sf.geographiclib.GeodesicMask;
import org.junit.jupiter.api.Test;

/**
 * The geodesic solver and the local metric against values published independently of this code.
 */
class GeodesicDistancesMatchPublishedValuesTest {

    /**
     * GeographicLib's own documented example (Geodesic class documentation, "the distance from
     * JFK to LHR"): 40.6N 73.8W to 51.6N 0.5W on WGS84 is 5551.759400319 km.
     */
    @Test
    void jfk_to_lhr_on_wgs84_is_the_documented_5551_76_km() {
        assertThat(new Position(40.6, -73.8).distanceKm(new Position(51.6, -0.5)))
                .isCloseTo(5551.759400319, within(1e-6));
    }

    /**
     * Vincenty (1975), "Direct and inverse solutions of geodesics on the ellipsoid", Survey
     * Review 23(176), test lines (a) on Bessel's and (b), (c) on the International (Hayford)
     * ellipsoid. Checks the solver the module relies on, on ellipsoids other than WGS84.
     */
    @Test
    void vincentys_test_lines_are_reproduced_to_a_millimetre() {
        Geodesic bessel = new Geodesic(6377397.155, 1 / 299.1528128);
        Geodesic hayford = new Geodesic(6378388.0, 1 / 297.0);
        assertThat(bessel.Inverse(dms(55, 45, 0), 0, dms(-33, -26, 0), dms(108, 13, 0), GeodesicMask.DISTANCE).s12)
                .isCloseTo(14110526.170, within(1e-3));
        assertThat(hayford.Inverse(dms(37, 19, 54.95367), 0, dms(26, 7, 42.83946), dms(41, 28, 35.50729),
                GeodesicMask.DISTANCE).s12).isCloseTo(4085966.703, within(1e-3));
        assertThat(hayford.Inverse(dms(35, 16, 11.24862), 0, dms(67, 22, 14.77638), dms(137, 47, 28.31435),
                GeodesicMask.DISTANCE).s12).isCloseTo(8084823.839, within(1e-3));
    }

    /**
     * The local metric's scale against the standard table of the length of a degree on WGS84
     * (for example in the "Latitude" and "Longitude" articles of Wikipedia): a degree of
     * latitude is 110.574 km at the equator and 111.132 km at 45 degrees; a degree of longitude
     * 111.320 km at the equator and 78.847 km at 45 degrees.
     */
    @Test
    void a_degree_has_the_published_length() {
        assertThat(Geodesy.kmPerDegreeLat(0)).isCloseTo(110.574, within(0.001));
        assertThat(Geodesy.kmPerDegreeLat(45)).isCloseTo(111.132, within(0.001));
        assertThat(Geodesy.kmPerDegreeLon(0)).isCloseTo(111.320, within(0.001));
        assertThat(Geodesy.kmPerDegreeLon(45)).isCloseTo(78.847, within(0.001));
    }

    @Test
    void moving_a_position_and_measuring_back_agree() {
        Position quetta = Places.QUETTA;
        Position moved = quetta.moved(37.5, 123.456);
        assertThat(quetta.distanceKm(moved)).isCloseTo(123.456, within(1e-9));
        assertThat(quetta.azimuthTo(moved)).isCloseTo(37.5, within(1e-9));
    }

    private static double dms(double d, double m, double s) {
        return d + m / 60 + s / 3600;
    }
}
