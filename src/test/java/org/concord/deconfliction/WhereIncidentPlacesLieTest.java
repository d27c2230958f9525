package org.concord.deconfliction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.concord.deconfliction.Fixtures.IR;
import static org.concord.deconfliction.Fixtures.PK;

import org.concord.deconfliction.geo.GeoJson;
import org.concord.node.InvalidInput;
import org.concord.party.PartyCode;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Geometry;

/**
 * {@link PlacesOnTheBorder}, the geography incidents ask deconfliction for: which side of the
 * PK-IR border a place lies on, how far from it, and whether it concerns the pair at all.
 */
class WhereIncidentPlacesLieTest {

    private final PlacesOnTheBorder places = new PlacesOnTheBorder(Fixtures.boundaries(), RulesPerPair.defaults());

    private static Geometry at(String geoJson) {
        return GeoJson.reader().read("place", geoJson);
    }

    @Test
    void a_point_near_panjgur_lies_on_pakistans_side_in_balochistan() {
        PlacesOnTheBorder.Placed placed = places.locate(PK, IR, at("{\"type\":\"Point\",\"coordinates\":[64.094,26.9642]}"))
                .orElseThrow();
        assertThat(placed.side()).isEqualTo("PK");
        assertThat(placed.fromBorderKm()).isBetween(1.0, 100.0);
        assertThat(placed.province()).hasValueSatisfying(p -> assertThat(p).startsWith("PK-BA"));
        assertThat(placed.concernsThePair()).isTrue();
    }

    @Test
    void an_area_across_the_border_at_taftan_lies_on_both_sides_at_no_distance() {
        Geometry across = at("{\"type\":\"Polygon\",\"coordinates\":[[[61.45,28.95],[61.60,28.95],[61.60,29.05],[61.45,29.05],[61.45,28.95]]]}");
        PlacesOnTheBorder.Placed placed = places.locate(IR, PK, across).orElseThrow();
        assertThat(placed.side()).isEqualTo(PlacesOnTheBorder.BOTH);
        assertThat(placed.fromBorderKm()).isZero();
        assertThat(placed.withinTheParties()).isTrue();
    }

    @Test
    void a_point_at_sea_off_gwadar_bay_is_in_neither_territory_but_in_the_border_zone() {
        PlacesOnTheBorder.Placed placed = places.locate(PK, IR, at("{\"type\":\"Point\",\"coordinates\":[61.65,24.95]}"))
                .orElseThrow();
        assertThat(placed.side()).isEqualTo(PlacesOnTheBorder.NEITHER);
        assertThat(placed.withinTheParties()).isFalse();
        assertThat(placed.fromBorderKm()).isLessThan(50);
        assertThat(placed.concernsThePair()).isTrue();
    }

    @Test
    void a_point_far_out_at_sea_is_refused_naming_the_field_and_the_rule() {
        Geometry arabianSea = at("{\"type\":\"Point\",\"coordinates\":[65.0,15.0]}");
        assertThatThrownBy(() -> places.check("place", PK, IR, arabianSea)).isInstanceOfSatisfying(InvalidInput.class, e -> {
            assertThat(e.field()).isEqualTo("place");
            assertThat(e.rule()).isEqualTo(PlacesOnTheBorder.RULE);
        });
    }

    @Test
    void a_pair_without_a_land_border_cannot_be_placed_and_is_not_checked() {
        Geometry kabul = at("{\"type\":\"Point\",\"coordinates\":[69.17,34.53]}");
        assertThat(places.locate(PK, PartyCode.of("JP"), kabul)).isEmpty();
        assertThat(places.check("place", PK, PartyCode.of("JP"), kabul)).isEmpty();
    }
}
