package org.concord.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.concord.exchange.sync.OutboxDelivery;
import org.concord.party.PartyCode;
import org.concord.party.Role;
import org.concord.testing.Https;
import org.concord.testing.TwoNodes;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A tester's finding, from the seat of an officer who reads the API rather than the console: an
 * unplanned event PK reported, FLASH and due within minutes, stood on IR's desk but not in
 * {@code GET /api/cases?awaiting=me}, which lists the workflow's cases only. {@code GET /api/desk}
 * answers what the desk shows: every kind, soonest due first, each with its rule, what may be done
 * and where the API answers it; the partner and nobody get nothing.
 */
class TheDeskOverTheApiTest {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static TwoNodes nodes;

    @BeforeAll
    static void start() {
        nodes = TwoNodes.shared();
        // what earlier test classes queued on the shared nodes goes first
        nodes.pk.bean(OutboxDelivery.class).deliver(PartyCode.of("IR"));
        nodes.ir.bean(OutboxDelivery.class).deliver(PartyCode.of("PK"));
    }

    static JsonNode get(org.concord.testing.TestNode node, Role role, String path) throws Exception {
        HttpResponse<String> response = Https.to(node).get(path, Https.basic(node.username(role), node.password(role)));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    @Test
    void anUnplannedEventAndARequestBothStandInWhatAwaitsIrWithTheirDeadlinesAndWhereToAnswer() throws Exception {
        // given PK reports an accidental launch towards IR and asks IR to act, and both reach IR
        String[] liaison = Https.basic(nodes.pk.username(Role.LIAISON), nodes.pk.password(Role.LIAISON));
        HttpResponse<String> reported = Https.to(nodes.pk).send("POST", "/api/deconfliction/events", """
                {"partner": "IR", "kind": "ACCIDENTAL_LAUNCH", "observedAt": "%s",
                 "track": {"type": "LineString", "coordinates": [[63.5, 27.0], [62.5, 27.3]]},
                 "description": "A training rocket left its range heading west towards Saravan.",
                 "contact": {"name": "Duty officer", "channel": "Concord hotline, desk 1"}}"""
                .formatted(Instant.now().minusSeconds(60).truncatedTo(ChronoUnit.SECONDS)),
                liaison[0], liaison[1], "Content-Type", "application/json");
        assertThat(reported.statusCode()).as(reported.body()).isEqualTo(201);
        String eventId = JSON.readTree(reported.body()).path("event").asString();
        HttpResponse<String> asked = Https.to(nodes.pk).send("POST", "/api/requests", """
                {"addressee":"IR","targets":["intrusion-set--2a9e2cbe-6b8f-4f4b-9c0c-7d8d2bbf1b6e"],
                 "action":{"kind":"DISMANTLE_HIDEOUT","detail":"the compound"},"urgency":"URGENT","text":"act instead of us"}""",
                liaison[0], liaison[1], "Content-Type", "application/json");
        assertThat(asked.statusCode()).as(asked.body()).isEqualTo(201);
        String caseId = JSON.readTree(asked.body()).path("caseId").asString();
        nodes.pk.bean(OutboxDelivery.class).deliver(PartyCode.of("IR"));

        // when IR's viewer reads what awaits IR
        JsonNode desk = org.concord.testing.Eventually.view("IR's desk with the event and the request",
                () -> Https.to(nodes.ir).get("/api/desk", Https.basic(nodes.ir.username(Role.VIEWER), nodes.ir.password(Role.VIEWER))),
                (JsonNode d) -> d.toString().contains(eventId) && d.toString().contains(caseId));

        // then the event is there, FLASH, with its rule, its acknowledgement and where to give it; and the request
        JsonNode event = item(desk.path("awaitingMe"), eventId);
        assertThat(event.path("type").asString()).isEqualTo("event");
        assertThat(event.path("priority").asString()).isEqualTo("FLASH");
        assertThat(event.path("awaited").asString()).isEqualTo("IR");
        assertThat(event.path("actions").toString()).contains("acknowledge");
        assertThat(event.path("deadlineRule").asString()).isEqualTo("acknowledgement");
        assertThat(Instant.parse(event.path("dueAt").asString())).isAfter(Instant.now().minusSeconds(3600));
        assertThat(event.path("href").asString()).contains(eventId);
        JsonNode request = item(desk.path("awaitingMe"), caseId);
        assertThat(request.path("type").asString()).isEqualTo("request");
        assertThat(request.path("actions").toString()).contains("acknowledge");
        assertThat(desk.path("totals").path("me").asInt()).isGreaterThanOrEqualTo(2);
        // soonest due first: the event (minutes) before the request (an hour)
        assertThat(indexOf(desk.path("awaitingMe"), eventId)).isLessThan(indexOf(desk.path("awaitingMe"), caseId));
        // while the cases' own list has the request and not the event, as before
        assertThat(get(nodes.ir, Role.VIEWER, "/api/cases?awaiting=me").toString()).contains(caseId).doesNotContain(eventId);

        // and PK reads the same two as awaiting the partner
        JsonNode atPk = get(nodes.pk, Role.VIEWER, "/api/desk");
        assertThat(item(atPk.path("awaitingPartner"), eventId).path("awaited").asString()).isEqualTo("IR");
        assertThat(item(atPk.path("awaitingPartner"), caseId).path("awaited").asString()).isEqualTo("IR");

        // and the partner's node and nobody get nothing
        assertThat(Https.asPartner(nodes.pk, nodes.ir).get("/api/desk").statusCode()).isEqualTo(403);
        assertThat(Https.to(nodes.ir).get("/api/desk").statusCode()).isEqualTo(401);
    }

    static JsonNode item(JsonNode items, String id) {
        for (JsonNode item : items) {
            if (item.path("id").asString().equals(id)) {
                return item;
            }
        }
        throw new AssertionError("no " + id + " in " + items);
    }

    static int indexOf(JsonNode items, String id) {
        for (int i = 0; i < items.size(); i++) {
            if (items.get(i).path("id").asString().equals(id)) {
                return i;
            }
        }
        return -1;
    }
}
