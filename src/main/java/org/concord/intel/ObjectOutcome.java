package org.concord.intel;

/**
 * What storing one object did. {@code version} is the object's version (modified, else created)
 * when it could be read; {@code message} says why an object was refused, naming the path and rule.
 */
public record ObjectOutcome(String id, String version, Kind kind, String message) {

    public enum Kind {
        /** A new object. */
        ADDED,
        /** A newer version of a held object; it becomes current. */
        NEWER_VERSION,
        /** An older version than the current one; kept as history. */
        OLDER_VERSION,
        /** This exact version was already held: nothing changed (re-delivery is idempotent). */
        UNCHANGED,
        /** Not stored, for the reason in {@code message}. */
        REFUSED
    }

    public boolean succeeded() {
        return kind != Kind.REFUSED;
    }

    public boolean changedSomething() {
        return kind == Kind.ADDED || kind == Kind.NEWER_VERSION || kind == Kind.OLDER_VERSION;
    }
}
