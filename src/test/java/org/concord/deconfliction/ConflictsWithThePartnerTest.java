package org.concord.deconfliction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.concord.deconfliction.Fixtures.*;

import java.time.Duration;
import java.util.List;
import org.concord.deconfliction.geo.GeoJson;
import org.concord.deconfliction.geo.GeodesicShapes;
import org.concord.deconfliction.geo.Position;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Geometry;

/** A notice overlapping, in area and time, the partner's notified operations or declared sites is flagged. */
class ConflictsWithThePartnerTest {

    /** Iran declares the Taftan-Mirjaveh crossing protected: 3 km round the crossing point, both sides of the line. */
    private static String iransSites() {
        return "{\"type\":\"FeatureCollection\",\"features\":["
                + "{\"type\":\"Feature\",\"properties\":{\"name\":\"Taftan-Mirjaveh crossing\",\"kind\":\"crossing-point\"},"
                + "\"geometry\":" + GeoJson.write(GeodesicShapes.circle(TAFTAN_MIRJAVEH_CROSSING, 3)) + "},"
                + "{\"type\":\"Feature\",\"properties\":{\"name\":\"Mirjaveh\",\"kind\":\"village\"},"
                + "\"geometry\":{\"type\":\"Point\",\"coordinates\":[61.4496,29.015]}}]}";
    }

    /** At sea in the Gulf of Oman, south of Gwadar Bay: neither party's territory. */
    private static final Position GULF_OF_OMAN_EAST = new Position(24.70, 62.00);
    private static final Position GULF_OF_OMAN_WEST = new Position(24.62, 61.80);

    @Test
    void a_patrol_around_taftan_conflicts_with_the_crossing_iran_declared_protected() {
        // given Iran's declared sites
        ActivityMap activity = new ActivityMap();
        List<ProtectedSite> sites = ProtectedSite.fromFeatureCollection(IR, iransSites(), geoJson());
        sites.forEach(activity::declare);

        // when Pakistan notifies a patrol 4 km round Taftan
        OperationNotice patrol = aNotice().by(PK).type(OperationType.BORDER_PATROL).around(TAFTAN, 4).build();
        NoticeEvaluation evaluation = evaluating(activity).evaluate(patrol);

        // then it may be sent, and the crossing is flagged with the overlap drawn on Pakistan's side
        assertThat(evaluation).isInstanceOf(NoticeEvaluation.Sendable.class);
        List<Conflict> conflicts = ((NoticeEvaluation.Sendable) evaluation).conflicts();
        assertThat(conflicts).hasSize(1);
        Conflict.WithProtectedSite conflict = (Conflict.WithProtectedSite) conflicts.get(0);
        assertThat(conflict.site()).isEqualTo("Taftan-Mirjaveh crossing");
        assertThat(conflict.kind()).isEqualTo(ProtectedSite.Kind.CROSSING_POINT);
        assertThat(conflict.party()).isEqualTo(IR);
        // (GeoJSON keeps 7 decimals, about a centimetre: hence the 1e-6 degree tolerance below)
        Geometry overlap = GeoJson.reader().read("overlap", conflict.overlapGeoJson());
        assertThat(overlap.getArea()).isGreaterThan(0);
        assertThat(patrol.area().footprint().buffer(1e-6).covers(overlap)).isTrue();
        assertThat(sites.get(0).area().buffer(1e-6).covers(overlap)).isTrue();
        assertThat(boundaries().reaches(org.concord.deconfliction.geo.CountryCode.of("IR"), overlap)).isFalse();
    }

    @Test
    void a_site_declared_by_the_notifying_party_itself_is_no_conflict() {
        ActivityMap activity = new ActivityMap();
        ProtectedSite.fromFeatureCollection(PK, iransSites(), geoJson()).forEach(activity::declare);
        OperationNotice patrol = aNotice().by(PK).around(TAFTAN, 4).build();
        assertThat(((NoticeEvaluation.Sendable) evaluating(activity).evaluate(patrol)).conflicts()).isEmpty();
    }

