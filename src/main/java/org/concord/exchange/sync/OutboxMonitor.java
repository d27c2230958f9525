package org.concord.exchange.sync;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.concord.party.Partner;
import org.concord.party.Partners;
import org.concord.party.PartyCode;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What operators watch of the channel to each partner, as Micrometer meters tagged {@code partner}:
 *
 * <ul>
 *   <li>{@code concord.outbox.depth} (gauge): messages waiting for delivery, poison not counted;</li>
 *   <li>{@code concord.outbox.oldest.age} (gauge, seconds): age of the oldest of them, 0 when none;</li>
 *   <li>{@code concord.outbox.poisoned} (gauge): messages set aside as poison and not yet acknowledged;</li>
 *   <li>{@code concord.outbox.deliveries} (counter): messages the partner accepted;</li>
 *   <li>{@code concord.outbox.failures} (counter): failed delivery attempts (a batch that failed, was
 *       split, or a message set aside);</li>
 *   <li>{@code concord.partner.reachable} (gauge): 1 when the partner's node answered the last contact,
 *       0 when it did not, NaN before any contact;</li>
 *   <li>{@code concord.partner.clock.offset} (gauge, seconds): how far the partner's clock stood from this node's
 *       when last read (positive: ahead; {@link org.concord.exchange.PartnerClock}), NaN before any reading.</li>
 * </ul>
 *
 * Gauges read a snapshot of the outbox that is at most a second old, taken from the database when
 * read; the health indicators {@code outbox} and {@code partners} read the same snapshot.
 */
@Component
public class OutboxMonitor {

    private final JdbcClient jdbc;
    private final Partners partners;
    private final PartnerLinks links;
    private final Clock clock;
    private final MeterRegistry registry;
    private final Set<PartyCode> registered = ConcurrentHashMap.newKeySet();
    private volatile Snapshot snapshot;
    /** Health and scrapes read through this, so a database that hangs never holds them (at most 2 s). */
    private final org.concord.node.BoundedReading<Snapshot> reading =
            new org.concord.node.BoundedReading<>("the outbox", this::snapshot, Duration.ZERO, Duration.ofSeconds(2));

    OutboxMonitor(JdbcClient jdbc, Partners partners, PartnerLinks links, Clock clock, ObjectProvider<MeterRegistry> registry) {
        this.jdbc = jdbc;
        this.partners = partners;
        this.links = links;
        this.clock = clock;
        this.registry = registry.getIfAvailable(SimpleMeterRegistry::new);
        // Read on every scrape: a partner paired since the last one gets its meters from the next.
        Gauge.builder("concord.partners", this, m -> {
            m.register();
            return m.partners.all().size();
        }).description("partners paired with this node").register(this.registry);
    }

    /** The outbox of one partner. */
    public record Queue(long depth, Instant oldest, long poisoned) {
        static final Queue EMPTY = new Queue(0, null, 0);
    }

    /** The outbox per partner and the links, as of {@code taken}. */
    public record Snapshot(Instant taken, long takenNanos, Map<PartyCode, Queue> queues, Map<PartyCode, PartnerLinks.Link> links) {
        public Queue queue(PartyCode partner) {
            return queues.getOrDefault(partner, Queue.EMPTY);
        }
    }

    /** A snapshot at most a second old. */
    public synchronized Snapshot snapshot() {
        Snapshot last = snapshot;
        if (last != null && System.nanoTime() - last.takenNanos() < Duration.ofSeconds(1).toNanos()) {
            return last;
        }
        Map<PartyCode, Queue> queues = new HashMap<>();
        jdbc.sql("select partner, count(*), min(enqueued_at) from exchange_outbox where delivered_at is null and poisoned_at is null group by partner")
                .query((rs, n) -> {
                    queues.put(PartyCode.of(rs.getString(1)), new Queue(rs.getLong(2), rs.getTimestamp(3).toInstant(), 0));
                    return null;
                }).list();
        jdbc.sql("select partner, count(*) from exchange_outbox where poisoned_at is not null and poison_acknowledged_at is null group by partner")
                .query((rs, n) -> {
                    PartyCode partner = PartyCode.of(rs.getString(1));
                    Queue q = queues.getOrDefault(partner, Queue.EMPTY);
                    queues.put(partner, new Queue(q.depth(), q.oldest(), rs.getLong(2)));
                    return null;
                }).list();
        Map<PartyCode, PartnerLinks.Link> byPartner = new HashMap<>();
        links.all().forEach(l -> byPartner.put(l.partner(), l));
        snapshot = new Snapshot(clock.instant(), System.nanoTime(), Map.copyOf(queues), Map.copyOf(byPartner));
        register();
        return snapshot;
    }

