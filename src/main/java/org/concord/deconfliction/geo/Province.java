package org.concord.deconfliction.geo;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Polygonal;

/**
 * A first-level administrative division (province, state, region) from Natural Earth 1:10m.
 *
 * <p>Codes are Natural Earth's, which for Iran predate ISO's 2020 renumbering (Sistan and
 * Baluchestan is {@code IR-13}) and give Alborz and Tehran the same {@code IR-07}; see
 * {@code src/main/resources/geo/README.md}.
 *
 * @param country    the country it belongs to
 * @param isoCode    its ISO 3166-2 code such as {@code PK-BA}, or empty when Natural Earth has none
 * @param name       its current English name ({@code Balochistan})
 * @param localNames names by language tag ({@code fa}, {@code ur}, {@code ar}) where known
 * @param outline    a {@code Polygon} or {@code MultiPolygon} in longitude/latitude degrees; shared,
 *                   do not modify
 */
public record Province(CountryCode country, String isoCode, String name, Map<String, String> localNames,
        Geometry outline) {

    public Province {
        Objects.requireNonNull(country, "country");
        Objects.requireNonNull(isoCode, "isoCode (empty when unknown)");
        Objects.requireNonNull(outline, "outline");
        localNames = Map.copyOf(Objects.requireNonNull(localNames, "localNames"));
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("province name must not be blank");
        }
        if (!isoCode.isEmpty() && !isoCode.matches("[A-Z]{2}-[A-Z0-9]{1,3}")) {
            throw new IllegalArgumentException("province code must be ISO 3166-2 (XX-YYY), got '" + isoCode + "'");
        }
        if (!(outline instanceof Polygonal)) {
            throw new IllegalArgumentException("province outline must be a (Multi)Polygon");
        }
    }

    /** Its ISO 3166-2 code, if Natural Earth has one. */
    public Optional<String> code() {
        return isoCode.isEmpty() ? Optional.empty() : Optional.of(isoCode);
    }

    @Override
    public String toString() {
        return (isoCode.isEmpty() ? country.value() : isoCode) + " " + name;
    }
}
