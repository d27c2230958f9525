package org.concord.deconfliction;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.function.Predicate;

import org.concord.deconfliction.geo.Position;
import org.concord.exchange.sync.OutboxDelivery;
import org.concord.intel.Collection;
import org.concord.party.PartyCode;
import org.concord.party.Role;
import org.concord.testing.Eventually;
import org.concord.testing.Https;
import org.concord.testing.TestNode;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Fixtures for the deconfliction API over real HTTPS: request bodies, calls as a role, delivery, waiting for a listener. */
final class OverHttps {

    static final JsonMapper JSON = JsonMapper.builder().build();

    private OverHttps() {
    }

    /** A notice body from the REST API's point of view: a patrol of a day, 4 days ahead (the real clock). */
    static ObjectNode aNoticeBody(String partner, OperationType type, Position centre, double radiusKm) {
        ObjectNode body = JSON.createObjectNode();
        body.put("id", "test-" + UUID.randomUUID());
        body.put("partner", partner);
        body.put("type", type.name());
        ObjectNode area = body.putObject("area");
        area.putObject("centre").put("type", "Point").putArray("coordinates").add(centre.lon()).add(centre.lat());
        area.put("radiusKm", radiusKm);
        Instant start = Instant.now().plus(Duration.ofDays(4)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        body.putObject("window").put("start", start.toString()).put("end", start.plus(Duration.ofHours(24)).toString());
        if (type.usesAirspace()) {
            body.putArray("airspaceReferences").addObject().put("kind", "NOTAM").put("id", "A0123/26");
        }
        body.putObject("contact").put("name", "Duty officer").put("channel", "Concord hotline, desk 2");
        body.put("classification", "AMBER_STRICT");
        return body;
    }

    /** An accidental launch reported now, its track from {@code from} to {@code to}. */
    static ObjectNode anEventBody(String partner, Position from, Position to) {
        ObjectNode body = JSON.createObjectNode();
        body.put("id", "event-" + UUID.randomUUID());
        body.put("partner", partner);
        body.put("kind", "ACCIDENTAL_LAUNCH");
        body.put("observedAt", Instant.now().minus(Duration.ofMinutes(3)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString());
        var coordinates = body.putObject("track").put("type", "LineString").putArray("coordinates");
        coordinates.addArray().add(from.lon()).add(from.lat());
        coordinates.addArray().add(to.lon()).add(to.lat());
        body.put("description", "A training rocket left its range heading west; last seen by radar near the border.");
        body.putObject("contact").put("name", "Duty officer").put("channel", "Concord hotline, desk 1");
        return body;
    }

    static HttpResponse<String> get(TestNode node, Role role, String path) throws Exception {
        return Https.to(node).get(path, Https.basic(node.username(role), node.password(role)));
    }

    static HttpResponse<String> post(TestNode node, Role role, String path, String body) throws Exception {
        String[] auth = Https.basic(node.username(role), node.password(role));
        return Https.to(node).send("POST", path, body, auth[0], auth[1], "Content-Type", "application/json");
    }

    static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }

    static void deliver(TestNode from, String to) {
        from.bean(OutboxDelivery.class).deliver(PartyCode.of(to));
    }

    /** The media type of TAXII 2.1 requests and answers. */
    static final String TAXII = "application/taxii+json;version=2.1";

    /**
     * {@code from}'s node posts {@code objects} to {@code to}'s TAXII inbox, as the partner it is (its
     * client certificate): what a partner can send, whatever its own node would; the TAXII status.
     */
    static JsonNode postToInbox(TestNode from, TestNode to, JsonNode... objects) throws Exception {
        StringBuilder body = new StringBuilder("{\"objects\":[");
        for (int i = 0; i < objects.length; i++) {
            body.append(i == 0 ? "" : ",").append(objects[i]);
        }
        HttpResponse<String> response = Https.asPartner(from, to).send("POST", "/taxii2/concord/collections/"
                + Collection.INBOX.id() + "/objects/", body.append("]}").toString(), "Accept", TAXII, "Content-Type", TAXII);
        if (response.statusCode() != 202) {
            throw new AssertionError("the inbox answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }

    /**
     * Reads {@code path} until {@code until} holds: the receiving module's listener runs
     * asynchronously after the inbox commits, so the test waits for it (at most 30 s).
     */
    static JsonNode eventually(TestNode node, String path, Predicate<HttpResponse<String>> until) {
        return json(Eventually.value(path + " at " + node.code(), Duration.ofSeconds(30), Duration.ofMillis(100),
                () -> get(node, Role.VIEWER, path), until));
    }
}
