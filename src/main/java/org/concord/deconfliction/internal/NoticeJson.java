package org.concord.deconfliction.internal;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.concord.deconfliction.AirspaceReference;
import org.concord.deconfliction.Classification;
import org.concord.deconfliction.Contact;
import org.concord.deconfliction.NoticeId;
import org.concord.deconfliction.OperationArea;
import org.concord.deconfliction.OperationNotice;
import org.concord.deconfliction.OperationType;
import org.concord.deconfliction.TimeWindow;
import org.concord.deconfliction.UnplannedEvent;
import org.concord.deconfliction.geo.GeoJson;
import org.concord.deconfliction.geo.Position;
import org.concord.node.InvalidInput;
import org.concord.node.Limits;
import org.concord.party.PartyCode;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.Point;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * An operation notice (and an unplanned event) as JSON, in one of two spellings of the same shape: the REST API's
 * ({@code camelCase}) and the STIX object's ({@code snake_case}, as STIX asks of property names).
 * Faults are refused naming the field as the REST API spells it and the rule, so that the same
 * reader serves a person's request and a partner's message.
 *
 * <pre>
 * { "id": "pk-fc-2026-0117", "partner": "IR", "type": "BORDER_PATROL",
 *   "area": { "centre": {"type":"Point","coordinates":[62.5,28.9]}, "radiusKm": 5 }
 *        or { "polygon": {GeoJSON Polygon or MultiPolygon} }
 *        or { "launchPoint": {Point}, "impactArea": {Polygon}, "trajectory": {LineString} },
 *   "window": { "start": "2026-02-01T06:00:00Z", "end": "2026-02-01T18:00:00Z" },
 *   "airspaceReferences": [ { "kind": "NOTAM", "id": "A0123/26" } ],
 *   "contact": { "name": "Duty officer", "channel": "hotline" },
 *   "classification": "AMBER_STRICT" }
 * </pre>
 */
final class NoticeJson {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final NoticeJson REST = new NoticeJson(false);
    static final NoticeJson STIX = new NoticeJson(true);

    /** The properties of a notice in the REST spelling; {@code notifyingParty} is given by the node that sends. */
    static final Set<String> NOTICE_PROPERTIES = Set.of("id", "partner", "type", "area", "window", "airspaceReferences",
            "contact", "classification");
    static final Set<String> AREA_PROPERTIES = Set.of("centre", "radiusKm", "polygon", "launchPoint", "impactArea", "trajectory");
    static final Set<String> CONTACT_PROPERTIES = Set.of("name", "channel");
    /** The properties of an unplanned event in the REST spelling. */
    static final Set<String> EVENT_PROPERTIES = Set.of("id", "partner", "kind", "observedAt", "track", "description", "contact");

    private final boolean snake;

    private NoticeJson(boolean snake) {
        this.snake = snake;
    }

    private String key(String camel) {
        return snake ? snakeCase(camel) : camel;
    }

