package org.concord.screening.names;

import java.util.Arrays;

/**
 * Jaro-Winkler similarity, the same figure as Apache Commons Text's {@code JaroWinklerSimilarity}
 * (match window {@code max(len)/2 - 1}, half transpositions, a common prefix of up to four letters
 * scaled by 0.1 once the Jaro figure reaches 0.7), computed without allocating for words of up to 64
 * letters: the matched letters of each side are bits of a {@code long}. Commons Text builds two
 * arrays and two strings for every pair, which is most of a query's time when thousands of pairs
 * are compared. {@code JaroWinklerTest} checks the two agree on random and real words.
 */
final class JaroWinkler {

    private JaroWinkler() {
    }

    static double similarity(CharSequence first, CharSequence second) {
        double settled = settled(first, second);
        if (settled >= 0) {
            return settled;
        }
        CharSequence max = first.length() > second.length() ? first : second;
        CharSequence min = max == first ? second : first;
        if (max.length() > 64) {
            return slow(first, second, max, min);
        }
        int range = Math.max(max.length() / 2 - 1, 0);
        long minFlags = 0;
        long maxFlags = 0;
        int matches = 0;
        int maxLength = max.length();
        for (int mi = 0; mi < min.length(); mi++) {
            char c = min.charAt(mi);
            int to = Math.min(mi + range + 1, maxLength);
            for (int xi = Math.max(mi - range, 0); xi < to; xi++) {
                if ((maxFlags & (1L << xi)) == 0 && c == max.charAt(xi)) {
                    minFlags |= 1L << mi;
                    maxFlags |= 1L << xi;
                    matches++;
                    break;
                }
            }
        }
        return fromMatches(first, second, min, max, minFlags, maxFlags, matches);
    }

    /**
     * The same figure, for words of ASCII letters of up to 64, with a table of where each letter is in
     * the longer word ({@code positions}: 128 longs, all zero, and left all zero): each letter of the
     * shorter word finds its first free partner in the match window with a few bit operations instead
     * of a scan of the window. The partner is the same as {@link #similarity(CharSequence, CharSequence)}'s
     * (the lowest free position in the window), so the figure is too. What an index uses when it compares
     * one word of a query with thousands of its words.
     */
    static double similarity(CharSequence first, CharSequence second, long[] positions) {
        double settled = settled(first, second);
        if (settled >= 0) {
            return settled;
        }
        CharSequence max = first.length() > second.length() ? first : second;
        CharSequence min = max == first ? second : first;
        int maxLength = max.length();
        if (maxLength > 64) {
            return slow(first, second, max, min);
        }
        for (int xi = 0; xi < maxLength; xi++) {
            char c = max.charAt(xi);
            if (c >= 128) {
                clear(positions, max, xi);
                return similarity(first, second);
            }
            positions[c] |= 1L << xi;
        }
        int range = Math.max(maxLength / 2 - 1, 0);
        long minFlags = 0;
        long maxFlags = 0;
        int matches = 0;
        for (int mi = 0; mi < min.length(); mi++) {
            char c = min.charAt(mi);
            if (c >= 128) {
                // the longer word has none
                continue;
            }
            int from = Math.max(mi - range, 0);
            int to = Math.min(mi + range + 1, maxLength);
            int width = to - from;
            long window = (width == 64 ? -1L : (1L << width) - 1) << from;
            long free = positions[c] & ~maxFlags & window;
            if (free != 0) {
                minFlags |= 1L << mi;
                maxFlags |= Long.lowestOneBit(free);
                matches++;
            }
        }
        clear(positions, max, maxLength);
        return fromMatches(first, second, min, max, minFlags, maxFlags, matches);
    }

