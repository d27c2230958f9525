package org.concord.deconfliction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.concord.deconfliction.Fixtures.*;

import org.concord.deconfliction.geo.Position;
import org.junit.jupiter.api.Test;

/** Operations within the border zone (default 50 km) must be notified; those further in need no notice. */
class WhichOperationsNeedNoticeTest {

    @Test
    void a_patrol_10_km_from_the_border_on_ones_own_side_needs_notice() {
        // given a Pakistani patrol at a point 10 km from the border, on Pakistan's side
        Position tenKmInside = kmFromTheBorderTowards(PANJGUR, 10);
        OperationNotice patrol = aNotice().by(PK).type(OperationType.BORDER_PATROL).around(tenKmInside, 0.5).build();

        // when
        NoticeEvaluation evaluation = evaluating().evaluate(patrol);

        // then it may be sent, must be, and keeps every rule
        assertThat(evaluation).isInstanceOf(NoticeEvaluation.Sendable.class);
        NoticeEvaluation.Sendable sendable = (NoticeEvaluation.Sendable) evaluation;
        assertThat(sendable.noticeRequired()).isTrue();
        assertThat(sendable.fromBorder().km()).isCloseTo(9.5, within(0.05));
        assertThat(sendable.fromBorder().nearestBorder().distanceKm(
                pakistanIranBorder().distanceTo(PANJGUR).nearestBorder())).isLessThan(0.1);
        assertThat(sendable.clean()).isTrue();
    }

    @Test
    void an_iranian_patrol_10_km_inside_iran_needs_notice_too() {
        Position tenKmInside = kmFromTheBorderTowards(SARAVAN, 10);
        NoticeEvaluation evaluation = evaluating().evaluate(
                aNotice().by(IR).type(OperationType.BORDER_PATROL).around(tenKmInside, 1).build());
        assertThat(evaluation).isInstanceOfSatisfying(NoticeEvaluation.Sendable.class,
                s -> assertThat(s.noticeRequired()).isTrue());
    }

    @Test
    void an_exercise_200_km_inside_needs_none() {
        // given an exercise 5 km round a point 200 km straight in from the border behind Panjgur
        Position farInside = kmFromTheBorderTowards(PANJGUR, 200);
        OperationNotice exercise = aNotice().by(PK).type(OperationType.EXERCISE).around(farInside, 5)
                .startingIn(java.time.Duration.ofHours(1), java.time.Duration.ofDays(10)).build();

        // when
        NoticeEvaluation evaluation = evaluating().evaluate(exercise);

        // then no notice is needed, so neither its late notice nor its long window breaks a rule
        assertThat(evaluation).isInstanceOfSatisfying(NoticeEvaluation.Sendable.class, s -> {
            assertThat(s.noticeRequired()).isFalse();
            assertThat(s.fromBorder().km()).isGreaterThan(150);
            assertThat(s.brokenRules()).isEmpty();
        });
    }

    @Test
    void the_zone_is_inclusive_at_its_edge_and_configurable_per_pair() {
        // given an area whose nearest point is 60 km from the border
        Position sixtyFive = kmFromTheBorderTowards(PANJGUR, 65);
        OperationNotice exercise = aNotice().by(PK).type(OperationType.EXERCISE).around(sixtyFive, 5).build();

        // then the default 50 km zone does not require it, a 60 km zone agreed for PK-IR does
        assertThat(((NoticeEvaluation.Sendable) evaluating().evaluate(exercise)).noticeRequired()).isFalse();
        RulesPerPair wider = RulesPerPair.defaults()
                .with(NoticeRules.defaults(PartnerPair.of(IR, PK)).with(new NotificationZone(60.5, true)));
        NoticeEvaluation evaluation = new EvaluatingNotices(boundaries(), wider, new ActivityMap(), CLOCK)
                .evaluate(exercise);
        assertThat(((NoticeEvaluation.Sendable) evaluation).noticeRequired()).isTrue();
    }

    @Test
    void a_missile_flight_needs_notice_wherever_it_is() {
        Position launch = kmFromTheBorderTowards(PANJGUR, 250);
        Position impact = kmFromTheBorderTowards(PANJGUR, 200);
        OperationArea flight = MissileFlights.straight(launch, impact, 10);
        NoticeEvaluation evaluation = evaluating().evaluate(
                aNotice().by(PK).type(OperationType.MISSILE_OR_ARTILLERY).area(flight).build());
        assertThat(((NoticeEvaluation.Sendable) evaluation).noticeRequired()).isTrue();
        assertThat(((NoticeEvaluation.Sendable) evaluation).clean()).isTrue();
    }
}
