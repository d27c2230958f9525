package org.concord.deconfliction.geo;

import java.util.Objects;

/**
 * How far something is from a border, and where.
 *
 * @param km            geodesic distance on the WGS84 ellipsoid, kilometres; 0 when it touches or
 *                      crosses the border
 * @param nearestBorder the point of the border line nearest to it
 * @param nearestOwn    its own point nearest to the border (the point itself for a point)
 */
public record BorderDistance(double km, Position nearestBorder, Position nearestOwn) {

    public BorderDistance {
        Objects.requireNonNull(nearestBorder, "nearestBorder");
        Objects.requireNonNull(nearestOwn, "nearestOwn");
        if (!Double.isFinite(km) || km < 0) {
            throw new IllegalArgumentException("distance must be finite and not negative, got " + km);
        }
    }

    /** Whether it lies within {@code km} of the border (inclusive). */
    public boolean within(double limitKm) {
        return km <= limitKm;
    }
}
