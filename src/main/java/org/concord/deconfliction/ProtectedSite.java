package org.concord.deconfliction;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.concord.deconfliction.geo.GeoJson;
import org.concord.intel.stix.Tlp;
import org.concord.party.PartyCode;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Point;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A place a party declares protected: no operation of the other party's should reach it.
 *
 * @param name       what people call it, e.g. {@code Taftan-Mirjaveh crossing}
 * @param kind       what it is
 * @param declaredBy the party that declares it
 * @param area       a point or a valid polygon, longitude/latitude
 * @param marking    the TLP level it is shared under, like any other object: it goes to the
 *                   partners the sharing policy in force lets read that level (TLP:AMBER unless
 *                   the declaring party says otherwise; TLP:RED keeps it at home), and is checked
 *                   at home against every partner's notices whoever it went to
 */
public record ProtectedSite(String name, Kind kind, PartyCode declaredBy, Geometry area, Tlp marking) {

    /** The marking of a site whose declaration names none. */
    public static final Tlp DEFAULT_MARKING = Tlp.AMBER;

    /** The kinds of site a party may declare. */
    public enum Kind {
        BORDER_MARKET,
        REFUGEE_CAMP,
        VILLAGE,
        CROSSING_POINT,
        OTHER
    }

    public ProtectedSite {
        name = Invalid.text("name", name, 200);
        Invalid.required("kind", kind);
        Invalid.required("declaredBy", declaredBy);
        Invalid.required("area", area);
        Invalid.required("marking", marking);
        if (!(area instanceof Point)) {
            Areas.polygonal("area", area);
        } else if (area.isEmpty() || Math.abs(area.getCoordinate().y) > 90 || Math.abs(area.getCoordinate().x) > 180) {
            throw Invalid.input("area", "coordinate-range", "a site's point must be a valid [longitude, latitude]");
        }
    }

    /** A site under the {@link #DEFAULT_MARKING}. */
    public ProtectedSite(String name, Kind kind, PartyCode declaredBy, Geometry area) {
        this(name, kind, declaredBy, area, DEFAULT_MARKING);
    }

    /**
     * Reads the sites a party declares from a GeoJSON {@code FeatureCollection}: each feature a
     * {@code Point}, {@code Polygon} or {@code MultiPolygon} with the properties {@code name} and
     * {@code kind} (one of {@link Kind}, case and {@code -}/{@code _} free, e.g. {@code crossing-point}),
     * and optionally {@code marking} ({@code clear}, {@code green}, {@code amber}, {@code amber+strict}
     * or {@code red}, with or without {@code TLP:}; {@link #DEFAULT_MARKING} if absent).
     *
     * @param declaredBy the party declaring them
     * @param json       the feature collection
     * @param reader     the geometry reader (with the parties, to catch swapped coordinates)
     * @throws org.concord.deconfliction.geo.InvalidGeoJson for a faulty geometry, naming
     *         {@code features[i].geometry...}
     * @throws org.concord.node.InvalidInput for a faulty collection or property, naming the field
     */
    public static List<ProtectedSite> fromFeatureCollection(PartyCode declaredBy, String json, GeoJson reader) {
        Invalid.required("declaredBy", declaredBy);
        JsonNode root;
        try {
            root = JsonMapper.shared().readTree(Invalid.required("sites", json));
        } catch (JacksonException e) {
            throw Invalid.input("sites", "json", "not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject() || !"FeatureCollection".equals(root.path("type").asString(""))
                || !root.path("features").isArray()) {
            throw Invalid.input("sites", "feature-collection",
                    "must be a GeoJSON FeatureCollection with a \"features\" array");
        }
        List<ProtectedSite> sites = new ArrayList<>();
        JsonNode features = root.get("features");
        for (int i = 0; i < features.size(); i++) {
            String at = "features[" + i + "]";
            JsonNode f = features.get(i);
            JsonNode props = f.path("properties");
            String name = props.path("name").isString() ? props.get("name").asString() : null;
            Invalid.text(at + ".properties.name", name, 200);
            String kindText = props.path("kind").isString() ? props.get("kind").asString() : "";
            Kind kind;
            try {
                kind = Kind.valueOf(kindText.strip().toUpperCase(Locale.ROOT).replace('-', '_'));
            } catch (IllegalArgumentException e) {
                throw Invalid.input(at + ".properties.kind", "site-kind", "must be one of "
                        + java.util.Arrays.toString(Kind.values()) + ", got '" + kindText + "'");
            }
            Tlp marking = marking(at + ".properties.marking", props.get("marking"));
            Geometry area = reader.read(at + ".geometry", f.get("geometry"));
            sites.add(new ProtectedSite(name, kind, declaredBy, area, marking));
        }
        return List.copyOf(sites);
    }

    private static Tlp marking(String field, JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return DEFAULT_MARKING;
        }
        String text = value.isString() ? value.asString().strip() : "";
        String bare = text.regionMatches(true, 0, "TLP:", 0, 4) ? text.substring(4) : text;
        for (Tlp tlp : Tlp.values()) {
            if (tlp.label().substring(4).equalsIgnoreCase(bare)) {
                return tlp;
            }
        }
        throw Invalid.input(field, "tlp", "must be one of clear, green, amber, amber+strict, red, got '" + value + "'");
    }

    /** The site's area as GeoJSON. */
    public String toGeoJson() {
        return GeoJson.write(area);
    }
}
