package org.concord.deconfliction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.concord.deconfliction.Fixtures.*;

import java.time.Duration;
import java.util.Optional;
import org.concord.deconfliction.geo.Position;
import org.junit.jupiter.api.Test;

/**
 * The rules of the 2005 India-Pakistan agreement on missile tests, as defaults: every rule a
 * notice breaks is named, with the distance measured and the nearest border point.
 */
class EveryBrokenRuleIsNamedTest {

    /** Straight out from the border towards Panjgur: the border point all the distances below are measured to. */
    private final Position borderPoint = pakistanIranBorder().distanceTo(PANJGUR).nearestBorder();

    @Test
    void a_missile_test_too_near_the_border_notified_late_for_a_week_breaks_five_rules() {
        // given a PK missile test launched 30 km from the border onto an impact circle of 10 km
        // round a point 50 km from it, notified 24 hours ahead for a 7-day window
        OperationArea flight = MissileFlights.straight(kmFromTheBorderTowards(PANJGUR, 30),
                kmFromTheBorderTowards(PANJGUR, 50), 10);
        OperationNotice test = aNotice().by(PK).type(OperationType.MISSILE_OR_ARTILLERY).area(flight)
                .startingIn(Duration.ofHours(24), Duration.ofDays(7)).build();

        // when
        NoticeEvaluation.Sendable evaluation = (NoticeEvaluation.Sendable) evaluating().evaluate(test);

        // then it may go out (a late notice is better than none), naming each rule broken
        assertThat(evaluation.noticeRequired()).isTrue();
        assertThat(evaluation.brokenRuleNames()).containsExactly("minimum-notice", "maximum-window",
                "launch-point-distance", "impact-area-distance", "trajectory-distance");

        BrokenRule.TooLate late = (BrokenRule.TooLate) evaluation.brokenRules().get(0);
        assertThat(late.given()).isEqualTo(Duration.ofHours(24));
        assertThat(late.required()).isEqualTo(Duration.ofHours(72));
        assertThat(late.explanation()).isEqualTo("the notice comes 24.0 h before the window opens; the rule asks at least 72.0 h");

        BrokenRule.TooLong longWindow = (BrokenRule.TooLong) evaluation.brokenRules().get(1);
        assertThat(longWindow.length()).isEqualTo(Duration.ofDays(7));
        assertThat(longWindow.allowed()).isEqualTo(Duration.ofDays(5));

        BrokenRule.TooClose launch = (BrokenRule.TooClose) evaluation.brokenRules().get(2);
        assertThat(launch.part()).isEqualTo("launch point");
        assertThat(launch.requiredKm()).isEqualTo(40);
        assertThat(launch.measured().km()).isCloseTo(30, within(0.05));
        assertThat(launch.measured().nearestBorder().distanceKm(borderPoint)).isLessThan(0.1);
        assertThat(launch.explanation()).startsWith("the launch point is 30.0 km from the border (nearest border point 27.11")
                .endsWith("the rule asks at least 40 km");

        BrokenRule.TooClose impact = (BrokenRule.TooClose) evaluation.brokenRules().get(3);
        assertThat(impact.requiredKm()).isEqualTo(70);
        assertThat(impact.measured().km()).isCloseTo(40, within(0.1));
        assertThat(impact.measured().nearestBorder().distanceKm(borderPoint)).isLessThan(0.5);

        BrokenRule.TooClose trajectory = (BrokenRule.TooClose) evaluation.brokenRules().get(4);
        assertThat(trajectory.requiredKm()).isEqualTo(40);
        assertThat(trajectory.measured().km()).isCloseTo(30, within(0.05));
    }

    @Test
    void a_missile_test_far_enough_and_in_time_breaks_none() {
        OperationArea flight = MissileFlights.straight(kmFromTheBorderTowards(PANJGUR, 41),
                kmFromTheBorderTowards(PANJGUR, 76), 5);
        OperationNotice test = aNotice().by(PK).type(OperationType.MISSILE_OR_ARTILLERY).area(flight)
                .startingIn(Duration.ofHours(72), Duration.ofDays(5)).build();

        NoticeEvaluation.Sendable evaluation = (NoticeEvaluation.Sendable) evaluating().evaluate(test);

        assertThat(evaluation.brokenRules()).isEmpty();
        assertThat(evaluation.fromBorder().km()).isCloseTo(41, within(0.05));
    }

