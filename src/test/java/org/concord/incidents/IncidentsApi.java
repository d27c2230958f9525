package org.concord.incidents;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Predicate;

import org.concord.exchange.sync.OutboxDelivery;
import org.concord.party.PartyCode;
import org.concord.party.Role;
import org.concord.testing.Https;
import org.concord.testing.TestNode;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A user at one node, using /api/incidents over HTTPS. */
final class IncidentsApi {

    static final JsonMapper JSON = JsonMapper.builder().build();
    final TestNode node;
    private final Https https;
    private final Role role;

    IncidentsApi(TestNode node, Role role) {
        this.node = node;
        this.https = Https.to(node);
        this.role = role;
    }

    static IncidentsApi liaisonAt(TestNode node) {
        return new IncidentsApi(node, Role.LIAISON);
    }

    HttpResponse<String> post(String path, String body) throws Exception {
        String[] basic = Https.basic(node.username(role), node.password(role));
        return https.send("POST", path, body, basic[0], basic[1], "Content-Type", "application/json");
    }

    HttpResponse<String> get(String path) throws Exception {
        return https.get(path, Https.basic(node.username(role), node.password(role)));
    }

    /** PK's report of the strike of 16 January 2024 near Panjgur, with two claims. */
    static String strikeOf16January(String addressee) {
        return """
                {"addressee":"%s","occurredAt":"2024-01-16T16:00:00Z",
                 "place":{"type":"Point","coordinates":[64.10,26.97]},"incidentType":"CROSS_BORDER_STRIKE",
                 "whatHappened":"Missiles and drones struck a village near Panjgur, Balochistan, from Iranian territory.",
                 "casualties":{"killed":2,"injured":3,"detail":"two children killed, three girls injured"},
                 "claims":[{"ref":"claim-1","statement":"Two children were killed and three girls injured."},
                           {"ref":"claim-2","statement":"The strike was an unprovoked violation of Pakistan's airspace."},
                           {"ref":"claim-3","statement":"No militants were present at the site."}]}"""
                .formatted(addressee);
    }

    JsonNode report(String body) throws Exception {
        HttpResponse<String> response = post("/api/incidents", body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return JSON.readTree(response.body());
    }

    JsonNode ok(String path, String body) throws Exception {
        HttpResponse<String> response = post(path, body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    JsonNode incident(String incidentId) throws Exception {
        HttpResponse<String> response = get("/api/incidents/" + incidentId);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    /** Delivers whatever the shared nodes still hold for each other. */
    static void drain(org.concord.testing.TwoNodes nodes) {
        nodes.pk.bean(OutboxDelivery.class).deliver(PartyCode.of("IR"));
        nodes.ir.bean(OutboxDelivery.class).deliver(PartyCode.of("PK"));
    }

    int deliverTo(String partner) {
        return node.bean(OutboxDelivery.class).deliver(PartyCode.of(partner));
    }

    /** The incident once {@code until} holds: waits for the hand-over from the inbox (async), never for model time. */
    JsonNode incidentWhen(String incidentId, Predicate<JsonNode> until) throws Exception {
        return org.concord.testing.Eventually.view("incident " + incidentId + " at " + node.code(),
                () -> get("/api/incidents/" + incidentId), until);
    }

    static Predicate<JsonNode> withMessages(int n) {
        return view -> view.path("history").size() + view.path("refused").size() >= n;
    }
}
