package org.concord.exchange;

/**
 * How urgently a queued message must reach the partner. Higher goes first: the outbox delivers
 * FLASH before PRIORITY before ROUTINE, except that a message never overtakes an earlier message of
 * its own case (see {@link Outbox}). While FLASH or PRIORITY traffic waits, the backoff after a
 * failed delivery is capped ({@code concord.exchange.backoff.flash}, {@code .priority}).
 */
public enum DeliveryPriority {
    /** Everything that names no priority. */
    ROUTINE,
    /** Escalations and hotline PRIORITY calls. */
    PRIORITY,
    /** Hotline FLASH calls: an incident in progress. */
    FLASH;

    /** The value kept in {@code exchange_outbox.priority}. */
    public int rank() {
        return ordinal();
    }

    public static DeliveryPriority ofRank(int rank) {
        return values()[Math.max(0, Math.min(rank, values().length - 1))];
    }
}
