package org.concord.commitments;

import java.time.Instant;

import org.concord.party.PartyCode;

/**
 * An action one side undertakes, as agreed between both. Held as received: missing fields are
 * refused by the state machine, by both nodes alike.
 *
 * @param what the action, e.g. "the ambassador of Iran returns to Islamabad"
 * @param owner the party that must do it
 * @param dueBy by when
 */
public record Commitment(String what, PartyCode owner, Instant dueBy) {

    public Commitment {
        what = what == null ? "" : what.strip();
    }
}
