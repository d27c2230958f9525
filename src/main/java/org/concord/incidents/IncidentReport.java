package org.concord.incidents;

import java.time.Instant;
import java.util.List;

/**
 * What the reporting side says happened. Held as received: missing fields are refused by the
 * state machine with the field named, by both nodes alike.
 *
 * @param occurredAt when it happened
 * @param placeGeoJson where, as a GeoJSON geometry (RFC 7946) text
 * @param type what kind of incident
 * @param whatHappened the account
 * @param casualties as stated by the reporting side
 * @param claims the statements the other side is asked to answer one by one; references unique
 */
public record IncidentReport(Instant occurredAt, String placeGeoJson, IncidentType type, String whatHappened,
        Casualties casualties, List<Claim> claims) {

    public IncidentReport {
        placeGeoJson = placeGeoJson == null ? "" : placeGeoJson.strip();
        whatHappened = whatHappened == null ? "" : whatHappened.strip();
        casualties = casualties == null ? Casualties.none() : casualties;
        claims = claims == null ? List.of() : List.copyOf(claims);
    }

    public java.util.Optional<Claim> claim(String ref) {
        return claims.stream().filter(c -> c.ref().equals(ref)).findFirst();
    }
}
