package org.concord.ledger.internal;

import org.concord.ledger.tree.Hash;

/** What one witness run of one partner's log came to. */
sealed interface WitnessOutcome {

    /** A new checkpoint checked out, was stored, cosigned and (if {@code delivered}) handed back. */
    record Accepted(long size, Hash root, boolean cosignatureDelivered) implements WitnessOutcome {
    }

    /** The partner's checkpoint is the one accepted before (its older entries re-audited). */
    record Unchanged(long size) implements WitnessOutcome {
    }

    /** The partner's log did not check out; the alarm is stored and logged. */
    record Alarmed(WitnessTable.Alarm alarm) implements WitnessOutcome {
    }

    /** The partner could not be asked (network, HTTP status); nothing is concluded. */
    record Unreachable(String reason) implements WitnessOutcome {
    }
}
