package org.concord.hotline;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import org.concord.party.Role;
import org.concord.testing.TwoNodes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import tools.jackson.databind.JsonNode;

/**
 * The automatic reporters of a crisis send several hotline calls in one request
 * ({@code POST /api/hotline/calls/batch}), all or nothing: every call stored, queued and audited in the order
 * given, delivered to IR and held there as a single call would be; or, when one call breaks a rule, none of
 * them, with the fault naming the call by its index ({@code calls[2].priority}) and the rule. A caller without
 * the LIAISON role sends nothing; nor does one who names, as the call answered, a call this node does not hold
 * or its own call that has not reached IR yet.
 */
class HotlineCallsAreSentInBatchesTest {

    static TwoNodes nodes;
    static HotlineApi pk;
    static HotlineApi ir;
    static String red;

    @BeforeAll
    static void start() {
        nodes = TwoNodes.shared();
        pk = HotlineApi.liaisonAt(nodes.pk);
        ir = HotlineApi.liaisonAt(nodes.ir);
        red = HotlineApi.storeRedObject(nodes.pk, "an informant's network (RED, batch)");
    }

    @AfterAll
    static void drain() {
        pk.deliverTo("IR");
    }

    static String call(String priority, String text) {
        return call(priority, text, null);
    }

    static String call(String priority, String text, String inReplyTo) {
        return """
                {"from":{"name":"Reporter PK-7","post":"Air defence sector"},"addressee":"IR",
                 "to":{"name":"Duty officer IR","post":"Operations"},"priority":"%s","text":"%s"%s}"""
                .formatted(priority, text, inReplyTo == null ? "" : ",\"inReplyTo\":\"" + inReplyTo + "\"");
    }

    static String batch(String... calls) {
        return "{\"calls\":[" + String.join(",", calls) + "]}";
    }

    /** What PK holds of the hotline: cases, messages, the outbox, the audit; unchanged by a refused batch. */
    static List<Long> held() {
        JdbcClient jdbc = nodes.pk.bean(JdbcClient.class);
        List<Long> counts = new ArrayList<>();
        for (String sql : List.of("select count(*) from workflow_case", "select count(*) from workflow_message",
                "select count(*) from exchange_outbox", "select count(*) from audit_entry where action like 'hotline.%'")) {
            counts.add(jdbc.sql(sql).query(Long.class).single());
        }
        return counts;
    }

