package org.concord.workflow;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;

/**
 * The one deadline job of every workflow type: every 30 seconds (a FLASH hotline call has only 10
 * minutes), under the database lock {@code workflow.escalate} so that one instance of a node runs
 * it, the escalations each type's policy makes due ({@link Workflow#sendDueEscalations}).
 */
@Service
public class EscalatingMissedDeadlines {

    private final WorkflowTypes types;
    private final Workflow workflow;

    EscalatingMissedDeadlines(WorkflowTypes types, Workflow workflow) {
        this.types = types;
        this.workflow = workflow;
    }

    @Scheduled(fixedDelayString = "PT30S", initialDelayString = "PT30S")
    @SchedulerLock(name = "workflow.escalate", lockAtMostFor = "PT1M")
    public void escalateMissedDeadlines() {
        sendDueEscalations();
    }

    /** One run of the job over every type, as tests call it; returns how many escalations were sent. */
    public int sendDueEscalations() {
        int sent = 0;
        for (CaseType<?, ?, ?> type : types.all()) {
            sent += workflow.sendDueEscalations(type);
        }
        return sent;
    }
}
