package org.concord.intel;

/**
 * The sharing settings in force changed ({@link SharingInForce}): set at run time or put back to
 * the configuration file. Published in the transaction that stores the change, so a listener
 * learns of it only once it holds, and after a crash still learns of it (the event publication
 * registry keeps it). Modules that send objects of their own under a marking (protected sites)
 * listen to send what a partner may now read.
 *
 * @param before the settings in force before the change
 * @param after  the settings in force from now on
 */
public record SharingChanged(SharingSettings before, SharingSettings after) {
}
