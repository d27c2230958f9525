package org.concord.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.concord.exchange.sync.OutboxDelivery;
import org.concord.intel.Collection;
import org.concord.intel.stix.Tlp;
import org.concord.ledger.ObjectDigest;
import org.concord.ledger.Receipt;
import org.concord.party.PartyCode;
import org.concord.testing.Https;
import org.concord.testing.Stix;
import org.concord.testing.TwoNodes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * PK's outbox delivers 60 messages to IR in one POST and says it reads batched receipts: IR signs
 * the 60 receipts once, each receipt names its place in the batch, and each verifies on its own,
 * offline, from files alone. A sender that does not say so (an older node, curl) still gets every
 * receipt signed alone, as before.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AWholeDeliveryIsReceiptedWithOneSignatureTest {

    static final String TAXII = "application/taxii+json;version=2.1";
    static final String IR_INBOX = "/taxii2/concord/collections/" + Collection.INBOX.id() + "/objects/";

    @TempDir
    Path files;
    TwoNodes nodes;

    @BeforeAll
    void pkAndIr() {
        nodes = TwoNodes.startPaired();
    }

    @AfterAll
    void stop() {
        nodes.stop();
    }

    @Test
    void sixtyMessagesInOnePostAreReceiptedWithOneSignatureAndEachReceiptStandsAlone() throws Exception {
        String pk = nodes.pk.identity().stixIdentityId();
        Outbox outbox = nodes.pk.bean(Outbox.class);
        List<Long> seqs = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            seqs.add(outbox.enqueue(PartyCode.of("IR"), Stix.intrusionSet("batched message " + i, pk, Tlp.GREEN)));
        }
        assertThat(nodes.pk.bean(OutboxDelivery.class).deliver(PartyCode.of("IR"))).isEqualTo(60);

        var irKey = nodes.ir.identity().signingKey();
        List<Receipt> receipts = new ArrayList<>();
        List<String[]> rows = nodes.pk.bean(JdbcClient.class)
                .sql("select object, receipt from exchange_outbox where seq >= ? and seq <= ? order by seq")
                .params(seqs.get(0), seqs.get(59)).query((rs, n) -> new String[] {rs.getString(1), rs.getString(2)}).list();
        assertThat(rows).hasSize(60);
        for (String[] row : rows) {
            receipts.add(Receipt.parse(row[1]).verify(irKey, ObjectDigest.of(row[0])));
        }
        assertThat(receipts).allSatisfy(r -> {
            assertThat(r.format()).isEqualTo("concord-receipt/2");
            assertThat(r.batch().size()).isEqualTo(60);
        });
        assertThat(receipts.stream().map(r -> r.batch().index())).containsExactlyElementsOf(java.util.stream.IntStream.range(0, 60).boxed().toList());
        assertThat(receipts.stream().map(r -> java.util.Base64.getEncoder().encodeToString(r.signature())).distinct()).hasSize(1);
        assertThat(receipts.stream().map(Receipt::index).distinct()).hasSize(60);

        Path key = Files.writeString(files.resolve("ir-pairing.json"), nodes.ir.identity().pairingRecord().toJson());
        for (int i : new int[] {0, 41}) {
            Path object = Files.writeString(files.resolve("object.json"), rows.get(i)[0]);
            Path receipt = Files.writeString(files.resolve("receipt.json"), rows.get(i)[1]);
            assertThat(org.concord.cli.ConcordCommand.execute("verify", "receipt", receipt.toString(), "--partner-key", key.toString(),
                    "--object", object.toString())).isZero();
        }
    }

    @Test
    void aSenderThatDoesNotAskForBatchesGetsEveryReceiptSignedAlone() throws Exception {
        String pk = nodes.pk.identity().stixIdentityId();
        ObjectNode a = Stix.intrusionSet("posted by hand, a", pk, Tlp.GREEN);
        ObjectNode b = Stix.intrusionSet("posted by hand, b", pk, Tlp.GREEN);
        HttpResponse<String> response = Https.asPartner(nodes.pk, nodes.ir).send("POST", IR_INBOX, Stix.envelope(a, b),
                "Accept", TAXII, "Content-Type", TAXII);
        assertThat(response.statusCode()).isEqualTo(202);
        JsonNode issued = Stix.JSON.readTree(response.body()).path("x_concord_receipts");
        assertThat(issued).hasSize(2);
        var irKey = nodes.ir.identity().signingKey();
        for (int i = 0; i < 2; i++) {
            Receipt receipt = Receipt.parse(issued.get(i).path("receipt").asString())
                    .verify(irKey, ObjectDigest.of(Stix.JSON.writeValueAsString(i == 0 ? a : b)));
            assertThat(receipt.format()).isEqualTo("concord-receipt/1");
            assertThat(receipt.batch()).isNull();
        }
    }
}