    @Test
    void an_exercise_at_sea_overlapping_the_partners_in_place_and_time_is_flagged() {
        // given Iran notified a naval exercise at sea, days 4 to 6 from now
        ActivityMap activity = new ActivityMap();
        OperationNotice iranian = aNotice().id("ir-exercise-1").by(IR).type(OperationType.EXERCISE)
                .around(GULF_OF_OMAN_WEST, 20).startingIn(Duration.ofDays(4), Duration.ofDays(2)).build();
        activity.add(iranian);

        // when Pakistan notifies a missile test falling at sea nearby, days 5 to 6
        OperationNotice pakistani = aNotice().by(PK).type(OperationType.EXERCISE).around(GULF_OF_OMAN_EAST, 20)
                .startingIn(Duration.ofDays(5), Duration.ofDays(1).plusHours(12)).build();
        NoticeEvaluation evaluation = evaluating(activity).evaluate(pakistani);

        // then the overlap in area and time is flagged
        List<Conflict> conflicts = ((NoticeEvaluation.Sendable) evaluation).conflicts();
        assertThat(conflicts).singleElement().isInstanceOfSatisfying(Conflict.WithPartnerOperation.class, c -> {
            assertThat(c.notice()).isEqualTo(NoticeId.of("ir-exercise-1"));
            assertThat(c.party()).isEqualTo(IR);
            assertThat(c.type()).isEqualTo(OperationType.EXERCISE);
            assertThat(c.during()).isEqualTo(TimeWindow.of(NOW.plus(Duration.ofDays(5)), Duration.ofDays(1)));
            assertThat(c.overlap().getArea()).isGreaterThan(0);
            assertThat(c.overlapGeoJson()).startsWith("{\"type\":\"Polygon\",\"coordinates\":[[[");
        });
    }

    @Test
    void the_same_place_at_another_time_is_no_conflict() {
        ActivityMap activity = new ActivityMap();
        activity.add(aNotice().by(IR).type(OperationType.EXERCISE).around(GULF_OF_OMAN_WEST, 20)
                .startingIn(Duration.ofDays(4), Duration.ofDays(1)).build());
        OperationNotice later = aNotice().by(PK).type(OperationType.EXERCISE).around(GULF_OF_OMAN_EAST, 20)
                .startingIn(Duration.ofDays(5), Duration.ofDays(1)).build();
        assertThat(activity.conflictsOf(later)).isEmpty();
    }

    @Test
    void the_notifying_partys_own_and_third_parties_notices_are_no_conflict() {
        ActivityMap activity = new ActivityMap();
        activity.add(aNotice().by(PK).type(OperationType.EXERCISE).around(GULF_OF_OMAN_WEST, 20).build());
        OperationNotice omani = new OperationNotice(NoticeId.random(), org.concord.party.PartyCode.of("OM"), PK,
                OperationType.EXERCISE, OperationArea.aroundPoint(GULF_OF_OMAN_WEST, 20), aNotice().window,
                List.of(), aNotice().contact, Classification.GREEN);
        activity.add(omani);
        assertThat(activity.conflictsOf(aNotice().by(PK).type(OperationType.EXERCISE).around(GULF_OF_OMAN_EAST, 20)
                .build())).isEmpty();
    }

    @Test
    void a_withdrawn_notice_and_a_replaced_version_are_searched_as_they_now_are() {
        // given more notices than one packing of the index holds, so both the packed tree and
        // the recent entries are searched
        ActivityMap activity = new ActivityMap();
        for (int i = 0; i < ActivityMap.REPACK_AFTER + 40; i++) {
            activity.add(aNotice().id("ir-far-" + i).by(IR).type(OperationType.EXERCISE)
                    .around(new Position(30.5, 55 + i * 0.001), 1).build());
        }
        OperationNotice iranian = aNotice().id("ir-sea").by(IR).type(OperationType.EXERCISE)
                .around(GULF_OF_OMAN_WEST, 20).build();
        activity.add(iranian);
        OperationNotice pakistani = aNotice().by(PK).type(OperationType.EXERCISE).around(GULF_OF_OMAN_EAST, 20).build();
        assertThat(activity.conflictsOf(pakistani)).hasSize(1);

        // when Iran moves its exercise away (a new version), then withdraws it
        activity.add(aNotice().id("ir-sea").by(IR).type(OperationType.EXERCISE).around(new Position(24.0, 59.0), 20).build());
        assertThat(activity.conflictsOf(pakistani)).isEmpty();
        activity.add(iranian);
        for (int i = 0; i < ActivityMap.REPACK_AFTER; i++) {
            activity.withdraw(NoticeId.of("ir-far-" + i));
        }
        assertThat(activity.conflictsOf(pakistani)).hasSize(1);
        assertThat(activity.withdraw(NoticeId.of("ir-sea"))).isTrue();
        assertThat(activity.conflictsOf(pakistani)).isEmpty();
        assertThat(activity.notices()).hasSize(40);
        assertThat(activity.withdraw(NoticeId.of("ir-sea"))).isFalse();
    }

    @Test
    void exercises_at_sea_are_in_neither_country() {
        assertThat(evaluating().evaluate(aNotice().by(PK).type(OperationType.EXERCISE).around(GULF_OF_OMAN_EAST, 20)
                .build())).isInstanceOf(NoticeEvaluation.Sendable.class);
        assertThat(evaluating().evaluate(aNotice().by(IR).type(OperationType.EXERCISE).around(GULF_OF_OMAN_WEST, 20)
                .build())).isInstanceOf(NoticeEvaluation.Sendable.class);
    }
}
