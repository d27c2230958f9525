package org.concord.incidents;

import java.util.Map;
import java.util.Optional;

import org.concord.party.PartyCode;

import tools.jackson.databind.JsonNode;

/**
 * Where an incident's place lies with respect to the border of its two parties. The geography is
 * the deconfliction module's, which implements this; incidents asks it here, so that the module
 * with the boundaries depends on incidents and not the other way round.
 */
public interface IncidentPlaces {

    /**
     * Refuses a place the reporting node must not send: not a GeoJSON geometry (400 naming
     * {@code field} and the GeoJSON rule broken), or outside both territories and the pair's border
     * zone (rule {@code within-the-parties-or-border-zone}). A pair the boundaries cannot place (no
     * shared land border) is not checked.
     */
    void check(String field, PartyCode reporter, PartyCode addressee, JsonNode place);

    /**
     * Where {@code placeGeoJson} lies, as the case view shows it, the same on both nodes: {@code side},
     * {@code fromBorderKm}, {@code nearestBorderPoint} [lon, lat], {@code province}; empty when the
     * place cannot be read or the pair shares no land border.
     */
    Optional<Map<String, Object>> locate(PartyCode reporter, PartyCode addressee, String placeGeoJson);
}
