package org.concord.deconfliction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.concord.deconfliction.Fixtures.*;

import java.time.Duration;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.concord.deconfliction.geo.GeodesicShapes;
import org.concord.deconfliction.geo.InvalidGeoJson;
import org.concord.deconfliction.geo.Position;
import org.concord.node.InvalidInput;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;

/** Each fault is refused when the value is made, naming the field and the rule. */
class BadInputIsRefusedTest {

    @Test
    void a_time_window_that_ends_before_it_starts() {
        InvalidInput e = refused(() -> new TimeWindow(NOW.plus(Duration.ofHours(5)), NOW.plus(Duration.ofHours(3))));
        assertThat(e.field()).isEqualTo("window.end");
        assertThat(e.rule()).isEqualTo("ends-after-it-starts");
        assertThat(e.getMessage()).contains("PT2H before it starts at 2026-03-02T11:00:00Z");
    }

    @Test
    void a_time_window_that_ends_as_it_starts() {
        InvalidInput e = refused(() -> new TimeWindow(NOW, NOW));
        assertThat(e.rule()).isEqualTo("ends-after-it-starts");
        assertThat(e.getMessage()).contains("the moment it starts");
    }

    @Test
    void a_radius_out_of_range() {
        for (double radius : new double[] {0, -3, 500.5, Double.NaN, Double.POSITIVE_INFINITY}) {
            InvalidInput e = refused(() -> OperationArea.aroundPoint(PANJGUR, radius));
            assertThat(e.field()).isEqualTo("area.radiusKm");
            assertThat(e.rule()).isEqualTo("radius-range");
        }
    }

    @Test
    void a_self_intersecting_polygon_read_from_geojson() {
        // a bow tie over Panjgur
        String bowTie = "{\"type\":\"Polygon\",\"coordinates\":[[[64.0,26.9],[64.2,27.0],[64.2,26.9],[64.0,27.0],[64.0,26.9]]]}";
        InvalidGeoJson e = catchThrowableOfType(InvalidGeoJson.class, () -> geoJson().read("area", bowTie));
        assertThat(e.field()).isEqualTo("area.coordinates");
        assertThat(e.rule()).isEqualTo(InvalidGeoJson.Rule.SELF_INTERSECTION);
    }

    @Test
    void a_self_intersecting_polygon_made_directly() {
        Geometry bowTie = Areas.FACTORY.createPolygon(new Coordinate[] {new Coordinate(64.0, 26.9),
                new Coordinate(64.2, 27.0), new Coordinate(64.2, 26.9), new Coordinate(64.0, 27.0), new Coordinate(64.0, 26.9)});
        InvalidInput e = refused(() -> OperationArea.polygon(bowTie));
        assertThat(e.field()).isEqualTo("area.polygon");
        assertThat(e.rule()).isEqualTo("self-intersection");
        assertThat(e.getMessage()).contains("near [64.1");
    }

    @Test
    void panjgur_written_latitude_first_is_refused_with_the_hint() {
        // Panjgur [lat, lon]: as given it lies in Finland, swapped in Pakistan
        InvalidGeoJson e = catchThrowableOfType(InvalidGeoJson.class,
                () -> geoJson().read("area.centre", "{\"type\":\"Point\",\"coordinates\":[26.9642,64.094]}"));
        assertThat(e.rule()).isEqualTo(InvalidGeoJson.Rule.LAT_LON_SWAPPED);
        assertThat(e.field()).isEqualTo("area.centre.coordinates");
        assertThat(e.hint()).get().asString().contains("[longitude, latitude]").contains("[64.094, 26.9642]");
    }

    @Test
    void an_air_or_missile_notice_without_notam_or_navarea() {
        for (OperationType type : List.of(OperationType.AIR_STRIKE, OperationType.MISSILE_OR_ARTILLERY, OperationType.DRONE)) {
            InvalidInput e = refused(() -> aNotice().type(type).references(List.of()).build());
            assertThat(e.field()).isEqualTo("airspaceReferences");
            assertThat(e.rule()).isEqualTo("required-for-air-and-missile-activity");
        }
        // ground operations need none
        assertThat(aNotice().type(OperationType.GROUND_RAID).build().airspaceReferences()).isEmpty();
    }

    @Test
    void a_notam_or_navarea_number_not_in_its_form() {
        InvalidInput notam = refused(() -> AirspaceReference.notam("NOTAM 123"));
        assertThat(notam.field()).isEqualTo("airspaceReference.id");
        assertThat(notam.rule()).isEqualTo("notam-number");
        InvalidInput navarea = refused(() -> AirspaceReference.navarea("NAVAREA 9 12/26"));
        assertThat(navarea.rule()).isEqualTo("navarea-number");
        assertThat(AirspaceReference.navarea("NAVAREA IX 123/24").id()).isEqualTo("NAVAREA IX 123/24");
        assertThat(AirspaceReference.notam("A0123/24").kind()).isEqualTo(AirspaceReference.Kind.NOTAM);
    }

