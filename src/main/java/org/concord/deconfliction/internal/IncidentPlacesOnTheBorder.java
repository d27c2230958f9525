package org.concord.deconfliction.internal;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.concord.deconfliction.PlacesOnTheBorder;
import org.concord.deconfliction.geo.GeoJson;
import org.concord.deconfliction.geo.InvalidGeoJson;
import org.concord.incidents.IncidentPlaces;
import org.concord.node.InvalidInput;
import org.concord.party.PartyCode;
import org.locationtech.jts.geom.Geometry;
import org.springframework.stereotype.Component;

import tools.jackson.databind.JsonNode;

/** Deconfliction's geography for the incidents module: {@link PlacesOnTheBorder} over GeoJSON. */
@Component
class IncidentPlacesOnTheBorder implements IncidentPlaces {

    private final PlacesOnTheBorder places;

    IncidentPlacesOnTheBorder(PlacesOnTheBorder places) {
        this.places = places;
    }

    @Override
    public void check(String field, PartyCode reporter, PartyCode addressee, JsonNode place) {
        Geometry geometry;
        try {
            geometry = GeoJson.reader().read(field, place);
        } catch (InvalidGeoJson e) {
            throw new InvalidInput(e.field(), e.rule().name().toLowerCase(Locale.ROOT).replace('_', '-'),
                    e.getMessage().substring(e.field().length() + 2));
        }
        // Within the two territories or the pair's border zone: a place far inside a third country or far
        // out at sea is a typing error (often [lat, lon] for [lon, lat]) or not the pair's business.
        places.check(field, reporter, addressee, geometry);
    }

    @Override
    public Optional<Map<String, Object>> locate(PartyCode reporter, PartyCode addressee, String placeGeoJson) {
        try {
            return places.locate(reporter, addressee, GeoJson.reader().read("place", placeGeoJson)).map(PlacesOnTheBorder.Placed::view);
        } catch (InvalidGeoJson e) {
            return Optional.empty();
        }
    }
}
