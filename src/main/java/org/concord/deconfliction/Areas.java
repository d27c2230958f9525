package org.concord.deconfliction;

import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Polygonal;
import org.locationtech.jts.geom.PrecisionModel;
import org.locationtech.jts.operation.valid.IsValidOp;
import org.locationtech.jts.operation.valid.TopologyValidationError;

/** Checks shared by the areas. */
final class Areas {

    static final double TRAJECTORY_TOLERANCE_KM = 1.0;
    static final GeometryFactory FACTORY = new GeometryFactory(new PrecisionModel(), 4326);

    private Areas() {
    }

    static void polygonal(String field, Geometry g) {
        Invalid.required(field, g);
        if (!(g instanceof Polygonal) || g.isEmpty()) {
            throw Invalid.input(field, "polygon", "must be a non-empty Polygon or MultiPolygon, got " + g.getGeometryType());
        }
        for (Coordinate c : g.getCoordinates()) {
            if (!(Math.abs(c.y) <= 90) || !(Math.abs(c.x) <= 180)) {
                throw Invalid.input(field, "coordinate-range", "positions must be [longitude within [-180, 180], "
                        + "latitude within [-90, 90]], got [" + c.x + ", " + c.y + "]");
            }
        }
        TopologyValidationError error = new IsValidOp(g).getValidationError();
        if (error != null) {
            int type = error.getErrorType();
            boolean crossing = type == TopologyValidationError.SELF_INTERSECTION
                    || type == TopologyValidationError.RING_SELF_INTERSECTION;
            Coordinate at = error.getCoordinate();
            throw Invalid.input(field, crossing ? "self-intersection" : "valid-polygon",
                    (crossing ? "the polygon's edges cross" : "invalid polygon: " + error.getMessage())
                            + (at == null ? "" : " near [" + at.x + ", " + at.y + "]"));
        }
    }
}
