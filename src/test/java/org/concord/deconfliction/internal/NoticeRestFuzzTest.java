package org.concord.deconfliction.internal;

import java.util.List;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

import org.concord.deconfliction.NoticeId;
import org.concord.deconfliction.geo.Boundaries;
import org.concord.deconfliction.geo.CountryCode;
import org.concord.deconfliction.geo.GeoJson;
import org.concord.deconfliction.geo.InvalidGeoJson;
import org.concord.node.InvalidInput;
import org.concord.party.PartyCode;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * A user's notice ({@code POST /api/deconfliction/notices}) and unplanned event ({@code POST
 * /api/deconfliction/events}), as {@code SendingNotices} and {@code ReportingEvents} read them: the
 * body either reads or is refused with {@link InvalidInput} or {@link InvalidGeoJson}, the two that
 * become a 400 problem document ({@code Problems}, {@code DeconflictionController}). Any other
 * exception, an {@link IllegalArgumentException} included, is a 500.
 */
class NoticeRestFuzzTest {

    private static final List<CountryCode> PARTIES = List.of(CountryCode.of("IR"), CountryCode.of("PK"));
    private static final GeoJson READER = GeoJson.reader(Boundaries.load(PARTIES), PARTIES);
    private static final PartyCode OWN = PartyCode.of("IR");

    @FuzzTest(maxDuration = "10s")
    void aNoticeOrEventBodyIsReadOrA400(FuzzedDataProvider data) {
        boolean notice = data.consumeBoolean();
        JsonNode body;
        try {
            body = NoticeJson.JSON.readTree(data.consumeRemainingAsBytes());
        } catch (JacksonException notJson) {
            return; // Spring's HttpMessageNotReadableException: a 400 (Problems)
        }
        if (body == null) {
            return;
        }
        try {
            if (notice) {
                NoticeJson.REST.read(body, OWN, NoticeId.random(), READER);
            } else {
                NoticeJson.REST.readEvent(body, OWN, NoticeId.random(), READER);
            }
        } catch (InvalidInput | InvalidGeoJson refused) {
            // the documented 400
        }
    }
}
