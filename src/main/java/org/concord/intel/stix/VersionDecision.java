package org.concord.intel.stix;

import java.util.Objects;

/**
 * What to do with an incoming version of a STIX object, given the stored current one
 * (decided by {@link VersioningPolicy}).
 */
public sealed interface VersionDecision {

    /** Whether the incoming version becomes the current one. */
    boolean becomesCurrent();

    /** Whether the incoming version is stored at all (as current or as history). */
    boolean isStored();

    /** No version of this id is stored: store it as current. */
    record New() implements VersionDecision {
        @Override public boolean becomesCurrent() { return true; }
        @Override public boolean isStored() { return true; }
    }

    /** A later {@code modified} by the same creator: store it and make it current. */
    record NewerVersion() implements VersionDecision {
        @Override public boolean becomesCurrent() { return true; }
        @Override public boolean isStored() { return true; }
    }

    /** Exactly the stored current version again (a re-delivery): nothing to do. */
    record Same() implements VersionDecision {
        @Override public boolean becomesCurrent() { return false; }
        @Override public boolean isStored() { return false; }
    }

    /** An earlier {@code modified}: keep it as history; it never replaces the current one. */
    record Older() implements VersionDecision {
        @Override public boolean becomesCurrent() { return false; }
        @Override public boolean isStored() { return true; }
    }

    /**
     * Not acceptable as a version of the stored object.
     *
     * @param rule the rule broken, one line (for the TAXII status resource and the audit log)
     */
    record Refused(String rule) implements VersionDecision {
        public Refused {
            Objects.requireNonNull(rule, "rule");
            if (rule.isBlank() || rule.indexOf('\n') >= 0) {
                throw new IllegalArgumentException("rule must be one non-blank line");
            }
        }
        @Override public boolean becomesCurrent() { return false; }
        @Override public boolean isStored() { return false; }
    }
}
