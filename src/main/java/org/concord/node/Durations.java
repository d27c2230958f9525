package org.concord.node;

import java.time.Duration;

/**
 * Durations as a person reads them, next to the ISO 8601 form a program reads: {@code PT48H3M12.5S}
 * is {@code "48 h 3 min"}. Two units at most, the larger ones, rounded down; what matters to an
 * officer is the order of magnitude, and the ISO form beside it keeps the exact value.
 */
public final class Durations {

    private Durations() {
    }

    /** {@code "48 h 3 min"}, {@code "5 min 12 s"}, {@code "12 s"}, {@code "0 s"}; negative ones begin with {@code -}. */
    public static String readable(Duration duration) {
        if (duration == null) {
            return null;
        }
        String sign = duration.isNegative() ? "-" : "";
        long seconds = duration.abs().getSeconds();
        long hours = seconds / 3600;
        long minutes = seconds % 3600 / 60;
        long rest = seconds % 60;
        if (hours > 0) {
            return sign + hours + " h" + (minutes > 0 ? " " + minutes + " min" : "");
        }
        if (minutes > 0) {
            return sign + minutes + " min" + (rest > 0 ? " " + rest + " s" : "");
        }
        return sign + rest + " s";
    }
}
