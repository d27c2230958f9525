package org.concord.deconfliction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.concord.deconfliction.Fixtures.*;

import java.util.List;
import java.util.Set;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.concord.deconfliction.geo.CountryCode;
import org.concord.deconfliction.geo.Position;
import org.concord.party.PartyCode;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;

/**
 * With three states (issue 14): a notice announces an operation in the notifier's own territory or
 * at sea, whoever it is addressed to. The January 2024 strike near Saravan, addressed by Pakistan to
 * Afghanistan, is refused as inside Iran; inside a partner's territory the refusal offers to ask that
 * partner, inside a state the node is not paired with it offers nothing.
 */
class SovereigntyAgainstEveryStateTest {

    static final PartyCode AF = PartyCode.of("AF");
    /** Chaman, Balochistan, Pakistan: about 4 km from the border with Afghanistan. */
    static final Position CHAMAN = new Position(30.9210, 66.4597);

    @Test
    void pakistansStrikeNearSaravanAddressedToAfghanistanIsRefusedAsInsideIranAndOffersToAskIranWhenPaired() {
        OperationNotice strike = aNotice().to(AF).type(OperationType.AIR_STRIKE).around(SARAVAN, 2).build();
        EvaluatingNotices pairedWithIran = new EvaluatingNotices(boundaries(), RulesPerPair.defaults(), new ActivityMap(), CLOCK,
                Set.of(AF, IR)::contains);

        NoticeEvaluation evaluation = pairedWithIran.evaluate(strike);

        assertThat(evaluation).isInstanceOf(NoticeEvaluation.Refused.class);
        SovereigntyViolation violation = ((NoticeEvaluation.Refused) evaluation).violation();
        assertThat(violation.partner()).isEqualTo(IR);
        assertThat(violation.explanation()).contains("Iran").contains("(IR)").contains("not sent, to AF or anyone")
                .contains("Ask IR to act there itself");
        assertThat(violation.offers()).extracting(ConversionOffer::addressedTo).containsOnly(IR);
    }

    @Test
    void theSameStrikeWhenIranIsNoPartnerIsRefusedWithNothingToAsk() {
        OperationNotice strike = aNotice().to(AF).type(OperationType.AIR_STRIKE).around(SARAVAN, 2).build();
        EvaluatingNotices onlyAfghanistan = new EvaluatingNotices(boundaries(), RulesPerPair.defaults(), new ActivityMap(), CLOCK,
                Set.of(AF)::contains);

        NoticeEvaluation evaluation = onlyAfghanistan.evaluate(strike);

        SovereigntyViolation violation = ((NoticeEvaluation.Refused) evaluation).violation();
        assertThat(violation.partner()).isEqualTo(IR);
        assertThat(violation.offers()).isEmpty();
        assertThat(violation.explanation()).contains("Iran").contains("is not a partner of this node");
    }

    @Test
    void aPatrolAtChamanOnPakistansSideAddressedToAfghanistanIsSendable() {
        OperationNotice patrol = aNotice().to(AF).around(new Position(30.95, 66.55), 1).build();

        NoticeEvaluation evaluation = evaluating().evaluate(patrol);

        assertThat(evaluation).isInstanceOf(NoticeEvaluation.Sendable.class);
        assertThat(evaluation.fromBorder().km()).isBetween(0.1, 20.0);
    }

    /** In the corner of Pakistan between Iran and Afghanistan, south-east of their tripoint (Koh-i-Malik Siah), as ThreeStatesDemoIT sends it. */
    static final Position NEAR_THE_TRIPOINT = new Position(29.40, 61.55);

    @Test
    void aPatrolNearTheTripointLiesInTheNoticeZoneOfBothNeighboursEachMeasuredToItsOwnBorder() {
        OperationNotice toIran = aNotice().to(IR).around(NEAR_THE_TRIPOINT, 3).build();
        OperationNotice toAfghanistan = toIran.addressedTo(AF);

        NoticeEvaluation.Sendable forIran = (NoticeEvaluation.Sendable) evaluating().evaluate(toIran);
        NoticeEvaluation.Sendable forAfghanistan = (NoticeEvaluation.Sendable) evaluating().evaluate(toAfghanistan);

        assertThat(forIran.noticeRequired()).isTrue();
        assertThat(forAfghanistan.noticeRequired()).isTrue();
        assertThat(forIran.fromBorder().km()).isLessThan(50.0);
        assertThat(forAfghanistan.fromBorder().km()).isLessThan(50.0);
        assertThat(forIran.fromBorder().km()).isNotCloseTo(forAfghanistan.fromBorder().km(), org.assertj.core.data.Offset.offset(0.5));
        assertThat(toAfghanistan.id()).isEqualTo(toIran.id());
    }

    @Test
    void anAreaInTheAddresseesTerritoryIsStillRefusedAsTheAddressees() {
        OperationNotice strike = aNotice().to(AF).type(OperationType.AIR_STRIKE).around(new Position(31.00, 66.20), 2).build();

        SovereigntyViolation violation = ((NoticeEvaluation.Refused) evaluating().evaluate(strike)).violation();

        assertThat(violation.partner()).isEqualTo(AF);
        assertThat(violation.offers()).extracting(ConversionOffer::addressedTo).containsOnly(AF);
    }

    /**
     * For random areas over the region of Pakistan, Iran and Afghanistan and the sea south of them,
     * whatever the addressee: if any sampled point of the area (its centre and its footprint's
     * vertices, located one by one, another mechanism than the check's) lies in a state other than
     * Pakistan, the notice is refused, naming a state the area reaches; and a refused notice names
     * a state other than Pakistan whose territory holds the refused part.
     */
    @Property(tries = 300)
    void aNoticeIsSendableOnlyInTheNotifiersOwnTerritoryOrAtSea(@ForAll("overTheRegion") Position centre,
            @ForAll("radii") double radiusKm, @ForAll("addressees") PartyCode addressee) {
        OperationNotice notice = aNotice().to(addressee).around(centre, radiusKm).build();
        NoticeEvaluation evaluation = evaluating().evaluate(notice);

        boolean sampledAbroad = false;
        List<Position> samples = new java.util.ArrayList<>(List.of(centre));
        for (Coordinate c : notice.area().footprint().getCoordinates()) {
            samples.add(Position.of(c));
        }
        for (Position p : samples) {
            sampledAbroad |= boundaries().countryAt(p).map(c -> !c.code().equals(CountryCode.of("PK"))).orElse(false);
        }
        if (sampledAbroad) {
            assertThat(evaluation).as("a point of the area lies abroad").isInstanceOf(NoticeEvaluation.Refused.class);
        }
        if (evaluation instanceof NoticeEvaluation.Refused refused) {
            PartyCode owner = refused.violation().partner();
            assertThat(owner).isNotEqualTo(PK);
            assertThat(boundaries().reaches(CountryCode.of(owner.value()), notice.area().footprint())).isTrue();
        } else {
            assertThat(boundaries().countriesReached(notice.area().footprint())).isSubsetOf(CountryCode.of("PK"));
        }
    }

    @Provide
    Arbitrary<Position> overTheRegion() {
        return Combinators.combine(Arbitraries.doubles().between(23.0, 36.0), Arbitraries.doubles().between(58.0, 72.0))
                .as(Position::new);
    }

    @Provide
    Arbitrary<Double> radii() {
        return Arbitraries.doubles().between(0.5, 40.0);
    }

    @Provide
    Arbitrary<PartyCode> addressees() {
        return Arbitraries.of(IR, AF);
    }
}
