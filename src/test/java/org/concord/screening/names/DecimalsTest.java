package org.concord.screening.names;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** An explanation's figures read the same as {@code String.format} writes them, to the last character. */
class DecimalsTest {

    private static void same(double x, int places) {
        assertThat(Decimals.fixed(x, places)).as("%s with %d decimals", Double.toString(x), places)
                .isEqualTo(String.format(Locale.ROOT, "%." + places + "f", x));
    }

    @Test
    void halvesAndTheirNeighboursRoundAsTheFormatterRoundsThem() {
        // every k / 10^p for the decimals an explanation shows, and the doubles just either side of it
        for (int places = 1; places <= 2; places++) {
            int scale = (int) Math.pow(10, places + 1);
            for (int k = 0; k <= 2 * scale; k++) {
                double x = (double) k / scale;
                for (double y : new double[] {x, Math.nextUp(x), Math.nextDown(x), Math.nextUp(Math.nextUp(x)), Math.nextDown(Math.nextDown(x))}) {
                    if (y >= 0) {
                        for (int p = 1; p <= 4; p++) {
                            same(y, p);
                        }
                    }
                }
            }
        }
    }

    @Test
    void scoresAsTheMatcherComputesThemReadTheSame() {
        Random random = new Random(12);
        for (int i = 0; i < 30_000; i++) {
            double x = switch (i % 4) {
                case 0 -> random.nextDouble();
                case 1 -> (random.nextInt(30) + random.nextDouble()) / (random.nextInt(30) + 1);
                case 2 -> 0.96 * random.nextDouble() + 0.04 * random.nextInt(5) / 4.0;
                default -> Math.min(1.0, random.nextInt(1000) / 1000.0 + random.nextGaussian() * 1e-15);
            };
            same(x, 2);
            same(x, 3);
        }
    }

    @Test
    void whatItDoesNotWriteItselfGoesToTheFormatter() {
        for (double x : new double[] {0.0, -0.0, 1.0, 0.0004, 0.0005, 0.00049999, 1e-9, 9.9999e6, 1.23456789e7, 1e300, -0.5, -1.005,
            Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.MIN_VALUE, 0.995, 9.995, 99.995, 0.9995}) {
            for (int p = 1; p <= 9; p++) {
                same(x, p);
            }
        }
    }
}
