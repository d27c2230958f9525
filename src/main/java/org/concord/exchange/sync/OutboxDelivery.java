package org.concord.exchange.sync;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;

import org.concord.audit.AuditLog;
import org.concord.exchange.DeliveryPriority;
import org.concord.intel.Collection;
import org.concord.ledger.Direction;
import org.concord.ledger.Ledger;
import org.concord.ledger.LedgerEntry;
import org.concord.ledger.ObjectDigest;
import org.concord.ledger.Receipt;
import org.concord.ledger.ReceiptException;
import org.concord.ledger.Receipts;
import org.concord.party.Partner;
import org.concord.party.Partners;
import org.concord.intel.SharingInForce;
import org.concord.party.PartyCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Delivers the outbox: for each partner, batches of undelivered messages, each one TAXII POST to
 * the partner's inbox.
 *
 * <ul>
 *   <li><b>Order.</b> Higher priority first (FLASH, PRIORITY, ROUTINE), then oldest first; a message
 *       never goes before an earlier undelivered message of its case: the earlier one inherits the
 *       highest priority queued behind it in its case.</li>
 *   <li><b>Size.</b> A batch holds at most {@code concord.exchange.batch.max-messages} messages (500)
 *       and at most the partner's advertised {@code max_content_length} bytes (from its TAXII API
 *       root, see {@link PartnerLinks}; and at most {@code concord.exchange.batch.max-bytes}).</li>
 *   <li><b>Poison.</b> A message that can never be delivered is set aside with an alarm (logged,
 *       audited, {@code GET /api/exchange/outbox/alarms}), and the messages behind it go on: a
 *       message larger than the partner's limit, or one the partner refuses whole on its own with
 *       400, 413 or 422. A batch the partner refuses whole with one of these is split in half (and
 *       the partner's limit asked again) instead of sent again as it was.</li>
 *   <li><b>Refusal.</b> A message the partner's status resource lists as a failure is settled with
 *       the partner's reason and not retried.</li>
 *   <li><b>Backoff.</b> A network error, 5xx or another answer leaves the messages queued and backs
 *       off (2 s doubling to {@code concord.exchange.backoff.max}, 10 min), capped at
 *       {@code concord.exchange.backoff.flash} (2 s) while FLASH and {@code .priority} (10 s) while
 *       PRIORITY traffic waits. Meanwhile {@link PartnerProbe} asks the partner's API root every
 *       {@code concord.exchange.probe-interval}, and its answer ends the backoff at once.</li>
 * </ul>
 */
@Component
public class OutboxDelivery {

    private static final Logger log = LoggerFactory.getLogger(OutboxDelivery.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    static final String INBOX = "/taxii2/concord/collections/" + Collection.INBOX.id() + "/objects/";
    /** {"objects":[ and ]} around the messages, and a comma between two. */
    static final int ENVELOPE_BYTES = "{\"objects\":[]}".length();
    /** The receipt formats this node reads, sent with every delivery: the partner may sign a whole batch at once. */
    static final String RECEIPT_FORMATS = Receipt.FORMAT + ", " + Receipt.BATCHED;
    /** How many pending messages one run looks at in order of enqueueing (higher priorities beyond are added). */
    static final int WINDOW = 5000;

    private final Partners partners;
    /** The outbox's reference check, for messages queued before the sharing settings changed (lazily: the outbox triggers delivery). */
    private final org.springframework.beans.factory.ObjectProvider<org.concord.exchange.Outbox> outboxProvider;
    private final SharingInForce sharing;
    private final TaxiiClient client;
    private final JdbcClient jdbc;
    private final org.springframework.jdbc.core.JdbcTemplate batches;
    private final org.springframework.transaction.support.TransactionTemplate transactions;
    private final ReceiptPromises promises;
    private final Clock clock;
    private final Ledger ledger;
    private final Receipts receipts;
    private final PartnerLinks links;
    private final OutboxMonitor monitor;
    private final AuditLog audit;
    private final int maxMessages;
    private final long maxBytes;
    private final Duration maxBackoff;
    private final Duration flashBackoff;
    private final Duration priorityBackoff;
    private final org.springframework.context.ApplicationEventPublisher events;

    OutboxDelivery(Partners partners, TaxiiClient client, JdbcClient jdbc, org.springframework.jdbc.core.JdbcTemplate batches,
            Clock clock, Ledger ledger, Receipts receipts,
            PartnerLinks links, OutboxMonitor monitor, AuditLog audit, org.springframework.context.ApplicationEventPublisher events,
            @Value("${concord.exchange.batch.max-messages:500}") int maxMessages,
            @Value("${concord.exchange.batch.max-bytes:9223372036854775807}") long maxBytes,
            @Value("${concord.exchange.backoff.max:PT10M}") Duration maxBackoff,
            @Value("${concord.exchange.backoff.flash:PT2S}") Duration flashBackoff,
            @Value("${concord.exchange.backoff.priority:PT10S}") Duration priorityBackoff,
            org.springframework.beans.factory.ObjectProvider<org.concord.exchange.Outbox> outbox, SharingInForce sharing,
            org.springframework.transaction.support.TransactionTemplate transactions, ReceiptPromises promises) {
        this.transactions = transactions;
        this.promises = promises;
        this.outboxProvider = outbox;
        this.sharing = sharing;
        this.partners = partners;
        this.client = client;
        this.jdbc = jdbc;
        this.batches = batches;
        this.clock = clock;
        this.ledger = ledger;
        this.receipts = receipts;
        this.links = links;
        this.monitor = monitor;
        this.audit = audit;
        this.maxMessages = Math.max(1, maxMessages);
        this.maxBytes = maxBytes;
        this.maxBackoff = maxBackoff;
        this.flashBackoff = flashBackoff;
        this.priorityBackoff = priorityBackoff;
        this.events = events;
    }

    @Scheduled(fixedDelayString = "${concord.exchange.delivery-interval:PT2S}", initialDelayString = "PT5S")
    @SchedulerLock(name = "exchange.deliver-outbox", lockAtMostFor = "PT1M")
    public void deliverAll() {
        for (Partner partner : partners.all()) {
            deliver(partner.code());
        }
    }

    /** A pending message as the batch builder sees it: no body yet. */
    record Pending(long seq, int priority, String caseKey, long size) {
    }

    private record Queued(long seq, String objectId, String version, String object, Long ledgerIndex, java.time.Instant enqueuedAt) {
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

    /** How long to wait after {@code failures} consecutive failures, with the highest priority queued. */
    Duration backoff(int failures, int highestPriority) {
        Duration backoff = Duration.ofSeconds(2L << Math.min(Math.max(failures, 1) - 1, 20));
        if (backoff.compareTo(maxBackoff) > 0) {
            backoff = maxBackoff;
        }
        Duration cap = highestPriority >= DeliveryPriority.FLASH.rank() ? flashBackoff
                : highestPriority >= DeliveryPriority.PRIORITY.rank() ? priorityBackoff : null;
        return cap != null && cap.compareTo(backoff) < 0 ? cap : backoff;
    }

    private int deliverNow(PartyCode partner) {
        int settled = 0;
        for (int round = 0; round < 100_000; round++) {
            List<Pending> pending = ordered(pendingOf(partner));
            if (pending.isEmpty()) {
                return settled;
            }
            int highest = pending.stream().mapToInt(Pending::priority).max().orElse(0);
            PartnerLinks.Link link = links.link(partner);
            if (link.failures() > 0 && link.lastFailureAt() != null
                    && link.lastFailureAt().plus(backoff(link.failures(), highest)).isAfter(clock.instant())) {
                return settled;
            }
            Long limit = links.maxContentLength(partner, link).orElse(null);
            if (limit == null) {
                PartnerLinks.Link now = links.link(partner);
                fail(partner, pending.subList(0, Math.min(pending.size(), maxMessages)), Boolean.TRUE.equals(now.reachable()),
                        now.lastError() == null ? "the partner's TAXII API root could not be read" : now.lastError(), highest);
                return settled;
            }
            int countCap = Math.min(maxMessages, link.batchLimit() == null ? maxMessages : link.batchLimit());
            long bytesCap = Math.min(limit, maxBytes);
            List<Pending> batch = new ArrayList<>();
            long bytes = ENVELOPE_BYTES;
            boolean poisonedAny = false;
            for (Pending message : pending) {
                if (message.size() + ENVELOPE_BYTES > limit) {
                    poison(partner, message.seq(), "the message has " + message.size() + " bytes; " + partner + " accepts at most " + limit
                            + " bytes per request (max_content_length of its TAXII API root): it can never be delivered as it is");
                    poisonedAny = true;
                    continue;
                }
                long more = message.size() + (batch.isEmpty() ? 0 : 1);
                if (!batch.isEmpty() && (batch.size() >= countCap || bytes + more > bytesCap)) {
                    break;
                }
                batch.add(message);
                bytes += more;
            }
            if (batch.isEmpty()) {
                if (poisonedAny) {
                    continue;
                }
                return settled;
            }
            List<Queued> queued = bodies(batch);
            if (recheck(partner, queued)) {
                continue;
            }
            // each message's canonical digest, computed once for its SENT entry and its receipt's check (it was twice)
            Map<Long, ObjectDigest> digests = new HashMap<>();
            recordSent(partner, queued, digests);
            StringBuilder envelope = new StringBuilder((int) Math.min(Integer.MAX_VALUE - 8, bytes + 16)).append("{\"objects\":[");
            for (int i = 0; i < queued.size(); i++) {
                envelope.append(i == 0 ? "" : ",").append(queued.get(i).object());
            }
            envelope.append("]}");
            TaxiiClient.Response response;
            try {
                response = client.post(partner, INBOX, envelope.toString(), RECEIPT_FORMATS);
            } catch (Exception e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                    return settled;
                }
                String error = TaxiiClient.describe(e);
                // Did the partner drop the connection because of this batch, or is it down?
                PartnerLinks.Probe probe = links.probe(partner);
                if (probe.reachable() && batch.size() > 1) {
                    log.warn("{} dropped a batch of {} message(s) ({} bytes) but answers its API root: splitting the batch ({})",
                            partner, batch.size(), bytes, error);
                    links.splitTo(partner, batch.size() / 2);
                    continue;
                }
                fail(partner, batch, probe.reachable(), error, highest);
                return settled;
            }
            int status = response.status();
            if (status == 400 || status == 413 || status == 422) {
                String answer = "answered " + status + ": " + TaxiiClient.abbreviate(response.body());
                if (status == 413) {
                    links.forgetLimit(partner);
                }
                if (batch.size() > 1) {
                    log.warn("{} refused a batch of {} message(s) ({} bytes) whole, {}: splitting it", partner, batch.size(), bytes, answer);
                    monitor.failed(partner);
                    links.splitTo(partner, batch.size() / 2);
                    continue;
                }
                poison(partner, batch.get(0).seq(), partner + " refused the message on its own, " + answer);
                continue;
            }
            if (status != 202) {
                fail(partner, batch, true, "POST to " + partner + "'s inbox answered " + status + ": " + TaxiiClient.abbreviate(response.body()),
                        highest);
                return settled;
            }
            settled += settle(partner, queued, response.body(), digests);
            links.delivered(partner, batch.size(), maxMessages);
        }
        return settled;
    }

    private int settle(PartyCode partner, List<Queued> queued, String body, Map<Long, ObjectDigest> digests) {
        JsonNode status = JSON.readTree(body);
        Map<String, String> receiptsById = new HashMap<>();
        status.path("x_concord_receipts").forEach(r -> receiptsById.put(r.path("id").asString() + "|" + r.path("version").asString(""),
                r.path("receipt").asString(null)));
        Map<String, String> refused = new HashMap<>();
        status.path("failures").forEach(f -> refused.put(f.path("id").asString() + "|" + f.path("version").asString(""),
                f.path("message").asString("refused")));
        // One check for the whole batch: a batch signature or a checkpoint shared by many receipts is verified once.
        Receipts.Checker checker = receipts.checker(partner);
        int accepted = 0;
        List<String> withReceipt = new java.util.ArrayList<>();
        Map<String, String> refusedHere = new HashMap<>();
        List<Object[]> rows = new ArrayList<>(queued.size());
        List<Long> promised = new ArrayList<>();
        for (Queued message : queued) {
            String key = message.objectId() + "|" + (message.version() == null ? "" : message.version());
            String reason = refused.get(key);
            String receipt = null;
            if (reason == null) {
                String offered = receiptsById.get(key);
                Receipt checked = checkedReceipt(partner, checker, message, offered, digests);
                if (checked != null) {
                    receipt = offered;
                    if (checked.isPromise()) {
                        promised.add(message.seq());
                    }
                }
            }
            rows.add(new Object[] {reason, receipt, reason == null && receipt == null ? "no valid receipt from " + partner : null,
                message.seq()});
            if (reason != null) {
                log.warn("{} refused message {} ({}): {}", partner, message.objectId(), message.version(), reason);
                refusedHere.put(message.objectId(), reason);
            } else {
                accepted++;
                if (receipt != null) {
                    withReceipt.add(message.objectId());
                }
            }
        }
        // Settled when the receipts are checked and kept: delivered_at is when this node holds the proof.
        // The promises are noted with the receipts, in one transaction: ReceiptCompletion finds its work there.
        Timestamp now = Timestamp.from(clock.instant());
        transactions.executeWithoutResult(tx -> {
            batches.batchUpdate("update exchange_outbox set delivered_at = ?, attempts = attempts + 1, refused_reason = ?, receipt = ?,"
                    + " last_error = ? where seq = ?", rows.stream().map(row -> new Object[] {now, row[0], row[1], row[2], row[3]}).toList());
            promises.promised(partner, promised);
        });
        monitor.delivered(partner, accepted);
        if (!withReceipt.isEmpty()) {
            events.publishEvent(new org.concord.exchange.Delivered(partner, withReceipt));
        }
        if (!refusedHere.isEmpty()) {
            events.publishEvent(new org.concord.exchange.RefusedByPartner(partner, refusedHere));
        }
        return queued.size();
    }

    private void fail(PartyCode partner, List<Pending> batch, boolean reachable, String error, int highest) {
        links.failed(partner, reachable, error);
        monitor.failed(partner);
        int failures = links.link(partner).failures();
        Duration backoff = backoff(failures, highest);
        Timestamp next = Timestamp.from(clock.instant().plus(backoff));
        for (List<Long> chunk : chunks(batch.stream().map(Pending::seq).toList())) {
            jdbc.sql("update exchange_outbox set attempts = attempts + 1, next_attempt_at = ?, last_error = ? where seq in ("
                    + marks(chunk.size()) + ")").params(params(next, TaxiiClient.abbreviate(error), chunk)).update();
        }
        log.warn("delivering {} message(s) to {} failed ({} in a row, partner {}), next try in {} s: {}", batch.size(), partner, failures,
                reachable ? "answers" : "unreachable", backoff.toSeconds(), error);
    }

    /** Sets a message aside: it can never be delivered as it is. An alarm: logged, audited, counted, listed. */
    private void poison(PartyCode partner, long seq, String reason) {
        String cut = reason.length() <= 2000 ? reason : reason.substring(0, 1997) + "...";
        int updated = jdbc.sql("update exchange_outbox set poisoned_at = ?, poison_reason = ? where seq = ? and poisoned_at is null")
                .params(Timestamp.from(clock.instant()), cut, seq).update();
        if (updated > 0) {
            String objectId = jdbc.sql("select object_id from exchange_outbox where seq = ?").param(seq).query(String.class).single();
            log.error("ALARM: outbox message {} ({}) to {} set aside as poison, the messages behind it go on: {}", seq, objectId, partner, reason);
            audit.record("concord", "exchange.poisoned", objectId, "outbox message " + seq + " to " + partner + ": " + cut);
            monitor.failed(partner);
        }
    }

    /** The pending messages of {@code partner} a run considers: the oldest {@link #WINDOW}, plus higher priorities beyond and their cases. */
    private List<Pending> pendingOf(PartyCode partner) {
        String columns = "select seq, priority, case_key, size_bytes from exchange_outbox where partner = ? and delivered_at is null and poisoned_at is null";
        List<Pending> window = jdbc.sql(columns + " order by seq limit ?").params(partner.value(), WINDOW).query(OutboxDelivery::pending).list();
        if (window.size() < WINDOW) {
            return window;
        }
        long last = window.get(window.size() - 1).seq();
        Map<Long, Pending> all = new LinkedHashMap<>();
        window.forEach(p -> all.put(p.seq(), p));
        List<Pending> urgent = jdbc.sql(columns + " and priority > 0 and seq > ? order by seq limit ?").params(partner.value(), last, WINDOW)
                .query(OutboxDelivery::pending).list();
        urgent.forEach(p -> all.put(p.seq(), p));
        Set<String> cases = urgent.stream().map(Pending::caseKey).collect(Collectors.toSet());
        for (List<String> chunk : chunks(List.copyOf(cases))) {
            List<Object> params = new ArrayList<>(List.of(partner.value(), last));
            params.addAll(chunk);
            jdbc.sql(columns + " and seq > ? and case_key in (" + marks(chunk.size()) + ")").params(params)
                    .query(OutboxDelivery::pending).list().forEach(p -> all.put(p.seq(), p));
        }
        return new ArrayList<>(all.values());
    }

    private static Pending pending(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        long seq = rs.getLong(1);
        String caseKey = rs.getString(3);
        Long size = rs.getObject(4, Long.class);
        return new Pending(seq, rs.getInt(2), caseKey == null ? "seq:" + seq : caseKey, size == null ? 0 : size);
    }

    /**
     * The delivery order: by effective priority (a message's own, raised to the highest priority
     * queued behind it in its case), then by {@code seq}. Within a case the effective priority never
     * rises along {@code seq}, so no message of a case goes before an earlier one of the same case.
     */
    static List<Pending> ordered(List<Pending> pending) {
        List<Pending> bySeq = new ArrayList<>(pending);
        bySeq.sort(Comparator.comparingLong(Pending::seq));
        Map<String, Integer> highestBehind = new HashMap<>();
        Map<Long, Integer> effective = new HashMap<>();
        for (int i = bySeq.size() - 1; i >= 0; i--) {
            Pending p = bySeq.get(i);
            int e = Math.max(p.priority(), highestBehind.getOrDefault(p.caseKey(), 0));
            highestBehind.put(p.caseKey(), e);
            effective.put(p.seq(), e);
        }
        bySeq.sort(Comparator.<Pending>comparingInt(p -> -effective.get(p.seq())).thenComparingLong(Pending::seq));
        return bySeq;
    }

    /**
     * Checks again, against the sharing settings in force, the messages queued before they last
     * changed: one that now refers to an object the partner may not read is set aside (poison, with
     * an alarm naming the reference) instead of sent. Messages queued since are not read again.
     *
     * @return whether any was set aside (the batch is then built again)
     */
    private boolean recheck(PartyCode partner, List<Queued> queued) {
        java.time.Instant changed = sharing.lastChanged();
        if (changed == null) {
            return false;
        }
        boolean setAside = false;
        for (Queued message : queued) {
            if (!message.enqueuedAt().isBefore(changed)) {
                continue;
            }
            var refused = outboxProvider.getObject().unshareableNow(partner, JSON.readTree(message.object()));
            if (refused.isPresent()) {
                poison(partner, message.seq(), "the sharing settings changed after it was queued: " + refused.get().getMessage());
                setAside = true;
            }
        }
        return setAside;
    }

    private List<Queued> bodies(List<Pending> batch) {
        Map<Long, Queued> bySeq = new HashMap<>();
        for (List<Long> chunk : chunks(batch.stream().map(Pending::seq).toList())) {
            jdbc.sql("select seq, object_id, version, object, ledger_index, enqueued_at from exchange_outbox where seq in ("
                    + marks(chunk.size()) + ")")
                    .params(new ArrayList<Object>(chunk))
                    .query((rs, n) -> new Queued(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            (Long) rs.getObject(5, Long.class), rs.getTimestamp(6).toInstant()))
                    .list().forEach(q -> bySeq.put(q.seq(), q));
        }
        return batch.stream().map(p -> bySeq.get(p.seq())).toList();
    }

    private static <T> List<List<T>> chunks(List<T> list) {
        List<List<T>> chunks = new ArrayList<>();
        for (int i = 0; i < list.size(); i += 500) {
            chunks.add(list.subList(i, Math.min(list.size(), i + 500)));
        }
        return chunks;
    }

    private static String marks(int n) {
        return String.join(",", java.util.Collections.nCopies(n, "?"));
    }

    private static List<Object> params(Object a, Object b, List<Long> rest) {
        List<Object> params = new ArrayList<>(List.of(a, b));
        params.addAll(rest);
        return params;
    }

    /** Appends a SENT entry for every message that has none yet: nothing leaves without one. */
    private void recordSent(PartyCode partner, List<Queued> queued, Map<Long, ObjectDigest> digests) {
        List<Queued> unrecorded = queued.stream().filter(q -> q.ledgerIndex() == null).toList();
        if (unrecorded.isEmpty()) {
            return;
        }
        List<LedgerEntry> entries = unrecorded.stream()
                .map(q -> LedgerEntry.of(Direction.SENT, partner, digest(q, digests), clock.instant())).toList();
        List<Long> indexes = ledger.appendAll(entries);
        List<Object[]> rows = new ArrayList<>(unrecorded.size());
        for (int i = 0; i < unrecorded.size(); i++) {
            rows.add(new Object[] {indexes.get(i), unrecorded.get(i).seq()});
        }
        batches.batchUpdate("update exchange_outbox set ledger_index = ? where seq = ?", rows);
    }

    /** The partner's receipt for a message, checked; null if there is none or it does not verify with the partner's pinned key. */
    private Receipt checkedReceipt(PartyCode partner, Receipts.Checker checker, Queued message, String receipt,
            Map<Long, ObjectDigest> digests) {
        if (receipt == null) {
            log.warn("{} accepted message {} ({}) without a receipt", partner, message.objectId(), message.version());
            return null;
        }
        try {
            return checker.verify(receipt, digest(message, digests));
        } catch (ReceiptException e) {
            log.warn("{}'s receipt for message {} ({}) does not verify: {}", partner, message.objectId(), message.version(), e.getMessage());
            return null;
        }
    }

    /** The message's canonical digest, computed once per delivery run. */
    private static ObjectDigest digest(Queued message, Map<Long, ObjectDigest> digests) {
        return digests.computeIfAbsent(message.seq(), seq -> ObjectDigest.of(message.object()));
    }

    /** Seconds since {@code at}, for logs. */
    static long ageSeconds(Instant at, Clock clock) {
        return Duration.between(at, clock.instant()).toSeconds();
    }
}
