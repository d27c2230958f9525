package org.concord.workflow;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.concord.intel.stix.Tlp;
import org.concord.party.PartyCode;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import tools.jackson.databind.JsonNode;

/**
 * The engine's table pair, keyed by case type: {@code workflow_case} (one row per case: the partner,
 * the case's TLP, a row to lock while a message is added) and {@code workflow_message} (every
 * message, sent or received, applied or refused, whole as its STIX object). Only {@link Workflow}
 * writes them.
 */
@Repository
public class WorkflowTable {

    /** A case as stored: its type, partner and marking; its state is the fold of its messages. */
    public record CaseRow(String type, String caseId, PartyCode partner, Tlp tlp, Instant openedAt) {
    }

    /** A stored message: the STIX object, whether this node SENT or RECEIVED it, and when it was recorded here. */
    public record StoredMessage(String id, String direction, Instant recordedAt, JsonNode object) {
    }

    private static final String CASE_COLUMNS = "select case_type, case_id, partner, tlp, opened_at from workflow_case";
    private final JdbcClient jdbc;

    WorkflowTable(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Adds the case unless it is there; true if added. {@code on conflict do nothing} (PostgreSQL, and H2
     * in its PostgreSQL mode) rather than catching a duplicate key: on PostgreSQL a failed statement
     * aborts the whole transaction, and two deliveries of one new case are handled concurrently.
     */
    public boolean addCase(String type, String caseId, PartyCode partner, Tlp tlp, Instant openedAt) {
        return jdbc.sql("insert into workflow_case (case_id, case_type, partner, tlp, opened_at) values (?, ?, ?, ?, ?) "
                + "on conflict do nothing")
                .params(caseId, type, partner.value(), tlp.name(), Timestamp.from(openedAt)).update() == 1;
    }

    /** The case, locked until the transaction ends, so that messages of one case are added one at a time. */
    Optional<CaseRow> lockCase(String type, String caseId) {
        return jdbc.sql(CASE_COLUMNS + " where case_id = ? and case_type = ? for update").params(caseId, type)
                .query(WorkflowTable::caseRow).optional();
    }

    public Optional<CaseRow> findCase(String type, String caseId) {
        return jdbc.sql(CASE_COLUMNS + " where case_id = ? and case_type = ?").params(caseId, type)
                .query(WorkflowTable::caseRow).optional();
    }

    /** The cases of one type, oldest first. */
    public List<CaseRow> cases(String type) {
        return jdbc.sql(CASE_COLUMNS + " where case_type = ? order by opened_at, case_id").param(type)
                .query(WorkflowTable::caseRow).list();
    }

    /** Adds the message unless one with its id is held (re-delivery); true if added. */
    public boolean addMessage(String type, CaseMessage message, String messageType, String direction, Instant recordedAt,
            JsonNode object) {
        return jdbc.sql("""
                insert into workflow_message (id, case_id, case_type, message_type, sender, direction, sent_at, recorded_at, object)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing""")
                .params(message.id().value(), message.caseId().value(), type, messageType, message.sender().value(), direction,
                        Timestamp.from(message.sentAt()), Timestamp.from(recordedAt), MessageStix.JSON.writeValueAsString(object))
                .update() == 1;
    }

    /** The messages of a case, in the order this node recorded them (the fold does not depend on it). */
    public List<StoredMessage> messages(String caseId) {
        return jdbc.sql("select id, direction, recorded_at, object from workflow_message where case_id = ? order by recorded_at, id")
                .param(caseId)
                .query((rs, n) -> new StoredMessage(rs.getString(1), rs.getString(2), rs.getTimestamp(3).toInstant(),
                        MessageStix.JSON.readTree(rs.getString(4))))
                .list();
    }

    public int countMessages(String caseId) {
        return jdbc.sql("select count(*) from workflow_message where case_id = ?").param(caseId).query(Integer.class).single();
    }

    private static CaseRow caseRow(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new CaseRow(rs.getString(1), rs.getString(2), PartyCode.of(rs.getString(3)), Tlp.valueOf(rs.getString(4)),
                rs.getTimestamp(5).toInstant());
    }

    // ---- the case index (V11_80): the fold's standing, for lists that sort and filter ----

    /** Where a case stands, as the index holds it. */
    public record Indexed(String type, String caseId, String stateName, String awaited, Instant dueAt, boolean closed,
            Instant openedAt) {
    }

    /**
     * Writes the case's standing as folded from {@code messages} messages, unless the index holds a
     * fold of more already (a later message's transaction indexed first).
     */
    void index(String type, String caseId, String stateName, String awaited, Instant dueAt, boolean closed, int messages) {
        jdbc.sql("""
                update workflow_case set state_name = ?, awaited = ?, due_at = ?, closed = ?, indexed_messages = ?
                where case_id = ? and case_type = ? and (indexed_messages is null or indexed_messages <= ?)""")
                .params(stateName, awaited, dueAt == null ? null : Timestamp.from(dueAt), closed, messages, caseId, type, messages)
                .update();
    }

    /** The cases of the type the index has not folded yet (new rows, or every row once the policy changed). */
    List<CaseRow> unindexed(String type) {
        return jdbc.sql(CASE_COLUMNS + " where case_type = ? and indexed_messages is null order by case_id").param(type)
                .query(WorkflowTable::caseRow).list();
    }

    /** Forgets the index of every case of the type (its deadline policy changed). */
    void unindex(String type) {
        jdbc.sql("update workflow_case set indexed_messages = null where case_type = ?").param(type).update();
    }

    Optional<String> indexPolicy(String type) {
        return jdbc.sql("select fingerprint from workflow_index_policy where case_type = ?").param(type).query(String.class)
                .optional();
    }

    void indexPolicy(String type, String fingerprint) {
        if (jdbc.sql("update workflow_index_policy set fingerprint = ? where case_type = ?").params(fingerprint, type).update() == 0) {
            jdbc.sql("insert into workflow_index_policy (case_type, fingerprint) values (?, ?)").params(type, fingerprint).update();
        }
    }

    /**
     * One page of the index, in SQL: cases of {@code types}, awaiting {@code awaited} (a party), or
     * any party but {@code notAwaited}, in {@code state} (any case), sorted by due date (soonest
     * first, none last) or opening (newest first), after the keyset {@code after}.
     */
    List<Indexed> page(List<String> types, String awaited, String notAwaited, String state, boolean byDue, Indexed after,
            int limit) {
        StringBuilder sql = new StringBuilder("""
                select case_type, case_id, state_name, awaited, due_at, closed, opened_at from workflow_case where case_type in (""");
        List<Object> params = new java.util.ArrayList<>();
        for (int i = 0; i < types.size(); i++) {
            sql.append(i == 0 ? "?" : ", ?");
            params.add(types.get(i));
        }
        sql.append(")");
        if (awaited != null) {
            sql.append(" and awaited = ?");
            params.add(awaited);
        }
        if (notAwaited != null) {
            sql.append(" and awaited is not null and awaited <> ?");
            params.add(notAwaited);
        }
        if (state != null) {
            sql.append(" and lower(state_name) = ?");
            params.add(state.toLowerCase(java.util.Locale.ROOT));
        }
        if (byDue) {
            // cases without a deadline last: the keyset runs over (due_at is null, due_at, case_id, case_type)
            if (after != null) {
                if (after.dueAt() == null) {
                    sql.append(" and due_at is null and (case_id > ? or (case_id = ? and case_type > ?))");
                    params.addAll(List.of(after.caseId(), after.caseId(), after.type()));
                } else {
                    Timestamp at = Timestamp.from(after.dueAt());
                    sql.append(" and (due_at is null or due_at > ? or (due_at = ? and (case_id > ? or (case_id = ? and case_type > ?))))");
                    params.addAll(List.of(at, at, after.caseId(), after.caseId(), after.type()));
                }
            }
            sql.append(" order by case when due_at is null then 1 else 0 end, due_at, case_id, case_type");
        } else {
            if (after != null) {
                Timestamp at = Timestamp.from(after.openedAt());
                sql.append(" and (opened_at < ? or (opened_at = ? and (case_id > ? or (case_id = ? and case_type > ?))))");
                params.addAll(List.of(at, at, after.caseId(), after.caseId(), after.type()));
            }
            sql.append(" order by opened_at desc, case_id, case_type");
        }
        sql.append(" limit ").append(limit);
        return jdbc.sql(sql.toString()).params(params).query((rs, n) -> {
            Timestamp due = rs.getTimestamp(5);
            return new Indexed(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), due == null ? null : due.toInstant(),
                    rs.getBoolean(6), rs.getTimestamp(7).toInstant());
        }).list();
    }

    /** How many cases the index shows awaiting {@code awaited}, or any party but {@code notAwaited}. */
    int count(String awaited, String notAwaited) {
        if (awaited != null) {
            return jdbc.sql("select count(*) from workflow_case where awaited = ?").param(awaited).query(Integer.class).single();
        }
        return jdbc.sql("select count(*) from workflow_case where awaited is not null and awaited <> ?").param(notAwaited)
                .query(Integer.class).single();
    }
}
