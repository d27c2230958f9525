package org.concord.commitments.internal;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.concord.commitments.Reminder;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The commitments' own table, {@code commitment_reminder}; commitments and their messages are the workflow engine's. */
@Repository
public class CommitmentTable {

    /** A reminder as raised at this node. */
    public record RaisedReminder(String commitmentId, Instant remindAt, Duration beforeDue, Instant raisedAt) {
    }

    private final JdbcClient jdbc;

    CommitmentTable(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Records a reminder unless it was raised already; true if new. */
    boolean raise(Reminder reminder, Instant raisedAt) {
        return jdbc.sql("insert into commitment_reminder (commitment_id, remind_at, before_due, raised_at) values (?, ?, ?, ?) "
                + "on conflict do nothing")
                .params(reminder.commitmentId().value(), Timestamp.from(reminder.at()), reminder.before().toString(),
                        Timestamp.from(raisedAt))
                .update() == 1;
    }

    public List<RaisedReminder> reminders() {
        return jdbc.sql("select commitment_id, remind_at, before_due, raised_at from commitment_reminder order by remind_at, commitment_id")
                .query((rs, n) -> new RaisedReminder(rs.getString(1), rs.getTimestamp(2).toInstant(),
                        Duration.parse(rs.getString(3)), rs.getTimestamp(4).toInstant()))
                .list();
    }
}
