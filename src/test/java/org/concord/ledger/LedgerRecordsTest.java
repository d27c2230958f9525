package org.concord.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.concord.party.PartyCode;
import org.concord.testing.TwoNodes;
import org.junit.jupiter.api.Test;

/**
 * {@link LedgerRecords#verify}, the receipt check of the console's ledger page, on receipts the real
 * nodes sign: valid at the sender and at the receiver, and each failure named by its check.
 */
class LedgerRecordsTest {

    static final PartyCode PK = PartyCode.of("PK");
    static final PartyCode AF = PartyCode.of("AF");
    final TwoNodes nodes = TwoNodes.shared();

    static String anyObject(String name) {
        return "{\"type\":\"report\",\"id\":\"report--" + UUID.randomUUID()
                + "\",\"created\":\"2024-01-29T10:00:00.000Z\",\"modified\":\"2024-01-29T10:00:00.000Z\",\"name\":\"" + name + "\"}";
    }

    @Test
    void aReceiptIrSignedForPksObjectIsValidAtPkAndAtIr() {
        String object = anyObject("visit");
        String receipt = nodes.ir.bean(Receipts.class).issue(PK, ObjectDigest.of(object)).toJson();

        LedgerRecords.ReceiptCheck atPk = nodes.pk.bean(LedgerRecords.class).verify(receipt, object);
        LedgerRecords.ReceiptCheck atIr = nodes.ir.bean(LedgerRecords.class).verify(receipt, object);

        assertThat(atPk.valid()).as(atPk.message()).isTrue();
        assertThat(atPk.failed()).isNull();
        assertThat(atPk.message()).contains("IR received").contains("from PK");
        assertThat(atPk.checks()).extracting(LedgerRecords.Check::name).containsExactly("Malformed", "UnknownKey", "BadSignature",
                "AlteredEntry", "AlteredObject", "Checkpoint", "BadProof", "Parties");
        assertThat(atPk.checks()).extracting(LedgerRecords.Check::outcome).doesNotContain("FAILED");
        assertThat(atIr.valid()).as(atIr.message()).isTrue();
    }

    @Test
    void eachFailureNamesItsCheck() {
        String object = anyObject("visit");
        String receipt = nodes.ir.bean(Receipts.class).issue(PK, ObjectDigest.of(object)).toJson();
        LedgerRecords pk = nodes.pk.bean(LedgerRecords.class);

        LedgerRecords.ReceiptCheck altered = pk.verify(receipt, object.replace("visit", "raid"));
        assertThat(altered.failed()).isEqualTo("AlteredObject");
        assertThat(altered.message()).startsWith("AlteredObject: ").contains("canonical SHA-256");
        assertThat(altered.checks()).extracting(LedgerRecords.Check::outcome)
                .containsExactly("PASSED", "PASSED", "PASSED", "PASSED", "FAILED", "NOT_CHECKED", "NOT_CHECKED", "NOT_CHECKED");

        assertThat(pk.verify("{\"format\":\"x\"}", object).failed()).isEqualTo("Malformed");
        assertThat(pk.verify(receipt.replace("\"sender\" : \"PK\"", "\"sender\" : \"IR\""), object).failed()).isEqualTo("BadSignature");
        LedgerRecords.ReceiptCheck unknown = pk.verify(receipt.replace("\"party\" : \"IR\"", "\"party\" : \"AF\""), object);
        assertThat(unknown.failed()).isEqualTo("UnknownKey");
        assertThat(unknown.message()).contains("AF");

        // a receipt IR signed, well, for an object a third party sent it: not one PK was given
        String fromAf = anyObject("third");
        String others = nodes.ir.bean(Receipts.class).issue(AF, ObjectDigest.of(fromAf)).toJson();
        assertThat(pk.verify(others, fromAf).failed()).isEqualTo("Parties");

        // without the message, only the receipt is checked
        LedgerRecords.ReceiptCheck alone = pk.verify(receipt, " ");
        assertThat(alone.valid()).isTrue();
        assertThat(alone.checks().get(4).outcome()).isEqualTo("NOT_CHECKED");
        assertThat(alone.message()).contains("the message itself was not checked");
    }
}
