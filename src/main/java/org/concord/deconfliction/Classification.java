package org.concord.deconfliction;

/**
 * How widely a notice may be passed on, in the TLP 2.0 levels the project marks everything
 * with (FIRST, Traffic Light Protocol 2.0). A notice is addressed to one partner, so the usual
 * levels are {@link #AMBER_STRICT} (the partner's organisation only) and {@link #RED} (the named
 * recipients only); the STIX mapping turns this into the matching TLP marking.
 */
public enum Classification {
    CLEAR,
    GREEN,
    AMBER,
    AMBER_STRICT,
    RED
}
