package org.concord.deconfliction;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * A notice's identifier, unique across both nodes (the STIX mapping uses it in the object's id).
 *
 * @param value 1 to 128 characters: letters, digits, {@code . _ : -}, starting with a letter or digit
 */
public record NoticeId(String value) {

    private static final Pattern FORM = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,127}");

    public NoticeId {
        Invalid.required("id", value);
        if (!FORM.matcher(value).matches()) {
            throw Invalid.input("id", "identifier", "must be 1 to 128 letters, digits or . _ : -, starting with a "
                    + "letter or digit, got '" + value + "'");
        }
    }

    /** A fresh random identifier (a UUID). */
    public static NoticeId random() {
        return new NoticeId(UUID.randomUUID().toString());
    }

    public static NoticeId of(String value) {
        return new NoticeId(value);
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
