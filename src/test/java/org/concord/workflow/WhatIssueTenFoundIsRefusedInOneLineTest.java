package org.concord.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.concord.exchange.sync.OutboxDelivery;
import org.concord.party.PartyCode;
import org.concord.party.Role;
import org.concord.testing.Https;
import org.concord.testing.TestNode;
import org.concord.testing.TwoNodes;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Each message issue 10 found accepted although it can never be taken back, sent by a liaison
 * officer over HTTPS to a real node: each is now refused with a one-line problem document that
 * names the field as the officer sent it and the rule, and the case is as it was. (The API-style
 * findings, 404s, 409s, allowed values, roles and unknown properties, are walked by
 * {@code ApiConventionsTest}.)
 */
class WhatIssueTenFoundIsRefusedInOneLineTest {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static TwoNodes nodes;

    @BeforeAll
    static void start() {
        nodes = TwoNodes.shared();
    }

    static HttpResponse<String> post(TestNode node, String path, String body) throws Exception {
        String[] basic = Https.basic(node.username(Role.LIAISON), node.password(Role.LIAISON));
        return Https.to(node).send("POST", path, body, basic[0], basic[1], "Content-Type", "application/json");
    }

    static JsonNode ok(TestNode node, String path, String body) throws Exception {
        HttpResponse<String> response = post(node, path, body);
        assertThat(response.statusCode()).as(path + ": " + response.body()).isBetween(200, 201);
        return JSON.readTree(response.body());
    }

    /** A 400 problem document in one line naming {@code field} and {@code rule}. */
    static void refused(HttpResponse<String> response, String field, String rule) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.path("field").asString()).as(response.body()).isEqualTo(field);
        assertThat(problem.path("rule").asString()).as(response.body()).isEqualTo(rule);
        assertThat(problem.path("detail").asString()).isNotBlank().doesNotContain("\n");
    }

    static JsonNode caseAt(TestNode node, String path) throws Exception {
        String[] basic = Https.basic(node.username(Role.VIEWER), node.password(Role.VIEWER));
        HttpResponse<String> response = Https.to(node).send("GET", path, null, basic);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    static void deliver(TestNode from, String to) {
        from.bean(OutboxDelivery.class).deliver(PartyCode.of(to));
    }

    @Test
    void aProgressUpdateWithNoTextIsRefused() throws Exception {
        String caseId = ok(nodes.pk, "/api/requests", """
                {"addressee":"IR","targets":["intrusion-set--2a9e2cbe-6b8f-4f4b-9c0c-7d8d2bbf1b6e"],
                 "action":{"kind":"DISMANTLE_HIDEOUT","detail":"the compound"},"urgency":"URGENT","text":"act instead of us"}""")
                .path("caseId").asString();
        deliver(nodes.pk, "IR");
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60))
                .until(() -> post(nodes.ir, "/api/requests/" + caseId + "/messages", "{\"messageType\":\"acknowledge\"}").statusCode() == 200);
        ok(nodes.ir, "/api/requests/" + caseId + "/messages", "{\"messageType\":\"accept\",\"termsRef\":\"" + caseId + "\"}");
        JsonNode before = caseAt(nodes.ir, "/api/requests/" + caseId);

        refused(post(nodes.ir, "/api/requests/" + caseId + "/messages", "{\"messageType\":\"progressUpdate\"}"), "text", "TEXT_REQUIRED");
        refused(post(nodes.ir, "/api/requests/" + caseId + "/messages", "{\"messageType\":\"progressUpdate\",\"text\":\"\"}"),
                "text", "TEXT_REQUIRED");

        assertThat(caseAt(nodes.ir, "/api/requests/" + caseId).path("timeline")).isEqualTo(before.path("timeline"));
    }

    @Test
    void anAttestationWithNoTextAndNoEvidenceIsRefusedAndACommitmentDueInThePastIsNotMade() throws Exception {
        String due = Instant.now().plus(Duration.ofDays(20)).truncatedTo(ChronoUnit.SECONDS).toString();
        refused(post(nodes.pk, "/api/commitments", """
                {"counterpart":"IR","owner":"IR","what":"reopen the crossing","dueBy":"2020-01-31T00:00:00Z"}"""), "dueBy", "in-the-future");
        String id = ok(nodes.pk, "/api/commitments", """
                {"counterpart":"IR","owner":"IR","what":"reopen the crossing","dueBy":"%s"}""".formatted(due))
                .path("commitmentId").asString();
        deliver(nodes.pk, "IR");
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60))
                .until(() -> post(nodes.ir, "/api/commitments/" + id + "/agree", "").statusCode() == 200);
        JsonNode before = caseAt(nodes.ir, "/api/commitments/" + id);

        refused(post(nodes.ir, "/api/commitments/" + id + "/attest", "{}"), "text", "FIELD_REQUIRED");
        refused(post(nodes.ir, "/api/commitments/" + id + "/attest", "{\"text\":\"\",\"evidence\":[]}"), "text", "FIELD_REQUIRED");

        JsonNode after = caseAt(nodes.ir, "/api/commitments/" + id);
        assertThat(after.path("state").asString()).isEqualTo("Agreed");
        assertThat(after.path("timeline")).isEqualTo(before.path("timeline"));
    }

    @Test
    void aHotlineCallWithNothingToSayIsRefused() throws Exception {
        refused(post(nodes.pk, "/api/hotline/calls", """
                {"from":{"name":"Duty officer PK","post":"DGMO"},"addressee":"IR","to":{"name":"Duty officer IR","post":"Ops"},
                 "priority":"FLASH","text":""}"""), "text", "FIELD_REQUIRED");
    }
}
