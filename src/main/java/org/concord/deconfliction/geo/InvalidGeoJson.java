package org.concord.deconfliction.geo;

import java.util.Objects;
import java.util.Optional;

/**
 * GeoJSON refused: names the field (a JSON path below the caller's field name, such as
 * {@code area.coordinates[0][3]}), the rule broken, and, where one is likely, a hint.
 */
public final class InvalidGeoJson extends IllegalArgumentException {

    /** The rules a GeoJSON geometry must keep (RFC 7946 and Concord's own). */
    public enum Rule {
        /** Not well-formed JSON. */
        INVALID_JSON,
        /** A member is missing or has the wrong JSON type. */
        MALFORMED,
        /** {@code type} is not one of the geometries accepted. */
        UNKNOWN_TYPE,
        /** A position is not [longitude, latitude] (optionally with altitude) of finite numbers. */
        BAD_POSITION,
        /** Longitude outside [-180, 180] or latitude outside [-90, 90]. */
        OUT_OF_RANGE,
        /** Too few positions: a line needs 2, a ring 4. */
        TOO_FEW_POSITIONS,
        /** A ring's last position is not its first. */
        RING_NOT_CLOSED,
        /** A ring crosses itself or another ring of its polygon. */
        SELF_INTERSECTION,
        /** Another topological fault of a polygon (hole outside its shell, nested shells...). */
        INVALID_POLYGON,
        /** In range, but in [latitude, longitude] order by every sign. */
        LAT_LON_SWAPPED
    }

    private final String field;
    private final Rule rule;
    private final String hint;

    InvalidGeoJson(String field, Rule rule, String reason, String hint) {
        super(field + ": " + reason + (hint == null ? "" : " (hint: " + hint + ")"));
        this.field = Objects.requireNonNull(field, "field");
        this.rule = Objects.requireNonNull(rule, "rule");
        this.hint = hint;
    }

    /** Where: the caller's field name and the JSON path below it. */
    public String field() {
        return field;
    }

    /** Which rule was broken. */
    public Rule rule() {
        return rule;
    }

    /** What the sender probably meant, if we can tell. */
    public Optional<String> hint() {
        return Optional.ofNullable(hint);
    }
}
