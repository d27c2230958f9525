package org.concord.hotline;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.concord.party.ApiTokens;
import org.concord.testing.Https;
import org.concord.testing.TwoNodes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import tools.jackson.databind.JsonNode;

/**
 * The liaison officer's script at PK sends FLASH calls to IR over HTTPS with a bearer token, four at a
 * time. Each call is stored whole, in one transaction, or not at all: accepted, PK holds its case (in the
 * case index as the fold says: open, IR to acknowledge, one message), its message, its place in the
 * outbox and its audit entry; delivered, PK's ledger records it as sent with IR's receipt kept, and IR
 * holds the call, indexed alike, with its own ledger entry and audit entry. A call the outbox's gate
 * refuses (its text names a TLP:RED object of PK's) is answered 422 and leaves nothing behind: no case,
 * no message, nothing queued, no audit entry.
 */
class AHotlineCallIsStoredWholeOrNotAtAllTest {

    static TwoNodes nodes;
    static HotlineApi pk;
    static HotlineApi ir;
    static String token;
    static String red;

    @BeforeAll
    static void start() {
        nodes = TwoNodes.shared();
        pk = HotlineApi.liaisonAt(nodes.pk);
        ir = HotlineApi.liaisonAt(nodes.ir);
        token = nodes.pk.bean(ApiTokens.class).issue("pk-liaison", "the duty officer's script", Duration.ofHours(1)).token();
        red = HotlineApi.storeRedObject(nodes.pk, "an informant's network (RED)");
    }

    /** Leaves the shared nodes' outboxes empty, as other classes on them count what they deliver. */
    @AfterAll
    static void drain() {
        pk.deliverTo("IR");
    }

    static HttpResponse<String> send(Https https, String text) throws Exception {
        return https.send("POST", "/api/hotline/calls", """
                {"from":{"name":"Maj Gen A. Khan","post":"DGMO"},"addressee":"IR",
                 "to":{"name":"Brig Gen R. Karimi","post":"Director of Operations"},"priority":"FLASH","text":"%s"}"""
                .formatted(text), "Authorization", "Bearer " + token, "Content-Type", "application/json");
    }

    static long count(JdbcClient jdbc, String sql, Object... params) {
        return jdbc.sql(sql).params(List.of(params)).query(Long.class).single();
    }

    @Test
    void callsSentFourAtATimeAreEachStoredIndexedQueuedAuditedAndLedgeredWhole() throws Exception {
        Https https = Https.to(nodes.pk);
        ConcurrentLinkedQueue<String> calls = new ConcurrentLinkedQueue<>();
        ExecutorService senders = Executors.newFixedThreadPool(4);
        List<Future<?>> done = new ArrayList<>();
        for (int s = 0; s < 4; s++) {
            int sender = s;
            done.add(senders.submit(() -> {
                for (int i = 0; i < 5; i++) {
                    HttpResponse<String> response = send(https, "stray drone " + sender + "-" + i + " crossed near Panjgur; not hostile");
                    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
                    JsonNode view = HotlineApi.JSON.readTree(response.body());
                    // the answer is the call as stored: unacknowledged, IR to acknowledge, its one message queued for IR
                    assertThat(view.path("state").asString()).isEqualTo("Unacknowledged");
                    assertThat(view.path("nextActor").path("party").asString()).isEqualTo("IR");
                    assertThat(view.path("timeline")).singleElement()
                            .satisfies(m -> assertThat(m.path("receipt").asString()).isEqualTo("QUEUED"));
                    calls.add(view.path("callId").asString());
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        senders.shutdown();
        assertThat(calls).hasSize(20).doesNotHaveDuplicates();

        JdbcClient atPk = nodes.pk.bean(JdbcClient.class);
        for (String call : calls) {
            assertThat(count(atPk, "select count(*) from workflow_case where case_id = ? and case_type = 'call' and state_name = 'Unacknowledged'"
                    + " and awaited = 'IR' and due_at is not null and closed = false and indexed_messages = 1", call))
                    .as("PK's case index of %s", call).isEqualTo(1);
            assertThat(count(atPk, "select count(*) from workflow_message where case_id = ? and id = ? and direction = 'SENT'", call, call))
                    .isEqualTo(1);
            assertThat(count(atPk, "select count(*) from exchange_outbox where object_id = ? and partner = 'IR'", call)).isEqualTo(1);
            assertThat(count(atPk, "select count(*) from audit_entry where action = 'hotline.sent' and subject = ?"
                    + " and actor = 'user:pk-liaison'", call)).as("audited under the token's user").isEqualTo(1);
        }

        pk.deliverTo("IR");
        JdbcClient atIr = nodes.ir.bean(JdbcClient.class);
        for (String call : calls) {
            JsonNode atIrView = ir.callWhen(call, HotlineApi.withMessages(1));
            assertThat(atIrView.path("state").asString()).isEqualTo(pk.call(call).path("state").asString());
            assertThat(count(atPk, "select count(*) from exchange_outbox where object_id = ? and receipt is not null", call))
                    .as("IR's receipt kept at PK").isEqualTo(1);
            assertThat(count(atPk, "select count(*) from ledger_entry where stix_id = ? and direction = 'SENT' and partner = 'IR'", call))
                    .isEqualTo(1);
            assertThat(count(atIr, "select count(*) from ledger_entry where stix_id = ? and direction = 'RECEIVED' and partner = 'PK'",
                    call)).isEqualTo(1);
            assertThat(count(atIr, "select count(*) from workflow_case where case_id = ? and state_name = 'Unacknowledged' and awaited = 'IR'"
                    + " and indexed_messages = 1", call)).as("IR's case index of %s", call).isEqualTo(1);
            assertThat(count(atIr, "select count(*) from audit_entry where action = 'hotline.received' and subject = ?", call))
                    .isEqualTo(1);
        }
    }

    @Test
    void aCallTheOutboxRefusesLeavesNothingBehind() throws Exception {
        JdbcClient atPk = nodes.pk.bean(JdbcClient.class);
        long cases = count(atPk, "select count(*) from workflow_case");
        long messages = count(atPk, "select count(*) from workflow_message");
        long queued = count(atPk, "select count(*) from exchange_outbox");
        long audited = count(atPk, "select count(*) from audit_entry where action like 'hotline.%'");

        HttpResponse<String> response = send(Https.to(nodes.pk), "the source is " + red);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(422);
        assertThat(response.body()).contains(red);
        assertThat(count(atPk, "select count(*) from workflow_case")).isEqualTo(cases);
        assertThat(count(atPk, "select count(*) from workflow_message")).isEqualTo(messages);
        assertThat(count(atPk, "select count(*) from exchange_outbox")).isEqualTo(queued);
        assertThat(count(atPk, "select count(*) from audit_entry where action like 'hotline.%'")).isEqualTo(audited);
    }
}
