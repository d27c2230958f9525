package org.concord.exchange;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.concord.audit.AuditLog;
import org.concord.ledger.Receipt;
import org.concord.ledger.ReceiptException;
import org.concord.node.Conflict;
import org.concord.node.NotFound;
import org.concord.party.PartyCode;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The messages a partner promised to record and did not ({@code BROKEN_PROMISE}, docs/ledger.md "Broken promises"): the
 * partner signed a receipt promising to include each in its log by a deadline, and asked past the deadline and the grace it
 * answered without the completed receipt (its log lost them, e.g. restored from an older backup). Each stays listed with
 * what the partner answered, and an ADMIN or LIAISON officer may {@linkplain #sendAgain send it again}, once: the same
 * message, queued anew through {@link Outbox#enqueue} (the one gate every message passes: a reference the partner may no
 * longer see refuses it), with the original's priority. The receiver is idempotent on (id, modified), so a partner that
 * did keep the message answers with its receipt for it, and a partner that lost it records it now.
 */
@Service
public class BrokenPromises {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcClient jdbc;
    private final Outbox outbox;
    private final AuditLog audit;
    private final Clock clock;
    private final TransactionTemplate transactions;

    BrokenPromises(JdbcClient jdbc, Outbox outbox, AuditLog audit, Clock clock, TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.outbox = outbox;
        this.audit = audit;
        this.clock = clock;
        this.transactions = transactions;
    }

    /** The most broken promises one request may send again. */
    public static final int MOST_AT_ONCE = 1000;

    /**
     * One message whose promised receipt was broken.
     *
     * @param seq          the outbox row that sent it
     * @param promisedIndex the index in the partner's log its promise named
     * @param deadline     by when the partner promised to include it in a signed checkpoint
     * @param brokenAt     when this node found the promise broken (null: before this list was kept)
     * @param answer       what the partner answered when asked past the deadline and the grace
     * @param sentAgain    how sending it again stands, or null if no one has
     */
    public record Broken(long seq, PartyCode partner, String objectId, String version, Instant deliveredAt, Long promisedIndex,
            Instant deadline, Instant brokenAt, String answer, SentAgain sentAgain) {
    }

    /**
     * The message sent again.
     *
     * @param seq       its new outbox row
     * @param receipt   {@code waiting} (not yet delivered), {@code promise} (accepted, its receipt promised again) or
     *                  {@code complete} (recorded in a signed checkpoint of the partner's log)
     */
    public record SentAgain(long seq, Instant at, String by, boolean delivered, String receipt, String lastError) {
    }

    /** The broken promises to {@code partner} (every partner if null), oldest first, at most {@code limit}. */
    public List<Broken> list(PartyCode partner, int limit) {
        return list(partner, 0, limit);
    }

    /**
     * The broken promises to {@code partner} (every partner if null) whose outbox row is after {@code after}, oldest first,
     * at most {@code limit}: the next page after the last row of the one before.
     */
    public List<Broken> list(PartyCode partner, long after, int limit) {
        List<Object> params = new ArrayList<>();
        String where = "where b.seq > ? ";
        params.add(after);
        if (partner != null) {
            where += "and b.partner = ? ";
            params.add(partner.value());
        }
        params.add(limit);
        return query(where + "order by b.seq limit ?", params);
    }

    /** How many broken promises there are, and how many of them no one has sent again. */
    public record Counts(long all, long notSentAgain) {
    }

    /** How many broken promises there are (to every partner), and how many of them no one has sent again. */
    public Counts counts() {
        return jdbc.sql("select count(*), count(*) - count(resent_seq) from exchange_broken_promise")
                .query((rs, n) -> new Counts(rs.getLong(1), rs.getLong(2))).single();
    }

    /** The broken promise of outbox row {@code seq}, if there is one. */
    public java.util.Optional<Broken> one(long seq) {
        return query("where b.seq = ?", List.of(seq)).stream().findFirst();
    }

    private List<Broken> query(String where, List<Object> params) {
        return jdbc.sql("""
                select b.seq, b.partner, o.object_id, o.version, o.delivered_at, o.receipt, b.broken_at, b.answer,
                       b.resent_seq, b.resent_at, b.resent_by, r.delivered_at, r.receipt, r.last_error
                from exchange_broken_promise b
                join exchange_outbox o on o.seq = b.seq
                left join exchange_outbox r on r.seq = b.resent_seq
                """ + where)
                .params(params).query((rs, n) -> {
                    Receipt promise = receipt(rs.getString(6));
                    SentAgain again = null;
                    if (rs.getObject(9) != null) {
                        String stored = rs.getString(13);
                        Receipt receipt = receipt(stored);
                        // complete only when the receipt shows it (one the outbox stored always parses: it was verified)
                        again = new SentAgain(rs.getLong(9), instant(rs.getTimestamp(10)), rs.getString(11), rs.getTimestamp(12) != null,
                                stored == null ? "waiting" : receipt != null && !receipt.isPromise() ? "complete" : "promise", rs.getString(14));
                    }
                    return new Broken(rs.getLong(1), PartyCode.of(rs.getString(2)), rs.getString(3), rs.getString(4),
                            instant(rs.getTimestamp(5)), promise == null ? null : promise.index(), promise == null ? null : promise.deadline(),
                            instant(rs.getTimestamp(7)), rs.getString(8), again);
                }).list();
    }

    /**
     * Sends the message of broken promise {@code seq} again, as {@code actor}: queues it anew for the same partner and
     * notes the new outbox row, in one transaction, audited. Returns the broken promise as it now stands.
     *
     * @throws NotFound            no broken promise for outbox row {@code seq}
     * @throws Conflict            it was sent again already (field {@code seq}, rule {@code already-sent-again})
     * @throws UnshareableReference a reference in the message names an object the partner may no longer see
     */
    public Broken sendAgain(long seq, String actor) {
        return transactions.execute(tx -> queueAgain(seq, actor));
    }

    /** A broken promise {@link #sendAgainEach} could not send again: why, as the single send would have answered. */
    public record Refused(long seq, int status, String field, String rule, String detail) {
    }

    /** What {@link #sendAgainEach} did: the broken promises sent again, and those refused. */
    public record Outcome(List<Broken> sent, List<Refused> refused) {
    }

    /**
     * Sends each of these broken promises again, as {@link #sendAgain} does, each in its own transaction: one that is
     * refused (no such broken promise, sent again already, a reference the partner may no longer see) is reported and the
     * others go. At most {@link #MOST_AT_ONCE}.
     */
    public Outcome sendAgainEach(List<Long> seqs, String actor) {
        if (seqs.isEmpty()) {
            throw new org.concord.node.InvalidInput("seqs", "required", "name at least one broken promise (its outbox row)");
        }
        if (seqs.size() > MOST_AT_ONCE) {
            throw new org.concord.node.InvalidInput("seqs", "max-items", "at most " + MOST_AT_ONCE + " at once, got " + seqs.size());
        }
        List<Broken> sent = new ArrayList<>();
        List<Refused> refused = new ArrayList<>();
        for (long seq : new java.util.LinkedHashSet<>(seqs)) {
            try {
                sent.add(sendAgain(seq, actor));
            } catch (NotFound e) {
                refused.add(new Refused(seq, 404, e.field(), e.rule(), e.getMessage()));
            } catch (Conflict e) {
                refused.add(new Refused(seq, 409, e.field(), e.rule(), e.getMessage()));
            } catch (UnshareableReference e) {
                refused.add(new Refused(seq, 422, e.field(), e.rule(), e.getMessage()));
            }
        }
        return new Outcome(sent, refused);
    }

    /** The broken promises not yet sent again, oldest first, at most {@code limit}: their outbox rows. */
    public List<Long> notSentAgain(int limit) {
        return jdbc.sql("select seq from exchange_broken_promise where resent_seq is null order by seq limit ?").param(limit)
                .query(Long.class).list();
    }

    private Broken queueAgain(long seq, String actor) {
        // the row locked, so that two officers pressing at once send it once
        Locked row = jdbc.sql("select partner, resent_seq, resent_at, resent_by from exchange_broken_promise where seq = ? for update")
                .param(seq).query((rs, n) -> new Locked(PartyCode.of(rs.getString(1)), rs.getObject(2, Long.class),
                        instant(rs.getTimestamp(3)), rs.getString(4)))
                .optional().orElseThrow(() -> NotFound.of("seq", "no broken promise for outbox row " + seq
                        + " (GET /api/exchange/broken-promises lists them)"));
        if (row.resentSeq() != null) {
            throw new Conflict("seq", "already-sent-again", "the message of outbox row " + seq + " was sent again already, as outbox row "
                    + row.resentSeq() + " by " + row.resentBy() + " at " + row.resentAt() + "; its delivery is shown there");
        }
        PartyCode partner = row.partner();
        Sent sent = jdbc.sql("select object, priority from exchange_outbox where seq = ?").param(seq)
                .query((rs, n) -> new Sent(JSON.readTree(rs.getString(1)), DeliveryPriority.ofRank(rs.getInt(2)))).single();
        JsonNode message = sent.message();
        long resent = outbox.enqueue(partner, message, sent.priority());
        Instant now = clock.instant();
        jdbc.sql("update exchange_broken_promise set resent_seq = ?, resent_at = ?, resent_by = ? where seq = ?")
                .params(resent, Timestamp.from(now), actor, seq).update();
        audit.record(actor, "exchange.sent-again", message.path("id").asString(),
                "the message of outbox row " + seq + ", whose receipt " + partner + " promised and did not complete, queued again to "
                        + partner + " as outbox row " + resent);
        return one(seq).orElseThrow();
    }

    /** A broken promise's row, locked: to whom, and whether and how it was sent again. */
    private record Locked(PartyCode partner, Long resentSeq, Instant resentAt, String resentBy) {
    }

    /** The message as the outbox sent it, and how urgently. */
    private record Sent(JsonNode message, DeliveryPriority priority) {
    }

    /** A receipt as the outbox stored it, or null if there is none (or, which verification on delivery rules out, it does not parse). */
    private static Receipt receipt(String json) {
        if (json == null) {
            return null;
        }
        try {
            return Receipt.parse(json);
        } catch (ReceiptException e) {
            return null;
        }
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
