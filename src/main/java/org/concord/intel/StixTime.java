package org.concord.intel;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

import org.concord.node.InvalidInput;

/** STIX and TAXII timestamps (RFC 3339, UTC, {@code Z}), and a form of them that sorts as text. */
public final class StixTime {

    private static final DateTimeFormatter SORTABLE = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'")
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter TAXII = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'")
            .withZone(ZoneOffset.UTC);

    private StixTime() {
    }

    public static Instant parse(String field, String text) {
        if (text == null || !text.endsWith("Z")) {
            throw new InvalidInput(field, "rfc3339-utc", "must be an RFC 3339 UTC timestamp such as 2024-01-16T18:00:00.000Z, got '" + text + "'");
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new InvalidInput(field, "rfc3339-utc", "must be an RFC 3339 UTC timestamp such as 2024-01-16T18:00:00.000Z, got '" + text + "'");
        }
    }

    /** Nine fraction digits, so that text order is time order. */
    public static String sortable(Instant instant) {
        return SORTABLE.format(instant);
    }

    /** The form TAXII dates are written in here: microsecond precision, as stored. */
    public static String taxii(Instant instant) {
        return TAXII.format(instant);
    }
}
