package org.concord.commitments;

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

/** A user at one node, using /api/commitments over HTTPS. */
final class CommitmentsApi {

    static final JsonMapper JSON = JsonMapper.builder().build();
    final TestNode node;
    private final Https https;
    private final Role role;

    CommitmentsApi(TestNode node, Role role) {
        this.node = node;
        this.https = Https.to(node);
        this.role = role;
    }

    static CommitmentsApi liaisonAt(TestNode node) {
        return new CommitmentsApi(node, Role.LIAISON);
    }

    HttpResponse<String> post(String path, String body) throws Exception {
        String[] basic = Https.basic(node.username(role), node.password(role));
        return https.send("POST", path, body, basic[0], basic[1], "Content-Type", "application/json");
    }

    HttpResponse<String> get(String path) throws Exception {
        return https.get(path, Https.basic(node.username(role), node.password(role)));
    }

    /** A commitment owned by {@code owner}, due at {@code dueBy}. */
    static String commitment(String counterpart, String owner, String what, String dueBy) {
        return """
                {"counterpart":"%s","owner":"%s","what":"%s","dueBy":"%s"}""".formatted(counterpart, owner, what, dueBy);
    }

    JsonNode propose(String body) throws Exception {
        HttpResponse<String> response = post("/api/commitments", body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return JSON.readTree(response.body());
    }

    JsonNode ok(String path, String body) throws Exception {
        HttpResponse<String> response = post(path, body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    JsonNode commitment(String commitmentId) throws Exception {
        HttpResponse<String> response = get("/api/commitments/" + commitmentId);
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

    /** The commitment once {@code until} holds: waits for the hand-over from the inbox (async), never for model time. */
    JsonNode commitmentWhen(String commitmentId, Predicate<JsonNode> until) throws Exception {
        return org.concord.testing.Eventually.view("commitment " + commitmentId + " at " + node.code(),
                () -> get("/api/commitments/" + commitmentId), until);
    }

    static Predicate<JsonNode> withMessages(int n) {
        return view -> view.path("history").size() + view.path("refused").size() >= n;
    }
}
