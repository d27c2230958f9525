package org.concord.deconfliction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.concord.deconfliction.Fixtures.PANJGUR;
import static org.concord.deconfliction.Fixtures.SARAVAN;
import static org.concord.deconfliction.Fixtures.kmFromTheBorderTowards;
import static org.concord.deconfliction.OverHttps.*;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

import org.concord.party.Role;
import org.concord.testing.TwoNodes;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** An accidental launch is reported with its track, reaches the partner at the next delivery, and shows on both maps. */
class UnplannedEventsReachBothMapsTest {

    private final TwoNodes nodes = TwoNodes.shared();

    @Test
    void pakistans_accidental_launch_across_the_border_is_sent_to_iran_and_drawn_on_both_maps() throws Exception {
        // given a rocket launched by mistake 30 km inside Pakistan, tracked to 20 km inside Iran
        ObjectNode launch = anEventBody("IR", kmFromTheBorderTowards(PANJGUR, 30), kmFromTheBorderTowards(SARAVAN, 20));
        String id = launch.get("id").asString();

        // when Pakistan's liaison reports it
        HttpResponse<String> response = post(nodes.pk, Role.LIAISON, "/api/deconfliction/events", launch.toString());

        // then it is stored, measured against the border, and queued
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        JsonNode reported = json(response);
        assertThat(reported.get("crossesBorder").asBoolean()).isTrue();
        assertThat(reported.get("fromBorder").get("km").asDouble()).isZero();
        assertThat(reported.get("stixId").asString()).startsWith("x-concord-unplanned-event--");

        // and at the next delivery it reaches Iran, where it shows with its track
        deliver(nodes.pk, "IR");
        JsonNode atIran = eventually(nodes.ir, "/api/deconfliction/events/" + id, r -> r.statusCode() == 200);
        assertThat(atIran.get("direction").asString()).isEqualTo("RECEIVED");
        assertThat(atIran.get("crossesBorder").asBoolean()).isTrue();
        assertThat(atIran.get("event").get("kind").asString()).isEqualTo("ACCIDENTAL_LAUNCH");
        assertThat(atIran.get("event").get("reportedBy").asString()).isEqualTo("PK");
        for (var node : new org.concord.testing.TestNode[] {nodes.pk, nodes.ir}) {
            assertThat(json(get(node, Role.VIEWER, "/api/deconfliction/map/events")).get("features"))
                    .filteredOn(f -> f.get("properties").get("id").asString().equals(id))
                    .singleElement().satisfies(f -> {
                        assertThat(f.get("geometry").get("type").asString()).isEqualTo("LineString");
                        assertThat(f.get("properties").get("crossesBorder").asBoolean()).isTrue();
                    });
        }
    }

    @Test
    void an_event_observed_in_the_future_or_without_a_line_or_point_track_is_refused() throws Exception {
        ObjectNode future = anEventBody("IR", kmFromTheBorderTowards(PANJGUR, 30), kmFromTheBorderTowards(PANJGUR, 10));
        future.put("observedAt", Instant.now().plus(Duration.ofHours(2)).toString());
        HttpResponse<String> response = post(nodes.pk, Role.LIAISON, "/api/deconfliction/events", future.toString());
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).get("field").asString()).isEqualTo("observedAt");
        assertThat(json(response).get("rule").asString()).isEqualTo("not-in-the-future");

        ObjectNode polygon = anEventBody("IR", kmFromTheBorderTowards(PANJGUR, 30), kmFromTheBorderTowards(PANJGUR, 10));
        polygon.set("track", JSON.readTree(
                "{\"type\":\"Polygon\",\"coordinates\":[[[64.0,27.0],[64.1,27.0],[64.1,27.1],[64.0,27.0]]]}"));
        response = post(nodes.pk, Role.LIAISON, "/api/deconfliction/events", polygon.toString());
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).get("field").asString()).isEqualTo("track");
        assertThat(json(response).get("rule").asString()).isEqualTo("line-or-point");

        ObjectNode onePosition = anEventBody("IR", kmFromTheBorderTowards(PANJGUR, 30), kmFromTheBorderTowards(PANJGUR, 10));
        onePosition.set("track", JSON.readTree("{\"type\":\"LineString\",\"coordinates\":[[64.0,27.0]]}"));
        response = post(nodes.pk, Role.LIAISON, "/api/deconfliction/events", onePosition.toString());
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).get("field").asString()).startsWith("track");
        assertThat(json(response).get("rule").asString()).isEqualTo("too-few-positions");
    }
}
