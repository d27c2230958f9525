package org.concord.ledger;

import java.time.Instant;
import java.util.List;

import org.concord.party.PartyCode;

/**
 * The ledger's open alarms, for pages that show them beside other things (the console's desk): a
 * partner's log that did not check out while this node witnessed it (a fork, a cut or rewritten
 * history, a bad signature), or this node's own log found rolled back by asking a partner. An
 * alarm stays open until an administrator acknowledges it ({@code POST /ledger/alarms/{id}/acknowledgement});
 * its evidence is at {@code GET /ledger/alarms}. The exchange raises one more kind, a partner's broken promise
 * to record what it received ({@link #promiseBroken}).
 */
public interface LedgerAlarms {

    /**
     * One open alarm.
     *
     * @param kind the way the log failed, e.g. {@code FORK}, {@code INCONSISTENT}, {@code ROLLED_BACK}
     * @param ownLog true when it is about this node's own log ({@code ROLLED_BACK}), false for the partner's
     */
    record Alarm(long id, PartyCode partner, String kind, boolean ownLog, String detail, Instant raisedAt) {
    }

    /** The newest alarms nobody has acknowledged yet, newest first, at most {@code limit}. */
    List<Alarm> open(int limit);

    /**
     * Raises {@code BROKEN_PROMISE} about a partner's log: receipts it signed promising to record messages this node
     * sent are past their deadline and it answered without them. Call it in the transaction that stops asking for
     * them; the audit log records it too.
     *
     * @param detail  what was promised and what the partner answered; shown to the officer on duty
     * @param promise the oldest such receipt, exactly as the partner signed it: the evidence
     */
    Alarm promiseBroken(PartyCode partner, String detail, String promise);
}
