package org.concord.deconfliction.internal;

import java.util.List;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

import org.concord.deconfliction.geo.Boundaries;
import org.concord.deconfliction.geo.CountryCode;
import org.concord.deconfliction.geo.GeoJson;
import org.concord.node.InvalidInput;
import org.concord.party.PartyCode;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * The partner's deconfliction messages, as {@code ReceivingFromPartners} and {@code
 * AnsweringConflicts} read them from the inbox: a notice (and its revision number), a protected site, an unplanned
 * event, a conflict answer or an event acknowledgement either reads or is refused with {@link InvalidInput} or an {@link
 * IllegalArgumentException} (an {@code InvalidGeoJson}, a party the boundaries do not know), which
 * the receiver audits and drops. Anything else fails the event listener, which then retries the
 * same message for ever.
 */
class DeconflictionMessageFuzzTest {

    private static final List<CountryCode> PARTIES = List.of(CountryCode.of("IR"), CountryCode.of("PK"));
    private static final GeoJson READER = GeoJson.reader(Boundaries.load(PARTIES), PARTIES);
    private static final PartyCode FROM = PartyCode.of("PK");

    @FuzzTest(maxDuration = "10s")
    void aPartnersDeconflictionMessageIsReadOrDropped(FuzzedDataProvider data) {
        int kind = data.consumeInt(0, 5);
        JsonNode object;
        try {
            object = NoticeJson.JSON.readTree(data.consumeRemainingAsBytes());
        } catch (JacksonException notJson) {
            return; // refused by the TAXII inbox before any module sees it
        }
        if (object == null || !object.isObject()) {
            return;
        }
        try {
            switch (kind) {
                case 0 -> StixMapping.readNotice(object, FROM, READER);
                case 1 -> StixMapping.readSite(object, FROM, READER);
                case 2 -> StixMapping.readEvent(object, FROM, READER);
                case 3 -> StixMapping.readAnswer(object, FROM);
                case 4 -> StixMapping.revisionOf(object);
                default -> StixMapping.readAcknowledgement(object, FROM);
            }
        } catch (InvalidInput | IllegalArgumentException dropped) {
            // audited and dropped by the receiver
        }
    }
}
