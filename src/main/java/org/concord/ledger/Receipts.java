package org.concord.ledger;

import java.time.Instant;
import java.util.Optional;

import org.concord.party.PartyCode;

/**
 * The receipt use case: the receiver acknowledges an object with a receipt signed by its key, and
 * the sender checks a receipt it was given against the receiver's pinned key.
 */
public interface Receipts {

    /**
     * Records an object received from {@code sender} in the ledger (once per id, modified and hash:
     * a redelivery gets the first entry again) and returns the signed receipt: complete when a
     * signed checkpoint already includes the entry, otherwise a promise to include it by a deadline.
     */
    Receipt issue(PartyCode sender, ObjectDigest object);

    /**
     * As {@link #issue} for several objects at once, with one ledger commit for all of them (a TAXII
     * POST of many messages waits for one commit, not one per message). Receipts come in the order
     * of {@code objects}.
     */
    java.util.List<Receipt> issueAll(PartyCode sender, java.util.List<ObjectDigest> objects);

    /**
     * As {@link #issueAll}, and signed as one batch with one signature: each receipt is a
     * {@code concord-receipt/2} that carries its path to the signed root of the batch and still proves
     * on its own, offline, that this node recorded that object at that index (docs/ledger.md). For a
     * sender that said it reads that format: a TAXII POST of many messages costs one signature.
     */
    java.util.List<Receipt> issueBatch(PartyCode sender, java.util.List<ObjectDigest> objects);

    /**
     * The receipt for an object received from {@code sender}, completed with the newest checkpoint
     * if one includes it (signing a new checkpoint if the promise's deadline has come); empty if
     * this node never received that object from that sender.
     */
    Optional<Receipt> receipt(PartyCode sender, String objectId, Instant modified);

    /** One object asked for in {@link #receiptsTogether}: its id and modified time. */
    record Asked(String objectId, Instant modified) {
    }

    /**
     * As {@link #receipt} for several objects at once, every receipt complete and all of them signed as one
     * batch with one signature ({@code concord-receipt/2}, as {@link #issueBatch}): the sender completes the
     * promises of a whole delivery with one request. In the order of {@code asked}; empty where this node
     * never received that object from that sender.
     */
    java.util.List<Optional<Receipt>> receiptsTogether(PartyCode sender, java.util.List<Asked> asked);

    /**
     * Checks a receipt {@code receiver} gave this node for {@code object}, with the signing key
     * pinned for {@code receiver} at pairing.
     *
     * @throws ReceiptException naming what is wrong
     */
    Receipt verify(PartyCode receiver, String receiptJson, ObjectDigest object) throws ReceiptException;

    /**
     * A check of many receipts from {@code receiver} (those of one delivery), each as {@link #verify}
     * checks one, but every signature only once however many receipts share it: a batch's root, a
     * checkpoint.
     */
    Checker checker(PartyCode receiver);

    /** Checks receipts of one receiver; see {@link Receipts#checker}. */
    interface Checker {
        /**
         * @throws ReceiptException naming what is wrong
         */
        Receipt verify(String receiptJson, ObjectDigest object) throws ReceiptException;
    }
}
