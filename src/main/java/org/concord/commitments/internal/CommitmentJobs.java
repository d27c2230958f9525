package org.concord.commitments.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.concord.commitments.Agreed;
import org.concord.commitments.CommitmentCase;
import org.concord.commitments.Reminder;
import org.concord.commitments.ReminderPolicy;
import org.concord.party.NodeIdentity;
import org.concord.workflow.DueEscalation;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;

/**
 * The commitments' scheduled work, under one database lock ({@code commitments.follow-up}, every
 * minute): raise each reminder {@link ReminderPolicy#reminders} makes due after the agreement (once;
 * both nodes remind their own officers), and send the escalations {@link ReminderPolicy#due} makes due for overdue
 * agreed commitments. The escalation is sent by the side that is owed the action, not by its owner,
 * so that one message per rung travels; the fold would refuse a second one anyway.
 */
@Service
@EnableConfigurationProperties(CommitmentSettings.class)
public class CommitmentJobs {

    private final CommitmentTable table;
    private final CommitmentService commitments;
    private final ReminderPolicy policy;
    private final NodeIdentity identity;
    private final Clock clock;

    CommitmentJobs(CommitmentTable table, CommitmentService commitments, CommitmentSettings settings, NodeIdentity identity,
            Clock clock) {
        this.table = table;
        this.commitments = commitments;
        this.policy = settings.policy();
        this.identity = identity;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "PT1M", initialDelayString = "PT1M")
    @SchedulerLock(name = "commitments.follow-up", lockAtMostFor = "PT10M")
    public void followUp() {
        raiseReminders();
        sendDueEscalations();
    }

    /** One run of reminders; returns those newly raised. */
    public List<Reminder> raiseReminders() {
        Instant now = clock.instant();
        List<Reminder> due = new ArrayList<>();
        for (CommitmentTable.CommitmentRow row : table.commitments()) {
            table.fold(row).folded().state().filter(Agreed.class::isInstance).map(Agreed.class::cast)
                    .ifPresent(agreed -> due.addAll(policy.reminders(agreed, agreed.agreedAt(), now)));
        }
        return commitments.raise(due);
    }

    /** One run of the escalation; returns how many escalations were sent. */
    public int sendDueEscalations() {
        int sent = 0;
        for (CommitmentTable.CommitmentRow row : table.commitments()) {
            CommitmentCase state = table.fold(row).folded().state().orElse(null);
            if (state == null || state.file().commitment().owner().equals(identity.party().code())) {
                continue;
            }
            List<DueEscalation> due = policy.due(state, clock);
            if (!due.isEmpty()) {
                sent += commitments.escalate(row.commitmentId(), due);
            }
        }
        return sent;
    }
}
