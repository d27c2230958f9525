package org.concord.workflow;

import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * A STIX 2.1 identifier, {@code type--UUID} (STIX 2.1 section 2.9): the id of a workflow message
 * (carried later as a custom STIX object) or of an intel object a message refers to (a group, a
 * person, a location, a report).
 *
 * @param value e.g. {@code intrusion-set--2a9e2cbe-6b8f-4f4b-9c0c-7d8d2bbf1b6e}
 */
public record StixId(String value) implements Comparable<StixId> {

    private static final Pattern IDENTIFIER = Pattern.compile(
            "^[a-z][a-z0-9-]+[a-z0-9]--"
                    + "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[1-5][0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}$");

    public StixId {
        Objects.requireNonNull(value, "value");
        if (!IDENTIFIER.matcher(value).matches()) {
            throw new IllegalArgumentException("a STIX identifier is type--UUID, e.g. "
                    + "location--6b5a1c52-8d0e-4a55-9d5f-0d0c9e4f6a11: " + value);
        }
    }

    @com.fasterxml.jackson.annotation.JsonCreator(mode = com.fasterxml.jackson.annotation.JsonCreator.Mode.DELEGATING)
    public static StixId of(String value) {
        return new StixId(value);
    }

    /** A fresh random (version 4) identifier of the given STIX type. */
    public static StixId random(String type) {
        return new StixId(type + "--" + UUID.randomUUID());
    }

    /** A deterministic (version 3, name-based) identifier: the same name always gives the same id. */
    public static StixId named(String type, String name) {
        return new StixId(type + "--" + UUID.nameUUIDFromBytes(name.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    /** The type part, e.g. {@code location}. */
    public String type() {
        return value.substring(0, value.indexOf("--"));
    }

    @Override
    public int compareTo(StixId other) {
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
