package org.concord.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.concord.exchange.sync.OutboxDelivery;
import org.concord.intel.Collection;
import org.concord.intel.IntelQuery;
import org.concord.intel.IntelStore;
import org.concord.intel.StoredObject;
import org.concord.intel.Viewer;
import org.concord.intel.stix.Tlp;
import org.concord.party.PartyCode;
import org.concord.testing.Eventually;
import org.concord.testing.Postgres;
import org.concord.testing.Stix;
import org.concord.testing.TestNode;
import org.concord.testing.TwoNodes;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.node.ObjectNode;

/** PK's outbox delivers to IR's inbox at least once and in order, waits while IR is down, and settles refusals. */
class OutboxDeliveryTest {

    @Test
    void messagesWaitWhileThePartnerIsDownAndArriveInOrderWhenItReturns() throws Exception {
        TwoNodes nodes = TwoNodes.startPaired();
        TestNode ir = nodes.ir;
        try {
            String pk = nodes.pk.identity().stixIdentityId();
            Outbox outbox = nodes.pk.bean(Outbox.class);
            OutboxDelivery delivery = nodes.pk.bean(OutboxDelivery.class);
            List<String> sent = new ArrayList<>();
            ObjectNode first = Stix.intrusionSet("message 1", pk, Tlp.GREEN);
            outbox.enqueue(PartyCode.of("IR"), first);
            sent.add(first.path("id").asString());
            assertThat(delivery.deliver(PartyCode.of("IR"))).isEqualTo(1);

            // IR goes down; PK keeps queueing.
            ir.close();
            for (int i = 2; i <= 4; i++) {
                ObjectNode message = Stix.intrusionSet("message " + i, pk, Tlp.GREEN);
                outbox.enqueue(PartyCode.of("IR"), message);
                sent.add(message.path("id").asString());
            }
            assertThat(delivery.deliver(PartyCode.of("IR"))).isZero();
            assertThat(outbox.pending(PartyCode.of("IR"))).hasSize(3).allSatisfy(m -> {
                assertThat(m.attempts()).isEqualTo(1);
                assertThat(m.lastError()).isNotBlank();
            });

            // IR returns on the same port, keys and database; the backoff has passed.
            ir = TestNode.start("IR", "Islamic Republic of Iran", TestNode.Store.POSTGRES, ir.dataDir(), ir.schema(),
                    Map.of("server.port", ir.port()));
            org.springframework.jdbc.core.simple.JdbcClient jdbc = nodes.pk.bean(org.springframework.jdbc.core.simple.JdbcClient.class);
            jdbc.sql("update exchange_partner_link set last_failure_at = ?").param(java.sql.Timestamp.from(java.time.Instant.EPOCH)).update();
            assertThat(delivery.deliver(PartyCode.of("IR"))).isEqualTo(3);
            assertThat(outbox.pending(PartyCode.of("IR"))).isEmpty();

            List<StoredObject> inbox = ir.bean(IntelStore.class).find(IntelQuery.all(Collection.INBOX, 100, 0), Viewer.local()).items();
            assertThat(inbox).extracting(StoredObject::id).containsExactlyElementsOf(sent);

            // Every message went into PK's ledger before it left, and PK holds IR's signed receipt for
            // each, which verifies offline with IR's pinned key alone.
            var irKey = nodes.pk.bean(org.concord.party.Partners.class).byCode(PartyCode.of("IR")).orElseThrow().signingKey();
            long irLedger = ir.bean(org.concord.ledger.Ledger.class).size();
            for (var message : outbox.recent(PartyCode.of("IR"), 10)) {
                assertThat(message.ledgerIndex()).isNotNull();
                assertThat(message.receipt()).as(message.objectId()).isNotNull();
                String object = jdbc.sql("select object from exchange_outbox where seq = ?").param(message.seq()).query(String.class).single();
                var receipt = org.concord.ledger.Receipt.parse(message.receipt())
                        .verify(irKey, org.concord.ledger.ObjectDigest.of(object));
                assertThat(receipt.object().id()).isEqualTo(message.objectId());
            }
            assertThat(nodes.pk.bean(org.concord.ledger.Ledger.class).size()).isGreaterThanOrEqualTo(4);

            // Receipts given before IR's next checkpoint are promises; PK completes them, and each
            // completed receipt carries IR's signed checkpoint and the inclusion proof.
            nodes.pk.bean(org.concord.exchange.sync.ReceiptCompletion.class).complete(PartyCode.of("IR"));
            for (var message : outbox.recent(PartyCode.of("IR"), 10)) {
                String object = jdbc.sql("select object from exchange_outbox where seq = ?").param(message.seq()).query(String.class).single();
                var receipt = org.concord.ledger.Receipt.parse(message.receipt()).verify(irKey, org.concord.ledger.ObjectDigest.of(object));
                assertThat(receipt.isPromise()).as(message.objectId()).isFalse();
            }
            assertThat(irLedger).isGreaterThanOrEqualTo(3);

            // Delivered again (at least once): nothing changes at IR.
            jdbc.sql("update exchange_outbox set delivered_at = null").update();
            assertThat(delivery.deliver(PartyCode.of("IR"))).isEqualTo(4);
            assertThat(ir.bean(IntelStore.class).count(Collection.INBOX)).isEqualTo(4);
        } finally {
            nodes.pk.close();
            ir.close();
            Postgres.dropSchema(nodes.pk.schema());
            Postgres.dropSchema(ir.schema());
        }
    }

    @Test
    void aMessageIsDeliveredRightAfterItsTransactionCommitsWithoutWaitingForTheSchedule() throws Exception {
        TwoNodes nodes = TwoNodes.startPaired(Map.of("concord.exchange.deliver-on-commit", "true"), Map.of());
        try {
            var transactions = nodes.pk.bean(org.springframework.transaction.support.TransactionTemplate.class);
            ObjectNode message = Stix.intrusionSet("urgent", nodes.pk.identity().stixIdentityId(), Tlp.GREEN);
            long seq = transactions.execute(status -> nodes.pk.bean(Outbox.class).enqueue(PartyCode.of("IR"), message));
            // Scheduling is off in tests: only the trigger after commit can deliver it.
            Eventually.until("PK's message is delivered after its transaction commits",
                    () -> nodes.pk.bean(Outbox.class).message(seq).orElseThrow().delivered());
            assertThat(nodes.pk.bean(Outbox.class).message(seq).orElseThrow().receipt()).isNotNull();
        } finally {
            nodes.stop();
        }
    }

    @Test
    void aMessageThePartnerRefusesIsSettledWithItsReasonAndDoesNotBlockTheRest() {
        TwoNodes nodes = TwoNodes.startPaired();
        try {
            Outbox outbox = nodes.pk.bean(Outbox.class);
            ObjectNode forged = Stix.intrusionSet("not PK's", nodes.ir.identity().stixIdentityId(), Tlp.GREEN);
            ObjectNode fine = Stix.intrusionSet("PK's", nodes.pk.identity().stixIdentityId(), Tlp.GREEN);
            long refused = outbox.enqueue(PartyCode.of("IR"), forged);
            long accepted = outbox.enqueue(PartyCode.of("IR"), fine);
            assertThat(nodes.pk.bean(OutboxDelivery.class).deliver(PartyCode.of("IR"))).isEqualTo(2);
            assertThat(outbox.message(refused).orElseThrow().refusedReason()).contains("created_by_ref");
            assertThat(outbox.message(accepted).orElseThrow().refusedReason()).isNull();
            assertThat(outbox.message(accepted).orElseThrow().delivered()).isTrue();
        } finally {
            nodes.stop();
        }
    }
}
