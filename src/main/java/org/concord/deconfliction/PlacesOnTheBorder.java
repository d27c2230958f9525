package org.concord.deconfliction;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.concord.deconfliction.geo.Border;
import org.concord.deconfliction.geo.BorderDistance;
import org.concord.deconfliction.geo.Boundaries;
import org.concord.deconfliction.geo.CountryCode;
import org.concord.deconfliction.geo.Position;
import org.concord.deconfliction.geo.Province;
import org.concord.node.InvalidInput;
import org.concord.party.PartyCode;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.operation.overlayng.OverlayNG;
import org.locationtech.jts.operation.overlayng.OverlayNGRobust;

/**
 * Where a place lies with respect to the border two parties share: on whose side, how far from the
 * border, in which province; and whether it is a place their common business can be about at all:
 * within their two territories, or within the pair's border zone (the {@link NotificationZone}'s
 * width either side of the border, which reaches into the sea and third countries near the ends of
 * the border). The geography is deconfliction's; other modules (incidents) ask it here rather than
 * reading {@code geo} themselves. Pure, thread-safe.
 */
public final class PlacesOnTheBorder {

    /** The rule a place outside both territories and the border zone breaks. */
    public static final String RULE = "within-the-parties-or-border-zone";
    /** {@link Placed#side()} of a place in both territories (across or on the border). */
    public static final String BOTH = "BOTH";
    /** {@link Placed#side()} of a place in neither territory (at sea, in a third country) but in the border zone. */
    public static final String NEITHER = "NEITHER";

    private final Boundaries boundaries;
    private final RulesInForce rules;

    public PlacesOnTheBorder(Boundaries boundaries, RulesInForce rules) {
        this.boundaries = Objects.requireNonNull(boundaries, "boundaries");
        this.rules = Objects.requireNonNull(rules, "rules");
    }

    /**
     * Where a place lies.
     *
     * @param side              the party in whose territory it lies, {@link #BOTH} or {@link #NEITHER}
     * @param fromBorderKm      geodesic km from the border to its nearest point (0 when it meets the border)
     * @param nearestBorderPoint the point of the border nearest to it
     * @param province          the province its interior point lies in ({@code PK-BA Balochistan}), if any
     * @param withinTheParties  whether all of it lies within the two territories
     * @param farthestOutsideKm how far from the border its farthest part outside both territories lies (0 when none does)
     * @param zoneKm            the pair's border zone width
     */
    public record Placed(String side, double fromBorderKm, Position nearestBorderPoint, Optional<String> province,
            boolean withinTheParties, double farthestOutsideKm, double zoneKm) {

        /** Whether a place here concerns the pair: within their territories or the border zone. */
        public boolean concernsThePair() {
            return withinTheParties || farthestOutsideKm <= zoneKm;
        }

        /**
         * As a case view shows it, the same on both nodes: side, distance (metres precision),
         * nearest border point [lon, lat], province.
         */
        public Map<String, Object> view() {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("side", side);
            out.put("fromBorderKm", Math.round(fromBorderKm * 1000) / 1000.0);
            out.put("nearestBorderPoint", java.util.List.of(nearestBorderPoint.lon(), nearestBorderPoint.lat()));
            out.put("province", province.orElse(null));
            return out;
        }
    }

    /**
     * Where {@code place} (longitude/latitude) lies with respect to the border of {@code a} and
     * {@code b}; empty when either is no country of the boundaries or the two share no land border.
     */
    public Optional<Placed> locate(PartyCode a, PartyCode b, Geometry place) {
        Objects.requireNonNull(place, "place");
        CountryCode first;
        CountryCode second;
        Border border;
        try {
            first = CountryCode.of(a.value());
            second = CountryCode.of(b.value());
            border = boundaries.border(first, second);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (place.isEmpty()) {
            return Optional.empty();
        }
        BorderDistance distance = border.distanceTo(place);
        boolean inFirst = boundaries.reaches(first, place);
        boolean inSecond = boundaries.reaches(second, place);
        String side = inFirst && inSecond ? BOTH : inFirst ? a.value() : inSecond ? b.value() : NEITHER;
        double farthestOutside = 0;
        boolean within;
        if (place instanceof Point point) {
            within = inFirst || inSecond;
            farthestOutside = within ? 0 : distance.km();
        } else {
            Geometry outside = OverlayNGRobust.overlay(place, boundaries.country(first).orElseThrow().outline(),
                    OverlayNG.DIFFERENCE);
            if (!outside.isEmpty()) {
                outside = OverlayNGRobust.overlay(outside, boundaries.country(second).orElseThrow().outline(),
                        OverlayNG.DIFFERENCE);
            }
            within = outside.isEmpty();
            for (Coordinate c : outside.getCoordinates()) {
                farthestOutside = Math.max(farthestOutside, border.distanceKm(c.y, c.x));
            }
        }
        Optional<String> province = boundaries.provinceAt(Position.of(place.getInteriorPoint().getCoordinate()))
                .map(Province::toString);
        double zone = rules.between(a, b).zone().km();
        return Optional.of(new Placed(side, distance.km(), distance.nearestBorder(), province, within, farthestOutside, zone));
    }

    /**
     * {@link #locate}, refusing a place that does not concern the pair: 400 naming {@code field}
     * and {@link #RULE}. A pair the boundaries cannot place (no shared land border) is not checked.
     */
    public Optional<Placed> check(String field, PartyCode a, PartyCode b, Geometry place) {
        Optional<Placed> placed = locate(a, b, place);
        placed.filter(p -> !p.concernsThePair()).ifPresent(p -> {
            throw new InvalidInput(field, RULE, "lies outside " + a + " and " + b + " and "
                    + Math.round(p.farthestOutsideKm()) + " km from their border, beyond the border zone of "
                    + Math.round(p.zoneKm()) + " km; a place of their common business lies in either territory or "
                    + "within the zone (check the coordinates: [longitude, latitude])");
        });
        return placed;
    }
}
