package org.concord.exchange.sync;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;

import org.concord.intel.Collection;
import org.concord.ledger.Direction;
import org.concord.ledger.Ledger;
import org.concord.ledger.LedgerEntry;
import org.concord.ledger.ObjectDigest;
import org.concord.ledger.ReceiptException;
import org.concord.ledger.Receipts;
import org.concord.party.Partner;
import org.concord.party.Partners;
import org.concord.party.PartyCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Delivers the outbox: for each partner, the oldest undelivered messages in one TAXII POST to the
 * partner's inbox. A message the partner refuses (its status resource lists it as a failure) is
 * settled with the partner's reason and not retried; a network or server error leaves every
 * message queued and backs off (2 s doubling to 10 min). Messages go strictly in order.
 */
@Component
public class OutboxDelivery {

    private static final Logger log = LoggerFactory.getLogger(OutboxDelivery.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    static final String INBOX = "/taxii2/concord/collections/" + Collection.INBOX.id() + "/objects/";
    static final int BATCH = 500;

    private final Partners partners;
    private final TaxiiClient client;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final Ledger ledger;
    private final Receipts receipts;

    OutboxDelivery(Partners partners, TaxiiClient client, JdbcClient jdbc, Clock clock, Ledger ledger, Receipts receipts) {
        this.partners = partners;
        this.client = client;
        this.jdbc = jdbc;
        this.clock = clock;
        this.ledger = ledger;
        this.receipts = receipts;
    }

    @Scheduled(fixedDelayString = "${concord.exchange.delivery-interval:PT2S}", initialDelayString = "PT5S")
    @SchedulerLock(name = "exchange.deliver-outbox", lockAtMostFor = "PT10M")
    public void deliverAll() {
        for (Partner partner : partners.all()) {
            deliver(partner.code());
        }
    }

    private record Queued(long seq, String objectId, String version, String object, int attempts, Instant nextAttempt,
            Long ledgerIndex) {
    }

    private final Map<PartyCode, java.util.concurrent.locks.ReentrantLock> running = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * Delivers what is due for one partner now; returns the number of messages settled. Runs for one
     * partner do not overlap within this instance (the trigger after commit and the scheduled run
     * take turns); across instances the scheduled run holds the database lock.
     */
    public int deliver(PartyCode partner) {
        java.util.concurrent.locks.ReentrantLock lock = running.computeIfAbsent(partner, p -> new java.util.concurrent.locks.ReentrantLock());
        lock.lock();
        try {
            return deliverNow(partner);
        } finally {
            lock.unlock();
        }
    }

    private int deliverNow(PartyCode partner) {
        int settled = 0;
        while (true) {
            List<Queued> queued = jdbc.sql("""
                    select seq, object_id, version, object, attempts, next_attempt_at, ledger_index from exchange_outbox
                    where partner = ? and delivered_at is null order by seq limit ?""")
                    .params(partner.value(), BATCH)
                    .query((rs, n) -> new Queued(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getInt(5),
                            rs.getTimestamp(6).toInstant(), (Long) rs.getObject(7, Long.class)))
                    .list();
            if (queued.isEmpty() || queued.get(0).nextAttempt().isAfter(clock.instant())) {
                return settled;
            }
            recordSent(partner, queued);
            StringBuilder envelope = new StringBuilder("{\"objects\":[");
            for (int i = 0; i < queued.size(); i++) {
                envelope.append(i == 0 ? "" : ",").append(queued.get(i).object());
            }
            envelope.append("]}");
            try {
                TaxiiClient.Response response = client.post(partner, INBOX, envelope.toString());
                if (response.status() != 202) {
                    throw new IllegalStateException("POST to " + partner + "'s inbox answered " + response.status() + ": "
                            + TaxiiClient.abbreviate(response.body()));
                }
                JsonNode status = JSON.readTree(response.body());
                Map<String, String> receiptsById = new HashMap<>();
                status.path("x_concord_receipts").forEach(r -> receiptsById.put(r.path("id").asString() + "|" + r.path("version").asString(""),
                        r.path("receipt").asString(null)));
                Map<String, String> refused = new HashMap<>();
                status.path("failures").forEach(f -> refused.put(f.path("id").asString() + "|" + f.path("version").asString(""),
                        f.path("message").asString("refused")));
                Timestamp now = Timestamp.from(clock.instant());
                for (Queued message : queued) {
                    String key = message.objectId() + "|" + (message.version() == null ? "" : message.version());
                    String reason = refused.get(key);
                    String receipt = reason == null ? checkedReceipt(partner, message, receiptsById.get(key)) : null;
                    jdbc.sql("update exchange_outbox set delivered_at = ?, attempts = attempts + 1, refused_reason = ?, receipt = ?, last_error = ? where seq = ?")
                            .params(now, reason, receipt, reason == null && receipt == null ? "no valid receipt from " + partner : null,
                                    message.seq()).update();
                    if (reason != null) {
                        log.warn("{} refused message {} ({}): {}", partner, message.objectId(), message.version(), reason);
                    }
                }
                settled += queued.size();
            } catch (Exception e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                int attempts = queued.get(0).attempts() + 1;
                Duration backoff = Duration.ofSeconds(Math.min(600, 2L << Math.min(attempts - 1, 8)));
                String error = TaxiiClient.describe(e);
                jdbc.sql("update exchange_outbox set attempts = attempts + 1, next_attempt_at = ?, last_error = ? where partner = ? and delivered_at is null")
                        .params(Timestamp.from(clock.instant().plus(backoff)), error, partner.value()).update();
                log.warn("delivering {} message(s) to {} failed (attempt {}), next try in {} s: {}", queued.size(), partner, attempts,
                        backoff.toSeconds(), error);
                return settled;
            }
        }
    }

    /** Appends a SENT entry for every message that has none yet: nothing leaves without one. */
    private void recordSent(PartyCode partner, List<Queued> queued) {
        List<Queued> unrecorded = queued.stream().filter(q -> q.ledgerIndex() == null).toList();
        if (unrecorded.isEmpty()) {
            return;
        }
        List<LedgerEntry> entries = unrecorded.stream()
                .map(q -> LedgerEntry.of(Direction.SENT, partner, ObjectDigest.of(q.object()), clock.instant())).toList();
        List<Long> indexes = ledger.appendAll(entries);
        for (int i = 0; i < unrecorded.size(); i++) {
            jdbc.sql("update exchange_outbox set ledger_index = ? where seq = ?").params(indexes.get(i), unrecorded.get(i).seq()).update();
        }
    }

    /** The partner's receipt for a message, kept only if it verifies with the partner's pinned key. */
    private String checkedReceipt(PartyCode partner, Queued message, String receipt) {
        if (receipt == null) {
            log.warn("{} accepted message {} ({}) without a receipt", partner, message.objectId(), message.version());
            return null;
        }
        try {
            receipts.verify(partner, receipt, ObjectDigest.of(message.object()));
            return receipt;
        } catch (ReceiptException e) {
            log.warn("{}'s receipt for message {} ({}) does not verify: {}", partner, message.objectId(), message.version(), e.getMessage());
            return null;
        }
    }

}
