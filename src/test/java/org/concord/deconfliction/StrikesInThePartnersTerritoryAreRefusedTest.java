package org.concord.deconfliction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.concord.deconfliction.Fixtures.*;

import org.concord.deconfliction.geo.GeodesicShapes;
import org.concord.deconfliction.geo.Position;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Geometry;

/**
 * 16 and 18 January 2024: Iran struck in the Panjgur area of Pakistan, Pakistan in the Saravan
 * area of Iran, each without the other's consent. Planned here, neither could go out as a notice.
 */
class StrikesInThePartnersTerritoryAreRefusedTest {

    @Test
    void a_strike_in_the_panjgur_area_planned_by_iran_is_refused() {
        // given Iran plans a missile strike within 15 km of Panjgur, in Pakistan
        OperationNotice strike = aNotice().by(IR).type(OperationType.MISSILE_OR_ARTILLERY).around(PANJGUR, 15).build();

        // when it is evaluated
        NoticeEvaluation evaluation = evaluating().evaluate(strike);

        // then it is refused, wholly in Pakistan's Balochistan, with both conversions offered
        assertThat(evaluation).isInstanceOf(NoticeEvaluation.Refused.class);
        SovereigntyViolation violation = ((NoticeEvaluation.Refused) evaluation).violation();
        assertThat(violation.partner()).isEqualTo(PK);
        assertThat(violation.explanation()).contains("lies wholly in PK's territory").contains("PK-BA Balochistan")
                .contains("request for action").contains("joint operation");
        assertThat(violation.offers()).extracting(ConversionOffer::kind).containsExactly(
                ConversionOffer.Kind.REQUEST_FOR_ACTION, ConversionOffer.Kind.JOINT_OPERATION_PROPOSAL);
        assertThat(violation.offers()).allSatisfy(offer -> {
            assertThat(offer.addressedTo()).isEqualTo(PK);
            assertThat(offer.fromNotice()).isEqualTo(strike.id());
            assertThat(offer.area()).isEqualTo(strike.area());
            assertThat(offer.window()).isEqualTo(strike.window());
        });
        assertThat(violation.insidePartner().getArea()).isCloseTo(strike.area().footprint().getArea(),
                org.assertj.core.api.Assertions.within(1e-9));
        assertThat(violation.insidePartnerGeoJson()).startsWith("{\"type\":\"Polygon\"");
        assertThat(evaluation.fromBorder().km()).isCloseTo(79 - 15, org.assertj.core.api.Assertions.within(1.0));
    }

    @Test
    void a_strike_in_the_saravan_area_planned_by_pakistan_is_refused() {
        // given Pakistan plans an air strike and a drone strike within 10 km of Saravan, in Iran
        OperationNotice air = aNotice().by(PK).type(OperationType.AIR_STRIKE).around(SARAVAN, 10).build();
        OperationNotice drone = aNotice().by(PK).type(OperationType.DRONE).around(SARAVAN, 3).build();

        // then both are refused, in Sistan and Baluchestan
        for (OperationNotice strike : java.util.List.of(air, drone)) {
            NoticeEvaluation evaluation = evaluating().evaluate(strike);
            assertThat(evaluation).isInstanceOf(NoticeEvaluation.Refused.class);
            SovereigntyViolation violation = ((NoticeEvaluation.Refused) evaluation).violation();
            assertThat(violation.partner()).isEqualTo(IR);
            assertThat(violation.explanation()).contains("in IR's territory").contains("IR-13 Sistan and Baluchestan");
        }
    }

    @Test
    void a_ground_raid_reaching_across_the_border_is_refused_for_the_part_inside() {
        // given a PK raid area 30 km round a point 10 km inside Pakistan: it reaches 20 km into Iran
        Position tenKmInside = kmFromTheBorderTowards(PANJGUR, 10);
        OperationNotice raid = aNotice().by(PK).type(OperationType.GROUND_RAID).around(tenKmInside, 30).build();

        // when
        NoticeEvaluation evaluation = evaluating().evaluate(raid);

        // then it is refused, partly inside, and the inside part is drawn
        assertThat(evaluation).isInstanceOf(NoticeEvaluation.Refused.class);
        SovereigntyViolation violation = ((NoticeEvaluation.Refused) evaluation).violation();
        assertThat(violation.explanation()).contains("lies partly (").contains("% of it) in IR's territory");
        Geometry inside = violation.insidePartner();
        assertThat(inside.getArea()).isGreaterThan(0).isLessThan(raid.area().footprint().getArea() / 2);
        assertThat(boundaries().reaches(org.concord.deconfliction.geo.CountryCode.of("IR"), inside.getInteriorPoint()))
                .isTrue();
        assertThat(evaluation.fromBorder().km()).isZero();
    }

    @Test
    void a_missile_whose_trajectory_crosses_into_iran_is_refused_though_it_lands_in_pakistan() {
        // given a missile launched 80 km inside Pakistan to land 80 km further in, whose track
        // bows across the border (launch west of Panjgur, via a point in Iran)
        Position launch = kmFromTheBorderTowards(PANJGUR, 60);
        Position via = kmFromTheBorderTowards(SARAVAN, 5);
        Geometry impact = GeodesicShapes.circle(PANJGUR, 5);
        OperationArea flight = OperationArea.missileFlight(launch, impact, Areas.FACTORY.createLineString(
                new org.locationtech.jts.geom.Coordinate[] {launch.toCoordinate(), via.toCoordinate(), PANJGUR.toCoordinate()}));
        OperationNotice test = aNotice().by(PK).type(OperationType.MISSILE_OR_ARTILLERY).area(flight).build();

        NoticeEvaluation evaluation = evaluating().evaluate(test);

        assertThat(evaluation).isInstanceOf(NoticeEvaluation.Refused.class);
        // the part inside is the stretch of the track in Iran
        assertThat(((NoticeEvaluation.Refused) evaluation).violation().insidePartner().getDimension()).isEqualTo(1);
    }

    @Test
    void the_same_strikes_planned_on_ones_own_side_are_sendable() {
        assertThat(evaluating().evaluate(aNotice().by(PK).type(OperationType.AIR_STRIKE).around(PANJGUR, 15).build()))
                .isInstanceOf(NoticeEvaluation.Sendable.class);
        assertThat(evaluating().evaluate(aNotice().by(IR).type(OperationType.AIR_STRIKE).around(SARAVAN, 10).build()))
                .isInstanceOf(NoticeEvaluation.Sendable.class);
    }
}
