package org.concord.workflow;

import java.util.Optional;

/**
 * The escalation ladder. A case starts with the liaison officers; each missed deadline takes it one
 * rung up; the top rung is the foreign ministers' Joint Coordination Mechanism.
 */
public enum EscalationLevel {

    /** The liaison officers of both sides (e.g. in Turbat and Zahedan): where every case starts. */
    LIAISON_OFFICERS,

    /** The security chiefs: the DGMO hotline equivalent. */
    SECURITY_CHIEFS,

    /** The Joint Coordination Mechanism at foreign-minister level: the top of the ladder. */
    JOINT_COORDINATION_MECHANISM;

    /** The rung above, or empty at the top. */
    public Optional<EscalationLevel> next() {
        return isTop() ? Optional.empty() : Optional.of(values()[ordinal() + 1]);
    }

    public boolean isTop() {
        return this == JOINT_COORDINATION_MECHANISM;
    }

    /** Whether this rung is above the other. */
    public boolean isAbove(EscalationLevel other) {
        return compareTo(other) > 0;
    }
}
