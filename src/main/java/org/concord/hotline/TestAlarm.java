package org.concord.hotline;

import java.time.Instant;
import java.util.Objects;

import org.concord.party.PartyCode;

/**
 * A scheduled test of the line failed: the officers on duty must find out why before they need
 * the line for real.
 *
 * @param schedule the schedule's name
 * @param slot the slot that failed
 * @param raisedAt when the window closed
 * @param reason not sent, or not answered in time
 * @param atFault the party whose side failed
 */
public record TestAlarm(String schedule, Instant slot, Instant raisedAt, Reason reason, PartyCode atFault) {

    public TestAlarm {
        Objects.requireNonNull(schedule, "schedule");
        Objects.requireNonNull(slot, "slot");
        Objects.requireNonNull(raisedAt, "raisedAt");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(atFault, "atFault");
    }

    public enum Reason { NOT_SENT, UNANSWERED }
}