    static JsonNode refused(HttpResponse<String> response, int status, String field, String rule) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        JsonNode problem = HotlineApi.JSON.readTree(response.body());
        if (field != null) {
            assertThat(problem.path("field").asString()).as(response.body()).isEqualTo(field);
        }
        assertThat(problem.path("rule").asString()).as(response.body()).isEqualTo(rule);
        return problem;
    }

    @Test
    void aBatchIsStoredQueuedAndDeliveredInItsOrderAsSingleCallsAre() throws Exception {
        HttpResponse<String> response = pk.post("/api/hotline/calls/batch", batch(call("FLASH", "Batch: radar contact 1"),
                call("PRIORITY", "Batch: radar contact 2"), call("ROUTINE", "Batch: radar contact 3")));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        JsonNode sent = HotlineApi.JSON.readTree(response.body()).path("calls");
        assertThat(sent).hasSize(3);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            assertThat(sent.get(i).path("index").asInt()).isEqualTo(i);
            assertThat(sent.get(i).path("state").asString()).isEqualTo("Unacknowledged");
            ids.add(sent.get(i).path("callId").asString());
        }
        assertThat(ids).doesNotHaveDuplicates();
        JdbcClient atPk = nodes.pk.bean(JdbcClient.class);
        for (int i = 0; i < 3; i++) {
            JsonNode view = pk.call(ids.get(i));
            assertThat(view.path("text").asString()).isEqualTo("Batch: radar contact " + (i + 1));
            assertThat(atPk.sql("select count(*) from audit_entry where action = 'hotline.sent' and subject = ? and actor = ?")
                    .params(ids.get(i), "user:" + nodes.pk.username(Role.LIAISON)).query(Long.class).single()).isEqualTo(1);
        }
        // queued in the order given: the outbox's sequence follows the request's
        List<String> queued = atPk.sql("select object_id from exchange_outbox where object_id in (?, ?, ?) order by seq")
                .params(ids.get(0), ids.get(1), ids.get(2)).query(String.class).list();
        assertThat(queued).containsExactlyElementsOf(ids);

        pk.deliverTo("IR");
        for (int i = 0; i < 3; i++) {
            JsonNode atIr = ir.callWhen(ids.get(i), HotlineApi.withMessages(1));
            assertThat(atIr.path("state").asString()).isEqualTo("Unacknowledged");
            assertThat(atIr.path("priority").asString()).isEqualTo(List.of("FLASH", "PRIORITY", "ROUTINE").get(i));
        }
    }

    @Test
    void oneBadCallRefusesTheWholeBatchNamingItsIndexFieldAndRule() throws Exception {
        List<Long> before = held();
        refused(pk.post("/api/hotline/calls/batch", batch(call("FLASH", "Batch: fine"), call("FLASH", "Batch: fine too"),
                call("URGENT", "Batch: a priority that does not exist"))), 400, "calls[2].priority", "one-of");
        refused(pk.post("/api/hotline/calls/batch", batch(call("FLASH", "Batch: fine"),
                "{\"from\":{\"name\":\"Reporter\",\"post\":\"Sector\"},\"addressee\":\"IR\",\"to\":{\"name\":\"Duty\",\"post\":\"Ops\"},"
                        + "\"priority\":\"FLASH\",\"text\":\"x\",\"prio\":\"FLASH\"}")), 400, "calls[1].prio", "unknown-property");
        refused(pk.post("/api/hotline/calls/batch", batch(call("FLASH", "Batch: fine"), call("FLASH", ""))), 400, "calls[1].text",
                "FIELD_REQUIRED");
        JsonNode gate = refused(pk.post("/api/hotline/calls/batch", batch(call("FLASH", "Batch: fine"),
                call("FLASH", "Batch: the source is " + red))), 422, null, "reference-not-shared");
        assertThat(gate.path("field").asString()).startsWith("calls[1].");
        refused(pk.post("/api/hotline/calls/batch", "{\"calls\":[]}"), 400, "calls", "required");
        String many = batch(java.util.Collections.nCopies(501, call("ROUTINE", "Batch: one too many")).toArray(String[]::new));
        refused(pk.post("/api/hotline/calls/batch", many), 400, "calls", "max-items");
        assertThat(held()).as("nothing stored, queued or audited").isEqualTo(before);
    }

    @Test
    void aCallerWithoutTheRoleOrAnsweringACallItMayNotAnswerSendsNothing() throws Exception {
        List<Long> before = held();
        HttpResponse<String> analyst = new HotlineApi(nodes.pk, Role.ANALYST).post("/api/hotline/calls/batch",
                batch(call("FLASH", "Batch: from an analyst")));
        JsonNode forbidden = refused(analyst, 403, null, "role");
        assertThat(forbidden.path("requiredRoles").toString()).contains("LIAISON");

        refused(pk.post("/api/hotline/calls/batch", batch(call("FLASH", "Batch: fine"),
                call("FLASH", "Batch: answering a call nobody made", "x-concord-hotline--00000000-0000-4000-8000-000000000000"))),
                400, "calls[1].inReplyTo", "exists");

        String undelivered = pk.send("IR", "ROUTINE", "Batch: a call not yet delivered");
        List<Long> withIt = held();
        refused(pk.post("/api/hotline/calls/batch", batch(call("FLASH", "Batch: a reply overtaking its call", undelivered))),
                409, "calls[0].inReplyTo", "REPLY_BEFORE_DELIVERY");
        assertThat(held()).as("nothing stored beyond the one single call").isEqualTo(withIt);
        assertThat(withIt.get(0)).isEqualTo(before.get(0) + 1);
    }
}
