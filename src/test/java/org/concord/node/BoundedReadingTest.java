package org.concord.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

/** A reading answers whatever its source does: a hanging source gives a failure, and is asked once at a time. */
class BoundedReadingTest {

    @Test
    void aHangingSourceGivesAFailureAndIsNotAskedAgainWhileItHangs() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger asked = new AtomicInteger();
        BoundedReading<String> reading = new BoundedReading<>("the thing", () -> {
            asked.incrementAndGet();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return "value";
        }, Duration.ofMinutes(1), Duration.ofMillis(100));

        BoundedReading.Result<String> first = reading.read();
        assertThat(first.ok()).isFalse();
        assertThat(first.failure()).isEqualTo("cannot read the thing: no answer within 100 ms");
        assertThat(reading.read().ok()).isFalse();
        assertThat(reading.latest("none")).isEqualTo("none");
        assertThat(asked.get()).as("one question at a time").isEqualTo(1);

        release.countDown();
        assertThat(reading.read().value()).isEqualTo("value");
        int askedSoFar = asked.get();
        assertThat(reading.read().value()).as("served from memory while young").isEqualTo("value");
        assertThat(reading.latest("none")).isEqualTo("value");
        assertThat(asked.get()).isEqualTo(askedSoFar);
    }

    @Test
    void aFailingSourceIsNamedAndAQuickOneAnswersAtOnce() {
        BoundedReading<String> failing = new BoundedReading<>("the ledger", () -> {
            throw new IllegalStateException("connection refused");
        }, Duration.ZERO, Duration.ofSeconds(5));
        assertThat(failing.read().failure()).isEqualTo("cannot read the ledger: IllegalStateException: connection refused");
        BoundedReading<Integer> quick = new BoundedReading<>("a number", () -> 7, Duration.ZERO, Duration.ofSeconds(5));
        for (int i = 0; i < 100; i++) {
            assertThat(quick.read().value()).isEqualTo(7);
        }
    }
}
