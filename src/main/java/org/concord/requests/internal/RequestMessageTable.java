package org.concord.requests.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.concord.intel.stix.Tlp;
import org.concord.party.PartyCode;
import org.concord.requests.RequestMessage;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import tools.jackson.databind.JsonNode;

/**
 * The module's own tables: {@code request_case} (one row per case: the partner, the case's TLP, a row
 * to lock while a message is added) and {@code request_message} (every message, sent or received,
 * applied or refused, whole as its STIX object).
 */
@Repository
public class RequestMessageTable {

    /** A case as stored: its partner and marking; its state is the fold of its messages. */
    public record CaseRow(String caseId, PartyCode partner, Tlp tlp, Instant openedAt) {
    }

    /** A stored message: the STIX object and whether this node sent or received it. */
    public record StoredMessage(String id, String direction, Instant recordedAt, JsonNode object) {
    }

    private final JdbcClient jdbc;

    RequestMessageTable(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Adds the case unless it is there; true if added. {@code on conflict do nothing} (PostgreSQL, and H2
     * in its PostgreSQL mode) rather than catching a duplicate key: on PostgreSQL a failed statement
     * aborts the whole transaction, and two deliveries of one new case are handled concurrently.
     */
    boolean addCase(String caseId, PartyCode partner, Tlp tlp, Instant openedAt) {
        return jdbc.sql("insert into request_case (case_id, partner, tlp, opened_at) values (?, ?, ?, ?) on conflict do nothing")
                .params(caseId, partner.value(), tlp.name(), Timestamp.from(openedAt)).update() == 1;
    }

    /** The case, locked until the transaction ends, so that messages of one case are added one at a time. */
    Optional<CaseRow> lockCase(String caseId) {
        return jdbc.sql("select case_id, partner, tlp, opened_at from request_case where case_id = ? for update")
                .param(caseId).query(RequestMessageTable::caseRow).optional();
    }

    public Optional<CaseRow> findCase(String caseId) {
        return jdbc.sql("select case_id, partner, tlp, opened_at from request_case where case_id = ?")
                .param(caseId).query(RequestMessageTable::caseRow).optional();
    }

    public List<CaseRow> cases() {
        return jdbc.sql("select case_id, partner, tlp, opened_at from request_case order by opened_at, case_id")
                .query(RequestMessageTable::caseRow).list();
    }

    /** Adds the message unless one with its id is held (re-delivery); true if added. */
    boolean addMessage(RequestMessage message, String direction, Instant recordedAt, JsonNode object) {
        return jdbc.sql("""
                insert into request_message (id, case_id, message_type, sender, direction, sent_at, recorded_at, object)
                values (?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing""")
                .params(message.id().value(), message.caseId().value(), RequestStix.messageType(message),
                        message.sender().value(), direction, Timestamp.from(message.sentAt()), Timestamp.from(recordedAt),
                        RequestStix.JSON.writeValueAsString(object))
                .update() == 1;
    }

    /** The messages of a case, in the order this node recorded them (the fold does not depend on it). */
    public List<StoredMessage> messages(String caseId) {
        return jdbc.sql("select id, direction, recorded_at, object from request_message where case_id = ? order by recorded_at, id")
                .param(caseId)
                .query((rs, n) -> new StoredMessage(rs.getString(1), rs.getString(2), rs.getTimestamp(3).toInstant(),
                        RequestStix.JSON.readTree(rs.getString(4))))
                .list();
    }

    public int countMessages(String caseId) {
        return jdbc.sql("select count(*) from request_message where case_id = ?").param(caseId).query(Integer.class).single();
    }

    private static CaseRow caseRow(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new CaseRow(rs.getString(1), PartyCode.of(rs.getString(2)), Tlp.valueOf(rs.getString(3)),
                rs.getTimestamp(4).toInstant());
    }
}
