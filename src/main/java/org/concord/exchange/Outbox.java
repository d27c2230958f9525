package org.concord.exchange;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

import org.concord.party.Partners;
import org.concord.party.PartyCode;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Messages waiting to go to a partner's {@code inbox}. {@link #enqueue} joins the caller's
 * transaction, so a message is queued exactly when the write that produced it commits; delivery
 * ({@code exchange.sync.OutboxDelivery}) starts right after that commit
 * ({@code concord.exchange.deliver-on-commit}, default on) and again on every scheduled run; it is
 * at least once, in the order enqueued per partner, with backoff while the partner is unreachable.
 * The receiver is idempotent on (id, modified).
 */
@Service
public class Outbox {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final JdbcClient jdbc;
    private final Partners partners;
    private final Clock clock;
    private final org.concord.exchange.sync.DeliveryTrigger trigger;
    private final boolean deliverOnCommit;

    Outbox(JdbcClient jdbc, Partners partners, Clock clock, org.concord.exchange.sync.DeliveryTrigger trigger,
            @org.springframework.beans.factory.annotation.Value("${concord.exchange.deliver-on-commit:true}") boolean deliverOnCommit) {
        this.jdbc = jdbc;
        this.partners = partners;
        this.clock = clock;
        this.trigger = trigger;
        this.deliverOnCommit = deliverOnCommit;
    }

    /** One queued message and how its delivery stands. */
    /** @param receipt the partner's signed receipt (JSON, verified against its pinned key), once delivered */
    public record Message(long seq, PartyCode partner, String objectId, String version, int attempts, boolean delivered,
            String refusedReason, String lastError, Long ledgerIndex, String receipt) {
    }

    private static final String COLUMNS = "seq, partner, object_id, version, attempts, delivered_at, refused_reason, last_error, ledger_index, receipt";

    private static Message message(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new Message(rs.getLong(1), PartyCode.of(rs.getString(2)), rs.getString(3), rs.getString(4), rs.getInt(5),
                rs.getTimestamp(6) != null, rs.getString(7), rs.getString(8), rs.getObject(9, Long.class), rs.getString(10));
    }

    /** Queues a STIX object for delivery to {@code partner}'s inbox; returns its position in the outbox. */
    public long enqueue(PartyCode partner, JsonNode object) {
        if (partners.byCode(partner).isEmpty()) {
            throw new org.concord.node.NotFound("no partner " + partner + " is paired with this node");
        }
        String version = object.path("modified").asString(object.path("created").asString(null));
        var now = Timestamp.from(clock.instant());
        jdbc.sql("""
                insert into exchange_outbox (partner, object_id, version, object, enqueued_at, attempts, next_attempt_at)
                values (?, ?, ?, ?, ?, 0, ?)""")
                .params(partner.value(), object.path("id").asString(), version, JSON.writeValueAsString(object), now, now)
                .update();
        long seq = jdbc.sql("select max(seq) from exchange_outbox where partner = ?").param(partner.value()).query(Long.class).single();
        if (deliverOnCommit) {
            if (org.springframework.transaction.support.TransactionSynchronizationManager.isSynchronizationActive()) {
                org.springframework.transaction.support.TransactionSynchronizationManager.registerSynchronization(
                        new org.springframework.transaction.support.TransactionSynchronization() {
                            @Override
                            public void afterCommit() {
                                trigger.request(partner);
                            }
                        });
            } else {
                trigger.request(partner);
            }
        }
        return seq;
    }

    public Optional<Message> message(long seq) {
        return jdbc.sql("select " + COLUMNS + " from exchange_outbox where seq = ?").param(seq).query(Outbox::message).optional();
    }

    /** Messages not yet delivered to {@code partner}, oldest first. */
    public List<Message> pending(PartyCode partner) {
        return jdbc.sql("select " + COLUMNS + " from exchange_outbox where partner = ? and delivered_at is null order by seq")
                .param(partner.value()).query(Outbox::message).list();
    }

    /** The newest messages to {@code partner}, delivered or not, newest first. */
    public List<Message> recent(PartyCode partner, int limit) {
        return jdbc.sql("select " + COLUMNS + " from exchange_outbox where partner = ? order by seq desc limit ?")
                .params(partner.value(), limit).query(Outbox::message).list();
    }
}
