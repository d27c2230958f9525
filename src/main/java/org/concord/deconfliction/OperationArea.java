package org.concord.deconfliction;

import java.util.List;
import org.concord.deconfliction.geo.Border;
import org.concord.deconfliction.geo.BorderDistance;
import org.concord.deconfliction.geo.GeodesicShapes;
import org.concord.deconfliction.geo.GeoJson;
import org.concord.deconfliction.geo.Position;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineString;

/**
 * Where an operation takes place: a point with a radius, a polygon, or for a missile a launch
 * point, an impact area and the trajectory between them. Longitude/latitude degrees (WGS84) as in
 * GeoJSON; read untrusted GeoJSON with {@link GeoJson} first, which names the field and the rule
 * of any fault, then make the area here.
 */
public sealed interface OperationArea {

    /** The largest radius a point area may have, in km. */
    double MAX_RADIUS_KM = 500;

    /**
     * The parts of the area as geometry, longitude/latitude: one polygon for a point with radius
     * (a covering geodesic circle, see {@link GeodesicShapes#circle}) or a polygon; the launch
     * point, impact area and trajectory for a missile flight.
     */
    List<Geometry> parts();

    /** All the parts as one geometry (a {@code GeometryCollection} for a missile flight). */
    default Geometry footprint() {
        List<Geometry> parts = parts();
        return parts.size() == 1 ? parts.get(0) : Areas.FACTORY.buildGeometry(parts);
    }

    /**
     * How far the area's nearest point is from {@code border}, geodesic on WGS84, with the
     * nearest border point; 0 with a meeting point when it touches or crosses the line. Measured
     * whichever side of the border the area lies on.
     */
    default BorderDistance distanceTo(Border border) {
        BorderDistance best = null;
        for (Geometry part : parts()) {
            BorderDistance d = border.distanceTo(part);
            if (best == null || d.km() < best.km()) {
                best = d;
            }
        }
        return best;
    }

    /** The area as a GeoJSON geometry, for maps and messages. */
    default String toGeoJson() {
        return GeoJson.write(footprint());
    }

    static OperationArea aroundPoint(Position centre, double radiusKm) {
        return new AroundPoint(centre, radiusKm);
    }

    static OperationArea polygon(Geometry polygon) {
        return new Zone(polygon);
    }

    static OperationArea missileFlight(Position launchPoint, Geometry impactArea, LineString trajectory) {
        return new MissileFlight(launchPoint, impactArea, trajectory);
    }

    /**
     * Everything within {@code radiusKm} of {@code centre}, measured on the ellipsoid.
     *
     * @param centre   the point
     * @param radiusKm more than 0 and at most {@value #MAX_RADIUS_KM} km
     */
    record AroundPoint(Position centre, double radiusKm) implements OperationArea {

        public AroundPoint {
            Invalid.required("area.centre", centre);
            if (!Double.isFinite(radiusKm) || radiusKm <= 0 || radiusKm > MAX_RADIUS_KM) {
                throw Invalid.input("area.radiusKm", "radius-range",
                        "the radius must be more than 0 and at most " + MAX_RADIUS_KM + " km, got " + radiusKm);
            }
        }

        @Override
        public List<Geometry> parts() {
            return List.of(GeodesicShapes.circle(centre, radiusKm));
        }

        /**
         * Exact on the ellipsoid, not measured on the drawn circle: the centre's distance less
         * the radius (the disc's nearest point lies on the geodesic from the centre to the
         * nearest border point), 0 when the disc reaches the border.
         */
        @Override
        public BorderDistance distanceTo(Border border) {
            BorderDistance fromCentre = border.distanceTo(centre);
            if (fromCentre.km() <= radiusKm) {
                return new BorderDistance(0, fromCentre.nearestBorder(), fromCentre.nearestBorder());
            }
            Position own = centre.moved(centre.azimuthTo(fromCentre.nearestBorder()), radiusKm);
            return new BorderDistance(fromCentre.km() - radiusKm, fromCentre.nearestBorder(), own);
        }
    }

    /**
     * The inside of a polygon or multipolygon.
     *
     * @param polygon a valid (not self-intersecting) {@code Polygon} or {@code MultiPolygon}
     */
    record Zone(Geometry polygon) implements OperationArea {

        public Zone {
            Areas.polygonal("area.polygon", polygon);
        }

        @Override
        public List<Geometry> parts() {
            return List.of(polygon);
        }
    }

    /**
     * A missile's (or a long-range rocket's or shell's) flight: where it is launched, where it
     * may fall, and the ground track between them.
     *
     * @param launchPoint where it is launched
     * @param impactArea  a valid polygon where it may fall
     * @param trajectory  its ground track: starts within 1 km of the
     *                    launch point and ends in the impact area
     */
    record MissileFlight(Position launchPoint, Geometry impactArea, LineString trajectory) implements OperationArea {

        public MissileFlight {
            Invalid.required("area.launchPoint", launchPoint);
            Areas.polygonal("area.impactArea", impactArea);
            Invalid.required("area.trajectory", trajectory);
            if (trajectory.getNumPoints() < 2) {
                throw Invalid.input("area.trajectory", "too-few-positions", "a trajectory needs at least 2 positions");
            }
            Position first = Position.of(trajectory.getCoordinateN(0));
            double km = first.distanceKm(launchPoint);
            if (km > Areas.TRAJECTORY_TOLERANCE_KM) {
                throw Invalid.input("area.trajectory", "starts-at-launch-point", String.format(java.util.Locale.ROOT,
                        "the trajectory must start at the launch point, but starts %.1f km from it", km));
            }
            Coordinate last = trajectory.getCoordinateN(trajectory.getNumPoints() - 1);
            if (!impactArea.covers(Areas.FACTORY.createPoint(last))) {
                throw Invalid.input("area.trajectory", "ends-in-impact-area",
                        "the trajectory must end in the impact area, but ends at [" + last.x + ", " + last.y + "]");
            }
        }

        @Override
        public List<Geometry> parts() {
            return List.of(Areas.FACTORY.createPoint(launchPoint.toCoordinate()), impactArea, trajectory);
        }
    }
}
