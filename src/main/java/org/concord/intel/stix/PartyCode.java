package org.concord.intel.stix;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A party to the exchange — a state running a node — by its ISO 3166-1 alpha-2 code, e.g.
 * {@code PK} or {@code IR}.
 *
 * @param value two upper-case ASCII letters
 */
public record PartyCode(String value) {

    private static final Pattern ALPHA_2 = Pattern.compile("^[A-Z]{2}$");

    public PartyCode {
        Objects.requireNonNull(value, "value");
        if (!ALPHA_2.matcher(value).matches()) {
            throw new IllegalArgumentException("a party code is ISO 3166-1 alpha-2, two upper-case letters: " + value);
        }
    }

    public static PartyCode of(String value) {
        return new PartyCode(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
