package org.concord.intel.stix;

import java.util.Map;
import java.util.function.Predicate;

import com.networknt.schema.regex.JDKRegularExpressionFactory;
import com.networknt.schema.regex.RegularExpression;
import com.networknt.schema.regex.RegularExpressionFactory;

/**
 * The regular expressions of the OASIS STIX 2.1 schemas that every object meets, read by hand; any
 * other pattern is left to the JDK engine, as the schema library does by default.
 *
 * <p>Why (issue 13): in TAXII ingest the schema checks were half of the node's CPU, and more than half
 * of that went to regular expressions, about sixty an object: three {@code patternProperties} of
 * {@code common/properties.json} and up to three more of its {@code additionalProperties} for every
 * property name, the identifier pattern for {@code id}, {@code created_by_ref} and every marking
 * reference (which backtracks through the whole UUID), two timestamp patterns for {@code created}
 * and {@code modified}, the type pattern, and the {@code ^type--} prefixes.
 *
 * <p>The answer of each hand reader is the JDK engine's on the same pattern as the library runs it:
 * {@code Matcher.find()} (a JSON schema pattern is not anchored unless it says so) with every
 * {@code $} outside a class read as {@code \z} (ECMAScript's end of input, which a final newline does
 * not meet). {@code StixPatternsProperties} holds every hand reader to the engine on near-miss and
 * arbitrary text, and {@code StixValidatorDifferentialProperties} the whole validator to the one
 * without them.
 */
final class StixPatterns implements RegularExpressionFactory {

    static final StixPatterns INSTANCE = new StixPatterns();

    /** The patterns read by hand, as the schemas spell them (JSON escapes undone). */
    static final Map<String, Predicate<String>> BY_HAND = Map.ofEntries(
            Map.entry("^[a-z][a-z0-9_]{0,245}_bin$", s -> customWithSuffix(s, "_bin")),
            Map.entry("^[a-z][a-z0-9_]{0,245}_hex$", s -> customWithSuffix(s, "_hex")),
            Map.entry("^([a-z][a-z0-9_]{2,249})|id$", StixPatterns::customPropertyName),
            Map.entry("^([a-z][a-z0-9]*)+(-[a-z0-9]+)*\\-?$", StixPatterns::typeName),
            Map.entry("^([a-z][a-z0-9]*)+(-[a-z0-9]+)*\\-ext$", StixPatterns::extensionName),
            Map.entry("^[a-z][a-z0-9-]+[a-z0-9]--[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[1-5][0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}$",
                    StixIds::isIdentifier),
            Map.entry("^extension-definition--[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[1-5][0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}$",
                    s -> "extension-definition".equals(StixIds.typeOf(s))),
            Map.entry("^[0-9]{4}-(0[1-9]|1[012])-(0[1-9]|[12][0-9]|3[01])T([01][0-9]|2[0-3]):([0-5][0-9]):([0-5][0-9]|60)(\\.[0-9]+)?Z$",
                    StixPatterns::timestamp),
            Map.entry("T\\d{2}:\\d{2}:\\d{2}\\.\\d{3,}Z$", StixPatterns::endsInMilliseconds),
            Map.entry("^(relationship|sighting|bundle|marking-definition|language-content)--.+$",
                    s -> prefixedLine(s, "relationship--", "sighting--", "bundle--", "marking-definition--", "language-content--")),
            Map.entry("^(bundle|language-content)--.+$", s -> prefixedLine(s, "bundle--", "language-content--")),
            Map.entry("^[a-z0-9\\-]+$", s -> !s.isEmpty() && all(s, 0, s.length(), StixPatterns::lowerDigitHyphen)),
            Map.entry("^[a-zA-Z0-9_-]{0,250}$", s -> s.length() <= 250 && all(s, 0, s.length(), StixPatterns::dictionaryKey)));

    private static final RegularExpressionFactory JDK = JDKRegularExpressionFactory.getInstance();

    private StixPatterns() {
    }

    @Override
    public RegularExpression getRegularExpression(String regex) {
        Predicate<String> byHand = byHand(regex);
        return byHand != null ? byHand::test : JDK.getRegularExpression(regex);
    }

    /** The hand reader of {@code regex}, or null when the JDK engine reads it. */
    static Predicate<String> byHand(String regex) {
        Predicate<String> known = BY_HAND.get(regex);
        if (known != null) {
            return known;
        }
        // ^literal (a prefix such as ^indicator--) and ^literal$ (a whole value such as ^SHA-256$).
        if (regex.length() > 1 && regex.charAt(0) == '^') {
            boolean whole = regex.endsWith("$");
            int end = whole ? regex.length() - 1 : regex.length();
            if (end > 1 && all(regex, 1, end, StixPatterns::literal)) {
                String literal = regex.substring(1, end);
                return whole ? literal::equals : s -> s.startsWith(literal);
            }
        }
        return null;
    }

    /** {@code [a-z][a-z0-9_]{0,245}} then {@code suffix} (4 characters), whole. */
    private static boolean customWithSuffix(String s, String suffix) {
        int n = s.length();
        return n >= 5 && n <= 250 && s.endsWith(suffix) && lower(s.charAt(0)) && all(s, 1, n - 4, StixPatterns::lowerDigitUnderscore);
    }

