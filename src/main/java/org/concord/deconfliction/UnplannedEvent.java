package org.concord.deconfliction;

import java.time.Instant;
import org.concord.deconfliction.geo.Border;
import org.concord.deconfliction.geo.BorderDistance;
import org.concord.deconfliction.geo.GeoJson;
import org.concord.party.PartyCode;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.Point;

/**
 * Something that happened without notice and must reach the partner within minutes: an
 * accidental or unexplained launch, or an incursion, with its track as far as it is known. Unlike
 * a notice it is never refused for where it lies: an incursion is reported precisely because it
 * crossed the border.
 *
 * @param id          unique across both nodes
 * @param reportedBy  the party reporting it
 * @param partner     the party told; not the reporting party
 * @param kind        what happened
 * @param observedAt  when it was first observed
 * @param track       the ground track, longitude/latitude: a {@code LineString} in the order
 *                    flown or walked, or a {@code Point} when only one position is known
 * @param description what is known, for the partner's duty officer
 * @param contact     whom the partner calls about it
 */
public record UnplannedEvent(NoticeId id, PartyCode reportedBy, PartyCode partner, Kind kind, Instant observedAt,
        Geometry track, String description, Contact contact) {

    /** What happened. */
    public enum Kind {
        /** A missile, rocket or shell launched by mistake. */
        ACCIDENTAL_LAUNCH,
        /** A launch observed whose origin is not known. */
        UNEXPLAINED_LAUNCH,
        /** Aircraft or a drone crossing into the partner's airspace. */
        AIRSPACE_INCURSION,
        /** Forces crossing the land border. */
        GROUND_INCURSION
    }

    public UnplannedEvent {
        Invalid.required("id", id);
        Invalid.required("reportedBy", reportedBy);
        Invalid.required("partner", partner);
        Invalid.required("kind", kind);
        Invalid.required("observedAt", observedAt);
        Invalid.required("track", track);
        Invalid.required("contact", contact);
        description = Invalid.text("description", description, 2000);
        if (partner.equals(reportedBy)) {
            throw Invalid.input("partner", "different-parties",
                    "an event is reported to a partner, not to the reporting party itself (" + partner + ")");
        }
        if (!(track instanceof LineString) && !(track instanceof Point) || track.isEmpty()) {
            throw Invalid.input("track", "line-or-point", "the track must be a GeoJSON LineString (the path in the "
                    + "order taken) or a Point (a single position), got " + track.getGeometryType());
        }
    }

    /** Whether the track meets or crosses the border. */
    public boolean crosses(Border border) {
        return border.meets(track);
    }

    /** The track's nearest approach to the border (0 with the meeting point if it reaches it). */
    public BorderDistance fromBorder(Border border) {
        return border.distanceTo(track);
    }

    /** The track as GeoJSON. */
    public String trackGeoJson() {
        return GeoJson.write(track);
    }
}
