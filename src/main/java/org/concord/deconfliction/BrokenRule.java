package org.concord.deconfliction;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import org.concord.deconfliction.geo.BorderDistance;

/**
 * A rule a notice breaks, by the name of its {@link NoticePolicy}, with what was measured.
 * Distances are geodesics on the WGS84 ellipsoid in kilometres, with the nearest border point.
 */
public sealed interface BrokenRule {

    /** The name of the policy broken, e.g. {@code launch-point-distance}. */
    String rule();

    /** One sentence for the officer. */
    String explanation();

    /**
     * A part of the area is nearer the border than the rule allows.
     *
     * @param rule       the policy's name
     * @param part       which part: {@code area}, {@code launch point}, {@code impact area},
     *                   {@code trajectory}
     * @param requiredKm the least distance allowed
     * @param measured   the distance measured, with the nearest border point and the part's own
     *                   nearest point
     */
    record TooClose(String rule, String part, double requiredKm, BorderDistance measured) implements BrokenRule {

        public TooClose {
            Objects.requireNonNull(rule, "rule");
            Objects.requireNonNull(part, "part");
            Objects.requireNonNull(measured, "measured");
        }

        @Override
        public String explanation() {
            return String.format(Locale.ROOT, "the %s is %.1f km from the border (nearest border point %.4fN %.4fE); "
                    + "the rule asks at least %.0f km", part, measured.km(), measured.nearestBorder().lat(),
                    measured.nearestBorder().lon(), requiredKm);
        }
    }

    /**
     * A line that must stay on its own side meets or crosses the border.
     *
     * @param rule     the policy's name
     * @param part     which part, e.g. {@code trajectory}
     * @param measured distance 0, and the point where it meets the border
     */
    record Crosses(String rule, String part, BorderDistance measured) implements BrokenRule {

        public Crosses {
            Objects.requireNonNull(rule, "rule");
            Objects.requireNonNull(part, "part");
            Objects.requireNonNull(measured, "measured");
        }

        @Override
        public String explanation() {
            return String.format(Locale.ROOT, "the %s crosses the border at %.4fN %.4fE; the rule forbids it", part,
                    measured.nearestBorder().lat(), measured.nearestBorder().lon());
        }
    }

    /**
     * The notice comes later than the rule asks.
     *
     * @param rule     the policy's name
     * @param required the least time between the notice and the window's start
     * @param given    the time actually given (negative when the window has already started)
     */
    record TooLate(String rule, Duration required, Duration given) implements BrokenRule {

        public TooLate {
            Objects.requireNonNull(rule, "rule");
            Objects.requireNonNull(required, "required");
            Objects.requireNonNull(given, "given");
        }

        @Override
        public String explanation() {
            return "the notice comes " + hours(given) + " before the window opens; the rule asks at least "
                    + hours(required);
        }
    }

    /**
     * The window is longer than the rule allows.
     *
     * @param rule    the policy's name
     * @param allowed the longest window allowed
     * @param length  the window's length
     */
    record TooLong(String rule, Duration allowed, Duration length) implements BrokenRule {

        public TooLong {
            Objects.requireNonNull(rule, "rule");
            Objects.requireNonNull(allowed, "allowed");
            Objects.requireNonNull(length, "length");
        }

        @Override
        public String explanation() {
            return "the window lasts " + hours(length) + "; the rule allows at most " + hours(allowed);
        }
    }

    private static String hours(Duration d) {
        return String.format(Locale.ROOT, "%.1f h", d.toMinutes() / 60.0);
    }
}
