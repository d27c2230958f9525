package org.concord.workflow;

import java.time.Duration;

/** Durations as people read them: {@code 1 h}, {@code 7 days}, {@code 10 min}, {@code 1 h 30 min}. */
public final class Durations {

    private Durations() {
    }

    public static String readable(Duration d) {
        if (d == null) {
            return null;
        }
        long seconds = d.getSeconds();
        if (seconds != 0 && seconds % 86_400 == 0) {
            long days = seconds / 86_400;
            return days + (days == 1 ? " day" : " days");
        }
        StringBuilder out = new StringBuilder();
        long hours = seconds / 3600;
        long minutes = seconds % 3600 / 60;
        long rest = seconds % 60;
        if (hours > 0) {
            out.append(hours).append(" h");
        }
        if (minutes > 0) {
            out.append(out.isEmpty() ? "" : " ").append(minutes).append(" min");
        }
        if (rest > 0 || out.isEmpty()) {
            out.append(out.isEmpty() ? "" : " ").append(rest).append(" s");
        }
        return out.toString();
    }
}
