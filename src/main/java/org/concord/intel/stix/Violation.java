package org.concord.intel.stix;

import java.util.Objects;

/**
 * One reason why a STIX object is not acceptable: which object, where in it, and the rule it
 * breaks, in one line (for the TAXII status resource, a 422 answer or a log).
 *
 * @param objectId the object's {@code id} as received, or {@code "(no id)"} when it has none
 * @param path     a JSON path into the object, {@code $} for the object itself, e.g. {@code $.modified}
 * @param rule     the rule broken, one line
 */
public record Violation(String objectId, String path, String rule) {

    /** Placeholder for {@link #objectId()} when the object carries no usable {@code id}. */
    public static final String NO_ID = "(no id)";

    public Violation {
        Objects.requireNonNull(objectId, "objectId");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(rule, "rule");
        if (!path.startsWith("$")) {
            throw new IllegalArgumentException("path must be a JSON path starting with $: " + path);
        }
        if (rule.isBlank() || rule.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("rule must be one non-blank line");
        }
    }

    @Override
    public String toString() {
        return objectId + " " + path + ": " + rule;
    }
}
