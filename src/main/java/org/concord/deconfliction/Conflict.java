package org.concord.deconfliction;

import java.util.Objects;
import org.concord.deconfliction.geo.GeoJson;
import org.concord.party.PartyCode;
import org.locationtech.jts.geom.Geometry;

/**
 * A notice's area and time overlap something of the partner's: a notified operation or a
 * declared protected site. Flagged to both sides with the overlap drawn.
 */
public sealed interface Conflict {

    /** Where they overlap, longitude/latitude: an area, or a line or point where they only meet. */
    Geometry overlap();

    /** {@link #overlap()} as a GeoJSON geometry. */
    default String overlapGeoJson() {
        return GeoJson.write(overlap());
    }

    /**
     * The partner notified an operation in the same place at the same time.
     *
     * @param notice  the partner's notice
     * @param party   the party that notified it
     * @param type    its operation type
     * @param during  the moments both windows share
     * @param overlap where both areas overlap
     */
    record WithPartnerOperation(NoticeId notice, PartyCode party, OperationType type, TimeWindow during,
            Geometry overlap) implements Conflict {

        public WithPartnerOperation {
            Objects.requireNonNull(notice, "notice");
            Objects.requireNonNull(party, "party");
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(during, "during");
            Objects.requireNonNull(overlap, "overlap");
        }
    }

    /**
     * The area reaches a site the partner declared protected (sites are protected at all times).
     *
     * @param site    the site's name
     * @param kind    what it is
     * @param party   the party that declared it
     * @param overlap the part of the site the area covers
     */
    record WithProtectedSite(String site, ProtectedSite.Kind kind, PartyCode party, Geometry overlap)
            implements Conflict {

        public WithProtectedSite {
            Objects.requireNonNull(site, "site");
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(party, "party");
            Objects.requireNonNull(overlap, "overlap");
        }
    }
}