    @Test
    void a_trajectory_that_does_not_start_at_the_launch_point_or_end_in_the_impact_area() {
        Position launch = kmFromTheBorderTowards(PANJGUR, 60);
        Geometry impact = GeodesicShapes.circle(PANJGUR, 5);
        Position elsewhere = launch.moved(0, 5);
        InvalidInput start = refused(() -> OperationArea.missileFlight(launch, impact, Areas.FACTORY.createLineString(
                new Coordinate[] {elsewhere.toCoordinate(), PANJGUR.toCoordinate()})));
        assertThat(start.field()).isEqualTo("area.trajectory");
        assertThat(start.rule()).isEqualTo("starts-at-launch-point");
        assertThat(start.getMessage()).contains("starts 5.0 km from it");
        InvalidInput end = refused(() -> OperationArea.missileFlight(launch, impact, Areas.FACTORY.createLineString(
                new Coordinate[] {launch.toCoordinate(), elsewhere.toCoordinate()})));
        assertThat(end.rule()).isEqualTo("ends-in-impact-area");
    }

    @Test
    void a_missile_flight_for_another_kind_of_operation() {
        OperationArea flight = MissileFlights.straight(kmFromTheBorderTowards(PANJGUR, 60), PANJGUR, 5);
        InvalidInput e = refused(() -> aNotice().type(OperationType.AIR_STRIKE).area(flight).build());
        assertThat(e.field()).isEqualTo("area");
        assertThat(e.rule()).isEqualTo("flight-only-for-missile-or-artillery");
    }

    @Test
    void a_notice_to_oneself_missing_fields_and_blank_contacts() {
        NoticeBuilder toSelf = aNotice();
        toSelf.to = toSelf.by;
        assertThat(refused(toSelf::build).rule()).isEqualTo("different-parties");
        NoticeBuilder noWindow = aNotice();
        noWindow.window = null;
        assertThat(refused(noWindow::build).field()).isEqualTo("window");
        assertThat(refused(() -> new Contact(" ", "hotline")).field()).isEqualTo("contact.name");
        assertThat(refused(() -> new Contact("Duty officer", "line\u0000two")).rule()).isEqualTo("no-control-characters");
        assertThat(refused(() -> NoticeId.of("has space")).rule()).isEqualTo("identifier");
    }

    @Test
    void protected_sites_without_a_name_of_an_unknown_kind_or_swapped() {
        String noName = "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":{\"kind\":\"village\"},"
                + "\"geometry\":{\"type\":\"Point\",\"coordinates\":[61.4496,29.015]}}]}";
        assertThat(refused(() -> ProtectedSite.fromFeatureCollection(IR, noName, geoJson())).field())
                .isEqualTo("features[0].properties.name");
        String badKind = noName.replace("{\"kind\":\"village\"}", "{\"name\":\"Mirjaveh\",\"kind\":\"base\"}");
        InvalidInput kind = refused(() -> ProtectedSite.fromFeatureCollection(IR, badKind, geoJson()));
        assertThat(kind.field()).isEqualTo("features[0].properties.kind");
        assertThat(kind.rule()).isEqualTo("site-kind");
        String swapped = noName.replace("{\"kind\":\"village\"}", "{\"name\":\"Mirjaveh\",\"kind\":\"village\"}")
                .replace("[61.4496,29.015]", "[29.015,61.4496]");
        InvalidGeoJson e = catchThrowableOfType(InvalidGeoJson.class,
                () -> ProtectedSite.fromFeatureCollection(IR, swapped, geoJson()));
        assertThat(e.field()).isEqualTo("features[0].geometry.coordinates");
        assertThat(e.rule()).isEqualTo(InvalidGeoJson.Rule.LAT_LON_SWAPPED);
        assertThat(refused(() -> ProtectedSite.fromFeatureCollection(IR, "{\"type\":\"Feature\"}", geoJson())).rule())
                .isEqualTo("feature-collection");
    }

    @Test
    void rules_out_of_range() {
        assertThat(refused(() -> new NotificationZone(0, true)).field()).isEqualTo("notificationZone.km");
        assertThat(refused(() -> new NoticePolicy.LaunchPointDistance(-1)).rule()).isEqualTo("distance-range");
        assertThat(refused(() -> new NoticePolicy.MinimumNotice(Duration.ZERO)).rule()).isEqualTo("positive");
        assertThat(refused(() -> new NoticeRules(PartnerPair.of(PK, IR), NotificationZone.defaults(),
                List.of(new NoticePolicy.LaunchPointDistance(40), new NoticePolicy.LaunchPointDistance(50)))).rule())
                .isEqualTo("one-policy-per-name");
        assertThat(refused(() -> PartnerPair.of(PK, PK)).rule()).isEqualTo("different-parties");
    }

    private static InvalidInput refused(ThrowingCallable making) {
        InvalidInput e = catchThrowableOfType(InvalidInput.class, making);
        assertThat(e).as("refused").isNotNull();
        return e;
    }
}
