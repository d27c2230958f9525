package org.concord.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.concord.exchange.sync.OutboxDelivery;
import org.concord.exchange.sync.ReceiptCompletion;
import org.concord.intel.stix.Tlp;
import org.concord.ledger.Ledger;
import org.concord.ledger.ObjectDigest;
import org.concord.ledger.Receipt;
import org.concord.party.PartyCode;
import org.concord.testing.Stix;
import org.concord.testing.TwoNodes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PK sends IR a thousand messages through the exchange. Every one is in PK's ledger as sent and in
 * IR's as received, and PK holds a completed receipt for each that verifies offline, from the
 * files alone: the message, the receipt and IR's public signing key.
 */
class ReceiptsForEveryMessageTest {

    @TempDir
    Path files;

    @Test
    void aThousandMessagesEachHaveAReceiptThatVerifiesOffline() throws Exception {
        TwoNodes nodes = TwoNodes.startPaired();
        try {
            String pk = nodes.pk.identity().stixIdentityId();
            Outbox outbox = nodes.pk.bean(Outbox.class);
            long pkBefore = nodes.pk.bean(Ledger.class).size();
            long irBefore = nodes.ir.bean(Ledger.class).size();
            for (int i = 0; i < 1000; i++) {
                outbox.enqueue(PartyCode.of("IR"), Stix.intrusionSet("message " + i, pk, Tlp.GREEN));
            }
            assertThat(nodes.pk.bean(OutboxDelivery.class).deliver(PartyCode.of("IR"))).isEqualTo(1000);
            while (nodes.pk.bean(ReceiptCompletion.class).complete(PartyCode.of("IR")) > 0) {
                // 500 a round
            }
            assertThat(nodes.pk.bean(Ledger.class).size() - pkBefore).isEqualTo(1000);
            assertThat(nodes.ir.bean(Ledger.class).size() - irBefore).isEqualTo(1000);

            var irKey = nodes.pk.bean(org.concord.party.Partners.class).byCode(PartyCode.of("IR")).orElseThrow().signingKey();
            var jdbc = nodes.pk.bean(org.springframework.jdbc.core.simple.JdbcClient.class);
            var rows = jdbc.sql("select object, receipt from exchange_outbox where partner = 'IR' order by seq")
                    .query((rs, n) -> new String[] {rs.getString(1), rs.getString(2)}).list();
            assertThat(rows).hasSize(1000);
            for (String[] row : rows) {
                Receipt receipt = Receipt.parse(row[1]).verify(irKey, ObjectDigest.of(row[0]));
                assertThat(receipt.isPromise()).isFalse();
            }
            // And with the offline verifier, from files alone, for the first and the last.
            Path key = files.resolve("ir-pairing.json");
            Files.writeString(key, nodes.ir.identity().pairingRecord().toJson());
            for (String[] row : new String[][] {rows.get(0), rows.get(999)}) {
                Path object = Files.writeString(files.resolve("object.json"), row[0]);
                Path receipt = Files.writeString(files.resolve("receipt.json"), row[1]);
                int code = org.concord.cli.ConcordCommand.execute("verify", "receipt", receipt.toString(), "--partner-key", key.toString(),
                        "--object", object.toString());
                assertThat(code).isZero();
            }
        } finally {
            nodes.stop();
        }
    }
}
