package org.concord.requests;

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

/** A liaison officer (or another role) at one node, using /api/requests over HTTPS. */
final class RequestsApi {

    static final JsonMapper JSON = JsonMapper.builder().build();
    final TestNode node;
    private final Https https;
    private final Role role;

    RequestsApi(TestNode node, Role role) {
        this.node = node;
        this.https = Https.to(node);
        this.role = role;
    }

    static RequestsApi liaisonAt(TestNode node) {
        return new RequestsApi(node, Role.LIAISON);
    }

    HttpResponse<String> post(String path, String body) throws Exception {
        return https.send("POST", path, body, headers(true));
    }

    HttpResponse<String> get(String path) throws Exception {
        return https.send("GET", path, null, headers(false));
    }

    private String[] headers(boolean json) {
        String[] basic = Https.basic(node.username(role), node.password(role));
        return json ? new String[] {basic[0], basic[1], "Content-Type", "application/json"} : basic;
    }

    /** Opens a case; returns the case as the node shows it. */
    JsonNode open(String body) throws Exception {
        HttpResponse<String> response = post("/api/requests", body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return JSON.readTree(response.body());
    }

    JsonNode send(String caseId, String body) throws Exception {
        HttpResponse<String> response = post("/api/requests/" + caseId + "/messages", body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    JsonNode caseOf(String caseId) throws Exception {
        HttpResponse<String> response = get("/api/requests/" + caseId);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    /** Delivers this node's outbox to {@code partner} now, as the delivery job would. */
    int deliverTo(String partner) {
        return node.bean(OutboxDelivery.class).deliver(PartyCode.of(partner));
    }

    /**
     * The case once {@code until} holds. The partner's message reaches the module through the event
     * publication log, asynchronously after the inbox commits, so this waits for that hand-over (a
     * few milliseconds), never for time to pass in the model.
     */
    JsonNode caseWhen(String caseId, Predicate<JsonNode> until) throws Exception {
        return org.concord.testing.Eventually.view("case " + caseId + " at " + node.code(), () -> get("/api/requests/" + caseId), until);
    }

    /** Waits until every event this node published (e.g. inbox arrivals) has been handled by its listeners. */
    void awaitHandOver() throws Exception {
        var jdbc = node.bean(org.springframework.jdbc.core.simple.JdbcClient.class);
        org.concord.testing.Eventually.until("every event at " + node.code() + " handled", () -> jdbc.sql(
                "select count(*) from event_publication where completion_date is null").query(Integer.class).single() == 0);
    }

    static Predicate<JsonNode> withMessages(int n) {
        return view -> view.path("history").size() + view.path("refused").size() + view.path("waiting").size() >= n;
    }
}
