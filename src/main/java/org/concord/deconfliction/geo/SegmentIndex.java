package org.concord.deconfliction.geo;

import java.util.List;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.LineString;

/**
 * The segments of a border line in flat arrays, grouped into runs of consecutive segments with
 * a bounding box each (about {@code sqrt(n)} runs of {@code sqrt(n)} segments), for a nearest
 * point search that allocates nothing.
 *
 * <p>The search measures in a local metric ({@code dx = dLon * N cos(lat)}, {@code dy = dLat *
 * M}, with the latitude as {@link #nearest} says): first the run whose box is nearest, then every
 * run whose box is nearer than the best segment found so far. Boxes are exact lower bounds in
 * that metric, so the result is the exact nearest point in it; the caller then measures the
 * geodesic to that point. Longitudes are not wrapped at the antimeridian.
 */
final class SegmentIndex {

    private final double[] x1;
    private final double[] y1;
    private final double[] x2;
    private final double[] y2;
    /** cos and sin of half the latitude of each segment's midpoint, for its mean-latitude metric. */
    private final double[] cosHalfLat;
    private final double[] sinHalfLat;
    private final int runLength;
    private final double[] runMinX;
    private final double[] runMinY;
    private final double[] runMaxX;
    private final double[] runMaxY;

    /** The nearest point found: its longitude, latitude, and squared local distance (km²). */
    record Nearest(double lon, double lat, double localKm2) {
    }

    SegmentIndex(List<LineString> lines) {
        int n = 0;
        for (LineString line : lines) {
            n += Math.max(0, line.getNumPoints() - 1);
        }
        if (n == 0) {
            throw new IllegalArgumentException("a border line needs at least one segment");
        }
        x1 = new double[n];
        y1 = new double[n];
        x2 = new double[n];
        y2 = new double[n];
        int i = 0;
        for (LineString line : lines) {
            Coordinate[] c = line.getCoordinates();
            for (int k = 0; k + 1 < c.length; k++, i++) {
                x1[i] = c[k].x;
                y1[i] = c[k].y;
                x2[i] = c[k + 1].x;
                y2[i] = c[k + 1].y;
            }
        }
        cosHalfLat = new double[n];
        sinHalfLat = new double[n];
        for (int k = 0; k < n; k++) {
            double half = Math.toRadians((y1[k] + y2[k]) / 4);
            cosHalfLat[k] = Math.cos(half);
            sinHalfLat[k] = Math.sin(half);
        }
        runLength = Math.max(8, (int) Math.ceil(Math.sqrt(n)));
        int runs = (n + runLength - 1) / runLength;
        runMinX = new double[runs];
        runMinY = new double[runs];
        runMaxX = new double[runs];
        runMaxY = new double[runs];
        for (int r = 0; r < runs; r++) {
            double minX = Double.POSITIVE_INFINITY;
            double minY = Double.POSITIVE_INFINITY;
            double maxX = Double.NEGATIVE_INFINITY;
            double maxY = Double.NEGATIVE_INFINITY;
            for (int s = r * runLength; s < Math.min(n, (r + 1) * runLength); s++) {
                minX = Math.min(minX, Math.min(x1[s], x2[s]));
                maxX = Math.max(maxX, Math.max(x1[s], x2[s]));
                minY = Math.min(minY, Math.min(y1[s], y2[s]));
                maxY = Math.max(maxY, Math.max(y1[s], y2[s]));
            }
            runMinX[r] = minX;
            runMinY[r] = minY;
            runMaxX[r] = maxX;
            runMaxY[r] = maxY;
        }
    }

    int segments() {
        return x1.length;
    }

    /**
     * The point of the line nearest to ({@code lon}, {@code lat}), each segment measured in the
     * local metric at the mean of the query's latitude and the segment's (the equirectangular
     * approximation). One metric at the query's latitude is not enough far from the border: at
     * 300-350 km it mis-scales longitude by a few percent across the candidates, which chose
     * border points whose geodesic was up to 0.4% too long.
     */
    Nearest nearest(double lon, double lat) {
        Query q = new Query(lon, lat);
        int runs = runMinX.length;
        int firstRun = 0;
        double firstBound = Double.POSITIVE_INFINITY;
        for (int r = 0; r < runs; r++) {
            double b = boxDistance2(r, q);
            if (b < firstBound) {
                firstBound = b;
                firstRun = r;
            }
        }
        double[] best = {Double.POSITIVE_INFINITY, 0, 0};
        searchRun(firstRun, q, best);
        for (int r = 0; r < runs; r++) {
            if (r != firstRun && boxDistance2(r, q) < best[0]) {
                searchRun(r, q, best);
            }
        }
        return new Nearest(best[1], best[2], best[0]);
    }

    /** A query point with what its metric needs: {@code kx(y) = n * cos((lat + y) / 2)}. */
    private record Query(double lon, double lat, double n, double ky, double cosHalf, double sinHalf) {
        Query(double lon, double lat) {
            this(lon, lat, Geodesy.kmPerDegreeLon(lat) / Math.cos(Math.toRadians(lat)), Geodesy.kmPerDegreeLat(lat),
                    Math.cos(Math.toRadians(lat / 2)), Math.sin(Math.toRadians(lat / 2)));
        }

        double kxAt(double y) {
            return n * Math.cos(Math.toRadians((lat + y) / 2));
        }
    }

    /**
     * A lower bound of the distance from the query to any segment of run {@code r}: the box gap,
     * longitude scaled by the least {@code kx} any latitude in the box gives.
     */
    private double boxDistance2(int r, Query q) {
        double lon = q.lon();
        double lat = q.lat();
        double dx = lon < runMinX[r] ? runMinX[r] - lon : (lon > runMaxX[r] ? lon - runMaxX[r] : 0);
        double dy = lat < runMinY[r] ? runMinY[r] - lat : (lat > runMaxY[r] ? lat - runMaxY[r] : 0);
        dx *= Math.min(q.kxAt(runMinY[r]), q.kxAt(runMaxY[r]));
        dy *= q.ky();
        return dx * dx + dy * dy;
    }

    private void searchRun(int r, Query q, double[] best) {
        double lon = q.lon();
        double lat = q.lat();
        double ky = q.ky();
        int end = Math.min(x1.length, (r + 1) * runLength);
        for (int s = r * runLength; s < end; s++) {
            // cos((lat + y) / 2) by the sum formula, from the halves' cos and sin
            double kx = q.n() * (q.cosHalf() * cosHalfLat[s] - q.sinHalf() * sinHalfLat[s]);
            double ax = (x1[s] - lon) * kx;
            double ay = (y1[s] - lat) * ky;
            double dx = (x2[s] - x1[s]) * kx;
            double dy = (y2[s] - y1[s]) * ky;
            double len2 = dx * dx + dy * dy;
            double t = len2 == 0 ? 0 : -(ax * dx + ay * dy) / len2;
            if (t < 0) {
                t = 0;
            } else if (t > 1) {
                t = 1;
            }
            double px = ax + t * dx;
            double py = ay + t * dy;
            double d2 = px * px + py * py;
            if (d2 < best[0]) {
                best[0] = d2;
                best[1] = x1[s] + t * (x2[s] - x1[s]);
                best[2] = y1[s] + t * (y2[s] - y1[s]);
            }
        }
    }
}
