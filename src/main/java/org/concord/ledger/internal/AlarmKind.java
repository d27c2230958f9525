package org.concord.ledger.internal;

/** The ways a partner's log can fail a witness run; each is a reason to distrust its history. */
enum AlarmKind {
    /** The checkpoint is not a well-formed signed checkpoint. */
    MALFORMED,
    /** The checkpoint is not signed by the partner's pinned key, or the signature does not verify. */
    BAD_SIGNATURE,
    /** Well signed, but for another log than the partner's. */
    WRONG_ORIGIN,
    /** Fewer entries than a checkpoint accepted before: history was cut. */
    SMALLER,
    /** Signed at an earlier time than a checkpoint accepted before: a replay or a rolled-back clock. */
    OLDER,
    /** Same size as the accepted checkpoint but another root: a fork. */
    FORK,
    /** The consistency proof from the accepted checkpoint does not hold: history was rewritten. */
    INCONSISTENT,
    /** The partner's entries do not hash to the root it signed, or an entry does not match its leaf. */
    ENTRIES_MISMATCH,
    /** An entry already audited has changed since. */
    ENTRY_CHANGED,
    /**
     * About this node's own log, found by asking a partner: the partner holds, cosigned, a checkpoint
     * this node signed that its log no longer has (fewer entries, or another root at that size): the
     * node was restored from an older backup, or its log was rewritten.
     */
    ROLLED_BACK,
    /**
     * The partner signed a receipt promising to record a message this node sent by a deadline; past the deadline and
     * a grace, asked for the completed receipt, it answered without it (no record of the message, a promise again, or a
     * receipt that does not verify). Its log lost or never kept what it accepted: restored from an older backup, or
     * dishonest. The signed promise is the evidence.
     */
    BROKEN_PROMISE
}
