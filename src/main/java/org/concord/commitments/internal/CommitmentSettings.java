package org.concord.commitments.internal;

import java.time.Duration;
import java.util.List;

import org.concord.commitments.ReminderPolicy;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Reminders and overdue escalation as configured; each absent setting keeps its default
 * ({@link ReminderPolicy#defaults()}):
 *
 * <pre>
 * concord:
 *   commitments:
 *     remind-before: [P7D, P1D, PT2H]
 *     grace: PT0S
 *     escalate-every: PT24H
 * </pre>
 */
@ConfigurationProperties("concord.commitments")
record CommitmentSettings(List<Duration> remindBefore, Duration grace, Duration escalateEvery) {

    ReminderPolicy policy() {
        ReminderPolicy defaults = ReminderPolicy.defaults();
        return new ReminderPolicy(remindBefore == null ? defaults.remindBefore() : remindBefore,
                grace == null ? defaults.grace() : grace, escalateEvery == null ? defaults.escalateEvery() : escalateEvery);
    }
}
