package org.concord.deconfliction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.concord.deconfliction.Fixtures.PANJGUR;
import static org.concord.deconfliction.Fixtures.SARAVAN;
import static org.concord.deconfliction.Fixtures.kmFromTheBorderTowards;
import static org.concord.deconfliction.OverHttps.*;

import java.net.http.HttpResponse;

import org.concord.exchange.Outbox;
import org.concord.party.PartyCode;
import org.concord.party.Role;
import org.concord.testing.TwoNodes;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Pakistan reports an accidental launch; Iran's liaison acknowledges it, and the acknowledgement travels back,
 * so that Pakistan's officer sees on the event that Iran has it in hand. Two nodes over HTTPS on PostgreSQL.
 */
class TheReporterLearnsOfTheAcknowledgementTest {

    private final TwoNodes nodes = TwoNodes.shared();

    @Test
    void irans_acknowledgement_of_pakistans_accidental_launch_shows_on_pakistans_event() throws Exception {
        // given Pakistan reported an accidental launch and Iran received it
        ObjectNode launch = anEventBody("IR", kmFromTheBorderTowards(PANJGUR, 30), kmFromTheBorderTowards(SARAVAN, 20));
        String id = launch.get("id").asString();
        HttpResponse<String> reported = post(nodes.pk, Role.LIAISON, "/api/deconfliction/events", launch.toString());
        assertThat(reported.statusCode()).as(reported.body()).isEqualTo(201);
        deliver(nodes.pk, "IR");
        eventually(nodes.ir, "/api/deconfliction/events/" + id, r -> r.statusCode() == 200);
        assertThat(json(get(nodes.pk, Role.VIEWER, "/api/deconfliction/events/" + id)).has("acknowledged")).isFalse();

        // when Iran's liaison acknowledges it
        HttpResponse<String> acknowledged = post(nodes.ir, Role.LIAISON, "/api/deconfliction/events/" + id + "/acknowledge", "");
        assertThat(acknowledged.statusCode()).as(acknowledged.body()).isEqualTo(200);
        String at = json(acknowledged).get("acknowledged").get("at").asString();

        // then the acknowledgement goes back to Pakistan, FLASH, and shows on Pakistan's event: by Iran, when
        assertThat(nodes.ir.bean(Outbox.class).pending(PartyCode.of("PK")))
                .filteredOn(m -> m.objectId().startsWith("x-concord-event-acknowledgement--")).singleElement()
                .satisfies(m -> assertThat(m.priority().name()).isEqualTo("FLASH"));
        deliver(nodes.ir, "PK");
        JsonNode atPakistan = eventually(nodes.pk, "/api/deconfliction/events/" + id, r -> json(r).has("acknowledged"));
        assertThat(atPakistan.get("direction").asString()).isEqualTo("SENT");
        assertThat(atPakistan.get("acknowledged").get("by").asString()).isEqualTo("IR");
        assertThat(atPakistan.get("acknowledged").get("at").asString()).isEqualTo(at);

        // and a second acknowledgement is refused at Iran, changing nothing at Pakistan
        HttpResponse<String> again = post(nodes.ir, Role.LIAISON, "/api/deconfliction/events/" + id + "/acknowledge", "");
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(json(again).get("field").asString()).isEqualTo("id");
        assertThat(json(again).get("detail").asString()).contains("already-acknowledged");
    }
}
