package org.concord.deconfliction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.concord.deconfliction.Fixtures.*;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import org.concord.deconfliction.geo.BorderDistance;
import org.concord.deconfliction.geo.CountryCode;
import org.concord.deconfliction.geo.Position;
import org.concord.party.PartyCode;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;

/** Properties of the evaluation over random places within about 300 km of the Pakistan-Iran border. */
class SovereigntyAndDistanceProperties {

    private final EvaluatingNotices evaluating = evaluating();

    @Property(tries = 200)
    void an_area_round_a_point_in_the_partners_territory_is_always_refused(@ForAll("inThePartnersTerritory") Target target,
            @ForAll @DoubleRange(min = 0.1, max = 60) double radiusKm, @ForAll("notFlights") OperationType type) {
        PartyCode partner = target.partner();
        PartyCode by = partner.equals(PK) ? IR : PK;
        Position centre = target.where();

        NoticeEvaluation evaluation = evaluating.evaluate(aNotice().by(by).type(type).around(centre, radiusKm).build());

        assertThat(evaluation).isInstanceOfSatisfying(NoticeEvaluation.Refused.class,
                refused -> assertThat(refused.violation().partner()).isEqualTo(partner));
    }

    @Property(tries = 200)
    void a_polygon_with_any_corner_in_the_partners_territory_is_always_refused(
            @ForAll("inThePartnersTerritory") Target target, @ForAll @DoubleRange(min = 0.5, max = 40) double halfKm,
            @ForAll @DoubleRange(min = 0, max = 360) double turn) {
        // a square one of whose corners is the target; the rest may lie anywhere
        PartyCode by = target.partner().equals(PK) ? IR : PK;
        Position centre = target.where().moved(turn, halfKm * Math.sqrt(2));
        Coordinate[] ring = new Coordinate[5];
        ring[0] = target.where().toCoordinate();
        double back = centre.azimuthTo(target.where());
        for (int i = 1; i < 4; i++) {
            ring[i] = centre.moved(back + 90 * i, halfKm * Math.sqrt(2)).toCoordinate();
        }
        ring[4] = ring[0];
        Geometry square = Areas.FACTORY.createPolygon(ring);

        NoticeEvaluation evaluation = evaluating.evaluate(
                aNotice().by(by).type(OperationType.GROUND_RAID).area(OperationArea.polygon(square)).build());

        assertThat(evaluation).isInstanceOf(NoticeEvaluation.Refused.class);
    }

    /**
     * The geo tests prove that a point moved straight away from the border (along the geodesic
     * from its nearest border point) never gets closer. The same holds for the evaluation's
     * distance of a patrol area moved that way, and so a patrol that needs no notice never needs
     * one after moving further out.
     */
    @Property(tries = 200)
    void a_patrol_moved_straight_away_from_the_border_never_gets_closer(@ForAll("nearTheBorder") Position p,
            @ForAll @DoubleRange(min = 0, max = 1) double from, @ForAll @DoubleRange(min = 0, max = 1) double to,
            @ForAll @DoubleRange(min = 0.1, max = 10) double radiusKm) {
        BorderDistance d = pakistanIranBorder().distanceTo(p);
        Assume.that(d.km() > 0.01);
        PartyCode by = boundaries().isIn(CountryCode.of("PK"), p) ? PK : IR;
        Position b = d.nearestBorder();
        double azimuth = b.azimuthTo(p);
        double t1 = Math.min(from, to) * d.km();
        double t2 = Math.max(from, to) * d.km();

        NoticeEvaluation nearer = evaluating.evaluate(aNotice().by(by).around(b.moved(azimuth, t1), radiusKm).build());
        NoticeEvaluation further = evaluating.evaluate(aNotice().by(by).around(b.moved(azimuth, t2), radiusKm).build());

        assertThat(further.fromBorder().km()).isGreaterThanOrEqualTo(nearer.fromBorder().km() - 0.001);
        assertThat(further.fromBorder().km()).isCloseTo(Math.max(0, t2 - radiusKm), within(0.001 * t2 + 0.005));
        if (further instanceof NoticeEvaluation.Sendable f && f.noticeRequired()
                && nearer instanceof NoticeEvaluation.Sendable n) {
            assertThat(n.noticeRequired()).isTrue();
        }
    }

    @Property(tries = 100)
    void the_exact_distance_of_a_circle_agrees_with_that_of_its_covering_polygon(
            @ForAll("nearTheBorder") Position centre, @ForAll @DoubleRange(min = 0.1, max = 100) double radiusKm) {
        double exact = Math.max(0, pakistanIranBorder().distanceTo(centre).km() - radiusKm);
        double polygon = pakistanIranBorder().distanceTo(OperationArea.aroundPoint(centre, radiusKm).footprint()).km();
        // the polygon's edges touch the circle and its corners reach 0.1% of the radius beyond it;
        // the border's nearest point is chosen in a local metric, so each distance is within the
        // 1% the issue asks for (a run found a centre 190 km away measured 0.56% long: see Border)
        assertThat(polygon).isLessThanOrEqualTo(exact + 0.01 * exact + 0.005);
        assertThat(polygon).isGreaterThanOrEqualTo(exact - 0.001 * radiusKm - 0.01 * exact - 0.005);
    }

    @Provide
    Arbitrary<Position> nearTheBorder() {
        return Combinators.combine(Arbitraries.doubles().between(24.5, 31.0), Arbitraries.doubles().between(58.5, 66.0))
                .as(Position::new);
    }

    /** A position in the partner's territory. */
    record Target(PartyCode partner, Position where) {
    }

    @Provide
    Arbitrary<Target> inThePartnersTerritory() {
        return Arbitraries.of(PK, IR).flatMap(partner -> nearTheBorder()
                .filter(p -> boundaries().isIn(CountryCode.of(partner.value()), p))
                .map(p -> new Target(partner, p)));
    }

    @Provide
    Arbitrary<OperationType> notFlights() {
        return Arbitraries.of(OperationType.values());
    }
}
