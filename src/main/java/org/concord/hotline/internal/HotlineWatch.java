package org.concord.hotline.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.concord.hotline.ScheduledTest;
import org.concord.hotline.TestAlarm;
import org.concord.hotline.TestAlarms;
import org.concord.node.BoundedReading;
import org.concord.node.OperatorStatus;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * What operators watch of the hotline: the health {@code hotline} and the gauge
 * {@code concord.hotline.test.alarms}, the scheduled test calls that failed at the latest slot whose
 * answer window has closed (not sent, or not answered in time). Such an alarm stands until the next
 * slot's test passes: a line that failed its last test is not known to work. Health is
 * {@code ALARM} while one stands, with the slot, the reason and the side at fault; read through a
 * {@link BoundedReading} so that a hanging database makes it {@code UNKNOWN}, never hang.
 */
@Component("hotlineHealthIndicator")
class HotlineWatch implements HealthIndicator, TestAlarms {

    private final HotlineTable table;
    private final TestSchedules schedules;
    private final Clock clock;
    private final BoundedReading<List<TestAlarm>> reading;
    /** Whether a schedule was in force at the last reading: set by {@link #standing}, under the reading's bound. */
    private volatile boolean scheduled;

    HotlineWatch(HotlineTable table, TestSchedules schedules, Clock clock, MeterRegistry registry) {
        this.table = table;
        this.schedules = schedules;
        this.clock = clock;
        this.reading = new BoundedReading<>("the hotline test alarms", this::readStanding, Duration.ofSeconds(5),
                Duration.ofSeconds(1));
        Gauge.builder("concord.hotline.test.alarms", this, HotlineWatch::gauge)
                .description("scheduled hotline test calls that failed at the latest closed slot").register(registry);
    }

    @EventListener(ApplicationReadyEvent.class)
    void warmUp() {
        reading.latest(null);
    }

    /** The alarms standing now, as the health reads them (a value up to 5 s old). */
    @Override
    public List<TestAlarm> standing() {
        BoundedReading.Result<List<TestAlarm>> result = reading.read();
        if (!result.ok()) {
            throw new IllegalStateException(result.failure());
        }
        return result.value();
    }

    /** The alarms of the latest slot whose answer window has closed. */
    private List<TestAlarm> readStanding() {
        java.util.Optional<TestSchedules.InForce> inForce = schedules.inForce();
        scheduled = inForce.isPresent();
        if (inForce.isEmpty()) {
            return List.of();
        }
        ScheduledTest test = inForce.get().test();
        Instant closedBy = clock.instant().minus(test.answerWithin());
        List<Instant> slots = test.slotsBetween(closedBy.minus(test.every()), closedBy);
        if (slots.isEmpty()) {
            return List.of();
        }
        Instant latest = slots.get(slots.size() - 1);
        return table.alarms().stream().filter(a -> a.schedule().equals(test.name()) && a.slot().equals(latest)).toList();
    }

    private double gauge() {
        List<TestAlarm> alarms = reading.latest(null);
        return alarms == null ? Double.NaN : alarms.size();
    }

    @Override
    public Health health() {
        BoundedReading.Result<List<TestAlarm>> result = reading.read();
        if (!result.ok()) {
            return Health.unknown().withDetail("error", result.failure()).build();
        }
        if (result.value().isEmpty()) {
            return Health.up().withDetail("scheduledTest", scheduled ? "passed or not due" : "none configured")
                    .build();
        }
        return Health.status(OperatorStatus.ALARM).withDetail("failedTests", result.value().stream()
                .map(a -> Map.of("schedule", a.schedule(), "slot", a.slot().toString(), "reason", a.reason().name(), "atFault",
                        a.atFault().value()))
                .toList()).build();
    }
}