    /** A REST property's name as the STIX property: {@code declaredBy} is {@code declared_by}. */
    static String snakeCase(String camel) {
        StringBuilder out = new StringBuilder(camel.length() + 4);
        for (char c : camel.toCharArray()) {
            if (Character.isUpperCase(c)) {
                out.append('_').append(Character.toLowerCase(c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private JsonNode get(JsonNode node, String camel) {
        JsonNode value = node.get(key(camel));
        return value == null || value.isNull() ? null : value;
    }

    /**
     * Reads a notice.
     *
     * @param body           the JSON object
     * @param notifyingParty the notifying party, or null to read it from {@code notifyingParty}
     * @param id             the id when the body may leave it out (a fresh one), or null to require it
     */
    OperationNotice read(JsonNode body, PartyCode notifyingParty, NoticeId id, GeoJson reader) {
        return read(body, notifyingParty, id, reader, Set.of());
    }

    /**
     * As {@link #read(JsonNode, PartyCode, NoticeId, GeoJson)}; in the REST spelling a property the
     * notice does not have is refused (rule {@code unknown-property}) unless it is one of {@code alsoAllowed}
     * (a revision's {@code reason}). The STIX spelling is read among STIX's own properties, so it refuses none.
     */
    OperationNotice read(JsonNode body, PartyCode notifyingParty, NoticeId id, GeoJson reader, Set<String> alsoAllowed) {
        if (body == null || !body.isObject()) {
            throw new InvalidInput("body", "json-object", "the notice must be a JSON object");
        }
        if (!snake) {
            Set<String> known = new HashSet<>(NOTICE_PROPERTIES);
            known.addAll(alsoAllowed);
            if (notifyingParty == null) {
                known.add("notifyingParty");
            }
            InvalidInput.onlyProperties("", body, known);
            InvalidInput.onlyProperties("area.", body.get("area"), AREA_PROPERTIES);
            InvalidInput.onlyProperties("window.", body.get("window"), Set.of("start", "end"));
            InvalidInput.onlyProperties("contact.", body.get("contact"), CONTACT_PROPERTIES);
            JsonNode refs = body.get("airspaceReferences");
            if (refs != null && refs.isArray()) {
                for (int i = 0; i < refs.size(); i++) {
                    InvalidInput.onlyProperties("airspaceReferences[" + i + "].", refs.get(i), Set.of("kind", "id"));
                }
            }
        }
        NoticeId noticeId = text(body, snake ? "noticeId" : "id") == null && id != null ? id
                : NoticeId.of(required(body, snake ? "noticeId" : "id"));
        PartyCode from = notifyingParty != null ? notifyingParty : party(body, "notifyingParty");
        PartyCode partner = party(body, "partner");
        OperationType type = oneOf(body, snake ? "operationType" : "type", OperationType.class);
        OperationArea area = area(object(body, "area"), reader);
        JsonNode window = object(body, "window");
        TimeWindow when = new TimeWindow(instant(window, "window.start", "start"), instant(window, "window.end", "end"));
        List<AirspaceReference> airspace = new ArrayList<>();
        JsonNode refs = get(body, "airspaceReferences");
        if (refs != null) {
            if (!refs.isArray()) {
                throw new InvalidInput("airspaceReferences", "array", "must be an array of {kind, id}");
            }
            if (refs.size() > Limits.ITEMS) {
                throw new InvalidInput("airspaceReferences", "max-items", "has " + refs.size() + " entries; at most "
                        + Limits.ITEMS + " are allowed");
            }
            for (JsonNode ref : refs) {
                AirspaceReference.Kind kind = oneOf(ref, "kind", AirspaceReference.Kind.class, "airspaceReference.kind");
                airspace.add(new AirspaceReference(kind, ref.path("id").isString() ? ref.get("id").asString() : null));
            }
        }
        JsonNode contact = object(body, "contact");
        Contact who = new Contact(contact.path("name").asString(null), contact.path("channel").asString(null));
        Classification classification = oneOf(body, "classification", Classification.class);
        return new OperationNotice(noticeId, from, partner, type, area, when, airspace, who, classification);
    }

    /**
     * Reads an unplanned event: {@code id}, {@code partner}, {@code kind}, {@code observedAt},
     * {@code track} (GeoJSON LineString or Point), {@code description}, {@code contact}; the
     * reporting party given or read from {@code reportedBy}.
     */
    UnplannedEvent readEvent(JsonNode body, PartyCode reportedBy, NoticeId id, GeoJson reader) {
        if (body == null || !body.isObject()) {
            throw new InvalidInput("body", "json-object", "the event must be a JSON object");
        }
        if (!snake) {
            Set<String> known = new HashSet<>(EVENT_PROPERTIES);
            if (reportedBy == null) {
                known.add("reportedBy");
            }
            InvalidInput.onlyProperties("", body, known);
            InvalidInput.onlyProperties("contact.", body.get("contact"), CONTACT_PROPERTIES);
        }
        NoticeId eventId = text(body, snake ? "eventId" : "id") == null && id != null ? id
                : NoticeId.of(required(body, snake ? "eventId" : "id"));
        PartyCode from = reportedBy != null ? reportedBy : party(body, "reportedBy");
        PartyCode partner = party(body, "partner");
        UnplannedEvent.Kind kind = oneOf(body, snake ? "eventKind" : "kind", UnplannedEvent.Kind.class);
        JsonNode observed = get(body, "observedAt");
        if (observed == null) {
            throw new InvalidInput("observedAt", "required", "is required");
        }
        Instant observedAt;
        try {
            observedAt = Instant.parse(observed.asString(""));
        } catch (DateTimeParseException e) {
            throw new InvalidInput("observedAt", "timestamp", "must be an RFC 3339 UTC timestamp, got '" + observed.asString("") + "'");
        }
        Limits.within("observedAt", observedAt);
        JsonNode trackJson = get(body, "track");
        if (trackJson == null) {
            throw new InvalidInput("track", "required", "is required: a GeoJSON LineString or Point");
        }
        Geometry track = reader.read("track", trackJson);
        JsonNode description = get(body, "description");
        JsonNode contact = object(body, "contact");
        return new UnplannedEvent(eventId, from, partner, kind, observedAt, track,
                description == null ? null : description.asString(null),
                new Contact(contact.path("name").asString(null), contact.path("channel").asString(null)));
    }

    /** Writes {@code event}'s fields into {@code target}, in this spelling. */
    ObjectNode writeEvent(ObjectNode target, UnplannedEvent event) {
        target.put(key(snake ? "eventId" : "id"), event.id().value());
        target.put(key("reportedBy"), event.reportedBy().value());
        target.put(key("partner"), event.partner().value());
        target.put(key(snake ? "eventKind" : "kind"), event.kind().name());
        target.put(key("observedAt"), event.observedAt().toString());
        target.set(key("track"), geometry(event.trackGeoJson()));
        target.put(key("description"), event.description());
        target.putObject(key("contact")).put("name", event.contact().name()).put("channel", event.contact().channel());
        return target;
    }

    private OperationArea area(JsonNode area, GeoJson reader) {
        if (get(area, "radiusKm") != null || get(area, "centre") != null) {
            JsonNode radius = get(area, "radiusKm");
            if (radius == null || !radius.isNumber()) {
                throw new InvalidInput("area.radiusKm", "required", "a point area needs radiusKm, a number of kilometres");
            }
            Point centre = point(reader, "area.centre", get(area, "centre"));
            return OperationArea.aroundPoint(Position.of(centre.getCoordinate()), radius.doubleValue());
        }
        if (get(area, "polygon") != null) {
            return OperationArea.polygon(reader.read("area.polygon", get(area, "polygon")));
        }
        if (get(area, "launchPoint") != null || get(area, "impactArea") != null || get(area, "trajectory") != null) {
            Point launch = point(reader, "area.launchPoint", get(area, "launchPoint"));
            Geometry impact = reader.read("area.impactArea", get(area, "impactArea"));
            Geometry trajectory = reader.read("area.trajectory", get(area, "trajectory"));
            if (!(trajectory instanceof LineString line)) {
                throw new InvalidInput("area.trajectory", "line-string", "the trajectory must be a GeoJSON LineString");
            }
            return OperationArea.missileFlight(Position.of(launch.getCoordinate()), impact, line);
        }
        throw new InvalidInput("area", "area-kind", "give either centre and radiusKm, or polygon, or launchPoint, "
                + "impactArea and trajectory");
    }

    private static Point point(GeoJson reader, String field, JsonNode json) {
        Geometry g = reader.read(field, json);
        if (!(g instanceof Point p)) {
            throw new InvalidInput(field, "point", "must be a GeoJSON Point, got " + g.getGeometryType());
        }
        return p;
    }

    /** Writes {@code notice}'s fields into {@code target}, in this spelling. */
    ObjectNode write(ObjectNode target, OperationNotice notice) {
        target.put(key(snake ? "noticeId" : "id"), notice.id().value());
        target.put(key("notifyingParty"), notice.notifyingParty().value());
        target.put(key("partner"), notice.partner().value());
        target.put(key(snake ? "operationType" : "type"), notice.type().name());
        target.set(key("area"), areaJson(notice.area()));
        ObjectNode window = target.putObject(key("window"));
        window.put("start", notice.window().start().toString());
        window.put("end", notice.window().end().toString());
        // STIX 2.1 forbids empty lists, so the references are left out when there are none.
        if (!notice.airspaceReferences().isEmpty()) {
            var refs = target.putArray(key("airspaceReferences"));
            for (AirspaceReference r : notice.airspaceReferences()) {
                refs.addObject().put("kind", r.kind().name()).put("id", r.id());
            }
        }
        target.putObject(key("contact")).put("name", notice.contact().name()).put("channel", notice.contact().channel());
        target.put(key("classification"), notice.classification().name());
        return target;
    }

    ObjectNode areaJson(OperationArea area) {
        ObjectNode out = JSON.createObjectNode();
        if (area instanceof OperationArea.AroundPoint p) {
            out.set(key("centre"), geometry(org.concord.deconfliction.geo.GeoJson.write(point(p.centre()))));
            out.put(key("radiusKm"), p.radiusKm());
        } else if (area instanceof OperationArea.Zone z) {
            out.set(key("polygon"), geometry(GeoJson.write(z.polygon())));
        } else if (area instanceof OperationArea.MissileFlight f) {
            out.set(key("launchPoint"), geometry(GeoJson.write(point(f.launchPoint()))));
            out.set(key("impactArea"), geometry(GeoJson.write(f.impactArea())));
            out.set(key("trajectory"), geometry(GeoJson.write(f.trajectory())));
        }
        return out;
    }

    static JsonNode geometry(String geoJson) {
        return JSON.readTree(geoJson);
    }

    private static Point point(Position p) {
        return new org.locationtech.jts.geom.GeometryFactory().createPoint(p.toCoordinate());
    }

    private String text(JsonNode node, String camel) {
        JsonNode v = get(node, camel);
        return v != null && v.isString() ? v.asString() : null;
    }

    private String required(JsonNode node, String camel) {
        JsonNode v = get(node, camel);
        if (v == null) {
            throw new InvalidInput(camel, "required", "is required");
        }
        if (!v.isString()) {
            throw new InvalidInput(camel, "string", "must be a string");
        }
        return v.asString();
    }

    private JsonNode object(JsonNode node, String camel) {
        JsonNode v = get(node, camel);
        if (v == null) {
            throw new InvalidInput(camel, "required", "is required");
        }
        if (!v.isObject()) {
            throw new InvalidInput(camel, "json-object", "must be a JSON object");
        }
        return v;
    }

    private PartyCode party(JsonNode node, String camel) {
        String code = required(node, camel);
        try {
            return PartyCode.of(code);
        } catch (RuntimeException e) {
            throw new InvalidInput(camel, "iso-3166-alpha-2", "must be a party's ISO 3166-1 alpha-2 code, got '" + code + "'");
        }
    }

    private <E extends Enum<E>> E oneOf(JsonNode node, String camel, Class<E> type) {
        String value = required(node, camel);
        try {
            return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new InvalidInput(camel, InvalidInput.ONE_OF, "must be one of " + Arrays.toString(type.getEnumConstants())
                    + ", got '" + value + "'", Arrays.stream(type.getEnumConstants()).map(Enum::name).toList());
        }
    }

    private static <E extends Enum<E>> E oneOf(JsonNode node, String key, Class<E> type, String field) {
        String value = node.path(key).isString() ? node.get(key).asString() : null;
        if (value == null) {
            throw new InvalidInput(field, "required", "is required");
        }
        try {
            return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidInput(field, InvalidInput.ONE_OF, "must be one of " + Arrays.toString(type.getEnumConstants())
                    + ", got '" + value + "'", Arrays.stream(type.getEnumConstants()).map(Enum::name).toList());
        }
    }

    private static Instant instant(JsonNode window, String field, String key) {
        JsonNode v = window.get(key);
        if (v == null || v.isNull()) {
            throw new InvalidInput(field, "required", "is required");
        }
        try {
            return Limits.within(field, Instant.parse(v.asString("")));
        } catch (DateTimeParseException e) {
            throw new InvalidInput(field, "timestamp", "must be an RFC 3339 UTC timestamp such as 2026-02-01T06:00:00Z, got '"
                    + v.asString("") + "'");
        }
    }
}
