package org.concord.deconfliction.internal;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.concord.deconfliction.ConflictAnswer;
import org.concord.deconfliction.ConflictId;
import org.concord.deconfliction.NoticeId;
import org.concord.deconfliction.OperationNotice;
import org.concord.deconfliction.ProtectedSite;
import org.concord.deconfliction.UnplannedEvent;
import org.concord.deconfliction.geo.Boundaries;
import org.concord.deconfliction.geo.CountryCode;
import org.concord.deconfliction.geo.GeoJson;
import org.concord.party.PartyCode;
import org.junit.jupiter.api.Test;

/**
 * Writes the seed inputs of the deconfliction fuzz tests from real notices, events, sites and
 * answers as the node writes them. Not part of the suite (its name does not end in Test); run it
 * with {@code -Dtest=DeconflictionFuzzSeeds} after changing the formats, and commit what it writes.
 */
class DeconflictionFuzzSeeds {

    static final Path RESOURCES = Path.of("src/test/resources/org/concord/deconfliction");
    static final String PK_IDENTITY = "identity--3b0e6bd2-5c1a-4c0e-9d7e-0e5b1c9a2f10";
    static final Instant NOW = Instant.parse("2026-02-01T05:00:00Z");

    static final String NOTICE = """
            { "id": "pk-fc-2026-0117", "partner": "IR", "type": "BORDER_PATROL",
              "area": { "centre": {"type":"Point","coordinates":[62.5,28.9]}, "radiusKm": 5 },
              "window": { "start": "2026-02-01T06:00:00Z", "end": "2026-02-01T18:00:00Z" },
              "airspaceReferences": [ { "kind": "NOTAM", "id": "A0123/26" } ],
              "contact": { "name": "Duty officer", "channel": "hotline" },
              "classification": "AMBER_STRICT" }
            """;
    static final String POLYGON_NOTICE = """
            { "partner": "IR", "type": "EXERCISE",
              "area": { "polygon": {"type":"Polygon","coordinates":[[[62.9,28.5],[63.2,28.5],[63.2,28.8],[62.9,28.8],[62.9,28.5]]]} },
              "window": { "start": "2026-02-01T06:00:00Z", "end": "2026-02-01T18:00:00Z" },
              "contact": { "name": "Duty officer", "channel": "hotline" },
              "classification": "AMBER" }
            """;
    static final String EVENT = """
            { "partner": "IR", "kind": "ACCIDENTAL_LAUNCH", "observedAt": "2026-02-01T04:55:00Z",
              "track": {"type":"LineString","coordinates":[[63.5,28.0],[62.9,28.4]]},
              "description": "a rocket fired by mistake", "contact": { "name": "Duty officer", "channel": "hotline" } }
            """;

    @Test
    void writeSeeds() throws Exception {
        List<CountryCode> parties = List.of(CountryCode.of("IR"), CountryCode.of("PK"));
        GeoJson reader = GeoJson.reader(Boundaries.load(parties), parties);
        PartyCode pk = PartyCode.of("PK");
        Path rest = RESOURCES.resolve("internal/NoticeRestFuzzTestInputs/aNoticeOrEventBodyIsReadOrA400");
        write(rest, "notice", NOTICE, 1);
        write(rest, "polygon-notice", POLYGON_NOTICE, 1);
        write(rest, "event", EVENT, 0);

        OperationNotice notice = NoticeJson.REST.read(NoticeJson.JSON.readTree(NOTICE), pk, NoticeId.random(), reader);
        OperationNotice polygon = NoticeJson.REST.read(NoticeJson.JSON.readTree(POLYGON_NOTICE), pk, NoticeId.random(), reader);
        UnplannedEvent event = NoticeJson.REST.readEvent(NoticeJson.JSON.readTree(EVENT), pk, NoticeId.random(), reader);
        ProtectedSite site = new ProtectedSite("Taftan market", ProtectedSite.Kind.BORDER_MARKET, pk,
                reader.read("area", "{\"type\":\"Polygon\",\"coordinates\":[[[61.58,28.96],[61.59,28.96],[61.59,28.97],[61.58,28.97],[61.58,28.96]]]}"));
        ConflictAnswer answer = new ConflictAnswer(new ConflictId("conflict--7d3f2a10-4b5c-4e6d-8f70-1a2b3c4d5e6f"), pk, ConflictAnswer.Verdict.OBJECT,
                Optional.of("our patrol is there"), NOW);
        Path stix = RESOURCES.resolve("internal/DeconflictionMessageFuzzTestInputs/aPartnersDeconflictionMessageIsReadOrDropped");
        write(stix, "notice", StixMapping.notice(notice, PK_IDENTITY, NOW).toString(), 0);
        write(stix, "polygon-notice", StixMapping.notice(polygon, PK_IDENTITY, NOW).toString(), 0);
        write(stix, "site", StixMapping.site("taftan-market", site, PK_IDENTITY, NOW).toString(), 1);
        write(stix, "event", StixMapping.event(event, PK_IDENTITY, NOW).toString(), 2);
        write(stix, "answer", StixMapping.answer(answer, "x-concord-operation-notice--6f1c7a52-3b9d-4f0e-8a61-2d5c9e0b4f11",
                PK_IDENTITY, NOW).toString(), 3);

        Path geo = RESOURCES.resolve("geo/GeoJsonFuzzTestInputs/anAreaIsAGeometryOrRefusedByFieldAndRule");
        Files.createDirectories(geo);
        Files.writeString(geo.resolve("point"), "{\"type\":\"Point\",\"coordinates\":[62.5,28.9]}");
        Files.writeString(geo.resolve("polygon"), GeoJson.write(polygon.area().parts().get(0)));
        Files.writeString(geo.resolve("track"), GeoJson.write(event.track()));
        Files.writeString(geo.resolve("multipolygon"), "{\"type\":\"MultiPolygon\",\"coordinates\":[[[[62.9,28.5],[63.2,28.5],[63.2,28.8],"
                + "[62.9,28.8],[62.9,28.5]]],[[[61.58,28.96],[61.59,28.96],[61.59,28.97],[61.58,28.97],[61.58,28.96]]]]}");
        Files.writeString(geo.resolve("swapped"), "{\"type\":\"Point\",\"coordinates\":[28.9,62.5]}");
    }

    /** The JSON, then the byte the fuzz test's FuzzedDataProvider reads (from the end) to pick the kind. */
    static void write(Path dir, String name, String json, int kind) throws Exception {
        Files.createDirectories(dir);
        byte[] text = json.getBytes(StandardCharsets.UTF_8);
        byte[] input = java.util.Arrays.copyOf(text, text.length + 1);
        input[text.length] = (byte) kind;
        Files.write(dir.resolve(name), input);
    }
}
