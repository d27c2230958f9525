package org.concord.deconfliction;

import org.concord.deconfliction.geo.GeodesicShapes;
import org.concord.deconfliction.geo.Position;
import org.locationtech.jts.geom.Coordinate;

/** Missile flights for the tests. */
final class MissileFlights {

    private MissileFlights() {
    }

    /** Launched at {@code launch}, on a straight track to the centre of an impact circle of {@code impactKm} round {@code impact}. */
    static OperationArea straight(Position launch, Position impact, double impactKm) {
        return OperationArea.missileFlight(launch, GeodesicShapes.circle(impact, impactKm),
                Areas.FACTORY.createLineString(new Coordinate[] {launch.toCoordinate(), impact.toCoordinate()}));
    }
}
