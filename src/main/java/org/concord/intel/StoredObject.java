package org.concord.intel;

import java.time.Instant;

/**
 * One version of one object as held: the object itself as compact JSON text, and what TAXII says
 * about it (its version, when it was added).
 */
public record StoredObject(long seq, String id, String type, String specVersion, String version, Instant dateAdded,
        boolean current, String json) {
}
