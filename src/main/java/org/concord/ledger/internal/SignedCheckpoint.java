package org.concord.ledger.internal;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

import org.concord.ledger.LedgerEntry;
import org.concord.ledger.tree.Checkpoint;
import org.concord.ledger.tree.Hash;

/**
 * A checkpoint as Concord signs it: the C2SP tlog-checkpoint body with one extension line,
 * {@code time <RFC 3339 UTC>}, the time the log signed it (so that a partner can tell an older
 * checkpoint from a newer one), and the whole signed note as text.
 *
 * @param size     number of leaves
 * @param root     root hash at that size
 * @param signedAt the time in the extension line
 * @param note     the signed note, as served
 */
record SignedCheckpoint(long size, Hash root, Instant signedAt, String note) {

    static final String TIME = "time ";

    SignedCheckpoint {
        Objects.requireNonNull(root, "root");
        Objects.requireNonNull(signedAt, "signedAt");
        Objects.requireNonNull(note, "note");
    }

    static Checkpoint body(String origin, long size, Hash root, Instant signedAt) {
        return new Checkpoint(origin, size, root, List.of(TIME + LedgerEntry.formatTime(signedAt)));
    }

    /** Checkpoint times are kept to the millisecond, as every store and the note agree on it. */
    static Instant timeFrom(java.time.Clock clock) {
        return clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
    }

    /** The time extension of a checkpoint; {@code null} if it has none. */
    static Instant timeOf(Checkpoint checkpoint) {
        for (String line : checkpoint.extensions()) {
            if (line.startsWith(TIME)) {
                Instant time = LedgerEntry.parseTime(line.substring(TIME.length()));
                if (time != null) {
                    return time;
                }
            }
        }
        return null;
    }
}
