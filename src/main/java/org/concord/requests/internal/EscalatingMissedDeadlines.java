package org.concord.requests.internal;

import java.time.Clock;
import java.util.List;

import org.concord.requests.RequestCase;
import org.concord.requests.RequestDeadlinePolicy;
import org.concord.workflow.DueEscalation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;

/**
 * The deadline job: for every open case, the escalations {@link RequestDeadlinePolicy} makes due at
 * the injected clock's instant, each sent to the partner as an {@code escalate} message with
 * {@code as_of} = the missed deadline and the case history attached. Runs every minute under the
 * database lock {@code requests.escalate}, so one instance of a node runs it; the partner runs the
 * same deadlines, and of two escalations of one missed deadline the fold applies one on both nodes.
 */
@Service
@EnableConfigurationProperties(RequestDeadlineSettings.class)
public class EscalatingMissedDeadlines {

    private static final Logger log = LoggerFactory.getLogger(EscalatingMissedDeadlines.class);
    private final RequestMessageTable table;
    private final SendingRequestMessages sending;
    private final RequestDeadlinePolicy policy;
    private final Clock clock;

    EscalatingMissedDeadlines(RequestMessageTable table, SendingRequestMessages sending, RequestDeadlineSettings settings,
            Clock clock) {
        this.table = table;
        this.sending = sending;
        this.policy = settings.policy();
        this.clock = clock;
    }

    /** The job: what the scheduler runs, under the lock. */
    @Scheduled(fixedDelayString = "PT1M", initialDelayString = "PT30S")
    @SchedulerLock(name = "requests.escalate", lockAtMostFor = "PT10M")
    public void escalateMissedDeadlines() {
        sendDueEscalations();
    }

    /** One run of the job, as tests call it; returns how many escalations were sent. */
    public int sendDueEscalations() {
        int sent = 0;
        for (RequestMessageTable.CaseRow row : table.cases()) {
            RequestCase state = RequestCaseFiles.fold(row, table.messages(row.caseId())).folded().state().orElse(null);
            if (state == null || state.isClosed()) {
                continue;
            }
            List<DueEscalation> due = policy.due(state, clock);
            if (!due.isEmpty()) {
                int n = sending.escalate(row.caseId(), due);
                log.info("case {}: {} escalation(s) due, {} sent", row.caseId(), due.size(), n);
                sent += n;
            }
        }
        return sent;
    }
}
