package org.concord.incidents;

import java.util.Objects;

/**
 * One statement of the report that the other side is asked to answer, e.g. "those killed were
 * not Iranian nationals".
 *
 * @param ref the claim's reference within the report, e.g. {@code claim-1}
 * @param statement the statement
 */
public record Claim(String ref, String statement) {

    public Claim {
        Objects.requireNonNull(ref, "ref");
        if (ref.isBlank()) {
            throw new IllegalArgumentException("a claim has a reference");
        }
        statement = statement == null ? "" : statement.strip();
    }
}
