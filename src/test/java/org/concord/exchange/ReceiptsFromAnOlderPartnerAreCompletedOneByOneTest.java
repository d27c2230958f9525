package org.concord.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import org.concord.exchange.sync.OutboxDelivery;
import org.concord.exchange.sync.ReceiptCompletion;
import org.concord.intel.stix.Tlp;
import org.concord.ledger.ObjectDigest;
import org.concord.ledger.Receipt;
import org.concord.party.Partners;
import org.concord.party.PartyCode;
import org.concord.testing.Stix;
import org.concord.testing.TwoNodes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A partner running a version from before receipts were completed together turns {@code POST /ledger/receipts} away
 * (405). PK must still complete every promised receipt, asking for each with its own {@code GET}, and keep each only
 * after it verifies against the partner's pinned key: the promises must not stay promises for ever.
 */
class ReceiptsFromAnOlderPartnerAreCompletedOneByOneTest {

    static TwoNodes nodes;

    @BeforeAll
    static void start() {
        nodes = TwoNodes.startPaired(Map.of(),
                Map.of("spring.main.sources", OlderPartnerWithoutReceiptBatches.class.getName()));
    }

    @AfterAll
    static void stop() {
        nodes.stop();
    }

    @Test
    void promisesFromAPartnerWithoutTheBatchedRequestAreCompletedOneAtATime() throws Exception {
        String pk = nodes.pk.identity().stixIdentityId();
        Outbox outbox = nodes.pk.bean(Outbox.class);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            var object = Stix.intrusionSet("completed one by one " + i, pk, Tlp.GREEN);
            ids.add(object.path("id").asString());
            outbox.enqueue(PartyCode.of("IR"), object);
        }
        assertThat(nodes.pk.bean(OutboxDelivery.class).deliver(PartyCode.of("IR"))).isEqualTo(3);
        JdbcClient jdbc = nodes.pk.bean(JdbcClient.class);
        assertThat(receipts(jdbc, ids)).as("IR promised them").allSatisfy(r -> assertThat(r.isPromise()).isTrue());
        int refusedBefore = OlderPartnerWithoutReceiptBatches.REFUSED.get();

        assertThat(nodes.pk.bean(ReceiptCompletion.class).complete(PartyCode.of("IR"))).isEqualTo(3);

        assertThat(OlderPartnerWithoutReceiptBatches.REFUSED.get()).as("the batched request was tried and turned away")
                .isEqualTo(refusedBefore + 1);
        var irKey = nodes.pk.bean(Partners.class).byCode(PartyCode.of("IR")).orElseThrow().signingKey();
        List<String> objects = jdbc.sql("select object from exchange_outbox where partner = 'IR' and object_id in (?, ?, ?)"
                + " order by seq").params(new ArrayList<Object>(ids)).query(String.class).list();
        List<Receipt> completed = receipts(jdbc, ids);
        List<String> signatures = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Receipt receipt = completed.get(i).verify(irKey, ObjectDigest.of(objects.get(i)));
            assertThat(receipt.isPromise()).isFalse();
            assertThat(receipt.batch()).as("each signed alone, as an older partner signs").isNull();
            signatures.add(HexFormat.of().formatHex(receipt.signature()));
        }
        assertThat(signatures).as("one signature a receipt").doesNotHaveDuplicates();
        assertThat(nodes.pk.bean(ReceiptCompletion.class).complete(PartyCode.of("IR"))).as("nothing left promised").isZero();
    }

    private static List<Receipt> receipts(JdbcClient jdbc, List<String> ids) throws Exception {
        List<String> rows = jdbc.sql("select receipt from exchange_outbox where partner = 'IR' and object_id in (?, ?, ?) order by seq")
                .params(new ArrayList<Object>(ids)).query(String.class).list();
        assertThat(rows).hasSize(3);
        List<Receipt> parsed = new ArrayList<>();
        for (String row : rows) {
            parsed.add(Receipt.parse(row));
        }
        return parsed;
    }
}
