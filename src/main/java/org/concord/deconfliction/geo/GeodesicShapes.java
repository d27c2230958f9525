package org.concord.deconfliction.geo;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import net.sf.geographiclib.Geodesic;
import net.sf.geographiclib.GeodesicData;
import net.sf.geographiclib.GeodesicMask;
import org.locationtech.jts.densify.Densifier;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.util.GeometryTransformer;
import org.locationtech.jts.geom.util.LinearComponentExtracter;
import org.locationtech.jts.operation.buffer.BufferParameters;
import org.locationtech.jts.operation.union.UnaryUnionOp;

/**
 * Shapes drawn on the ellipsoid and returned in longitude/latitude degrees: a circle around a
 * point and the zone within a distance of a border.
 *
 * <p><b>Circle.</b> The vertices are geodesic moves from the centre (Karney's direct problem)
 * at {@value #CIRCLE_VERTICES} equal azimuths, at the radius divided by {@code cos(pi/n)} and
 * widened by the most an edge straight in longitude/latitude can sag from the geodesic between
 * its ends ({@code L^2 tan(lat) / 8R} for an edge of length {@code L}), so that the polygon's
 * edges pass outside the true circle: the polygon covers every point within the radius and
 * reaches at most 0.15% beyond it (0.1% below 40 degrees of latitude). Covering, not inscribed,
 * because the sovereignty check must not miss a sliver of the partner's territory.
 *
 * <p><b>Border zone.</b> A buffer of the border line by {@code km}, computed piece by piece in an
 * azimuthal equidistant projection centred on each piece (at most {@value #PIECE_KM} km of
 * border each): that projection keeps distances from its centre exact and stretches those across
 * by {@code (r/R)/sin(r/R)}, under 0.3% within 700 km of the centre. The buffer is drawn there in
 * kilometres, its outline densified to {@code km/20} and taken back to the ellipsoid, and the
 * pieces are unioned. The zone's outline is then within 1% of {@code km} from the border
 * (tested against {@link Border#distanceTo(Position)}).
 */
public final class GeodesicShapes {

    static final int CIRCLE_VERTICES = 72;
    static final double PIECE_KM = 500;
    private static final GeometryFactory FACTORY = Boundaries.FACTORY;

    private GeodesicShapes() {
    }

    /**
     * A polygon covering every point within {@code radiusKm} of {@code centre} on the ellipsoid.
     *
     * @throws IllegalArgumentException if the radius is not positive and finite, or the circle
     *                                  would cross the antimeridian or reach a pole
     */
    public static Polygon circle(Position centre, double radiusKm) {
        Objects.requireNonNull(centre, "centre");
        if (!Double.isFinite(radiusKm) || radiusKm <= 0) {
            throw new IllegalArgumentException("a circle's radius must be a positive number of km, got " + radiusKm);
        }
        // edges straight in longitude/latitude pass within the chord's sagitta L^2 tan(lat) / 8R
        // of the geodesic between the same vertices (towards the equator): widen by that too
        double chord = 2 * Math.PI * radiusKm / CIRCLE_VERTICES;
        double maxLat = Math.min(89.0, Math.abs(centre.lat()) + radiusKm / 110.0);
        double sagitta = chord * chord * Math.tan(Math.toRadians(maxLat)) / (8 * Geodesy.A_KM);
        double reach = radiusKm / Math.cos(Math.PI / CIRCLE_VERTICES) + sagitta;
        Coordinate[] ring = new Coordinate[CIRCLE_VERTICES + 1];
        for (int i = 0; i < CIRCLE_VERTICES; i++) {
            // clockwise from north; the ring is reversed below to run counter-clockwise (RFC 7946)
            double azimuth = 360.0 * i / CIRCLE_VERTICES;
            GeodesicData d = Geodesic.WGS84.Direct(centre.lat(), centre.lon(), azimuth, reach * 1000.0,
                    GeodesicMask.LATITUDE | GeodesicMask.LONGITUDE | GeodesicMask.LONG_UNROLL);
            if (d.lon2 > 180 || d.lon2 < -180 || Math.abs(d.lat2) > 89.9) {
                throw new IllegalArgumentException("a circle of " + radiusKm + " km around " + centre
                        + " crosses the antimeridian or reaches a pole, which is not supported");
            }
            ring[CIRCLE_VERTICES - i] = new Coordinate(d.lon2, d.lat2);
        }
        ring[0] = new Coordinate(ring[CIRCLE_VERTICES]);
        return FACTORY.createPolygon(ring);
    }