    /** Forgets the snapshot, so the next read is fresh (after a delivery, in tests). */
    public synchronized void invalidate() {
        snapshot = null;
    }

    @org.springframework.context.event.EventListener(org.springframework.boot.context.event.ApplicationReadyEvent.class)
    void started() {
        register();
    }

    /** Registers the meters of every partner paired now (idempotent; a partner paired later gets them on the next call). */
    public void register() {
        for (Partner partner : partners.all()) {
            PartyCode code = partner.code();
            if (registered.add(code)) {
                String tag = code.value();
                Gauge.builder("concord.outbox.depth", this, m -> m.safe().queue(code).depth()).tag("partner", tag)
                        .description("messages waiting for delivery to the partner (poison not counted)").register(registry);
                Gauge.builder("concord.outbox.oldest.age", this, m -> m.oldestAge(code)).tag("partner", tag).baseUnit("seconds")
                        .description("age of the oldest message waiting for delivery to the partner").register(registry);
                Gauge.builder("concord.outbox.poisoned", this, m -> m.safe().queue(code).poisoned()).tag("partner", tag)
                        .description("messages set aside as poison, not yet acknowledged").register(registry);
                Gauge.builder("concord.partner.reachable", this, m -> m.reachable(code)).tag("partner", tag)
                        .description("1 if the partner's node answered the last contact, 0 if not").register(registry);
                Gauge.builder("concord.partner.clock.offset", this, m -> m.clockOffset(code)).tag("partner", tag).baseUnit("seconds")
                        .description("the partner's clock minus this node's, when last read (positive: the partner's is ahead)")
                        .register(registry);
                deliveries(code);
                failures(code);
            }
        }
    }

    /** A snapshot within at most 2 s, or why there is none (the database does not answer). */
    public org.concord.node.BoundedReading.Result<Snapshot> read() {
        return reading.read();
    }

    private Snapshot safe() {
        var result = reading.read();
        if (result.ok()) {
            return result.value();
        }
        Snapshot last = snapshot;
        return last != null ? last : new Snapshot(clock.instant(), System.nanoTime(), Map.of(), Map.of());
    }

    double oldestAge(PartyCode partner) {
        Instant oldest = safe().queue(partner).oldest();
        return oldest == null ? 0 : Math.max(0, Duration.between(oldest, clock.instant()).toMillis() / 1000.0);
    }

    double reachable(PartyCode partner) {
        PartnerLinks.Link link = safe().links().get(partner);
        return link == null || link.reachable() == null ? Double.NaN : link.reachable() ? 1 : 0;
    }

    double clockOffset(PartyCode partner) {
        PartnerLinks.Link link = safe().links().get(partner);
        return link == null || link.clock() == null ? Double.NaN : link.clock().offsetSeconds();
    }

    private Counter deliveries(PartyCode partner) {
        return Counter.builder("concord.outbox.deliveries").tag("partner", partner.value())
                .description("messages the partner accepted").register(registry);
    }

    private Counter failures(PartyCode partner) {
        return Counter.builder("concord.outbox.failures").tag("partner", partner.value())
                .description("failed delivery attempts to the partner").register(registry);
    }

    void delivered(PartyCode partner, int messages) {
        deliveries(partner).increment(messages);
        invalidate();
    }

    void failed(PartyCode partner) {
        failures(partner).increment();
        invalidate();
    }
}