    /**
     * The same figure as {@link #similarity(CharSequence, CharSequence, long[])} for two words held as
     * runs of letters in arrays ({@code first} is the {@code aLength} letters of {@code a} from {@code aFrom}, {@code second}
     * the {@code bLength} of {@code b} from {@code bFrom}): an index keeps the letters of all its words in one array, so that
     * comparing one of them reads its letters where they are, not a string found through two references.
     * The same steps in the same order, so the same figure to the last bit ({@code JaroWinklerTest}).
     */
    static double similarity(char[] a, int aFrom, int aLength, char[] b, int bFrom, int bLength, long[] positions) {
        if (aLength == bLength && Arrays.equals(a, aFrom, aFrom + aLength, b, bFrom, bFrom + bLength)) {
            return 1.0;
        }
        if (aLength == 0 || bLength == 0) {
            return 0.0;
        }
        boolean firstIsLonger = aLength > bLength;
        char[] max = firstIsLonger ? a : b;
        int maxFrom = firstIsLonger ? aFrom : bFrom;
        int maxLength = firstIsLonger ? aLength : bLength;
        char[] min = firstIsLonger ? b : a;
        int minFrom = firstIsLonger ? bFrom : aFrom;
        int minLength = firstIsLonger ? bLength : aLength;
        if (maxLength > 64) {
            return similarity(new String(a, aFrom, aLength), new String(b, bFrom, bLength));
        }
        for (int xi = 0; xi < maxLength; xi++) {
            char c = max[maxFrom + xi];
            if (c >= 128) {
                for (int k = 0; k < xi; k++) {
                    positions[max[maxFrom + k]] = 0;
                }
                return similarity(new String(a, aFrom, aLength), new String(b, bFrom, bLength));
            }
            positions[c] |= 1L << xi;
        }
        int range = Math.max(maxLength / 2 - 1, 0);
        long minFlags = 0;
        long maxFlags = 0;
        int matches = 0;
        for (int mi = 0; mi < minLength; mi++) {
            char c = min[minFrom + mi];
            if (c >= 128) {
                // the longer word has none
                continue;
            }
            int from = Math.max(mi - range, 0);
            int to = Math.min(mi + range + 1, maxLength);
            int width = to - from;
            long window = (width == 64 ? -1L : (1L << width) - 1) << from;
            long free = positions[c] & ~maxFlags & window;
            if (free != 0) {
                minFlags |= 1L << mi;
                maxFlags |= Long.lowestOneBit(free);
                matches++;
            }
        }
        for (int xi = 0; xi < maxLength; xi++) {
            positions[max[maxFrom + xi]] = 0;
        }
        if (matches == 0) {
            return 0.0;
        }
        int halfTranspositions = 0;
        long x = minFlags;
        long y = maxFlags;
        while (x != 0) {
            if (min[minFrom + Long.numberOfTrailingZeros(x)] != max[maxFrom + Long.numberOfTrailingZeros(y)]) {
                halfTranspositions++;
            }
            x &= x - 1;
            y &= y - 1;
        }
        int prefix = 0;
        for (int i = 0; i < Math.min(4, minLength); i++) {
            if (a[aFrom + i] == b[bFrom + i]) {
                prefix++;
            } else {
                break;
            }
        }
        double m = matches;
        double j = (m / aLength + m / bLength + (m - (double) halfTranspositions / 2) / m) / 3;
        return j < 0.7 ? j : j + 0.1 * prefix * (1.0 - j);
    }

    /** 1 for equal words, 0 when either is empty, else -1: the cases both ways of matching settle before they start. */
    private static double settled(CharSequence first, CharSequence second) {
        int lf = first.length();
        if (lf == second.length() && first.toString().contentEquals(second)) {
            return 1.0;
        }
        return lf == 0 || second.length() == 0 ? 0.0 : -1;
    }

    /** The figure from the matched letters, given as bits of {@code min} and {@code max}: transpositions counted in order. */
    private static double fromMatches(CharSequence first, CharSequence second, CharSequence min, CharSequence max, long minFlags,
            long maxFlags, int matches) {
        if (matches == 0) {
            return 0.0;
        }
        int halfTranspositions = 0;
        long a = minFlags;
        long b = maxFlags;
        while (a != 0) {
            int i = Long.numberOfTrailingZeros(a);
            int j = Long.numberOfTrailingZeros(b);
            if (min.charAt(i) != max.charAt(j)) {
                halfTranspositions++;
            }
            a &= a - 1;
            b &= b - 1;
        }
        return winkler(first, second, min.length(), matches, halfTranspositions);
    }

    /** Zeroes the positions of the first {@code n} letters of {@code word}. */
    private static void clear(long[] positions, CharSequence word, int n) {
        for (int i = 0; i < n; i++) {
            positions[word.charAt(i)] = 0;
        }
    }

    private static double winkler(CharSequence first, CharSequence second, int minLength, int matches, int halfTranspositions) {
        int prefix = 0;
        for (int i = 0; i < Math.min(4, minLength); i++) {
            if (first.charAt(i) == second.charAt(i)) {
                prefix++;
            } else {
                break;
            }
        }
        double m = matches;
        double j = (m / first.length() + m / second.length() + (m - (double) halfTranspositions / 2) / m) / 3;
        return j < 0.7 ? j : j + 0.1 * prefix * (1.0 - j);
    }

    /** The same with arrays, for longer strings. */
    private static double slow(CharSequence first, CharSequence second, CharSequence max, CharSequence min) {
        int range = Math.max(max.length() / 2 - 1, 0);
        boolean[] minFlags = new boolean[min.length()];
        boolean[] maxFlags = new boolean[max.length()];
        int matches = 0;
        for (int mi = 0; mi < min.length(); mi++) {
            char c = min.charAt(mi);
            for (int xi = Math.max(mi - range, 0), to = Math.min(mi + range + 1, max.length()); xi < to; xi++) {
                if (!maxFlags[xi] && c == max.charAt(xi)) {
                    minFlags[mi] = true;
                    maxFlags[xi] = true;
                    matches++;
                    break;
                }
            }
        }
        if (matches == 0) {
            return 0.0;
        }
        int halfTranspositions = 0;
        for (int i = 0, j = 0; i < min.length(); i++) {
            if (minFlags[i]) {
                while (!maxFlags[j]) {
                    j++;
                }
                if (min.charAt(i) != max.charAt(j)) {
                    halfTranspositions++;
                }
                j++;
            }
        }
        return winkler(first, second, min.length(), matches, halfTranspositions);
    }
}
