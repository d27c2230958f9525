package org.concord.deconfliction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.concord.deconfliction.Fixtures.IR;
import static org.concord.deconfliction.Fixtures.PK;

import java.time.Duration;
import java.util.List;

import org.concord.node.InvalidInput;
import org.junit.jupiter.api.Test;

/**
 * An agreement travels as its terms ({@link NoticeRules#terms()}), and the partner reads the rules back from them
 * ({@link NoticeRules#fromTerms}): whatever rules a pair sets, reading their terms gives the same rules, and a term
 * that cannot be read is refused naming its place and the rule it breaks.
 */
class AgreedTermsReadBackTest {

    static final PartnerPair PAIR = PartnerPair.of(PK, IR);

    @Test
    void theTermsOfAnyRulesReadBackToTheSameRules() {
        List<NoticeRules> samples = List.of(NoticeRules.defaults(PAIR),
                NoticeRules.defaults(PAIR).with(new NotificationZone(62.5, false)).with(new NoticePolicy.MinimumNotice(Duration.ofMinutes(90))),
                NoticeRules.defaults(PAIR).without("trajectory-does-not-cross").without("maximum-window"),
                new NoticeRules.Change(60.0, null, Duration.ofHours(48), Duration.ofDays(3), 35.0, 80.0, 45.5, true)
                        .applyTo(NoticeRules.defaults(PAIR), "rules."));
        for (NoticeRules rules : samples) {
            NoticeRules read = NoticeRules.fromTerms(PAIR, rules.terms());
            assertThat(read.terms()).isEqualTo(rules.terms());
            assertThat(read.zone()).isEqualTo(rules.zone());
            assertThat(read.policies()).containsExactlyInAnyOrderElementsOf(rules.policies());
            assertThat(read.agreement()).isNull();
        }
    }

    @Test
    void theChangeThatRulesMakeGivesThemBackFromTheDefaults() {
        NoticeRules changed = new NoticeRules.Change(60.0, false, Duration.ofHours(48), Duration.ofDays(3), 35.0, 80.0, 45.5, true)
                .applyTo(NoticeRules.defaults(PAIR), "");
        for (NoticeRules rules : List.of(NoticeRules.defaults(PAIR), changed)) {
            assertThat(NoticeRules.Change.of(rules).applyTo(NoticeRules.defaults(PAIR), "").terms()).isEqualTo(rules.terms());
        }
        NoticeRules.Change of = NoticeRules.Change.of(changed);
        assertThat(of.notificationZoneKm()).isEqualTo(60.0);
        assertThat(of.missileFlightsAlways()).isFalse();
        assertThat(of.minimumNotice()).isEqualTo(Duration.ofHours(48));
        assertThat(of.trajectoryMayCross()).isTrue();
        assertThat(NoticeRules.Change.of(NoticeRules.defaults(PAIR).without("maximum-window")).maximumWindow())
                .as("a rule the pair does not have").isNull();
    }

    @Test
    void anAgreedRuleSetStatesItsAgreementFirst() {
        NoticeRules.Agreed agreed = new NoticeRules.Agreed("x-concord-agreement--6f1c1f9e-3b1a-4d55-9b7e-0c1d2e3f4a5b", 2,
                java.time.Instant.parse("2026-12-01T10:00:00Z"));
        NoticeRules rules = NoticeRules.defaults(PAIR).agreed(agreed);
        assertThat(rules.stated().get(0)).isEqualTo("agreement id=" + agreed.id() + " version=2");
        assertThat(rules.stated().subList(1, rules.stated().size())).isEqualTo(rules.terms());
        assertThat(rules.with(new NotificationZone(40, true)).agreement()).as("a changed copy keeps its basis").isEqualTo(agreed);
    }

    @Test
    void aTermThatCannotBeReadIsRefusedNamingItsPlaceAndRule() {
        assertThat(refused(List.of("notification-zone km=50 missileFlightsAlways=true", "curfew hours=8")))
                .extracting(InvalidInput::field, InvalidInput::rule).containsExactly("terms[1]", "known-rule");
        assertThat(refused(List.of("notification-zone km=wide missileFlightsAlways=true")))
                .extracting(InvalidInput::field, InvalidInput::rule).containsExactly("terms[0]", "parameter");
        assertThat(refused(List.of("notification-zone missileFlightsAlways=true")))
                .extracting(InvalidInput::field, InvalidInput::rule).containsExactly("terms[0]", "parameter");
        assertThat(refused(List.of("minimum-notice lead=PT72H")))
                .extracting(InvalidInput::field, InvalidInput::rule).containsExactly("terms", "zone-required");
        assertThat(refused(List.of("notification-zone km=50 missileFlightsAlways=true", "minimum-notice lead=-PT1H")).rule())
                .isEqualTo("positive");
        assertThat(refused(List.of("notification-zone km=50 missileFlightsAlways=true", "minimum-notice lead=PT1H",
                "minimum-notice lead=PT2H")).rule()).isEqualTo("one-policy-per-name");
    }

    @Test
    void aChangeOutOfARulesRangeIsRefusedNamingTheFieldItCameIn() {
        InvalidInput e = catchThrowableOfType(InvalidInput.class, () -> new NoticeRules.Change(-5.0, null, null, null, null, null, null, null)
                .applyTo(NoticeRules.defaults(PAIR), "rules."));
        assertThat(e.field()).isEqualTo("rules.notificationZoneKm");
        assertThat(e.rule()).isEqualTo("distance-range");
    }

    private static InvalidInput refused(List<String> terms) {
        InvalidInput e = catchThrowableOfType(InvalidInput.class, () -> NoticeRules.fromTerms(PAIR, terms));
        assertThat(e).as("refused: " + terms).isNotNull();
        return e;
    }
}
