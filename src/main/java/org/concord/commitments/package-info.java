/**
 * Commitments: agreed actions with a due date and an owner party (ambassadors back at their posts
 * by a date, a minister's visit, liaison officers appointed), fulfilled only when both sides attest,
 * with reminders before the due date and escalation when overdue.
 *
 * <p>The API is the pure core, without Spring, I/O or a clock:
 * {@link org.concord.commitments.Commitment}, the messages
 * {@link org.concord.commitments.CommitmentMessage} (propose, agree, attest, escalate), the states
 * {@link org.concord.commitments.Proposed}, {@link org.concord.commitments.Agreed},
 * {@link org.concord.commitments.Fulfilled}, refusals as
 * {@link org.concord.commitments.CommitmentRefusal} values,
 * {@link org.concord.commitments.Commitments#fold} in the canonical delivery order, and the
 * {@link org.concord.commitments.ReminderPolicy}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Commitments",
        allowedDependencies = {"node", "party", "audit", "intel::stix", "exchange", "workflow"})
package org.concord.commitments;
