package org.concord.hotline;

/** How fast a hotline message must be acknowledged (see {@link AcknowledgementPolicy}). */
public enum Priority {
    /** Within a day by default. */
    ROUTINE,
    /** Within an hour by default. */
    PRIORITY,
    /** Within ten minutes by default: an incident in progress, an unplanned event. */
    FLASH
}
