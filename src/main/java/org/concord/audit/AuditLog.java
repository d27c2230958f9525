package org.concord.audit;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The audit trail. {@link #record} joins the caller's transaction, so an audited write and its
 * audit entry are committed together or not at all.
 */
@Component
public class AuditLog {

    private final JdbcClient jdbc;
    private final org.springframework.jdbc.core.JdbcTemplate batches;
    private final Clock clock;

    AuditLog(JdbcClient jdbc, org.springframework.jdbc.core.JdbcTemplate batches, Clock clock) {
        this.jdbc = jdbc;
        this.batches = batches;
        this.clock = clock;
    }

    public void record(String actor, String action, String subject, String detail) {
        jdbc.sql("insert into audit_entry (at, actor, action, subject, detail) values (?, ?, ?, ?, ?)")
                .params(Timestamp.from(clock.instant()), actor, action, subject, detail)
                .update();
    }

    /** One entry for {@link #recordAll}: who did what to what. */
    public record Entry(String actor, String action, String subject, String detail) {
    }

    /**
     * Records several entries as {@link #record} records each, in the order given, as one JDBC batch in the
     * caller's transaction.
     */
    public void recordAll(List<Entry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        Timestamp at = Timestamp.from(clock.instant());
        batches.batchUpdate("insert into audit_entry (at, actor, action, subject, detail) values (?, ?, ?, ?, ?)",
                entries.stream().map(e -> new Object[] {at, e.actor(), e.action(), e.subject(), e.detail()}).toList());
    }

    /** The newest entries first. */
    public List<AuditEntry> recent(int limit) {
        if (limit < 1 || limit > 10_000) {
            throw new org.concord.node.InvalidInput("limit", "range", "must be between 1 and 10000, got " + limit);
        }
        return jdbc.sql("select id, at, actor, action, subject, detail from audit_entry order by id desc limit ?")
                .param(limit)
                .query((rs, n) -> new AuditEntry(rs.getLong("id"), rs.getTimestamp("at").toInstant(),
                        rs.getString("actor"), rs.getString("action"), rs.getString("subject"), rs.getString("detail")))
                .list();
    }
}
