package org.concord.exchange.sync;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.concord.exchange.PartnerClock;
import org.concord.party.Partner;
import org.concord.party.Partners;
import org.concord.party.PartyCode;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The health indicators of the channel to the partners, {@code outbox} and {@code partners} (under
 * {@code /actuator/health/outbox} and {@code /actuator/health/partners}).
 *
 * <ul>
 *   <li>{@code outbox}: DOWN while a message set aside as poison waits for a person to acknowledge
 *       it; OUT_OF_SERVICE while the oldest undelivered message is older than
 *       {@code concord.exchange.outbox.max-age} (default 15 min); UP otherwise. Details per partner:
 *       depth, oldest age, poisoned.</li>
 *   <li>{@code partners}: OUT_OF_SERVICE while a paired partner does not answer (its last contact
 *       failed), or while its clock stands more than {@link PartnerClock#REFUSED_AHEAD} from this node's (one side
 *       refuses the other's case messages as dated ahead); UP otherwise. Details per partner: reachable, last contact,
 *       last error, failures in a row, its max_content_length, and its clock: the offset in seconds (positive: ahead), the
 *       error, when read, and its state ({@link PartnerClock.State}) with what it does when it is not in step.</li>
 * </ul>
 *
 * Neither should be part of the readiness group: a node whose partner is down, or whose outbox holds
 * a poisoned message, must still serve its own officers (they queue messages, read the map, answer
 * calls). They are for operators and alerts, which is why a partner down is OUT_OF_SERVICE and not
 * DOWN (DOWN would say this node itself is broken).
 */
@Configuration(proxyBeanMethods = false)
class ExchangeHealth {

    @Bean
    HealthIndicator outboxHealthIndicator(OutboxMonitor monitor, Partners partners, Clock clock,
            @Value("${concord.exchange.outbox.max-age:PT15M}") Duration maxAge) {
        return () -> {
            var reading = monitor.read();
            if (!reading.ok()) {
                return Health.unknown().withDetail("error", reading.failure()).build();
            }
            OutboxMonitor.Snapshot snapshot = reading.value();
            Status status = Status.UP;
            Map<String, Object> details = new LinkedHashMap<>();
            long poisoned = 0;
            boolean stuck = false;
            for (Partner partner : partners.all()) {
                OutboxMonitor.Queue queue = snapshot.queue(partner.code());
                Map<String, Object> of = new LinkedHashMap<>();
                of.put("depth", queue.depth());
                long age = queue.oldest() == null ? 0 : Math.max(0, Duration.between(queue.oldest(), clock.instant()).toSeconds());
                of.put("oldestAgeSeconds", age);
                of.put("poisoned", queue.poisoned());
                details.put(partner.code().value(), of);
                poisoned += queue.poisoned();
                stuck |= queue.oldest() != null && Duration.ofSeconds(age).compareTo(maxAge) > 0;
            }
            if (poisoned > 0) {
                status = Status.DOWN;
                details.put("alarm", poisoned + " message(s) set aside as poison wait for a person: GET /api/exchange/outbox/alarms");
            } else if (stuck) {
                status = Status.OUT_OF_SERVICE;
                details.put("alarm", "a message has waited longer than " + maxAge.toSeconds() + " s (concord.exchange.outbox.max-age)");
            }
            return Health.status(status).withDetails(details).build();
        };
    }

    @Bean
    HealthIndicator partnersHealthIndicator(OutboxMonitor monitor, Partners partners) {
        return () -> {
            var reading = monitor.read();
            if (!reading.ok()) {
                return Health.unknown().withDetail("error", reading.failure()).build();
            }
            OutboxMonitor.Snapshot snapshot = reading.value();
            Map<String, Object> details = new LinkedHashMap<>();
            boolean anyDown = false;
            for (Partner partner : partners.all()) {
                PartyCode code = partner.code();
                PartnerLinks.Link link = snapshot.links().get(code);
                Map<String, Object> of = new LinkedHashMap<>();
                String state = link == null || link.reachable() == null ? "not contacted yet" : link.reachable() ? "reachable" : "unreachable";
                of.put("state", state);
                if (link != null) {
                    if (link.lastContactAt() != null) {
                        of.put("lastContact", link.lastContactAt().toString());
                    }
                    if (link.lastError() != null) {
                        of.put("lastError", link.lastError());
                    }
                    of.put("failuresInARow", link.failures());
                    if (link.maxContentLength() != null) {
                        of.put("maxContentLength", link.maxContentLength());
                    }
                    anyDown |= Boolean.FALSE.equals(link.reachable());
                    if (link.clock() != null) {
                        PartnerClock clock = link.clock();
                        Map<String, Object> c = new LinkedHashMap<>();
                        c.put("offsetSeconds", clock.offsetSeconds());
                        c.put("errorSeconds", clock.error().toMillis() / 1000.0);
                        c.put("readAt", clock.readAt().toString());
                        c.put("state", clock.state().name());
                        String effect = clock.effect(code.value());
                        if (effect != null) {
                            c.put("effect", effect);
                        }
                        of.put("clock", c);
                        anyDown |= clock.state() == PartnerClock.State.PARTNER_AHEAD || clock.state() == PartnerClock.State.PARTNER_BEHIND;
                    }
                }
                details.put(code.value(), of);
            }
            return Health.status(anyDown ? Status.OUT_OF_SERVICE : Status.UP).withDetails(details).build();
        };
    }

}
