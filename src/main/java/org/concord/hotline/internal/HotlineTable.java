package org.concord.hotline.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.concord.hotline.FoldedCall;
import org.concord.hotline.HotlineCalls;
import org.concord.hotline.HotlineMessage;
import org.concord.hotline.TestAlarm;
import org.concord.party.PartyCode;
import org.concord.workflow.StixId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import tools.jackson.databind.JsonNode;

/** The module's tables: {@code hotline_call}, {@code hotline_message} (every message, whole) and {@code hotline_alarm}. */
@Repository
public class HotlineTable {

    public record CallRow(String callId, PartyCode partner, Instant openedAt) {
    }

    public record StoredMessage(String id, String direction, Instant recordedAt, JsonNode object) {
    }

    /** A call's stored messages and their fold. */
    public record Folded(CallRow row, List<StoredMessage> stored, FoldedCall folded) {
        List<JsonNode> historyObjects() {
            return folded.applied().stream().map(m -> stored.stream().filter(s -> s.id().equals(m.id().value())).findFirst()
                    .orElseThrow().object()).toList();
        }
    }

    private final JdbcClient jdbc;

    HotlineTable(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Adds the call unless it is there ({@code on conflict do nothing}: see the requests module's table for why). */
    void addCall(String callId, PartyCode partner, Instant openedAt) {
        jdbc.sql("insert into hotline_call (call_id, partner, opened_at) values (?, ?, ?) on conflict do nothing")
                .params(callId, partner.value(), Timestamp.from(openedAt)).update();
    }

    Optional<CallRow> lockCall(String callId) {
        return jdbc.sql("select call_id, partner, opened_at from hotline_call where call_id = ? for update").param(callId)
                .query(HotlineTable::callRow).optional();
    }

    public Optional<CallRow> findCall(String callId) {
        return jdbc.sql("select call_id, partner, opened_at from hotline_call where call_id = ?").param(callId)
                .query(HotlineTable::callRow).optional();
    }

    public List<CallRow> calls() {
        return jdbc.sql("select call_id, partner, opened_at from hotline_call order by opened_at, call_id")
                .query(HotlineTable::callRow).list();
    }

    boolean addMessage(HotlineMessage message, String direction, Instant recordedAt, JsonNode object) {
        return jdbc.sql("""
                insert into hotline_message (id, call_id, message_type, sender, direction, sent_at, recorded_at, object)
                values (?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing""")
                .params(message.id().value(), message.caseId().value(), HotlineStix.messageType(message),
                        message.sender().value(), direction, Timestamp.from(message.sentAt()), Timestamp.from(recordedAt),
                        HotlineStix.JSON.writeValueAsString(object))
                .update() == 1;
    }

    public List<StoredMessage> messages(String callId) {
        return jdbc.sql("select id, direction, recorded_at, object from hotline_message where call_id = ? order by recorded_at, id")
                .param(callId)
                .query((rs, n) -> new StoredMessage(rs.getString(1), rs.getString(2), rs.getTimestamp(3).toInstant(),
                        HotlineStix.JSON.readTree(rs.getString(4))))
                .list();
    }

    public Optional<Folded> fold(String callId) {
        return findCall(callId).map(this::fold);
    }

    Folded fold(CallRow row) {
        List<StoredMessage> stored = messages(row.callId());
        List<HotlineMessage> messages = new ArrayList<>();
        stored.forEach(s -> messages.add(HotlineStix.fromStix(s.object())));
        return new Folded(row, stored, HotlineCalls.fold(StixId.of(row.callId()), messages));
    }

    /** Records an alarm unless one is recorded for its slot; true if new. */
    boolean raise(TestAlarm alarm) {
        return jdbc.sql("insert into hotline_alarm (schedule, slot, reason, at_fault, raised_at) values (?, ?, ?, ?, ?) "
                + "on conflict do nothing")
                .params(alarm.schedule(), Timestamp.from(alarm.slot()), alarm.reason().name(), alarm.atFault().value(),
                        Timestamp.from(alarm.raisedAt()))
                .update() == 1;
    }

    public List<TestAlarm> alarms() {
        return jdbc.sql("select schedule, slot, raised_at, reason, at_fault from hotline_alarm order by slot")
                .query((rs, n) -> new TestAlarm(rs.getString(1), rs.getTimestamp(2).toInstant(), rs.getTimestamp(3).toInstant(),
                        TestAlarm.Reason.valueOf(rs.getString(4)), PartyCode.of(rs.getString(5))))
                .list();
    }

    private static CallRow callRow(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new CallRow(rs.getString(1), PartyCode.of(rs.getString(2)), rs.getTimestamp(3).toInstant());
    }
}
