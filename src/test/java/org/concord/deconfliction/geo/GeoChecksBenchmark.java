package org.concord.deconfliction.geo;

import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import net.sf.geographiclib.Geodesic;
import net.sf.geographiclib.GeodesicMask;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Point-in-country and distance-to-border checks per second, one thread, over 4096 random points
 * in the box 24.5-31N 58.5-66E around the Pakistan-Iran border; the baseline, measured in the
 * same run, is one plain WGS84 geodesic distance (GeographicLib) between the same point and a
 * fixed one. Target (issue 6): at least 200,000 checks/s.
 * Run: {@code ./mvnw -Pbench -DskipTests test -Dbench="GeoChecksBenchmark -f 1"}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(1)
public class GeoChecksBenchmark {

    private static final int POINTS = 4096;

    Boundaries boundaries;
    Border border;
    CountryCode pakistan = new CountryCode("PK");
    CountryCode iran = new CountryCode("IR");
    double[] lat = new double[POINTS];
    double[] lon = new double[POINTS];
    int next;

    @Setup
    public void load() {
        boundaries = Boundaries.load(List.of(pakistan, iran));
        border = boundaries.border(pakistan, iran);
        SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < POINTS; i++) {
            lat[i] = random.nextDouble(24.5, 31.0);
            lon[i] = random.nextDouble(58.5, 66.0);
        }
    }

    private int advance() {
        int i = next;
        next = (i + 1) & (POINTS - 1);
        return i;
    }

    @Benchmark
    public double baselinePlainGeodesicDistance() {
        int i = advance();
        return Geodesic.WGS84.Inverse(lat[i], lon[i], 27.0, 62.0, GeodesicMask.DISTANCE).s12;
    }

    /** Pakistan, then Iran if not in Pakistan: 0, 1 or 2. */
    @Benchmark
    public int pointInCountry() {
        int i = advance();
        return boundaries.isIn(pakistan, lat[i], lon[i]) ? 1 : boundaries.isIn(iran, lat[i], lon[i]) ? 2 : 0;
    }

    @Benchmark
    public double distanceToBorder() {
        int i = advance();
        return border.distanceKm(lat[i], lon[i]);
    }

    /** With the nearest border point, as the rules report it. */
    @Benchmark
    public BorderDistance distanceToBorderWithNearestPoint() {
        int i = advance();
        return border.distanceTo(new Position(lat[i], lon[i]));
    }
}
