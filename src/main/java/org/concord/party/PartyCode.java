package org.concord.party;

import java.util.Locale;
import java.util.Set;

import org.concord.node.InvalidInput;

/** An ISO 3166-1 alpha-2 country code in upper case: the name of a party, e.g. {@code PK} or {@code IR}. */
public record PartyCode(String value) {

    private static final Set<String> ISO = Set.of(Locale.getISOCountries());

    public PartyCode {
        if (value == null || !ISO.contains(value)) {
            throw new InvalidInput("party.code", "iso-3166-alpha-2",
                    "'" + value + "' is not an upper-case ISO 3166-1 alpha-2 country code, e.g. PK or IR");
        }
    }

    @com.fasterxml.jackson.annotation.JsonCreator(mode = com.fasterxml.jackson.annotation.JsonCreator.Mode.DELEGATING)
    public static PartyCode of(String value) {
        return new PartyCode(value);
    }

    /**
     * The party code a caller gave in {@code field}: required ({@code FIELD_REQUIRED}) and an ISO
     * 3166-1 alpha-2 code ({@code iso-3166-alpha-2}), else a 400 that names the field.
     */
    public static PartyCode required(String value, String field) {
        if (value == null) {
            throw new InvalidInput(field, "FIELD_REQUIRED", "a party code is required, e.g. IR");
        }
        try {
            return new PartyCode(value);
        } catch (InvalidInput e) {
            throw new InvalidInput(field, "iso-3166-alpha-2", e.getMessage());
        }
    }

    /** Reads the object form, {@code {"value": "IR"}}, that JSON written before (events still stored) may hold. */
    @com.fasterxml.jackson.annotation.JsonCreator(mode = com.fasterxml.jackson.annotation.JsonCreator.Mode.PROPERTIES)
    static PartyCode ofObject(@com.fasterxml.jackson.annotation.JsonProperty("value") String value) {
        return new PartyCode(value);
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
