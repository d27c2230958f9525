package org.concord.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** Reading a partner's clock from the headers of its answer, and what a difference means. */
class PartnerClockTest {

    static final Instant SENT = Instant.parse("2026-12-07T19:00:00Z");
    static final Instant RECEIVED = SENT.plusMillis(200);

    @Test
    void theConcordHeaderGivesTheOffsetFromTheMiddleOfTheExchangeWithinHalfTheRoundTrip() {
        PartnerClock clock = PartnerClock.fromHeaders(Map.of("x-concord-clock", "2026-12-07T19:06:00.100Z"), SENT, RECEIVED).orElseThrow();
        assertThat(clock.offset()).isEqualTo(Duration.ofMinutes(6));
        assertThat(clock.error()).isEqualTo(Duration.ofMillis(100));
        assertThat(clock.readAt()).isEqualTo(RECEIVED);
        assertThat(clock.offsetSeconds()).isEqualTo(360.0);
        assertThat(clock.state()).isEqualTo(PartnerClock.State.PARTNER_AHEAD);
    }

    @Test
    void aNodeThatStatesOnlyTheHttpDateIsReadToTheSecondWithHalfASecondMoreError() {
        PartnerClock clock = PartnerClock.fromHeaders(Map.of("date", "Mon, 07 Dec 2026 18:57:00 GMT"), SENT, RECEIVED).orElseThrow();
        // the partner's time was somewhere in 18:57:00.000-18:57:00.999: taken as .500, the middle of the exchange as 19:00:00.100
        assertThat(clock.offset()).isEqualTo(Duration.ofMinutes(-3).plusMillis(400));
        assertThat(clock.error()).isEqualTo(Duration.ofMillis(600));
        assertThat(clock.state()).isEqualTo(PartnerClock.State.DIFFERS);
    }

    @Test
    void anUnreadableConcordHeaderFallsBackToTheDateAndNeitherGivesNoReading() {
        assertThat(PartnerClock.fromHeaders(Map.of("x-concord-clock", "yesterday", "date", "Mon, 07 Dec 2026 19:00:00 GMT"), SENT, RECEIVED))
                .hasValueSatisfying(c -> assertThat(c.state()).isEqualTo(PartnerClock.State.IN_STEP));
        assertThat(PartnerClock.fromHeaders(Map.of("x-concord-clock", "yesterday", "date", "soon"), SENT, RECEIVED)).isEmpty();
        assertThat(PartnerClock.fromHeaders(Map.of(), SENT, RECEIVED)).isEmpty();
        // a time no clock keeps is no reading, not an overflow
        assertThat(PartnerClock.fromHeaders(Map.of("x-concord-clock", "+999999999-12-31T23:59:59Z"), SENT, RECEIVED)).isEmpty();
        assertThat(PartnerClock.fromHeaders(Map.of("x-concord-clock", "-999999999-01-01T00:00:00Z"), SENT, RECEIVED)).isEmpty();
    }

    @Test
    void aDifferenceCountsOnlyWhenItHoldsWhateverTheError() {
        Instant at = RECEIVED;
        assertThat(new PartnerClock(Duration.ofSeconds(30), Duration.ZERO, at).state()).isEqualTo(PartnerClock.State.IN_STEP);
        assertThat(new PartnerClock(Duration.ofSeconds(61), Duration.ofSeconds(2), at).state()).isEqualTo(PartnerClock.State.IN_STEP);
        assertThat(new PartnerClock(Duration.ofSeconds(-63), Duration.ofSeconds(2), at).state()).isEqualTo(PartnerClock.State.DIFFERS);
        assertThat(new PartnerClock(Duration.ofSeconds(301), Duration.ofSeconds(2), at).state()).isEqualTo(PartnerClock.State.DIFFERS);
        assertThat(new PartnerClock(Duration.ofSeconds(303), Duration.ofSeconds(2), at).state()).isEqualTo(PartnerClock.State.PARTNER_AHEAD);
        assertThat(new PartnerClock(Duration.ofSeconds(-303), Duration.ofSeconds(2), at).state()).isEqualTo(PartnerClock.State.PARTNER_BEHIND);
        assertThatThrownBy(() -> new PartnerClock(Duration.ZERO, Duration.ofSeconds(-1), at)).isInstanceOf(IllegalArgumentException.class);
    }
}
