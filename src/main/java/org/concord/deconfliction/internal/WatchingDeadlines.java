package org.concord.deconfliction.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.concord.audit.AuditLog;
import org.concord.deconfliction.ConflictStanding;
import org.concord.deconfliction.UnplannedEventAlarm;
import org.concord.deconfliction.UnplannedEventPolicy;
import org.concord.exchange.Outbox;
import org.concord.hotline.AcknowledgementPolicy;
import org.concord.hotline.Priority;
import org.concord.workflow.DueEscalation;
import org.concord.workflow.EscalationClock;
import org.concord.workflow.EscalationLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;

/**
 * The deconfliction deadlines, each job under its database lock and on the injected clock. Each
 * alarm is raised once (table {@code deconfliction_alarm}), logged at WARN and audited; both nodes
 * run the same jobs on the same facts, so both raise the same alarms.
 *
 * <ul>
 *   <li>{@code deconfliction.conflict-deadlines}: a conflict unanswered past the deadline of
 *       {@link org.concord.deconfliction.ConflictAnswerPolicy} escalates one rung of the ladder
 *       (liaison officers, security chiefs, the Joint Coordination Mechanism) per missed period, as
 *       requests and hotline calls do ({@link EscalationClock}); alarm {@code ESCALATED_TO_<level>}.</li>
 *   <li>{@code deconfliction.event-deadlines}: an unplanned event reported here whose report the
 *       outbox has not delivered by the deadline of the {@link UnplannedEventPolicy}
 *       (alarm {@code NOT_SENT}); and an unplanned event received from the partner that nobody here
 *       acknowledged within the hotline's FLASH acknowledgement deadline ({@link AcknowledgementPolicy}),
 *       which escalates rung by rung like an unacknowledged FLASH call ({@code ESCALATED_TO_<level>}).</li>
 * </ul>
 */
@Service
public class WatchingDeadlines {

    private static final Logger log = LoggerFactory.getLogger(WatchingDeadlines.class);
    static final String CONFLICT = "conflict";
    static final String EVENT = "event";

    private final AnsweringConflicts answering;
    private final DeconflictionTables tables;
    private final Outbox outbox;
    private final UnplannedEventPolicy reporting;
    private final AcknowledgementPolicy acknowledgement;
    private final AuditLog audit;
    private final Clock clock;

    WatchingDeadlines(AnsweringConflicts answering, DeconflictionTables tables, Outbox outbox, DeconflictionSettings settings,
            AcknowledgementPolicy acknowledgement, AuditLog audit, Clock clock) {
        this.answering = answering;
        this.tables = tables;
        this.outbox = outbox;
        this.reporting = settings.events().policy();
        this.acknowledgement = acknowledgement;
        this.audit = audit;
        this.clock = clock;
    }

    /** Counts each escalation (concord.escalations); set once at start, so that the constructor stays as it is. */
    private org.concord.node.Escalations escalations;

    @org.springframework.beans.factory.annotation.Autowired
    void countEscalationsWith(org.concord.node.Escalations escalations) {
        this.escalations = escalations;
    }

    @Scheduled(fixedDelayString = "PT30S", initialDelayString = "PT30S")
    @SchedulerLock(name = "deconfliction.conflict-deadlines", lockAtMostFor = "PT1M")
    public void conflictDeadlines() {
        raiseConflictAlarms();
    }

    @Scheduled(fixedDelayString = "PT30S", initialDelayString = "PT30S")
    @SchedulerLock(name = "deconfliction.event-deadlines", lockAtMostFor = "PT1M")
    public void eventDeadlines() {
        raiseEventAlarms();
    }

    /** One run of the conflict job; returns the alarms it raised. */
    public List<String> raiseConflictAlarms() {
        Instant now = clock.instant();
        List<String> raised = new ArrayList<>();
        for (AnsweringConflicts.Standing s : answering.standings()) {
            if (!(s.standing() instanceof ConflictStanding.Awaiting open) || !open.overdueAt(now)) {
                continue;
            }
            Instant flaggedAt = open.deadline().minus(period(open));
            for (DueEscalation due : EscalationClock.due(EscalationLevel.LIAISON_OFFICERS, flaggedAt, period(open), now, "answer")) {
                String detail = "notice " + s.conflict().noticeId() + " conflicts with " + s.conflict().kind() + " '"
                        + s.conflict().otherRef() + "' of " + open.answeringParty() + "; its answer (" + open.priority()
                        + ") was due at " + open.deadline() + "; escalated to " + due.to();
                raise(CONFLICT, s.id().value(), "ESCALATED_TO_" + due.to(), due.dueAt(), detail, raised);
            }
        }
        return raised;
    }

    private Duration period(ConflictStanding.Awaiting open) {
        return answering.policy().answerWithin().get(open.priority());
    }

    /** One run of the event job; returns the alarms it raised. */
    public List<String> raiseEventAlarms() {
        Instant now = clock.instant();
        List<String> raised = new ArrayList<>();
        for (DeconflictionTables.StoredEvent e : tables.events()) {
            DeconflictionTables.EventFollowUp followUp = tables.followUp(e.event().id().value()).orElseThrow();
            String id = e.event().id().value();
            if (e.direction() == DeconflictionTables.Direction.SENT) {
                boolean delivered = followUp.outboxSeq() != null
                        && outbox.message(followUp.outboxSeq()).map(Outbox.Message::delivered).orElse(false);
                if (delivered) {
                    continue;
                }
                Optional<UnplannedEventAlarm> alarm = reporting.alarm(e.event(), Optional.empty(), now);
                if (alarm.isPresent()) {
                    raise(EVENT, id, "NOT_SENT", alarm.get().deadline(), e.event().kind() + " observed at "
                            + e.event().observedAt() + " has not reached " + e.event().partner() + "; it was due there by "
                            + alarm.get().deadline(), raised);
                }
            } else if (followUp.acknowledgedAt() == null) {
                Duration flash = acknowledgement.deadline(Priority.FLASH);
                for (DueEscalation due : EscalationClock.due(EscalationLevel.LIAISON_OFFICERS, e.recordedAt(), flash, now,
                        "acknowledgement")) {
                    raise(EVENT, id, "ESCALATED_TO_" + due.to(), due.dueAt(), e.event().kind() + " reported by "
                            + e.event().reportedBy() + " received at " + e.recordedAt() + " is unacknowledged past the FLASH deadline ("
                            + flash.toMinutes() + " min); escalated to " + due.to(), raised);
                }
            }
        }
        return raised;
    }

    private void raise(String subject, String id, String reason, Instant dueAt, String detail, List<String> raised) {
        String shortDetail = detail.length() > 500 ? detail.substring(0, 500) : detail;
        if (tables.raise(new DeconflictionTables.Alarm(subject, id, reason, dueAt, clock.instant(), shortDetail))) {
            log.warn("deconfliction alarm: {} {} {}: {}", subject, id, reason, detail);
            audit.record("concord", "deconfliction.alarm", subject + " " + id, reason + ": " + shortDetail);
            raised.add(subject + " " + id + " " + reason);
            if (reason.startsWith("ESCALATED_TO_")) {
                escalations.raised("deconfliction", org.concord.workflow.EscalationLevel.valueOf(reason.substring("ESCALATED_TO_".length())));
            }
        }
    }
}
