package org.concord.ledger.internal;

import java.time.Duration;

/**
 * The ledger's knobs, under {@code concord.ledger.*} (bound in {@link LedgerConfiguration}); every one has a
 * default.
 *
 * @param maxBatch           most entries committed in one transaction (group commit)
 * @param checkpointInterval how often a new checkpoint is signed when the log has grown
 * @param receiptDeadline    how long after recording a promised receipt is completed at the latest
 * @param witnessInterval    how often each partner's log is witnessed
 * @param reauditPerRun      how many already audited entries of a partner are checked again per run
 * @param pageSize           most entries per page when reading a partner's entries
 */
record LedgerSettings(Integer maxBatch, Duration checkpointInterval, Duration receiptDeadline, Duration witnessInterval,
        Integer reauditPerRun, Integer pageSize) {

    LedgerSettings {
        maxBatch = maxBatch == null ? 20_000 : maxBatch;
        checkpointInterval = checkpointInterval == null ? Duration.ofSeconds(10) : checkpointInterval;
        receiptDeadline = receiptDeadline == null ? Duration.ofMinutes(1) : receiptDeadline;
        witnessInterval = witnessInterval == null ? Duration.ofMinutes(1) : witnessInterval;
        reauditPerRun = reauditPerRun == null ? 10_000 : reauditPerRun;
        pageSize = pageSize == null ? 10_000 : pageSize;
        if (maxBatch < 1 || reauditPerRun < 0 || pageSize < 1) {
            throw new org.concord.node.InvalidInput("concord.ledger", "range",
                    "max-batch and page-size must be at least 1, reaudit-per-run at least 0");
        }
        if (receiptDeadline.compareTo(checkpointInterval) < 0) {
            throw new org.concord.node.InvalidInput("concord.ledger.receipt-deadline", "range",
                    "must be at least the checkpoint interval (" + checkpointInterval + "), or promises could not be kept");
        }
    }

    /** When a receipt promised for an entry recorded at {@code recordedAt} is to be kept at the latest. */
    public java.time.Instant promiseDeadline(java.time.Instant recordedAt) {
        return recordedAt.plus(receiptDeadline);
    }
}
