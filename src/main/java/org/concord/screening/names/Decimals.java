package org.concord.screening.names;

import java.util.Locale;

/**
 * A number with a fixed count of decimals, the same text as {@code String.format(Locale.ROOT, "%.2f", x)}
 * without a {@link java.util.Formatter} per call: an explanation is built for every hit a search
 * answers, and formatting its four figures was a tenth of a query. Like the formatter it rounds half
 * up on the shortest decimal digits that read back as the same double ({@link Double#toString}): 0.125
 * is "0.13", 0.145 is "0.15". Numbers {@code Double.toString} writes with an exponent, negative
 * numbers, NaN and the infinities go to the formatter itself. {@code DecimalsTest} holds the two to
 * the same text.
 */
final class Decimals {

    private Decimals() {
    }

    /** {@code x} with {@code places} (1 to 9) decimals: {@code String.format(Locale.ROOT, "%." + places + "f", x)}. */
    static String fixed(double x, int places) {
        if (!(x >= 0) || x == Double.POSITIVE_INFINITY || places < 1 || places > 9) {
            return String.format(Locale.ROOT, "%." + places + "f", x);
        }
        String shortest = Double.toString(x);
        int point = shortest.indexOf('.');
        if (point < 0 || shortest.indexOf('E') >= 0) {
            return String.format(Locale.ROOT, "%." + places + "f", x);
        }
        // digits: the integer part then exactly `places` decimals (padded with zeros), rounded half up on the next one
        int decimals = shortest.length() - point - 1;
        char[] out = new char[point + 1 + places + 1];
        // one spare position at the front for a carry into a new leading digit
        out[0] = '0';
        shortest.getChars(0, point, out, 1);
        out[point + 1] = '.';
        for (int d = 0; d < places; d++) {
            out[point + 2 + d] = d < decimals ? shortest.charAt(point + 1 + d) : '0';
        }
        boolean up = decimals > places && shortest.charAt(point + 1 + places) >= '5';
        if (up) {
            int at = out.length - 1;
            while (true) {
                if (out[at] == '.') {
                    at--;
                    continue;
                }
                if (out[at] == '9') {
                    out[at] = '0';
                    at--;
                    continue;
                }
                out[at]++;
                break;
            }
        }
        return out[0] == '0' ? new String(out, 1, out.length - 1) : new String(out);
    }
}
