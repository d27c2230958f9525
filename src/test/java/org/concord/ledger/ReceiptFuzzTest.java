package org.concord.ledger;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.Signature;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

import org.concord.ledger.tree.NoteException;
import org.concord.ledger.tree.NoteSigner;
import org.concord.ledger.tree.SignedNote;
import org.concord.party.SigningKey;
import org.concord.testing.FixedKeys;

/**
 * Signed receipts, as the sender reads the partner's ({@code ReceiptDesk.verify} on every TAXII
 * status, {@code concord verify receipt}): {@link Receipt#parse} then {@link Receipt#verify} either
 * succeed or throw a {@link ReceiptException} naming the check that failed. The partner holds its own
 * key and may sign anything, so besides receipts as they come (mode 0) the harness re-signs each
 * parsed receipt, and its checkpoint, with the trusted key (mode 1) to reach the checks after the
 * signature: the entry's leaf, the object, the checkpoint and the inclusion proof.
 */
class ReceiptFuzzTest {

    static final KeyPair RECEIVER = FixedKeys.ed25519(3);
    static final SigningKey TRUSTED = SigningKey.of(RECEIVER.getPublic());

    @FuzzTest(maxDuration = "10s")
    void aReceiptVerifiesOrIsRefusedAsReceiptException(FuzzedDataProvider data) {
        boolean resign = data.consumeBoolean();
        String json = new String(data.consumeRemainingAsBytes(), StandardCharsets.UTF_8);
        try {
            Receipt receipt = Receipt.parse(json);
            if (!resign) {
                receipt.verify(TRUSTED, null);
                return;
            }
            Receipt signed = new Receipt(receipt.receiver(), receipt.origin(), TRUSTED, receipt.sender(), receipt.object(),
                    receipt.index(), receipt.recordedAt(), receipt.leaf(), receipt.issuedAt(), resigned(receipt),
                    receipt.inclusion(), receipt.deadline(), null).signedWith(ReceiptFuzzTest::sign);
            Receipt.parse(signed.toJson()).verify(TRUSTED, receipt.object());
        } catch (ReceiptException refused) {
            // the documented refusal, named
        }
    }

    /** The receipt's checkpoint signed by the receiver's key under the receipt's origin, when the harness can. */
    private static String resigned(Receipt receipt) {
        if (receipt.checkpoint() == null) {
            return null;
        }
        try {
            SignedNote note = SignedNote.parse(receipt.checkpoint());
            return NoteSigner.of(receipt.origin(), RECEIVER).sign(SignedNote.unsigned(note.text())).encode();
        } catch (NoteException | IllegalArgumentException cannot) {
            return receipt.checkpoint(); // not a note, or an origin no key can be named: checked as sent
        }
    }

    private static byte[] sign(byte[] message) {
        try {
            Signature signature = Signature.getInstance("Ed25519");
            signature.initSign(RECEIVER.getPrivate());
            signature.update(message);
            return signature.sign();
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
