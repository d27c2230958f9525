package org.concord.ledger.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;

import org.concord.ledger.LedgerEntry;
import org.concord.node.BoundedReading;
import org.concord.node.OperatorStatus;
import org.concord.party.Partner;
import org.concord.party.Partners;
import org.concord.party.PartyCode;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * What operators watch of the ledger: the health {@code ledger} and the gauges
 * {@code concord.ledger.alarms} (open alarms, tag {@code kind}, one per kind from the start) and
 * {@code concord.witness.lag} (seconds since each partner's log was last checked and found good, or
 * since pairing if never; tag {@code partner}).
 *
 * <p>Health {@code ledger}: {@code ALARM} while any alarm is open (not acknowledged by an
 * administrator, {@code POST /ledger/alarms/{id}/acknowledgement}) or a partner's log has not been
 * witnessed for {@code concord.health.witness-lag-alarm} (default 15 min); details name the open
 * alarms by kind, the newest ones and each partner's lag. Everything is read through a
 * {@link BoundedReading} (at most 5 s old, at most 1 s of waiting), so a database that hangs makes
 * this health {@code UNKNOWN} quickly instead of holding the request; the gauges show the last
 * values read and ask again in the background.
 */
@Component("ledgerHealthIndicator")
class LedgerWatch implements HealthIndicator {

    private static final int NEWEST = 5;
    private final WitnessTable table;
    private final Partners partners;
    private final Clock clock;
    private final MeterRegistry registry;
    private final Duration lagAlarm;
    private final BoundedReading<Snapshot> reading;
    private final Map<PartyCode, Meter> lagGauges = new ConcurrentHashMap<>();

    /** The ledger as last read: open alarms by kind, the newest open ones, and when each partner was last witnessed. */
    record Snapshot(Map<AlarmKind, Long> open, List<WitnessTable.Alarm> newest, Map<PartyCode, Instant> witnessed) {
        long openCount() {
            return open.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    LedgerWatch(WitnessTable table, Partners partners, Clock clock, MeterRegistry registry,
            @Value("${concord.health.witness-lag-alarm:PT15M}") Duration lagAlarm) {
        this.table = table;
        this.partners = partners;
        this.clock = clock;
        this.registry = registry;
        this.lagAlarm = lagAlarm;
        this.reading = new BoundedReading<>("the ledger alarms", this::read, Duration.ofSeconds(5), Duration.ofSeconds(1));
        for (AlarmKind kind : AlarmKind.values()) {
            Gauge.builder("concord.ledger.alarms", this, watch -> watch.open(kind))
                    .description("ledger alarms nobody has acknowledged yet").tag("kind", kind.name()).register(registry);
        }
    }

    /** A first reading once the node is up, so that the gauges have values (and partners their lag gauge) from the first scrape. */
    @org.springframework.context.event.EventListener(org.springframework.boot.context.event.ApplicationReadyEvent.class)
    void warmUp() {
        reading.latest(null);
    }

    private Snapshot read() {
        Map<PartyCode, Instant> witnessed = new LinkedHashMap<>();
        Map<PartyCode, Instant> checked = new LinkedHashMap<>();
        table.checkedTimes().forEach(c -> checked.put(c.partner(), c.at()));
        for (Partner partner : partners.all()) {
            witnessed.put(partner.code(), checked.getOrDefault(partner.code(), partner.pairedAt()));
        }
        Snapshot snapshot = new Snapshot(table.openByKind(), table.open(NEWEST), witnessed);
        registerLagGauges(witnessed.keySet());
        return snapshot;
    }

    private void registerLagGauges(Set<PartyCode> current) {
        for (PartyCode code : current) {
            lagGauges.computeIfAbsent(code, c -> Gauge.builder("concord.witness.lag", this, watch -> watch.lag(c))
                    .description("seconds since this partner's log was last witnessed and found good").baseUnit("seconds")
                    .tag("partner", c.value()).register(registry));
        }
        for (PartyCode gone : Set.copyOf(lagGauges.keySet())) {
            if (!current.contains(gone)) {
                registry.remove(lagGauges.remove(gone));
            }
        }
    }

    private double open(AlarmKind kind) {
        Snapshot snapshot = reading.latest(null);
        return snapshot == null ? Double.NaN : snapshot.open().getOrDefault(kind, 0L);
    }

    private double lag(PartyCode partner) {
        Snapshot snapshot = reading.latest(null);
        Instant at = snapshot == null ? null : snapshot.witnessed().get(partner);
        return at == null ? Double.NaN : Math.max(0, Duration.between(at, clock.instant()).toMillis() / 1000.0);
    }

    @Override
    public Health health() {
        BoundedReading.Result<Snapshot> result = reading.read();
        if (!result.ok()) {
            return Health.unknown().withDetail("error", result.failure()).build();
        }
        Snapshot snapshot = result.value();
        Instant now = clock.instant();
        Map<String, Object> lag = new LinkedHashMap<>();
        boolean behind = false;
        for (Map.Entry<PartyCode, Instant> e : snapshot.witnessed().entrySet()) {
            Duration since = Duration.between(e.getValue(), now);
            behind |= since.compareTo(lagAlarm) > 0;
            lag.put(e.getKey().value(), Map.of("lastWitnessed", LedgerEntry.formatTime(e.getValue()), "lagSeconds",
                    Math.max(0, since.toSeconds())));
        }
        Health.Builder health = snapshot.openCount() > 0 || behind ? Health.status(OperatorStatus.ALARM) : Health.up();
        Map<String, Long> open = new LinkedHashMap<>();
        snapshot.open().forEach((kind, n) -> open.put(kind.name(), n));
        health.withDetail("openAlarms", open);
        if (!snapshot.newest().isEmpty()) {
            health.withDetail("newest", snapshot.newest().stream().map(a -> Map.of("id", a.id(), "kind", a.kind().name(),
                    "partner", a.partner().value(), "raisedAt", LedgerEntry.formatTime(a.raisedAt()), "detail", a.detail()))
                    .toList());
        }
        health.withDetail("witnessed", lag);
        if (behind) {
            health.withDetail("witnessLagAlarmAfter", lagAlarm.toString());
        }
        return health.build();
    }
}
