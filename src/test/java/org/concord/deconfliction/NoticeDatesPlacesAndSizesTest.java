package org.concord.deconfliction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.concord.deconfliction.Fixtures.PANJGUR;
import static org.concord.deconfliction.Fixtures.kmFromTheBorderTowards;
import static org.concord.deconfliction.OverHttps.*;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

import org.concord.deconfliction.geo.Position;
import org.concord.party.Role;
import org.concord.testing.TwoNodes;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A notice's window lies from 1970 to at most 10 years ahead, its positions on the globe (WGS84
 * ranges), its lists and texts within their limits; otherwise it is refused with 400 naming the
 * field and the rule, and nothing is stored.
 */
class NoticeDatesPlacesAndSizesTest {

    private final TwoNodes nodes = TwoNodes.shared();
    private final Position thirtyKmInside = kmFromTheBorderTowards(PANJGUR, 30);

    private JsonNode refused(ObjectNode body, String field, String rule) throws Exception {
        HttpResponse<String> response = post(nodes.pk, Role.LIAISON, "/api/deconfliction/notices", body.toString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        JsonNode problem = json(response);
        assertThat(problem.get("field").asString()).as(response.body()).isEqualTo(field);
        assertThat(problem.get("rule").asString()).as(response.body()).isEqualTo(rule);
        assertThat(get(nodes.pk, Role.VIEWER, "/api/deconfliction/notices/" + body.get("id").asString()).statusCode())
                .isEqualTo(404);
        return problem;
    }

    private ObjectNode patrol() {
        return aNoticeBody("IR", OperationType.BORDER_PATROL, thirtyKmInside, 2);
    }

    @Test
    void a_window_in_year_1_9999_or_100000_is_refused() throws Exception {
        for (String[] window : new String[][] {{"0001-01-01T00:00:00Z", "0001-01-02T00:00:00Z"},
            {"9999-01-01T00:00:00Z", "9999-01-02T00:00:00Z"}, {"+100000-01-01T00:00:00Z", "+100000-01-02T00:00:00Z"}}) {
            ObjectNode body = patrol();
            ((ObjectNode) body.get("window")).put("start", window[0]).put("end", window[1]);
            refused(body, "window.start", "date-range");
        }
        ObjectNode elevenYears = patrol();
        Instant start = Instant.now().plus(Duration.ofDays(11 * 366));
        ((ObjectNode) elevenYears.get("window")).put("start", start.toString()).put("end", start.plus(Duration.ofHours(2)).toString());
        refused(elevenYears, "window.start", "date-range");
    }

    @Test
    void a_window_that_has_ended_is_refused_and_one_that_has_begun_goes_late() throws Exception {
        // a tester's notice for a window years ago was "sendable", with only its lead time broken
        ObjectNode yearsAgo = patrol();
        ((ObjectNode) yearsAgo.get("window")).put("start", "2021-03-01T06:00:00Z").put("end", "2021-03-01T18:00:00Z");
        JsonNode problem = refused(yearsAgo, "window.end", "not-past");
        assertThat(problem.get("detail").asString()).contains("ended at 2021-03-01T18:00:00Z", "report what has happened as an unplanned event");
        ObjectNode justEnded = patrol();
        Instant now = Instant.now();
        ((ObjectNode) justEnded.get("window")).put("start", now.minus(Duration.ofHours(3)).toString())
                .put("end", now.minus(Duration.ofMinutes(1)).toString());
        refused(justEnded, "window.end", "not-past");
        // a dry run answers the same
        HttpResponse<String> dry = post(nodes.pk, Role.LIAISON, "/api/deconfliction/notices?dryRun=true", yearsAgo.toString());
        assertThat(dry.statusCode()).as(dry.body()).isEqualTo(400);

        // under way, it is still sendable: late, its lead time broken (a dry run, so nothing is left in the shared outbox)
        ObjectNode underWay = patrol();
        ((ObjectNode) underWay.get("window")).put("start", now.minus(Duration.ofHours(1)).toString())
                .put("end", now.plus(Duration.ofHours(5)).toString());
        HttpResponse<String> late = post(nodes.pk, Role.LIAISON, "/api/deconfliction/notices?dryRun=true", underWay.toString());
        assertThat(late.statusCode()).as(late.body()).isEqualTo(200);
        assertThat(json(late).path("outcome").asString()).isEqualTo("sendable");
    }

    @Test
    void coordinates_off_the_globe_are_refused() throws Exception {
        ObjectNode body = patrol();
        ((ObjectNode) body.get("area")).putObject("centre").put("type", "Point").putArray("coordinates").add(999).add(999);
        JsonNode problem = refused(body, "area.centre.coordinates[1]", "out-of-range");
        assertThat(problem.get("detail").asString()).contains("[-90, 90]");
        ObjectNode lon = patrol();
        ((ObjectNode) lon.get("area")).putObject("centre").put("type", "Point").putArray("coordinates").add(999).add(27);
        refused(lon, "area.centre.coordinates[0]", "out-of-range");
    }

    @Test
    void too_many_airspace_references_and_an_oversized_contact_are_refused() throws Exception {
        ObjectNode many = aNoticeBody("IR", OperationType.AIR_STRIKE, kmFromTheBorderTowards(PANJGUR, 200), 2);
        ArrayNode refs = many.putArray("airspaceReferences");
        for (int i = 0; i < 101; i++) {
            refs.addObject().put("kind", "NOTAM").put("id", "A%04d/26".formatted(i));
        }
        refused(many, "airspaceReferences", "max-items");
        ObjectNode contact = patrol();
        ((ObjectNode) contact.get("contact")).put("name", "n".repeat(201));
        refused(contact, "contact.name", "max-length");
    }
}
