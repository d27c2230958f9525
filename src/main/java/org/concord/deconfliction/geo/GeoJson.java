package org.concord.deconfliction.geo;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.operation.valid.IsValidOp;
import org.locationtech.jts.operation.valid.TopologyValidationError;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads untrusted GeoJSON geometry (RFC 7946) into JTS, or refuses it with an
 * {@link InvalidGeoJson} naming the field and the rule.
 *
 * <p>Accepts {@code Point}, {@code LineString}, {@code Polygon} and {@code MultiPolygon}. Positions
 * are {@code [longitude, latitude]} with an optional altitude (ignored); longitudes within
 * [-180, 180], latitudes within [-90, 90]; lines have 2 positions or more; rings 4 or more and
 * closed; polygons must be valid (no ring crossing itself or another). Ring winding is not
 * enforced (RFC 7946 section 3.1.6 asks parsers not to).
 *
 * <p>Swapped coordinates get a hint: a latitude out of range whose longitude would be a valid
 * latitude; and, when created with parties, a geometry none of whose positions lies in any party
 * while most of them would, were each pair read the other way round (refused as
 * {@link InvalidGeoJson.Rule#LAT_LON_SWAPPED}).
 */
public final class GeoJson {

    private static final Set<String> TYPES = Set.of("Point", "LineString", "Polygon", "MultiPolygon");
    private static final int MAX_POSITIONS = 100_000;

    private final Boundaries boundaries;
    private final List<CountryCode> parties;
    private final GeometryFactory factory = Boundaries.FACTORY;

    private GeoJson(Boundaries boundaries, Collection<CountryCode> parties) {
        this.boundaries = boundaries;
        this.parties = List.copyOf(parties);
    }

    /** A reader that checks form and range only. */
    public static GeoJson reader() {
        return new GeoJson(null, List.of());
    }

    /** A reader that also catches [lat, lon] order by where the positions fall among {@code parties}. */
    public static GeoJson reader(Boundaries boundaries, Collection<CountryCode> parties) {
        return new GeoJson(java.util.Objects.requireNonNull(boundaries, "boundaries"), parties);
    }

    /**
     * Reads {@code json}, a GeoJSON geometry object, sent as {@code field}.
     *
     * @throws InvalidGeoJson naming the field and the rule broken
     */
    public Geometry read(String field, String json) {
        if (json == null || json.isBlank()) {
            throw new InvalidGeoJson(field, InvalidGeoJson.Rule.MALFORMED, "a GeoJSON geometry is required", null);
        }
        JsonNode root;
        try {
            root = JsonMapper.shared().readTree(json);
        } catch (JacksonException e) {
            throw new InvalidGeoJson(field, InvalidGeoJson.Rule.INVALID_JSON,
                    "not valid JSON: " + e.getOriginalMessage(), null);
        }
        return read(field, root);
    }

    /** As {@link #read(String, String)}, from a parsed tree. */
    public Geometry read(String field, JsonNode root) {
        if (root == null || !root.isObject()) {
            throw malformed(field, "must be a JSON object with \"type\" and \"coordinates\"");
        }
        JsonNode typeNode = root.get("type");
        if (typeNode == null || !typeNode.isString()) {
            throw malformed(field + ".type", "is required and must be a string");
        }
        String type = typeNode.stringValue();
        if (!TYPES.contains(type)) {
            throw new InvalidGeoJson(field + ".type", InvalidGeoJson.Rule.UNKNOWN_TYPE,
                    "unsupported geometry type \"" + type + "\"; accepted: Point, LineString, Polygon, MultiPolygon",
                    type.equals("Feature") || type.equals("FeatureCollection") ? "send the feature's geometry object" : null);
        }
        JsonNode coords = root.get("coordinates");
        String at = field + ".coordinates";
        if (coords == null || !coords.isArray()) {
            throw malformed(at, "is required and must be an array");
        }
        if (countPositions(coords, 0) > MAX_POSITIONS) {
            throw malformed(at, "more than " + MAX_POSITIONS + " positions");
        }
        Geometry geometry = switch (type) {
            case "Point" -> factory.createPoint(position(at, coords));
            case "LineString" -> factory.createLineString(line(at, coords));
            case "Polygon" -> polygon(at, coords);
            default -> multiPolygon(at, coords);
        };
        if (!parties.isEmpty()) {
            checkNotSwapped(at, geometry);
        }
        return geometry;
    }

    private Coordinate position(String at, JsonNode p) {
        if (!p.isArray() || p.size() < 2 || p.size() > 3) {
            throw new InvalidGeoJson(at, InvalidGeoJson.Rule.BAD_POSITION,
                    "a position must be [longitude, latitude] or [longitude, latitude, altitude]", null);
        }
        for (int i = 0; i < p.size(); i++) {
            if (!p.get(i).isNumber() || !Double.isFinite(p.get(i).doubleValue())) {
                throw new InvalidGeoJson(at + "[" + i + "]", InvalidGeoJson.Rule.BAD_POSITION,
                        "must be a finite number", null);
            }
        }
        double lon = p.get(0).doubleValue();
        double lat = p.get(1).doubleValue();
        if (lat < -90 || lat > 90) {
            String hint = Math.abs(lon) <= 90 && Math.abs(lat) <= 180
                    ? "this looks like [latitude, longitude]; GeoJSON (RFC 7946) orders [longitude, latitude]: did you mean ["
                            + lat + ", " + lon + "]?"
                    : null;
            throw new InvalidGeoJson(at + "[1]", InvalidGeoJson.Rule.OUT_OF_RANGE,
                    "latitude must be within [-90, 90], got " + lat, hint);
        }
        if (lon < -180 || lon > 180) {
            throw new InvalidGeoJson(at + "[0]", InvalidGeoJson.Rule.OUT_OF_RANGE,
                    "longitude must be within [-180, 180], got " + lon, null);
        }
        return new Coordinate(lon, lat);
    }

    private Coordinate[] line(String at, JsonNode array) {
        if (array.size() < 2) {
            throw new InvalidGeoJson(at, InvalidGeoJson.Rule.TOO_FEW_POSITIONS,
                    "a LineString needs at least 2 positions, got " + array.size(), null);
        }
        return positions(at, array);
    }

    private Coordinate[] positions(String at, JsonNode array) {
        Coordinate[] c = new Coordinate[array.size()];
        for (int i = 0; i < c.length; i++) {
            c[i] = position(at + "[" + i + "]", array.get(i));
        }
        return c;
    }

    private LinearRing ring(String at, JsonNode array) {
        if (!array.isArray()) {
            throw malformed(at, "a linear ring must be an array of positions");
        }
        if (array.size() < 4) {
            throw new InvalidGeoJson(at, InvalidGeoJson.Rule.TOO_FEW_POSITIONS,
                    "a linear ring needs at least 4 positions (the last repeating the first), got " + array.size(), null);
        }
        Coordinate[] c = positions(at, array);
        if (!c[0].equals2D(c[c.length - 1])) {
            throw new InvalidGeoJson(at, InvalidGeoJson.Rule.RING_NOT_CLOSED,
                    "a linear ring must end with its first position", "repeat [" + c[0].x + ", " + c[0].y + "] at the end");
        }
        return factory.createLinearRing(c);
    }

    private Polygon rawPolygon(String at, JsonNode rings) {
        if (!rings.isArray() || rings.isEmpty()) {
            throw malformed(at, "a polygon must be a non-empty array of linear rings");
        }
        LinearRing shell = ring(at + "[0]", rings.get(0));
        LinearRing[] holes = new LinearRing[rings.size() - 1];
        for (int r = 1; r < rings.size(); r++) {
            holes[r - 1] = ring(at + "[" + r + "]", rings.get(r));
        }
        return factory.createPolygon(shell, holes);
    }

    private Polygon polygon(String at, JsonNode rings) {
        Polygon polygon = rawPolygon(at, rings);
        valid(at, polygon);
        return polygon;
    }

    private Geometry multiPolygon(String at, JsonNode polygons) {
        if (polygons.isEmpty()) {
            throw malformed(at, "a MultiPolygon needs at least one polygon");
        }
        Polygon[] ps = new Polygon[polygons.size()];
        for (int i = 0; i < ps.length; i++) {
            ps[i] = polygon(at + "[" + i + "]", polygons.get(i));
        }
        Geometry multi = factory.createMultiPolygon(ps);
        valid(at, multi);
        return multi;
    }

    private static void valid(String at, Geometry g) {
        TopologyValidationError error = new IsValidOp(g).getValidationError();
        if (error == null) {
            return;
        }
        Coordinate where = error.getCoordinate();
        String place = where == null ? "" : " near [" + where.x + ", " + where.y + "]";
        int type = error.getErrorType();
        boolean crossing = type == TopologyValidationError.SELF_INTERSECTION
                || type == TopologyValidationError.RING_SELF_INTERSECTION;
        throw new InvalidGeoJson(at, crossing ? InvalidGeoJson.Rule.SELF_INTERSECTION : InvalidGeoJson.Rule.INVALID_POLYGON,
                (crossing ? "the polygon's edges cross" : "invalid polygon: " + error.getMessage()) + place,
                crossing ? "order the ring's positions along its outline, without figure-eights" : null);
    }

    private void checkNotSwapped(String at, Geometry g) {
        Coordinate[] cs = g.getCoordinates();
        int swappedIn = 0;
        for (Coordinate c : cs) {
            if (inAnyParty(c.y, c.x)) {
                return; // some position lies in a party as given
            }
            if (Math.abs(c.x) <= 90 && inAnyParty(c.x, c.y)) {
                swappedIn++;
            }
        }
        if (swappedIn * 2 > cs.length) {
            Coordinate c = cs[0];
            throw new InvalidGeoJson(at, InvalidGeoJson.Rule.LAT_LON_SWAPPED,
                    "no position lies in " + parties + " as given, but read as [latitude, longitude] they do",
                    "GeoJSON (RFC 7946) orders [longitude, latitude]: did you mean [" + c.y + ", " + c.x + "]?");
        }
    }

    private boolean inAnyParty(double lat, double lon) {
        for (CountryCode party : parties) {
            if (boundaries.isIn(party, lat, lon)) {
                return true;
            }
        }
        return false;
    }

    private static int countPositions(JsonNode node, int depth) {
        if (depth > 4 || !node.isArray()) {
            return 1;
        }
        if (node.isEmpty() || !node.get(0).isArray()) {
            return 1;
        }
        int n = 0;
        for (int i = 0; i < node.size(); i++) {
            n += countPositions(node.get(i), depth + 1);
        }
        return n;
    }

    /**
     * Writes {@code geometry} as an RFC 7946 GeoJSON geometry object: {@code [longitude,
     * latitude]} positions with at most 7 decimals (about a centimetre). Polygon rings are
     * written as they are; points, lines, polygons, their multi forms and geometry collections
     * are supported.
     */
    public static String write(Geometry geometry) {
        java.util.Objects.requireNonNull(geometry, "geometry");
        StringBuilder out = new StringBuilder(64 + geometry.getNumPoints() * 24);
        write(geometry, out);
        return out.toString();
    }

    private static void write(Geometry g, StringBuilder out) {
        String type = g.getGeometryType();
        if (g instanceof org.locationtech.jts.geom.GeometryCollection && !type.startsWith("Multi")) {
            out.append("{\"type\":\"GeometryCollection\",\"geometries\":[");
            for (int i = 0; i < g.getNumGeometries(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                write(g.getGeometryN(i), out);
            }
            out.append("]}");
            return;
        }
        out.append("{\"type\":\"").append(type.equals("LinearRing") ? "LineString" : type)
                .append("\",\"coordinates\":");
        if (g.isEmpty()) {
            out.append("[]}");
            return;
        }
        switch (type) {
            case "Point" -> position(g.getCoordinate(), out);
            case "LineString", "LinearRing" -> positions(g.getCoordinates(), out);
            case "Polygon" -> rings((Polygon) g, out);
            case "MultiPoint" -> positions(g.getCoordinates(), out);
            case "MultiLineString" -> {
                out.append('[');
                for (int i = 0; i < g.getNumGeometries(); i++) {
                    if (i > 0) {
                        out.append(',');
                    }
                    positions(g.getGeometryN(i).getCoordinates(), out);
                }
                out.append(']');
            }
            case "MultiPolygon" -> {
                out.append('[');
                for (int i = 0; i < g.getNumGeometries(); i++) {
                    if (i > 0) {
                        out.append(',');
                    }
                    rings((Polygon) g.getGeometryN(i), out);
                }
                out.append(']');
            }
            default -> throw new IllegalArgumentException("cannot write a " + type + " as GeoJSON");
        }
        out.append('}');
    }

    private static void rings(Polygon p, StringBuilder out) {
        out.append('[');
        positions(p.getExteriorRing().getCoordinates(), out);
        for (int r = 0; r < p.getNumInteriorRing(); r++) {
            out.append(',');
            positions(p.getInteriorRingN(r).getCoordinates(), out);
        }
        out.append(']');
    }

    private static void positions(Coordinate[] cs, StringBuilder out) {
        out.append('[');
        for (int i = 0; i < cs.length; i++) {
            if (i > 0) {
                out.append(',');
            }
            position(cs[i], out);
        }
        out.append(']');
    }

    private static void position(Coordinate c, StringBuilder out) {
        out.append('[').append(decimal(c.x)).append(',').append(decimal(c.y)).append(']');
    }

    private static String decimal(double v) {
        return java.math.BigDecimal.valueOf(Math.round(v * 1e7) / 1e7).stripTrailingZeros().toPlainString();
    }

    private static InvalidGeoJson malformed(String at, String reason) {
        return new InvalidGeoJson(at, InvalidGeoJson.Rule.MALFORMED, reason, null);
    }
}
