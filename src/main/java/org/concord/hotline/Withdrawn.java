package org.concord.hotline;

import java.time.Instant;
import java.util.Objects;

/**
 * The caller took the call back before anyone acknowledged it: the call is over, no deadline runs,
 * and nothing further applies.
 *
 * @param withdrawnAt when the withdrawal was sent
 * @param reason why, in the caller's words; may be empty
 */
public record Withdrawn(CallFile file, Instant withdrawnAt, String reason) implements HotlineCall {

    public Withdrawn {
        Objects.requireNonNull(withdrawnAt, "withdrawnAt");
        Objects.requireNonNull(reason, "reason");
    }
}
