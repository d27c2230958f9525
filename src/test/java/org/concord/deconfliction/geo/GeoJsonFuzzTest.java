package org.concord.deconfliction.geo;

import java.nio.charset.StandardCharsets;
import java.util.List;

import com.code_intelligence.jazzer.junit.FuzzTest;

import org.locationtech.jts.geom.Geometry;

/**
 * GeoJSON areas, points and tracks of notices, sites and events, from a user ({@code
 * /api/deconfliction}) or the partner (the notices it sends): the reader the node wires, with the
 * boundaries of both parties (so a [lat, lon] swap is caught), either gives a geometry or refuses
 * with {@link InvalidGeoJson} naming the field and the rule (a 400, or a dropped message). A geometry
 * it gives is written back as GeoJSON, as the node stores and sends it, and that is read again.
 */
class GeoJsonFuzzTest {

    private static final List<CountryCode> PARTIES = List.of(CountryCode.of("IR"), CountryCode.of("PK"));
    private static final GeoJson READER = GeoJson.reader(Boundaries.load(PARTIES), PARTIES);

    @FuzzTest(maxDuration = "10s")
    void anAreaIsAGeometryOrRefusedByFieldAndRule(byte[] input) {
        Geometry area;
        try {
            area = READER.read("area", new String(input, StandardCharsets.UTF_8));
        } catch (InvalidGeoJson refused) {
            return; // the documented refusal
        }
        String written = GeoJson.write(area);
        try {
            READER.read("area", written);
        } catch (InvalidGeoJson refused) {
            // as read from the database or the partner's copy, it is checked again: a refusal is allowed
        }
    }
}
