package org.concord.deconfliction.geo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.concord.deconfliction.geo.Places.*;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import org.junit.jupiter.api.Test;

/**
 * A point moved straight away from the border never gets closer to it.
 *
 * <p>Stated precisely: for a point {@code P} at distance {@code d} whose nearest border point is
 * {@code B}, every point on the geodesic from {@code B} to {@code P} at distance {@code t} from
 * {@code B} is exactly {@code t} from the border, so of two such points the one further out is
 * never nearer. Beyond {@code P} the claim is false for any bent line (moving out of an acute
 * corner brings the other arm nearer), so the property stays within {@code [0, d]}.
 */
class MovingAwayFromTheBorderProperties {

    @Property(tries = 300)
    void a_point_moved_straight_away_from_the_border_never_gets_closer(@ForAll("nearTheBorder") Position p,
            @ForAll @DoubleRange(min = 0, max = 1) double from, @ForAll @DoubleRange(min = 0, max = 1) double to) {
        Border border = pakistanIranBorder();
        BorderDistance d = border.distanceTo(p);
        Position b = d.nearestBorder();
        if (d.km() < 0.01) {
            return; // on the border: no direction away from it
        }
        double azimuth = b.azimuthTo(p);
        double t1 = Math.min(from, to) * d.km();
        double t2 = Math.max(from, to) * d.km();

        double nearer = border.distanceTo(b.moved(azimuth, t1)).km();
        double further = border.distanceTo(b.moved(azimuth, t2)).km();

        assertThat(further).isGreaterThanOrEqualTo(nearer - 0.001);
        assertThat(nearer).isCloseTo(t1, within(0.001 * t1 + 0.005));
        assertThat(further).isCloseTo(t2, within(0.001 * t2 + 0.005));
    }

    @Test
    void a_point_10_km_inside_pakistan_measures_10_km() {
        // given the midpoint of the longest straight stretch of the border, and the direction
        // square to it into Pakistan
        Border border = pakistanIranBorder();
        Position[] longest = LongestStretch.of(border);
        Position a = longest[0];
        Position c = longest[1];
        Position mid = a.moved(a.azimuthTo(c), a.distanceKm(c) / 2);
        double square = mid.azimuthTo(c) + 90;
        Position inside = mid.moved(square, 10);
        if (!boundaries().isIn(PAKISTAN, inside)) {
            inside = mid.moved(square + 180, 10);
        }

        // when we measure it
        BorderDistance d = border.distanceTo(inside);

        // then it is in Pakistan, 10 km from the border, nearest to the stretch's midpoint
        assertThat(boundaries().isIn(PAKISTAN, inside)).isTrue();
        assertThat(boundaries().isIn(IRAN, inside)).isFalse();
        assertThat(d.km()).isCloseTo(10.0, within(0.1));
        assertThat(d.nearestBorder().distanceKm(mid)).isLessThan(0.5);
    }

    @Provide
    Arbitrary<Position> nearTheBorder() {
        return Combinators.combine(Arbitraries.doubles().between(24.5, 31.0), Arbitraries.doubles().between(58.5, 66.0))
                .as(Position::new);
    }

    /** The longest segment of a border line, as its two end points. */
    static final class LongestStretch {
        static Position[] of(Border border) {
            Position[] best = null;
            double bestKm = 0;
            for (Object o : org.locationtech.jts.geom.util.LinearComponentExtracter.getLines(border.line())) {
                var c = ((org.locationtech.jts.geom.LineString) o).getCoordinates();
                for (int i = 0; i + 1 < c.length; i++) {
                    Position p = Position.of(c[i]);
                    Position q = Position.of(c[i + 1]);
                    if (p.distanceKm(q) > bestKm) {
                        bestKm = p.distanceKm(q);
                        best = new Position[] {p, q};
                    }
                }
            }
            return best;
        }
    }
}
