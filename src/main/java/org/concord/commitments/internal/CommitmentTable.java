package org.concord.commitments.internal;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.concord.commitments.CommitmentMessage;
import org.concord.commitments.Commitments;
import org.concord.commitments.FoldedCommitment;
import org.concord.commitments.Reminder;
import org.concord.party.PartyCode;
import org.concord.workflow.StixId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import tools.jackson.databind.JsonNode;

/** The module's tables: {@code commitment}, {@code commitment_message} (every message, whole) and {@code commitment_reminder}. */
@Repository
public class CommitmentTable {

    public record CommitmentRow(String commitmentId, PartyCode partner, Instant openedAt) {
    }

    public record StoredMessage(String id, String direction, Instant recordedAt, JsonNode object) {
    }

    /** A commitment's stored messages and their fold. */
    public record Folded(CommitmentRow row, List<StoredMessage> stored, FoldedCommitment folded) {
        public StoredMessage stored(CommitmentMessage message) {
            return stored.stream().filter(s -> s.id().equals(message.id().value())).findFirst().orElseThrow();
        }

        List<JsonNode> historyObjects() {
            return folded.applied().stream().map(m -> stored(m).object()).toList();
        }
    }

    /** A reminder as raised at this node. */
    public record RaisedReminder(String commitmentId, Instant remindAt, Duration beforeDue, Instant raisedAt) {
    }

    private final JdbcClient jdbc;

    CommitmentTable(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Adds the commitment unless it is there ({@code on conflict do nothing}: see the requests module's table for why). */
    void addCommitment(String commitmentId, PartyCode partner, Instant openedAt) {
        jdbc.sql("insert into commitment (commitment_id, partner, opened_at) values (?, ?, ?) on conflict do nothing")
                .params(commitmentId, partner.value(), Timestamp.from(openedAt)).update();
    }

    Optional<CommitmentRow> lockCommitment(String commitmentId) {
        return jdbc.sql("select commitment_id, partner, opened_at from commitment where commitment_id = ? for update")
                .param(commitmentId).query(CommitmentTable::row).optional();
    }

    public Optional<CommitmentRow> findCommitment(String commitmentId) {
        return jdbc.sql("select commitment_id, partner, opened_at from commitment where commitment_id = ?").param(commitmentId)
                .query(CommitmentTable::row).optional();
    }

    public List<CommitmentRow> commitments() {
        return jdbc.sql("select commitment_id, partner, opened_at from commitment order by opened_at, commitment_id")
                .query(CommitmentTable::row).list();
    }

    boolean addMessage(CommitmentMessage message, String direction, Instant recordedAt, JsonNode object) {
        return jdbc.sql("""
                insert into commitment_message (id, commitment_id, message_type, sender, direction, sent_at, recorded_at, object)
                values (?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing""")
                .params(message.id().value(), message.caseId().value(), CommitmentStix.messageType(message),
                        message.sender().value(), direction, Timestamp.from(message.sentAt()), Timestamp.from(recordedAt),
                        CommitmentStix.JSON.writeValueAsString(object))
                .update() == 1;
    }

    public List<StoredMessage> messages(String commitmentId) {
        return jdbc.sql("select id, direction, recorded_at, object from commitment_message where commitment_id = ? "
                + "order by recorded_at, id")
                .param(commitmentId)
                .query((rs, n) -> new StoredMessage(rs.getString(1), rs.getString(2), rs.getTimestamp(3).toInstant(),
                        CommitmentStix.JSON.readTree(rs.getString(4))))
                .list();
    }

    public Optional<Folded> fold(String commitmentId) {
        return findCommitment(commitmentId).map(this::fold);
    }

    Folded fold(CommitmentRow row) {
        List<StoredMessage> stored = messages(row.commitmentId());
        List<CommitmentMessage> messages = new ArrayList<>();
        stored.forEach(s -> messages.add(CommitmentStix.fromStix(s.object())));
        return new Folded(row, stored, Commitments.fold(StixId.of(row.commitmentId()), messages));
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

    private static CommitmentRow row(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new CommitmentRow(rs.getString(1), PartyCode.of(rs.getString(2)), rs.getTimestamp(3).toInstant());
    }
}
