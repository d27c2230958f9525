package org.concord.deconfliction.geo;

import java.util.Locale;
import java.util.Objects;

/**
 * An ISO 3166-1 alpha-2 country code such as {@code PK} or {@code IR} (and {@code XK} for
 * Kosovo, as Natural Earth uses it).
 *
 * @param value two upper-case ASCII letters
 */
public record CountryCode(String value) implements Comparable<CountryCode> {

    public CountryCode {
        Objects.requireNonNull(value, "country code");
        if (value.length() != 2 || !isAsciiUpper(value.charAt(0)) || !isAsciiUpper(value.charAt(1))) {
            throw new IllegalArgumentException(
                    "country code must be ISO 3166-1 alpha-2 (two upper-case letters), got '" + value + "'");
        }
    }

    /** Accepts lower case too: {@code of("pk")} is {@code PK}. */
    @com.fasterxml.jackson.annotation.JsonCreator(mode = com.fasterxml.jackson.annotation.JsonCreator.Mode.DELEGATING)
    public static CountryCode of(String value) {
        return new CountryCode(Objects.requireNonNull(value, "country code").toUpperCase(Locale.ROOT));
    }

    private static boolean isAsciiUpper(char c) {
        return c >= 'A' && c <= 'Z';
    }

    @Override
    public int compareTo(CountryCode other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }

    /** The plain value; in JSON the bare string, e.g. {@code "IR"}, not {@code {"value": "IR"}}. */
    @com.fasterxml.jackson.annotation.JsonValue
    @Override
    public String value() {
        return value;
    }
}
