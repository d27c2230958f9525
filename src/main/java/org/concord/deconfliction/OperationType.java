package org.concord.deconfliction;

/** What kind of operation a notice announces. */
public enum OperationType {
    GROUND_RAID,
    AIR_STRIKE,
    MISSILE_OR_ARTILLERY,
    DRONE,
    BORDER_PATROL,
    EXERCISE;

    /**
     * Whether the operation uses airspace (air strikes, missiles and artillery, drones), so that
     * its notice must cite the NOTAM or NAVAREA warning published for it.
     */
    public boolean usesAirspace() {
        return this == AIR_STRIKE || this == MISSILE_OR_ARTILLERY || this == DRONE;
    }
}
