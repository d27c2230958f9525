package org.concord.party.persistence;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code party_login_throttle} table: failed logins per subject ({@code account:NAME} or
 * {@code address:IP}). Written only on failures (and deleted by a successful login), read on every
 * login by its primary key.
 */
@Repository
public class LoginThrottleTable {

    private final JdbcClient jdbc;

    LoginThrottleTable(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public record Row(String subject, int failures, Instant firstFailureAt, Instant lastFailureAt, Instant blockedUntil) {
    }

    /** The rows of these subjects that exist. */
    public List<Row> find(List<String> subjects) {
        if (subjects.isEmpty()) {
            return List.of();
        }
        String marks = String.join(", ", java.util.Collections.nCopies(subjects.size(), "?"));
        return jdbc.sql("select subject, failures, first_failure_at, last_failure_at, blocked_until from party_login_throttle"
                + " where subject in (" + marks + ")")
                .params(subjects.toArray())
                .query((rs, n) -> read(rs, "")).list();
    }

    /**
     * A row from the current line of a result that holds this table's columns, each named with {@code prefix} before
     * it ({@code ""} for this table's own queries; another table's query that joins this one names them apart).
     */
    public static Row read(java.sql.ResultSet rs, String prefix) throws java.sql.SQLException {
        Timestamp blocked = rs.getTimestamp(prefix + "blocked_until");
        return new Row(rs.getString(prefix + "subject"), rs.getInt(prefix + "failures"),
                rs.getTimestamp(prefix + "first_failure_at").toInstant(), rs.getTimestamp(prefix + "last_failure_at").toInstant(),
                blocked == null ? null : blocked.toInstant());
    }

    /**
     * Counts one more failure of {@code subject}, starting afresh when the last one is older than
     * {@code windowStart}; safe when several instances count the same subject at once.
     *
     * @return the failures in the current window, this one included
     */
    public Row countFailure(String subject, Instant now, Instant windowStart) {
        Timestamp at = Timestamp.from(now);
        int inserted = jdbc.sql("insert into party_login_throttle (subject, failures, first_failure_at, last_failure_at)"
                + " values (?, 1, ?, ?) on conflict do nothing").params(subject, at, at).update();
        if (inserted == 0) {
            Timestamp start = Timestamp.from(windowStart);
            jdbc.sql("update party_login_throttle set"
                    + " failures = case when last_failure_at < ? then 1 else failures + 1 end,"
                    + " first_failure_at = case when last_failure_at < ? then ? else first_failure_at end,"
                    + " blocked_until = case when last_failure_at < ? then null else blocked_until end,"
                    + " last_failure_at = ? where subject = ?")
                    .params(start, start, at, start, at, subject).update();
        }
        return find(List.of(subject)).get(0);
    }

    public void block(String subject, Instant until) {
        jdbc.sql("update party_login_throttle set blocked_until = ? where subject = ?").params(Timestamp.from(until), subject).update();
    }

    public void forget(String subject) {
        jdbc.sql("delete from party_login_throttle where subject = ?").param(subject).update();
    }

    /** Deletes rows whose last failure is older than {@code windowStart} and that block nothing any more. */
    public int purge(Instant windowStart, Instant now) {
        return jdbc.sql("delete from party_login_throttle where last_failure_at < ? and (blocked_until is null or blocked_until < ?)")
                .params(Timestamp.from(windowStart), Timestamp.from(now)).update();
    }
}
