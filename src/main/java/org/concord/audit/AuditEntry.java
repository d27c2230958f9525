package org.concord.audit;

import java.time.Instant;
import java.util.Objects;

/**
 * One audited write.
 *
 * @param actor   who: {@code user:alice}, {@code partner:IR} or {@code cli:root}
 * @param action  what, as a dotted verb such as {@code partner.paired}
 * @param subject what it was done to, e.g. the partner's code
 * @param detail  free text for a reader; never a secret
 */
public record AuditEntry(long id, Instant at, String actor, String action, String subject, String detail) {

    public AuditEntry {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(subject, "subject");
    }
}
