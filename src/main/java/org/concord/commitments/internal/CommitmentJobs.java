package org.concord.commitments.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.concord.commitments.Agreed;
import org.concord.commitments.CommitmentType;
import org.concord.commitments.Reminder;
import org.concord.commitments.ReminderPolicy;
import org.concord.workflow.Workflow;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;

/**
 * The commitments' own scheduled work, under the database lock {@code commitments.follow-up} (every
 * minute): raise each reminder {@link ReminderPolicy#reminders} makes due after the agreement (once;
 * both nodes remind their own officers). Overdue escalation is the workflow engine's job
 * ({@code workflow.escalate}) with {@link CommitmentType}'s deadlines. A withdrawn commitment is no
 * longer agreed, so neither side reminds of it.
 */
@Service
public class CommitmentJobs {

    private final Workflow workflow;
    private final CommitmentType type;
    private final CommitmentService commitments;
    private final Clock clock;

    CommitmentJobs(Workflow workflow, CommitmentType type, CommitmentService commitments, Clock clock) {
        this.workflow = workflow;
        this.type = type;
        this.commitments = commitments;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "PT1M", initialDelayString = "PT1M")
    @SchedulerLock(name = "commitments.follow-up", lockAtMostFor = "PT1M")
    public void followUp() {
        raiseReminders();
    }

    /** One run of reminders; returns those newly raised. */
    public List<Reminder> raiseReminders() {
        Instant now = clock.instant();
        List<Reminder> due = new ArrayList<>();
        for (var commitment : workflow.all(type)) {
            commitment.state().filter(Agreed.class::isInstance).map(Agreed.class::cast)
                    .ifPresent(agreed -> due.addAll(type.reminders(agreed, agreed.agreedAt(), now)));
        }
        return commitments.raise(due);
    }
}
