package org.concord.ledger;

import java.time.Instant;
import java.util.List;

import org.concord.party.PartyCode;

/**
 * The ledger's open alarms, for pages that show them beside other things (the console's desk): a
 * partner's log that did not check out while this node witnessed it (a fork, a cut or rewritten
 * history, a bad signature), or this node's own log found rolled back by asking a partner. An
 * alarm stays open until an administrator acknowledges it ({@code POST /ledger/alarms/{id}/acknowledgement});
 * its evidence is at {@code GET /ledger/alarms}.
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
}
