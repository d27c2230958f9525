package org.concord.deconfliction.geo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;
import static org.concord.deconfliction.geo.Places.*;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Polygon;

/** The geodesic circle and the border zone against exact geodesic measurements. */
class GeodesicShapesTest {

    @ParameterizedTest(name = "a circle of {0} km round Quetta")
    @ValueSource(doubles = {0.05, 1, 25, 300, 500})
    void a_circle_covers_every_point_at_its_radius_and_reaches_at_most_0_15_percent_beyond(double km) {
        Polygon circle = GeodesicShapes.circle(QUETTA, km);

        assertThat(circle.isValid()).isTrue();
        assertThat(org.locationtech.jts.algorithm.Orientation.isCCW(circle.getExteriorRing().getCoordinates())).as("counter-clockwise, as RFC 7946 asks").isTrue();
        for (Coordinate c : circle.getCoordinates()) {
            assertThat(QUETTA.distanceKm(Position.of(c))).isBetween(km / Math.cos(Math.PI / 72), km * 1.0015);
        }
        for (int azimuth = 0; azimuth < 360; azimuth++) {
            Position onTheCircle = QUETTA.moved(azimuth + 0.5, km * 0.99999);
            assertThat(circle.covers(Boundaries.FACTORY.createPoint(onTheCircle.toCoordinate())))
                    .as("azimuth %d.5", azimuth).isTrue();
        }
    }

    @Test
    void a_circle_needs_a_positive_radius_and_stays_off_the_antimeridian() {
        assertThatIllegalArgumentException().isThrownBy(() -> GeodesicShapes.circle(QUETTA, 0));
        assertThatIllegalArgumentException().isThrownBy(() -> GeodesicShapes.circle(new Position(0, 179.9), 50))
                .withMessageContaining("antimeridian");
    }

    @ParameterizedTest(name = "the {0} km zone")
    @ValueSource(doubles = {10, 50, 100})
    void the_border_zones_outline_is_within_1_percent_of_its_width_from_the_border(double km) {
        Border border = pakistanIranBorder();

        Geometry zone = GeodesicShapes.borderZone(border, km);

        assertThat(zone.isValid()).isTrue();
        assertThat(zone.getGeometryType()).isEqualTo("Polygon");
        assertThat(zone.covers(border.line())).isTrue();
        for (Coordinate c : ((Polygon) zone).getExteriorRing().getCoordinates()) {
            assertThat(border.distanceKm(c.y, c.x)).isCloseTo(km, within(0.01 * km));
        }
    }

    @Test
    void points_just_inside_the_50_km_zone_are_in_it_and_just_outside_are_not() {
        Border border = pakistanIranBorder();
        Geometry zone = GeodesicShapes.borderZone(border, 50);
        Coordinate[] line = border.line().getCoordinates();
        for (int i = 0; i + 1 < line.length; i += 5) {
            Position a = Position.of(line[i]);
            Position b = Position.of(line[i + 1]);
            Position mid = a.moved(a.azimuthTo(b), a.distanceKm(b) / 2);
            for (int side : new int[] {90, -90}) {
                double square = a.azimuthTo(b) + side;
                Position in = mid.moved(square, 49.5);
                Position out = mid.moved(square, 50.5);
                // at most 49.5 km from the border, so inside; the outer one is outside unless
                // another stretch of the border is nearer to it than 50.5 km
                assertThat(zone.covers(Boundaries.FACTORY.createPoint(in.toCoordinate()))).as("%s is inside", in).isTrue();
                if (border.distanceTo(out).km() > 50.45) {
                    assertThat(zone.covers(Boundaries.FACTORY.createPoint(out.toCoordinate()))).as("%s is outside", out)
                            .isFalse();
                }
            }
        }
    }

    @Test
    void geometry_written_as_geojson_reads_back_the_same() {
        GeoJson reader = GeoJson.reader();
        Polygon circle = GeodesicShapes.circle(TURBAT, 10);
        Geometry again = reader.read("area", GeoJson.write(circle));
        assertThat(again.equalsExact(circle, 1e-7)).isTrue();
        assertThat(GeoJson.write(Boundaries.FACTORY.createPoint(new Coordinate(62.3254, 25.1216))))
                .isEqualTo("{\"type\":\"Point\",\"coordinates\":[62.3254,25.1216]}");
        Geometry line = reader.read("t", "{\"type\":\"LineString\",\"coordinates\":[[64.094,26.9642],[62.3342,27.3709]]}");
        assertThat(GeoJson.write(line)).isEqualTo("{\"type\":\"LineString\",\"coordinates\":[[64.094,26.9642],[62.3342,27.3709]]}");
        Geometry both = Boundaries.FACTORY.buildGeometry(java.util.List.of(line, circle));
        assertThat(GeoJson.write(both)).startsWith("{\"type\":\"GeometryCollection\",\"geometries\":[{\"type\":\"LineString\"");
        Geometry zone = GeodesicShapes.borderZone(pakistanIranBorder(), 50);
        assertThat(reader.read("zone", GeoJson.write(zone)).getArea()).isCloseTo(zone.getArea(), within(1e-6));
    }
}
