package org.concord.ledger;

import java.time.Instant;
import java.util.List;

/**
 * What the ledger holds, for people to read (the console's ledger page): this node's signed
 * checkpoints, the cosignatures partners returned for them, each partner's log as this node last
 * witnessed it, and the alarms with their evidence; and a receipt checked against the message it
 * acknowledges, as {@link Receipts#verify} and {@code concord verify receipt} check it. Read only.
 */
public interface LedgerRecords {

    /** This node's signed checkpoints, newest (largest) first, at most {@code limit}. */
    List<OwnCheckpoint> checkpoints(int limit);

    /** The cosignatures partners returned for this node's checkpoints, newest first, each checked again. */
    List<Cosignature> cosignatures(int limit);

    /** Per paired partner, the checkpoint of its log this node last accepted (and cosigned) as its witness. */
    List<Witnessed> witnessed();

    /** The alarms raised about partners' logs and this node's own, newest first, with their evidence. */
    List<Alarm> alarms(int limit);

    /**
     * Checks a receipt and the message it acknowledges: a receipt a partner signed with the key pinned
     * for it at pairing (as {@link Receipts#verify}, so also that it names this node as the sender), or
     * one this node signed, with this node's key. Never throws for a receipt that fails: the result
     * names the check.
     *
     * @param receiptJson the receipt, {@code concord-receipt/1}
     * @param objectJson  the STIX object it should acknowledge; blank to check the receipt alone
     */
    ReceiptCheck verify(String receiptJson, String objectJson);

    /** A checkpoint this node signed: tree size, root (hex) and the time in it. */
    record OwnCheckpoint(long size, String root, Instant signedAt, String note) {
    }

    /**
     * A partner's cosignature of one of this node's checkpoints.
     *
     * @param verified whether the cosigned note still verifies (this node's signature and the
     *                 witness's pinned key); {@code problem} says why not
     */
    record Cosignature(long size, String witness, Instant cosignedAt, Instant receivedAt, boolean verified, String problem,
            String note) {
    }

    /**
     * A partner's log as this node last witnessed it.
     *
     * @param size           the accepted checkpoint's size, {@code null} if none was accepted yet
     * @param checkpointTime the time in that checkpoint
     * @param acceptedAt     when this node accepted and cosigned it
     * @param lastGood       when its log was last checked and found good (or paired, if never)
     */
    record Witnessed(String partner, Long size, String root, Instant checkpointTime, Instant acceptedAt, Instant lastGood,
            String note) {
    }

    /**
     * An alarm and its evidence: the checkpoint accepted before and the offending one; for a broken promise, the
     * receipt the partner signed promising to record the message.
     *
     * @param log     {@code partner} for a partner's log, {@code own} for this node's (found by asking a witness)
     * @param promise the partner's signed promise for {@code BROKEN_PROMISE}, null for the other kinds
     */
    record Alarm(long id, String partner, String kind, String log, String detail, Instant raisedAt, Long acceptedSize,
            String acceptedRoot, String acceptedNote, Long offendingSize, String offendingRoot, String offendingNote,
            String acknowledgedBy, Instant acknowledgedAt, String acknowledgement, String promise) {

        public boolean open() {
            return acknowledgedAt == null;
        }
    }

    /**
     * What checking a receipt came to.
     *
     * @param valid   every check held
     * @param failed  the kind of the check that failed ({@code BadSignature}, {@code AlteredObject}, ... as the
     *                CLI names it), {@code null} if valid
     * @param message the failure's one line, or what the receipt proves
     * @param checks  each check in the order they are made, with its outcome
     * @param receipt the receipt read, {@code null} if it could not be read
     */
    record ReceiptCheck(boolean valid, String failed, String message, List<Check> checks, Receipt receipt) {
    }

    /** One check of a receipt: its name, what it checks, and {@code PASSED}, {@code FAILED} or {@code NOT_CHECKED}. */
    record Check(String name, String what, String outcome) {
    }
}
