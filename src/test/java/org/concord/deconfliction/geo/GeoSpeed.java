package org.concord.deconfliction.geo;

import java.util.List;
import java.util.SplittableRandom;

/**
 * A quick, JMH-free measurement of the hot checks on one thread (not a unit test; nothing here
 * asserts a time). Run after {@code ./mvnw -q -B test-compile}:
 *
 * <pre>
 * ./mvnw -q -B dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -cp target/classes:target/test-classes:$(cat target/cp.txt) org.concord.deconfliction.geo.GeoSpeed
 * </pre>
 *
 * It loads the boundaries (timed), then for random points in the box 24.5-31N 58.5-66E around
 * the Pakistan-Iran border runs point-in-country for both parties and distance-to-border, five
 * rounds of one million each after a warm-up, and prints checks per second of the best round.
 *
 * <p>Measured on the 2-core development machine (shared with other builds), Java 17: load 1.2 s;
 * point-in-country 5.8 million points/s; distance to the border (exact geodesic to the chosen
 * nearest point) 1.09 million points/s.
 */
public final class GeoSpeed {

    private GeoSpeed() {
    }

    public static void main(String[] args) {
        long t0 = System.nanoTime();
        Boundaries boundaries = Boundaries.load(List.of(Places.PAKISTAN, Places.IRAN));
        Border border = boundaries.border(Places.PAKISTAN, Places.IRAN);
        System.out.printf("load with PK and IR provinces and border: %.0f ms%n", (System.nanoTime() - t0) / 1e6);

        int n = 1_000_000;
        double[] lat = new double[n];
        double[] lon = new double[n];
        SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < n; i++) {
            lat[i] = random.nextDouble(24.5, 31.0);
            lon[i] = random.nextDouble(58.5, 66.0);
        }
        double bestIn = 0;
        double bestDist = 0;
        long sink = 0;
        for (int round = 0; round < 7; round++) {
            long s = System.nanoTime();
            for (int i = 0; i < n; i++) {
                if (boundaries.isIn(Places.PAKISTAN, lat[i], lon[i])) {
                    sink++;
                } else if (boundaries.isIn(Places.IRAN, lat[i], lon[i])) {
                    sink += 2;
                }
            }
            double inPerSec = n / ((System.nanoTime() - s) / 1e9);
            s = System.nanoTime();
            double sum = 0;
            for (int i = 0; i < n; i++) {
                sum += border.distanceKm(lat[i], lon[i]);
            }
            double distPerSec = n / ((System.nanoTime() - s) / 1e9);
            sink += (long) sum;
            if (round >= 2) {
                bestIn = Math.max(bestIn, inPerSec);
                bestDist = Math.max(bestDist, distPerSec);
            }
        }
        System.out.printf("point-in-country (PK, then IR if not PK): %,.0f points/s%n", bestIn);
        System.out.printf("distance to the PK-IR border (exact geodesic): %,.0f points/s%n", bestDist);
        System.out.println("(checksum " + sink + ")");
    }
}
