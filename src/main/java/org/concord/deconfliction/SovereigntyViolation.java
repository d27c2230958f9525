package org.concord.deconfliction;

import java.util.List;
import org.concord.deconfliction.geo.GeoJson;
import org.concord.party.PartyCode;
import org.locationtech.jts.geom.Geometry;

/**
 * Why a notice cannot be sent: part of its area lies in the partner's territory. A notice
 * announces what a party does on its own side; acting on the partner's side is for the partner
 * to do, or to agree to. Hence the offers.
 *
 * @param partner       whose territory the area reaches
 * @param insidePartner the part of the area in the partner's territory (longitude/latitude); a
 *                      point or line where the area only touches the border
 * @param explanation   one paragraph for the officer
 * @param offers        a request for action and a joint-operation proposal, ready to prefill
 */
public record SovereigntyViolation(PartyCode partner, Geometry insidePartner, String explanation,
        List<ConversionOffer> offers) {

    public SovereigntyViolation {
        Invalid.required("partner", partner);
        Invalid.required("insidePartner", insidePartner);
        explanation = Invalid.text("explanation", explanation, 2000);
        offers = List.copyOf(Invalid.required("offers", offers));
    }

    /** {@link #insidePartner()} as GeoJSON, to draw on the map. */
    public String insidePartnerGeoJson() {
        return GeoJson.write(insidePartner);
    }
}
