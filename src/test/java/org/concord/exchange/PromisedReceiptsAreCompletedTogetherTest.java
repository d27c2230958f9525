package org.concord.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import org.concord.exchange.sync.OutboxDelivery;
import org.concord.exchange.sync.ReceiptCompletion;
import org.concord.intel.stix.Tlp;
import org.concord.ledger.ObjectDigest;
import org.concord.ledger.Receipt;
import org.concord.party.PartyCode;
import org.concord.testing.Https;
import org.concord.testing.Stix;
import org.concord.testing.TwoNodes;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * PK completes the receipts IR promised for a delivery with one request ({@code POST /ledger/receipts}), not one
 * GET per message: IR answers every receipt complete, signed as one batch with one signature, and PK keeps each
 * after checking it against IR's pinned key. A partner asks only for the receipts of what it sent itself: naming
 * another sender is answered 404, as the single receipt is, and an object it did not send has no receipt (null).
 */
class PromisedReceiptsAreCompletedTogetherTest {

    static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void theReceiptsOfADeliveryAreCompletedWithOneRequestAndOneSignature() throws Exception {
        TwoNodes nodes = TwoNodes.shared();
        String pk = nodes.pk.identity().stixIdentityId();
        Outbox outbox = nodes.pk.bean(Outbox.class);
        completeEarlierPromises(nodes);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            var object = Stix.intrusionSet("completed together " + i, pk, Tlp.GREEN);
            ids.add(object.path("id").asString());
            outbox.enqueue(PartyCode.of("IR"), object);
        }
        assertThat(nodes.pk.bean(OutboxDelivery.class).deliver(PartyCode.of("IR"))).isEqualTo(5);
        JdbcClient jdbc = nodes.pk.bean(JdbcClient.class);
        assertThat(receipts(jdbc, ids)).as("IR promised them").allSatisfy(r -> assertThat(r.isPromise()).isTrue());
        assertThat(waiting(jdbc, ids)).as("the delivery noted the five promises").isEqualTo(5);

        assertThat(nodes.pk.bean(ReceiptCompletion.class).complete(PartyCode.of("IR"))).isEqualTo(5);
        assertThat(waiting(jdbc, ids)).as("completed, no longer waiting").isZero();
        assertThat(nodes.pk.bean(ReceiptCompletion.class).complete(PartyCode.of("IR"))).as("nothing is asked for twice").isZero();

