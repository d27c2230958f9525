package org.concord.deconfliction.geo;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.operation.distance.IndexedFacetDistance;
import org.locationtech.jts.operation.linemerge.LineMerger;

/**
 * Derives the line two outlines share: the segments of {@code a}'s boundary whose ends and
 * midpoint all lie within a tolerance of {@code b}'s boundary, merged into maximal lines.
 * Equivalent to intersecting the two boundaries, but robust to vertices that coincide only up
 * to rounding, where an exact overlay would return scattered points.
 */
final class SharedBorderLine {

    private SharedBorderLine() {
    }

    static Geometry between(Geometry a, Geometry b, double tolerance) {
        GeometryFactory factory = a.getFactory();
        Envelope reach = new Envelope(b.getEnvelopeInternal());
        reach.expandBy(tolerance);
        if (!reach.intersects(a.getEnvelopeInternal())) {
            return factory.createMultiLineString();
        }
        IndexedFacetDistance toB = new IndexedFacetDistance(b.getBoundary());
        LineMerger merger = new LineMerger();
        int kept = 0;
        Geometry boundary = a.getBoundary();
        for (int g = 0; g < boundary.getNumGeometries(); g++) {
            Coordinate[] c = boundary.getGeometryN(g).getCoordinates();
            for (int i = 0; i + 1 < c.length; i++) {
                Coordinate p = c[i];
                Coordinate q = c[i + 1];
                if (p.equals2D(q) || !reach.contains(p) || !reach.contains(q)) {
                    continue;
                }
                Coordinate mid = new Coordinate((p.x + q.x) / 2, (p.y + q.y) / 2);
                if (near(toB, p, tolerance, factory) && near(toB, q, tolerance, factory)
                        && near(toB, mid, tolerance, factory)) {
                    merger.add(factory.createLineString(new Coordinate[] {new Coordinate(p), new Coordinate(q)}));
                    kept++;
                }
            }
        }
        if (kept == 0) {
            return factory.createMultiLineString();
        }
        @SuppressWarnings("unchecked")
        Collection<LineString> merged = merger.getMergedLineStrings();
        List<LineString> lines = new ArrayList<>(merged);
        return lines.size() == 1 ? lines.get(0) : factory.createMultiLineString(lines.toArray(LineString[]::new));
    }

    private static boolean near(IndexedFacetDistance toB, Coordinate c, double tolerance, GeometryFactory factory) {
        return toB.isWithinDistance(factory.createPoint(c), tolerance);
    }
}