    @Test
    void a_trajectory_that_crosses_the_border_breaks_the_crossing_rule_at_its_crossing_point() {
        // given a track from Panjgur to Saravan (refused as a whole on sovereignty grounds first)
        OperationArea flight = MissileFlights.straight(PANJGUR, SARAVAN, 5);
        OperationNotice test = aNotice().by(PK).type(OperationType.MISSILE_OR_ARTILLERY).area(flight).build();

        // when the rule alone looks at it
        Optional<BrokenRule> broken = new NoticePolicy.TrajectoryDoesNotCross()
                .check(new NoticeUnderReview(test, NOW, pakistanIranBorder()));

        // then it names the rule, with distance 0 at a point on the border
        assertThat(broken).get().isInstanceOfSatisfying(BrokenRule.Crosses.class, crosses -> {
            assertThat(crosses.rule()).isEqualTo("trajectory-does-not-cross");
            assertThat(crosses.measured().km()).isZero();
            assertThat(pakistanIranBorder().distanceTo(crosses.measured().nearestBorder()).km()).isLessThan(0.01);
            assertThat(crosses.explanation()).startsWith("the trajectory crosses the border at 27.");
        });
        assertThat(evaluating().evaluate(test)).isInstanceOf(NoticeEvaluation.Refused.class);
    }

    @Test
    void distance_rules_pass_areas_that_are_not_missile_flights() {
        OperationNotice patrol = aNotice().around(kmFromTheBorderTowards(PANJGUR, 5), 1).build();
        NoticeUnderReview review = new NoticeUnderReview(patrol, NOW, pakistanIranBorder());
        for (NoticePolicy policy : NoticePolicy.modelledOnIndiaPakistan2005()) {
            assertThat(policy.check(review)).as(policy.name()).isEmpty();
        }
    }

    @Test
    void a_pair_may_agree_other_rules() {
        // given PK and IR agree 96 hours' notice and no window limit
        NoticeRules agreed = NoticeRules.defaults(PartnerPair.of(PK, IR))
                .with(new NoticePolicy.MinimumNotice(Duration.ofHours(96)))
                .without("maximum-window");
        EvaluatingNotices evaluating = new EvaluatingNotices(boundaries(), RulesPerPair.defaults().with(agreed),
                new ActivityMap(), CLOCK);
        OperationNotice patrol = aNotice().around(kmFromTheBorderTowards(PANJGUR, 5), 1)
                .startingIn(Duration.ofHours(80), Duration.ofDays(9)).build();

        // then 80 hours' notice is late and the 9-day window is fine
        NoticeEvaluation.Sendable evaluation = (NoticeEvaluation.Sendable) evaluating.evaluate(patrol);
        assertThat(evaluation.brokenRuleNames()).containsExactly("minimum-notice");
        assertThat(((NoticeEvaluation.Sendable) evaluating().evaluate(patrol)).brokenRuleNames())
                .containsExactly("maximum-window");
    }

    @Test
    void the_defaults_are_listed_by_name() {
        assertThat(NoticeRules.defaults(PartnerPair.of(IR, PK)).policies()).extracting(NoticePolicy::name)
                .containsExactly("minimum-notice", "maximum-window", "launch-point-distance", "impact-area-distance",
                        "trajectory-does-not-cross", "trajectory-distance");
        assertThat(NoticeRules.defaults(PartnerPair.of(IR, PK)).zone()).isEqualTo(new NotificationZone(50, true));
        assertThat(PartnerPair.of(PK, IR)).isEqualTo(PartnerPair.of(IR, PK));
    }

    @Test
    void a_window_already_open_is_late_by_a_negative_lead() {
        OperationNotice patrol = aNotice().around(kmFromTheBorderTowards(PANJGUR, 5), 1)
                .startingIn(Duration.ofHours(-2), Duration.ofHours(4)).build();
        NoticeEvaluation.Sendable evaluation = (NoticeEvaluation.Sendable) evaluating().evaluate(patrol);
        assertThat(((BrokenRule.TooLate) evaluation.brokenRules().get(0)).given()).isEqualTo(Duration.ofHours(-2));
    }
}
