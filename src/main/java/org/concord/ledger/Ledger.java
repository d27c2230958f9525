package org.concord.ledger;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The port every module appends its messages through: nothing is sent or accepted without an
 * entry here.
 *
 * <p>An append is durable before it returns: concurrent appends are gathered into one database
 * transaction (group commit) and each caller learns its leaf index only after that transaction has
 * committed. If the transaction fails, every caller in it gets the failure and nothing was appended.
 */
public interface Ledger {

    /**
     * Appends one entry and waits for the commit.
     *
     * @return the entry's leaf index
     * @throws LedgerUnavailable if the entry could not be committed (nothing was appended)
     */
    long append(LedgerEntry entry);

    /** Appends entries, in order, in the same or consecutive batches; waits for every commit. */
    List<Long> appendAll(List<LedgerEntry> entries);

    /** Queues an entry; the future completes with its index after the commit, or with the failure. */
    CompletableFuture<Long> appendAsync(LedgerEntry entry);

    /** Number of committed entries. */
    long size();

    /** The append failed; nothing of its batch was committed. */
    final class LedgerUnavailable extends RuntimeException {
        private static final long serialVersionUID = 1L;

        /** Names the cause. */
        public LedgerUnavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
