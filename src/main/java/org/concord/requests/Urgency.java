package org.concord.requests;

/** How soon the requester needs an answer; it sets the deadlines (see {@link RequestDeadlinePolicy}). */
public enum Urgency {
    /** Days: a known camp, no sign of imminent movement. */
    ROUTINE,
    /** Hours: the target may move or an attack is being prepared. */
    URGENT,
    /** Minutes: an attack is under way or imminent. */
    IMMEDIATE
}
