package org.concord.hotline.internal;

import java.time.Clock;
import java.util.List;

import org.concord.hotline.AcknowledgementPolicy;
import org.concord.hotline.HotlineCall;
import org.concord.hotline.ScheduledTest;
import org.concord.hotline.TestAlarm;
import org.concord.party.NodeIdentity;
import org.concord.workflow.DueEscalation;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;

/**
 * The hotline's scheduled work, each under its database lock: escalating unacknowledged messages
 * ({@code hotline.escalate}, every 30 s: a FLASH message has only 10 minutes) and the weekly test call
 * ({@code hotline.weekly-test}, every minute: the caller's node sends the test call of the current
 * slot; either node raises an alarm once per slot not answered in time, or not sent).
 */
@Service
@EnableConfigurationProperties(HotlineSettings.class)
public class HotlineJobs {

    private final HotlineTable table;
    private final HotlineService hotline;
    private final HotlineSettings settings;
    private final AcknowledgementPolicy policy;
    private final NodeIdentity identity;
    private final Clock clock;

    HotlineJobs(HotlineTable table, HotlineService hotline, HotlineSettings settings, NodeIdentity identity, Clock clock) {
        this.table = table;
        this.hotline = hotline;
        this.settings = settings;
        this.policy = settings.policy();
        this.identity = identity;
        this.clock = clock;
    }

    /**
     * The configured acknowledgement deadlines as a bean of the hotline's API type, so that other
     * modules (deconfliction: received unplanned events) apply the same FLASH deadline.
     */
    @Bean
    public AcknowledgementPolicy hotlineAcknowledgementPolicy() {
        return policy;
    }

    @Scheduled(fixedDelayString = "PT30S", initialDelayString = "PT30S")
    @SchedulerLock(name = "hotline.escalate", lockAtMostFor = "PT10M")
    public void escalateUnacknowledged() {
        sendDueEscalations();
    }

    /** One run of the escalation job; returns how many escalations were sent. */
    public int sendDueEscalations() {
        int sent = 0;
        for (HotlineTable.CallRow row : table.calls()) {
            HotlineCall call = table.fold(row).folded().state().orElse(null);
            if (call == null) {
                continue;
            }
            List<DueEscalation> due = policy.due(call, clock);
            if (!due.isEmpty()) {
                sent += hotline.escalate(row.callId(), due);
            }
        }
        return sent;
    }

    @Scheduled(fixedDelayString = "PT1M", initialDelayString = "PT1M")
    @SchedulerLock(name = "hotline.weekly-test", lockAtMostFor = "PT10M")
    public void weeklyTest() {
        runWeeklyTest();
    }

    /** One run of the weekly test job; returns the alarms it raised. */
    public List<TestAlarm> runWeeklyTest() {
        if (settings.weekly().isEmpty()) {
            return List.of();
        }
        HotlineSettings.WeeklyTest weekly = settings.weekly().get();
        ScheduledTest test = weekly.schedule();
        if (test.caller().equals(identity.party().code())) {
            List<java.time.Instant> slots = test.slotsBetween(clock.instant().minus(test.answerWithin()), clock.instant());
            for (java.time.Instant slot : slots) {
                hotline.sendTestCall(test, slot, weekly.caller().official(), weekly.answerer().official());
            }
        }
        return hotline.raiseAlarms(test);
    }
}