    /** {@code ^([a-z][a-z0-9_]{2,249})|id$}: starts with three such characters, or ends in {@code id}. */
    private static boolean customPropertyName(String s) {
        return s.length() >= 3 && lower(s.charAt(0)) && lowerDigitUnderscore(s.charAt(1)) && lowerDigitUnderscore(s.charAt(2))
                || s.endsWith("id");
    }

    /** {@code [a-z][a-z0-9]*(-[a-z0-9]+)*-?}, whole: a lowercase letter first, then a-z, 0-9 and single hyphens. */
    private static boolean typeName(String s) {
        return !s.isEmpty() && hyphenated(s, 0, s.length());
    }

    /** {@code [a-z][a-z0-9]*(-[a-z0-9]+)*-ext}, whole. */
    private static boolean extensionName(String s) {
        int n = s.length() - 4;
        return n >= 1 && s.endsWith("-ext") && s.charAt(n - 1) != '-' && hyphenated(s, 0, n);
    }

    /** Whether s from {@code from} up to {@code to} starts with a-z and has only a-z, 0-9 and hyphens, never two hyphens together. */
    private static boolean hyphenated(String s, int from, int to) {
        if (!lower(s.charAt(from))) {
            return false;
        }
        for (int i = from + 1; i < to; i++) {
            char c = s.charAt(i);
            if (c == '-') {
                if (s.charAt(i - 1) == '-') {
                    return false;
                }
            } else if (!lowerOrDigit(c)) {
                return false;
            }
        }
        return true;
    }

    /** {@code YYYY-MM-DDTHH:MM:SS(.s+)?Z} with the OASIS pattern's ranges (not the calendar's: StixRules checks that). */
    private static boolean timestamp(String s) {
        int n = s.length();
        if (n < 20 || s.charAt(n - 1) != 'Z' || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T'
                || s.charAt(13) != ':' || s.charAt(16) != ':' || !all(s, 0, 4, StixPatterns::digit)) {
            return false;
        }
        int month = twoDigits(s, 5);
        int day = twoDigits(s, 8);
        int hour = twoDigits(s, 11);
        int minute = twoDigits(s, 14);
        int second = twoDigits(s, 17);
        if (month < 1 || month > 12 || day < 1 || day > 31 || hour < 0 || hour > 23 || minute < 0 || minute > 59
                || second < 0 || second > 60) {
            return false;
        }
        if (n == 20) {
            return true;
        }
        return n >= 22 && s.charAt(19) == '.' && all(s, 20, n - 1, StixPatterns::digit);
    }

    /** The two digits at {@code at} as a number, or -1. */
    private static int twoDigits(String s, int at) {
        char a = s.charAt(at);
        char b = s.charAt(at + 1);
        return digit(a) && digit(b) ? (a - '0') * 10 + (b - '0') : -1;
    }

    /** The schema's millisecond pattern (T, two digits, colon, two digits, colon, two digits, a point, three or more digits, Z, at the end), found anywhere: the value ends in {@code Thh:mm:ss.ddd...Z}. */
    private static boolean endsInMilliseconds(String s) {
        int z = s.length() - 1;
        if (z < 0 || s.charAt(z) != 'Z') {
            return false;
        }
        int dot = z - 1;
        while (dot >= 0 && digit(s.charAt(dot))) {
            dot--;
        }
        int t = dot - 9;
        return z - dot - 1 >= 3 && t >= 0 && s.charAt(dot) == '.' && s.charAt(t) == 'T' && s.charAt(t + 3) == ':' && s.charAt(t + 6) == ':'
                && digit(s.charAt(t + 1)) && digit(s.charAt(t + 2)) && digit(s.charAt(t + 4)) && digit(s.charAt(t + 5))
                && digit(s.charAt(t + 7)) && digit(s.charAt(t + 8));
    }

    /** {@code ^(a|b|...)--.+$}: one of the prefixes, then at least one character, none a line terminator (the JDK's {@code .}). */
    private static boolean prefixedLine(String s, String... prefixes) {
        for (String prefix : prefixes) {
            if (s.startsWith(prefix)) {
                return s.length() > prefix.length() && all(s, prefix.length(), s.length(), StixPatterns::notLineTerminator);
            }
        }
        return false;
    }

    private static boolean all(String s, int from, int to, CharTest test) {
        for (int i = from; i < to; i++) {
            if (!test.test(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    @FunctionalInterface
    private interface CharTest {
        boolean test(char c);
    }

    private static boolean lower(char c) {
        return c >= 'a' && c <= 'z';
    }

    private static boolean digit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean lowerOrDigit(char c) {
        return lower(c) || digit(c);
    }

    private static boolean lowerDigitHyphen(char c) {
        return lowerOrDigit(c) || c == '-';
    }

    private static boolean lowerDigitUnderscore(char c) {
        return lowerOrDigit(c) || c == '_';
    }

    private static boolean dictionaryKey(char c) {
        return lowerOrDigit(c) || c >= 'A' && c <= 'Z' || c == '_' || c == '-';
    }

    /** A character that stands for itself in a regular expression outside a class. */
    private static boolean literal(char c) {
        return lowerOrDigit(c) || c >= 'A' && c <= 'Z' || c == '_' || c == '-';
    }

    private static boolean notLineTerminator(char c) {
        return c != '\n' && c != '\r' && c != '\u0085' && c != '\u2028' && c != '\u2029';
    }
}
