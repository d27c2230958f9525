package org.concord.hotline;

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

/** A user at one node, using /api/hotline over HTTPS. */
final class HotlineApi {

    static final JsonMapper JSON = JsonMapper.builder().build();
    final TestNode node;
    private final Https https;
    private final Role role;

    HotlineApi(TestNode node, Role role) {
        this.node = node;
        this.https = Https.to(node);
        this.role = role;
    }

    /** Stores at {@code node} an intrusion set marked TLP:RED, which no message may name; returns its id. */
    static String storeRedObject(TestNode node, String name) {
        tools.jackson.databind.node.ObjectNode red = org.concord.testing.Stix.intrusionSet(name, node.identity().stixIdentityId(),
                org.concord.intel.stix.Tlp.RED);
        node.bean(org.concord.intel.IntelStore.class).storeAll(org.concord.intel.Collection.INTEL, java.util.List.of(red),
                new org.concord.intel.Origin.Local("test"));
        return red.path("id").asString();
    }

    static HotlineApi liaisonAt(TestNode node) {
        return new HotlineApi(node, Role.LIAISON);
    }

    HttpResponse<String> post(String path, String body) throws Exception {
        String[] basic = Https.basic(node.username(role), node.password(role));
        return https.send("POST", path, body, basic[0], basic[1], "Content-Type", "application/json");
    }

    /** Any method with a JSON body (or none, when {@code body} is null). */
    HttpResponse<String> request(String method, String path, String body) throws Exception {
        String[] basic = Https.basic(node.username(role), node.password(role));
        return body == null ? https.send(method, path, null, basic[0], basic[1])
                : https.send(method, path, body, basic[0], basic[1], "Content-Type", "application/json");
    }

    HttpResponse<String> get(String path) throws Exception {
        return https.get(path, Https.basic(node.username(role), node.password(role)));
    }

    /** Sends a message to IR's (or PK's) duty officer; returns the call id. */
    String send(String addressee, String priority, String text) throws Exception {
        HttpResponse<String> response = post("/api/hotline/calls", """
                {"from":{"name":"Duty officer %s","post":"DGMO office"},"addressee":"%s",
                 "to":{"name":"Duty officer %s","post":"Operations"},"priority":"%s","text":"%s"}"""
                .formatted(node.code(), addressee, addressee, priority, text));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return JSON.readTree(response.body()).path("callId").asString();
    }

    JsonNode acknowledge(String callId) throws Exception {
        HttpResponse<String> response = post("/api/hotline/calls/" + callId + "/acknowledge",
                "{\"by\":{\"name\":\"Duty officer " + node.code() + "\",\"post\":\"Operations\"}}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    JsonNode call(String callId) throws Exception {
        HttpResponse<String> response = get("/api/hotline/calls/" + callId);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    int deliverTo(String partner) {
        return node.bean(OutboxDelivery.class).deliver(PartyCode.of(partner));
    }

    /** The call once {@code until} holds: waits for the hand-over from the inbox (async), never for model time. */
    JsonNode callWhen(String callId, Predicate<JsonNode> until) throws Exception {
        return org.concord.testing.Eventually.view("call " + callId + " at " + node.code(),
                () -> get("/api/hotline/calls/" + callId), until);
    }

    static Predicate<JsonNode> withMessages(int n) {
        return view -> view.path("history").size() + view.path("refused").size() >= n;
    }
}
