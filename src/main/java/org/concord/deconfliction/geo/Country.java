package org.concord.deconfliction.geo;

import java.util.Objects;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Polygonal;

/**
 * A country's outline from Natural Earth 1:10m.
 *
 * @param code     its ISO 3166-1 alpha-2 code
 * @param name     its short English name as Natural Earth gives it
 * @param outline  a {@code Polygon} or {@code MultiPolygon} in longitude/latitude degrees; shared,
 *                 do not modify
 */
public record Country(CountryCode code, String name, Geometry outline) {

    public Country {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(outline, "outline");
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("country name must not be blank");
        }
        if (!(outline instanceof Polygonal) || outline.isEmpty()) {
            throw new IllegalArgumentException("country outline must be a non-empty (Multi)Polygon");
        }
    }

    @Override
    public String toString() {
        return code + " " + name;
    }
}
