package org.concord.deconfliction.geo;

import net.sf.geographiclib.Geodesic;
import net.sf.geographiclib.GeodesicMask;

/**
 * The ellipsoid and the two measures everything here uses.
 *
 * <ul>
 *   <li>Exact distances: the geodesic inverse problem on WGS84 (Karney 2013, "Algorithms for
 *       geodesics", via GeographicLib), accurate to nanometres.</li>
 *   <li>Candidate search: a local tangent-plane metric at a reference latitude, scaled by the
 *       ellipsoid's meridional ({@code M}) and prime-vertical ({@code N}) radii of curvature, used
 *       only to <em>choose</em> the nearest point; the distance reported is then the exact
 *       geodesic to that point.</li>
 * </ul>
 */
final class Geodesy {

    static final double A_KM = 6378.137;
    static final double E2 = 0.00669437999014; // WGS84 first eccentricity squared
    private static final double DEG = Math.PI / 180.0;

    private Geodesy() {
    }

    static double distanceKm(double lat1, double lon1, double lat2, double lon2) {
        return Geodesic.WGS84.Inverse(lat1, lon1, lat2, lon2, GeodesicMask.DISTANCE).s12 / 1000.0;
    }

    /** Kilometres per degree of longitude at {@code lat} ({@code N cos(lat)}, in km/degree). */
    static double kmPerDegreeLon(double lat) {
        double s = Math.sin(lat * DEG);
        double n = A_KM / Math.sqrt(1 - E2 * s * s);
        return n * Math.cos(lat * DEG) * DEG;
    }

    /** Kilometres per degree of latitude at {@code lat} ({@code M}, in km/degree). */
    static double kmPerDegreeLat(double lat) {
        double s = Math.sin(lat * DEG);
        double w = 1 - E2 * s * s;
        return A_KM * (1 - E2) / (w * Math.sqrt(w)) * DEG;
    }
}
