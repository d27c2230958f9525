package org.concord.hotline.internal;

import java.time.Clock;
import java.util.List;

import org.concord.hotline.HotlineType;
import org.concord.hotline.ScheduledTest;
import org.concord.hotline.TestAlarm;
import org.concord.party.NodeIdentity;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;

/**
 * The hotline's scheduled work under its database lock (escalating unacknowledged calls is the
 * workflow engine's {@code workflow.escalate} job, with {@link HotlineType}'s deadlines): the weekly test call
 * ({@code hotline.weekly-test}, every minute: the caller's node sends the test call of the current
 * slot; either node raises an alarm once per slot not answered in time, or not sent). The schedule is
 * read on every run ({@link TestSchedules}), so one set through the API takes effect without a restart.
 */
@Service
@EnableConfigurationProperties(HotlineSettings.class)
public class HotlineJobs {

    private final HotlineService hotline;
    private final TestSchedules schedules;
    private final NodeIdentity identity;
    private final Clock clock;

    HotlineJobs(HotlineService hotline, TestSchedules schedules, NodeIdentity identity, Clock clock) {
        this.hotline = hotline;
        this.schedules = schedules;
        this.identity = identity;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "PT1M", initialDelayString = "PT1M")
    @SchedulerLock(name = "hotline.weekly-test", lockAtMostFor = "PT1M")
    public void weeklyTest() {
        runWeeklyTest();
    }

    /** One run of the weekly test job; returns the alarms it raised. */
    public List<TestAlarm> runWeeklyTest() {
        java.util.Optional<TestSchedules.InForce> inForce = schedules.inForce();
        if (inForce.isEmpty()) {
            return List.of();
        }
        TestSchedules.InForce weekly = inForce.get();
        ScheduledTest test = weekly.test();
        if (test.caller().equals(identity.party().code())) {
            List<java.time.Instant> slots = test.slotsBetween(clock.instant().minus(test.answerWithin()), clock.instant());
            for (java.time.Instant slot : slots) {
                hotline.sendTestCall(test, slot, weekly.caller(), weekly.answerer());
            }
        }
        return hotline.raiseAlarms(test);
    }
}
