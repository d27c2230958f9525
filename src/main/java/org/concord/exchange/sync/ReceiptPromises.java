package org.concord.exchange.sync;

import java.util.List;

import org.concord.party.PartyCode;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The delivered messages whose receipt is still a promise ({@code exchange_receipt_promise}): noted by the
 * delivery when it keeps a promised receipt, read and cleared by {@link ReceiptCompletion}. The completion's
 * work is then found by the promises alone, whatever the outbox has delivered before: its cost does not grow
 * with history.
 */
@Component
class ReceiptPromises {

    /** A promised receipt waiting for completion: the outbox row, the message as it was sent and the signed promise. */
    record Promised(long seq, String object, String promise) {
    }

    private final JdbcClient jdbc;
    private final JdbcTemplate batches;

    ReceiptPromises(JdbcClient jdbc, JdbcTemplate batches) {
        this.jdbc = jdbc;
        this.batches = batches;
    }

    /** Notes that the receipts of these outbox rows (delivered to {@code partner}) are promises. */
    void promised(PartyCode partner, List<Long> seqs) {
        if (!seqs.isEmpty()) {
            batches.batchUpdate("insert into exchange_receipt_promise (seq, partner) values (?, ?)",
                    seqs.stream().map(seq -> new Object[] {seq, partner.value()}).toList());
        }
    }

    /**
     * The oldest {@code limit} promised receipts from {@code partner} after outbox row {@code after}, each with the message
     * sent. The promises are picked by their own index first and only those joined to the outbox: the planner, left to
     * the join, joined every waiting promise before sorting (245 ms a call with 65,000 waiting, growing with them).
     */
    List<Promised> oldest(PartyCode partner, long after, int limit) {
        return jdbc.sql("""
                select p.seq, o.object, o.receipt
                from (select seq from exchange_receipt_promise where partner = ? and seq > ? order by seq limit ?) p
                join exchange_outbox o on o.seq = p.seq order by p.seq""")
                .params(partner.value(), after, limit).query((rs, n) -> new Promised(rs.getLong(1), rs.getString(2), rs.getString(3)))
                .list();
    }

    /**
     * Keeps each completed receipt (by outbox row) in place of its promise, in two batched statements: call it in one
     * transaction.
     */
    void complete(java.util.Map<Long, String> receipts) {
        if (receipts.isEmpty()) {
            return;
        }
        batches.batchUpdate("update exchange_outbox set receipt = ? where seq = ?",
                receipts.entrySet().stream().map(e -> new Object[] {e.getValue(), e.getKey()}).toList());
        forget(receipts.keySet());
    }

    /**
     * Stops asking for the receipts of these outbox rows (by row, with what the partner answered): their promises are
     * broken and an alarm holds the evidence. The outbox keeps each signed promise in place of the receipt, and each row
     * joins the broken promises ({@code exchange_broken_promise}, {@link org.concord.exchange.BrokenPromises}), which an
     * officer may send again. Call it in one transaction.
     */
    void broken(PartyCode partner, java.util.Map<Long, String> answers, java.time.Instant at) {
        if (answers.isEmpty()) {
            return;
        }
        forget(answers.keySet());
        java.sql.Timestamp when = java.sql.Timestamp.from(at);
        batches.batchUpdate("insert into exchange_broken_promise (seq, partner, broken_at, answer) values (?, ?, ?, ?)",
                answers.entrySet().stream().map(e -> new Object[] {e.getKey(), partner.value(), when, e.getValue()}).toList());
    }

    private void forget(java.util.Collection<Long> seqs) {
        if (!seqs.isEmpty()) {
            batches.batchUpdate("delete from exchange_receipt_promise where seq = ?", seqs.stream().map(seq -> new Object[] {seq}).toList());
        }
    }
}
