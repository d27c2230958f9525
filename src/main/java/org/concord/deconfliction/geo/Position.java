package org.concord.deconfliction.geo;

import net.sf.geographiclib.Geodesic;
import net.sf.geographiclib.GeodesicData;
import net.sf.geographiclib.GeodesicMask;
import org.locationtech.jts.geom.Coordinate;

/**
 * A point on the WGS84 ellipsoid in decimal degrees. Note the order: latitude first, as people
 * say it; GeoJSON and JTS put longitude first.
 *
 * <p>Distances and moves are geodesics on the WGS84 ellipsoid, solved with Karney's algorithms
 * (GeographicLib), accurate to a few nanometres.
 *
 * @param lat latitude in degrees, within [-90, 90]
 * @param lon longitude in degrees, within [-180, 180]
 */
public record Position(double lat, double lon) {

    public Position {
        if (!Double.isFinite(lat) || lat < -90 || lat > 90) {
            throw new IllegalArgumentException("latitude must be within [-90, 90], got " + lat);
        }
        if (!Double.isFinite(lon) || lon < -180 || lon > 180) {
            throw new IllegalArgumentException("longitude must be within [-180, 180], got " + lon);
        }
    }

    /** The position of a JTS coordinate ({@code x} longitude, {@code y} latitude). */
    public static Position of(Coordinate coordinate) {
        return new Position(coordinate.y, coordinate.x);
    }

    /** This position as a JTS coordinate ({@code x} longitude, {@code y} latitude). */
    public Coordinate toCoordinate() {
        return new Coordinate(lon, lat);
    }

    /** Geodesic distance on the WGS84 ellipsoid, in kilometres. */
    public double distanceKm(Position other) {
        return Geodesy.distanceKm(lat, lon, other.lat, other.lon);
    }

    /** Initial azimuth of the geodesic towards {@code other}, degrees clockwise from north. */
    public double azimuthTo(Position other) {
        return Geodesic.WGS84.Inverse(lat, lon, other.lat, other.lon, GeodesicMask.AZIMUTH).azi1;
    }

    /** The position reached by following the geodesic from here at {@code azimuth} for {@code km}. */
    public Position moved(double azimuth, double km) {
        GeodesicData d = Geodesic.WGS84.Direct(lat, lon, azimuth, km * 1000.0,
                GeodesicMask.LATITUDE | GeodesicMask.LONGITUDE | GeodesicMask.LONG_UNROLL);
        double lon2 = d.lon2;
        if (lon2 > 180) {
            lon2 -= 360;
        } else if (lon2 < -180) {
            lon2 += 360;
        }
        return new Position(d.lat2, lon2);
    }
}