        var irKey = nodes.pk.bean(org.concord.party.Partners.class).byCode(PartyCode.of("IR")).orElseThrow().signingKey();
        List<Receipt> completed = receipts(jdbc, ids);
        List<String> signatures = new ArrayList<>();
        List<String> objects = jdbc.sql("select object from exchange_outbox where partner = 'IR' and object_id in (?, ?, ?, ?, ?)"
                + " order by seq").params(new ArrayList<Object>(ids)).query(String.class).list();
        for (int i = 0; i < 5; i++) {
            Receipt receipt = completed.get(i).verify(irKey, ObjectDigest.of(objects.get(i)));
            assertThat(receipt.isPromise()).isFalse();
            assertThat(receipt.batch()).as("signed in a batch").isNotNull();
            signatures.add(HexFormat.of().formatHex(receipt.signature()));
        }
        assertThat(signatures).as("one signature for the five").containsOnly(signatures.get(0));
    }

    /**
     * A crisis on the hotline receipts hundreds of messages a second, nearly all first with a promise: one run completes
     * every promise waiting, 500 a request, not the oldest 500 alone (which left 67,900 waiting after two minutes at 500
     * messages a second, BENCHMARKS.md).
     */
    @Test
    void oneRunCompletesEveryPromiseWaitingFiveHundredARequest() throws Exception {
        TwoNodes nodes = TwoNodes.shared();
        String pk = nodes.pk.identity().stixIdentityId();
        ReceiptCompletion completion = nodes.pk.bean(ReceiptCompletion.class);
        completeEarlierPromises(nodes);
        JdbcClient jdbc = nodes.pk.bean(JdbcClient.class);
        long before = jdbc.sql("select coalesce(max(seq), 0) from exchange_outbox").query(Long.class).single();
        List<Outbox.Queued> messages = new ArrayList<>();
        for (int i = 0; i < 1_234; i++) {
            messages.add(new Outbox.Queued(PartyCode.of("IR"), Stix.intrusionSet("a crisis's message " + i, pk, Tlp.GREEN),
                    DeliveryPriority.FLASH));
        }
        nodes.pk.bean(Outbox.class).enqueueAll(messages);
        int delivered = 0;
        while (delivered < 1_234) {
            int now = nodes.pk.bean(OutboxDelivery.class).deliver(PartyCode.of("IR"));
            assertThat(now).as("IR takes what PK delivers").isPositive();
            delivered += now;
        }
        assertThat(jdbc.sql("select count(*) from exchange_receipt_promise where partner = 'IR' and seq > ?").param(before)
                .query(Long.class).single()).as("IR receipted them with promises").isEqualTo(1_234);

        assertThat(completion.complete(PartyCode.of("IR"))).as("one run, three requests").isEqualTo(1_234);
        assertThat(jdbc.sql("select count(*) from exchange_receipt_promise where partner = 'IR' and seq > ?").param(before)
                .query(Long.class).single()).as("none left waiting").isZero();
        assertThat(jdbc.sql("select count(*) from exchange_outbox where partner = 'IR' and seq > ? and receipt like '%\"promise\"%'")
                .param(before).query(Long.class).single()).as("every receipt kept complete").isZero();
    }

    @Test
    void aPartnerGetsOnlyTheReceiptsOfWhatItSent() throws Exception {
        TwoNodes nodes = TwoNodes.shared();
        Https irAsPartner = Https.asPartner(nodes.ir, nodes.pk);
        String someone = "indicator--0f0e0d0c-0b0a-4909-8807-060504030201";
        HttpResponse<String> other = irAsPartner.send("POST", "/ledger/receipts",
                "{\"sender\":\"PK\",\"objects\":[{\"object\":\"" + someone + "\",\"modified\":\"2024-01-16T00:00:00.000Z\"}]}",
                "Content-Type", "application/json");
        assertThat(other.statusCode()).as(other.body()).isEqualTo(404);
        assertThat(other.body()).doesNotContain("\"receipt");

        // an object IR sent PK, and one IR never sent: only the first has a receipt
        var mine = Stix.intrusionSet("sent by IR to be receipted", nodes.ir.identity().stixIdentityId(), Tlp.GREEN);
        String sent = mine.path("id").asString();
        nodes.ir.bean(Outbox.class).enqueue(PartyCode.of("PK"), mine);
        assertThat(nodes.ir.bean(OutboxDelivery.class).deliver(PartyCode.of("PK"))).isGreaterThanOrEqualTo(1);
        String modified = nodes.pk.bean(JdbcClient.class).sql("select modified from ledger_entry"
                + " where direction = 'RECEIVED' and partner = 'IR' and stix_id = ?").param(sent).query(String.class).single();
        String body = "{\"objects\":[{\"object\":\"" + sent + "\",\"modified\":\"" + modified + "\"},"
                + "{\"object\":\"" + someone + "\",\"modified\":\"2024-01-16T00:00:00.000Z\"}]}";
        HttpResponse<String> own = irAsPartner.send("POST", "/ledger/receipts", body, "Content-Type", "application/json");
        assertThat(own.statusCode()).as(own.body()).isEqualTo(200);
        JsonNode answered = JSON.readTree(own.body()).path("receipts");
        assertThat(answered.size()).isEqualTo(2);
        assertThat(answered.get(0).path("object").toString()).as("the receipt of what IR sent").contains(sent);
        assertThat(answered.get(1).isNull()).as("no receipt for what IR never sent").isTrue();

        HttpResponse<String> bad = irAsPartner.send("POST", "/ledger/receipts",
                "{\"objects\":[{\"object\":\"" + someone + "\",\"modified\":\"yesterday\"}]}", "Content-Type", "application/json");
        assertThat(bad.statusCode()).as(bad.body()).isEqualTo(400);
        assertThat(JSON.readTree(bad.body()).path("field").asString()).isEqualTo("objects[0].modified");

        // a partner's request with no body at all names what is missing, not a server error
        HttpResponse<String> empty = irAsPartner.send("POST", "/ledger/receipts", "", "Content-Type", "application/json");
        assertThat(empty.statusCode()).as(empty.body()).isEqualTo(400);
        assertThat(JSON.readTree(empty.body()).path("field").asString()).isEqualTo("objects");
    }

    /** Delivers and completes what earlier classes left on the shared pair, so that a test's run completes only its own. */
    private static void completeEarlierPromises(TwoNodes nodes) {
        nodes.pk.bean(OutboxDelivery.class).deliver(PartyCode.of("IR"));
        while (nodes.pk.bean(ReceiptCompletion.class).complete(PartyCode.of("IR")) > 0) {
            // until a run completes nothing more
        }
    }

    /** How many of the messages with these ids wait for their promised receipt to be completed. */
    private static long waiting(JdbcClient jdbc, List<String> ids) {
        return jdbc.sql("select count(*) from exchange_receipt_promise p join exchange_outbox o on o.seq = p.seq"
                + " where o.partner = 'IR' and o.object_id in (?, ?, ?, ?, ?)").params(new ArrayList<Object>(ids)).query(Long.class).single();
    }

    private static List<Receipt> receipts(JdbcClient jdbc, List<String> ids) throws Exception {
        List<String> rows = jdbc.sql("select receipt from exchange_outbox where partner = 'IR' and object_id in (?, ?, ?, ?, ?) order by seq")
                .params(new ArrayList<Object>(ids)).query(String.class).list();
        assertThat(rows).hasSize(5);
        List<Receipt> parsed = new ArrayList<>();
        for (String row : rows) {
            parsed.add(Receipt.parse(row));
        }
        return parsed;
    }

}
