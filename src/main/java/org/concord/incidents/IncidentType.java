package org.concord.incidents;

/** What kind of cross-border incident. */
public enum IncidentType {
    /** Missiles, drones or aircraft striking across the border. */
    CROSS_BORDER_STRIKE,
    /** Fire exchanged between border forces. */
    BORDER_CLASH,
    /** Forces or armed men crossing the border. */
    INCURSION,
    /** An attack by a non-state armed group from across the border. */
    MILITANT_ATTACK,
    /** Artillery or mortar fire landing across the border. */
    SHELLING,
    OTHER
}
