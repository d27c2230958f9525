package org.concord.hotline;

import org.concord.workflow.Step;

import java.time.Instant;
import java.util.Objects;

import org.concord.hotline.HotlineRefusal.Rule;

/**
 * The other side confirmed the message: the call is done. Nothing further applies.
 *
 * @param by the official who took it
 * @param acknowledgedAt when
 */
public record Acknowledged(CallFile file, Official by, Instant acknowledgedAt) implements HotlineCall {

    public Acknowledged {
        Objects.requireNonNull(by, "by");
        Objects.requireNonNull(acknowledgedAt, "acknowledgedAt");
    }

    /** What this state does with a message that passed the shared rules of {@link #apply}. */
    Step<HotlineCall, HotlineRefusal> on(HotlineMessage message) {
        return Step.refused(new HotlineRefusal(Rule.ALREADY_ACKNOWLEDGED, "type",
                by.name() + " (" + by.post() + ") acknowledged the message at " + acknowledgedAt));
    }
}