    /**
     * The zone within {@code km} of {@code border} on either side, as a polygon in
     * longitude/latitude degrees; see the class documentation for the method and its accuracy.
     *
     * @throws IllegalArgumentException if {@code km} is not more than 0 and at most 1000
     */
    public static Geometry borderZone(Border border, double km) {
        Objects.requireNonNull(border, "border");
        if (!Double.isFinite(km) || km <= 0 || km > 1000) {
            throw new IllegalArgumentException("a border zone's width must be within (0, 1000] km, got " + km);
        }
        List<Geometry> pieces = new ArrayList<>();
        BufferParameters parameters = new BufferParameters(32, BufferParameters.CAP_ROUND,
                BufferParameters.JOIN_ROUND, BufferParameters.DEFAULT_MITRE_LIMIT);
        for (Object part : LinearComponentExtracter.getLines(border.line())) {
            for (Coordinate[] piece : pieces(((LineString) part).getCoordinates())) {
                Coordinate middle = piece[piece.length / 2];
                Projection projection = new Projection(middle.y, middle.x);
                Geometry projected = projection.forward(FACTORY.createLineString(piece));
                Geometry buffer = org.locationtech.jts.operation.buffer.BufferOp.bufferOp(projected, km, parameters);
                Geometry dense = Densifier.densify(buffer, km / 20);
                pieces.add(projection.reverse(dense));
            }
        }
        return UnaryUnionOp.union(pieces);
    }

    /** Splits a line into runs of at most {@link #PIECE_KM} km that share their end vertices. */
    private static List<Coordinate[]> pieces(Coordinate[] c) {
        List<Coordinate[]> pieces = new ArrayList<>();
        int start = 0;
        double km = 0;
        for (int i = 1; i < c.length; i++) {
            km += Geodesy.distanceKm(c[i - 1].y, c[i - 1].x, c[i].y, c[i].x);
            if ((km >= PIECE_KM && i - start >= 1) || i == c.length - 1) {
                Coordinate[] piece = new Coordinate[i - start + 1];
                System.arraycopy(c, start, piece, 0, piece.length);
                pieces.add(piece);
                start = i;
                km = 0;
            }
        }
        if (pieces.isEmpty()) {
            pieces.add(c.clone());
        }
        return pieces;
    }

    /** The ellipsoidal azimuthal equidistant projection about one point, in kilometres. */
    private static final class Projection {
        private final double lat0;
        private final double lon0;

        Projection(double lat0, double lon0) {
            this.lat0 = lat0;
            this.lon0 = lon0;
        }

        Geometry forward(Geometry g) {
            return new GeometryTransformer() {
                @Override
                protected org.locationtech.jts.geom.CoordinateSequence transformCoordinates(
                        org.locationtech.jts.geom.CoordinateSequence coords, Geometry parent) {
                    Coordinate[] out = new Coordinate[coords.size()];
                    for (int i = 0; i < out.length; i++) {
                        GeodesicData d = Geodesic.WGS84.Inverse(lat0, lon0, coords.getY(i), coords.getX(i),
                                GeodesicMask.DISTANCE | GeodesicMask.AZIMUTH);
                        double s = d.s12 / 1000.0;
                        double a = Math.toRadians(d.azi1);
                        out[i] = new Coordinate(s * Math.sin(a), s * Math.cos(a));
                    }
                    return factory.getCoordinateSequenceFactory().create(out);
                }
            }.transform(g);
        }

        Geometry reverse(Geometry g) {
            return new GeometryTransformer() {
                @Override
                protected org.locationtech.jts.geom.CoordinateSequence transformCoordinates(
                        org.locationtech.jts.geom.CoordinateSequence coords, Geometry parent) {
                    Coordinate[] out = new Coordinate[coords.size()];
                    for (int i = 0; i < out.length; i++) {
                        double x = coords.getX(i);
                        double y = coords.getY(i);
                        GeodesicData d = Geodesic.WGS84.Direct(lat0, lon0, Math.toDegrees(Math.atan2(x, y)),
                                Math.hypot(x, y) * 1000.0, GeodesicMask.LATITUDE | GeodesicMask.LONGITUDE);
                        out[i] = new Coordinate(d.lon2, d.lat2);
                    }
                    return factory.getCoordinateSequenceFactory().create(out);
                }
            }.transform(g);
        }
    }
}
