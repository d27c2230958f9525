package org.concord.ledger;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;

/**
 * The one way the ledger writes a time: UTC, {@code uuuu-MM-ddTHH:mm:ss} and 3 to 9 fraction
 * digits (as many as needed, at least milliseconds), then {@code Z}; e.g.
 * {@code 2024-01-26T09:30:00.000Z}. Deterministic, so that a leaf can be recomputed from its
 * fields.
 */
final class LedgerTime {

    private static final DateTimeFormatter FORMAT = new DateTimeFormatterBuilder()
            .appendPattern("uuuu-MM-dd'T'HH:mm:ss")
            .appendFraction(ChronoField.NANO_OF_SECOND, 3, 9, true)
            .appendLiteral('Z')
            .toFormatter()
            .withZone(ZoneOffset.UTC);

    private LedgerTime() {
    }

    static String format(Instant instant) {
        return FORMAT.format(instant);
    }

    /** Parses an RFC 3339 UTC time (STIX timestamps, ledger times); {@code null} if it is not one. */
    static Instant parse(String text) {
        if (text == null) {
            return null;
        }
        try {
            return DateTimeFormatter.ISO_INSTANT.parse(text, Instant::from);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
