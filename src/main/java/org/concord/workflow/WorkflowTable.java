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

    /**
     * A stored message: the STIX object, whether this node SENT or RECEIVED it, when it was recorded
     * here, and, for one this node sent that the partner's inbox refused, the partner's reason (null
     * otherwise): such a message is no part of the case the two sides hold.
     */
    public record StoredMessage(String id, String direction, Instant recordedAt, JsonNode object, String refusedByPartner) {

        public StoredMessage(String id, String direction, Instant recordedAt, JsonNode object) {
            this(id, direction, recordedAt, object, null);
        }

        /** Whether the case holds it: every message but one of ours the partner refused. */
        public boolean inCase() {
            return refusedByPartner == null;
        }
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

    /**
     * Adds the case with its standing in the case index, unless it is there; true if added. Added, the row
     * is this transaction's until it ends, as {@link #lockCase} would make it: a concurrent insert of the
     * same case waits for this one's end, and nobody else sees the row before it. {@code standing} is the
     * fold of the message the case is added with.
     */
    boolean addCase(String type, String caseId, PartyCode partner, Tlp tlp, Instant openedAt, Standing standing) {
        return jdbc.sql("""
                insert into workflow_case (case_id, case_type, partner, tlp, opened_at, state_name, awaited, due_at, closed,
                                           indexed_messages)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing""")
                .params(caseId, type, partner.value(), tlp.name(), Timestamp.from(openedAt), standing.stateName(), standing.awaited(),
                        standing.dueAt() == null ? null : Timestamp.from(standing.dueAt()), standing.closed(), standing.messages())
                .update() == 1;
    }

    /** A new case for {@link #addCases}: its row and the standing of the one message it is added with. */
    record NewCase(CaseRow row, Standing standing) {
    }

    /**
     * {@link #addCase(String, String, PartyCode, Tlp, Instant, Standing)} for several cases of one type, in one statement
     * ({@code on conflict do nothing}); returns how many were added, which is fewer than asked when some were held
     * already or added meanwhile by another transaction.
     */
    int addCases(String type, List<NewCase> cases) {
        int added = 0;
        for (List<NewCase> chunk : chunks(cases)) {
            List<Object> params = new java.util.ArrayList<>(chunk.size() * 10);
            StringBuilder values = new StringBuilder();
            for (NewCase c : chunk) {
                values.append(values.isEmpty() ? "" : ", ").append("(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
                Standing standing = c.standing();
                params.addAll(java.util.Arrays.asList(c.row().caseId(), type, c.row().partner().value(), c.row().tlp().name(),
                        Timestamp.from(c.row().openedAt()), standing.stateName(), standing.awaited(),
                        standing.dueAt() == null ? null : Timestamp.from(standing.dueAt()), standing.closed(), standing.messages()));
            }
            added += jdbc.sql("insert into workflow_case (case_id, case_type, partner, tlp, opened_at, state_name, awaited, due_at, closed,"
                    + " indexed_messages) values " + values + " on conflict do nothing").params(params).update();
        }
        return added;
    }

    /**
     * Which of these cases of the type are held (one query per 500). The statement asks for the ids only, by the primary
     * key, and the type is compared here: with {@code case_type = ?} in it, PostgreSQL's planner, whose statistics
     * lag a table growing fast (autovacuum off, or not yet round), combined the primary key with the index on
     * {@code (case_type, opened_at)}, reading every case of the type for each batch: 60 ms a batch of 50 hotline calls at
     * 35,000 held, twice on a call's path (PK's batch send and IR's hand-over), growing with the store (issue 13).
     */
    java.util.Set<String> heldCases(String type, java.util.Collection<String> caseIds) {
        java.util.Set<String> held = new java.util.HashSet<>();
        for (List<String> chunk : chunks(List.copyOf(caseIds))) {
            jdbc.sql(heldCasesStatement(chunk.size())).params(chunk).query((java.sql.ResultSet rs) -> {
                if (rs.getString(2).equals(type)) {
                    held.add(rs.getString(1));
                }
            });
        }
        return held;
    }

    /** The statement of {@link #heldCases} for {@code ids} ids. */
    static String heldCasesStatement(int ids) {
        return "select case_id, case_type from workflow_case where case_id in ("
                + String.join(", ", java.util.Collections.nCopies(ids, "?")) + ")";
    }

    /** A message for {@link #addMessages}: the message, its type's name for it, its direction, when recorded, its object. */
    record NewMessage(CaseMessage message, String messageType, String direction, Instant recordedAt, JsonNode object) {
    }

    /**
     * {@link #addMessage} for several messages of one case type, in one statement ({@code on conflict do nothing});
     * returns how many were added, fewer than asked when some id was held already.
     */
    int addMessages(String type, List<NewMessage> messages) {
        int added = 0;
        for (List<NewMessage> chunk : chunks(messages)) {
            List<Object> params = new java.util.ArrayList<>(chunk.size() * 9);
            StringBuilder values = new StringBuilder();
            for (NewMessage m : chunk) {
                values.append(values.isEmpty() ? "" : ", ").append("(?, ?, ?, ?, ?, ?, ?, ?, ?)");
                params.addAll(java.util.Arrays.asList(m.message().id().value(), m.message().caseId().value(), type, m.messageType(),
                        m.message().sender().value(), m.direction(), Timestamp.from(m.message().sentAt()), Timestamp.from(m.recordedAt()),
                        MessageStix.JSON.writeValueAsString(m.object())));
            }
            added += jdbc.sql("insert into workflow_message (id, case_id, case_type, message_type, sender, direction, sent_at, recorded_at,"
                    + " object) values " + values + " on conflict do nothing").params(params).update();
        }
        return added;
    }

    /** At most 500 a statement: a few thousand parameters, far below either database's limit. */
    private static <T> List<List<T>> chunks(List<T> all) {
        List<List<T>> chunks = new java.util.ArrayList<>();
        for (int from = 0; from < all.size(); from += 500) {
            chunks.add(all.subList(from, Math.min(all.size(), from + 500)));
        }
        return chunks;
    }

    /** Leaves the case out of the index until it is folded again (its standing was written for a message not stored). */
    void unindexCase(String type, String caseId) {
        jdbc.sql("update workflow_case set indexed_messages = null where case_id = ? and case_type = ?").params(caseId, type).update();
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

    /**
     * The cases of one type whose deadline has passed by {@code now} as the case index has it, and any
     * the index has not folded yet: the only ones an escalation run must fold (an index read of the
     * cases due, not a fold of every case ever held).
     */
    public List<CaseRow> dueCases(String type, Instant now) {
        return jdbc.sql(CASE_COLUMNS + " where case_type = ? and ((closed = false and due_at <= ?) or indexed_messages is null)"
                + " order by opened_at, case_id").params(type, Timestamp.from(now)).query(WorkflowTable::caseRow).list();
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
        return jdbc.sql("select id, direction, recorded_at, object, refused_by_partner from workflow_message where case_id = ?"
                + " order by recorded_at, id")
                .param(caseId)
                .query((rs, n) -> new StoredMessage(rs.getString(1), rs.getString(2), rs.getTimestamp(3).toInstant(),
                        MessageStix.JSON.readTree(rs.getString(4)), rs.getString(5)))
                .list();
    }

    /**
     * Marks messages this node sent as refused by the partner's inbox, with its reason; the ids of the
     * cases (by type) whose messages were marked now, for folding again. A message marked already keeps
     * its first reason.
     */
    java.util.Map<String, String> markRefusedByPartner(java.util.Map<String, String> reasons) {
        java.util.Map<String, String> cases = new java.util.LinkedHashMap<>();
        reasons.forEach((id, reason) -> {
            String cut = reason.length() <= 2000 ? reason : reason.substring(0, 1997) + "...";
            jdbc.sql("select case_id, case_type from workflow_message where id = ? and direction = 'SENT' and refused_by_partner is null")
                    .param(id).query((java.sql.ResultSet rs) -> {
                        cases.put(rs.getString(1), rs.getString(2));
                    });
            jdbc.sql("update workflow_message set refused_by_partner = ? where id = ? and direction = 'SENT' and refused_by_partner is null")
                    .params(cut, id).update();
        });
        return cases;
    }

    /** Who sent the message held under {@code id}, and in which case: what the inbox needs to refuse a partner's reuse of it. */
    record HeldMessage(String id, String caseId, PartyCode sender, String direction) {
    }

    /** The message held under {@code id}, sent or received, if any (one read by the primary key). */
    Optional<HeldMessage> heldMessage(String id) {
        return jdbc.sql("select id, case_id, sender, direction from workflow_message where id = ?").param(id)
                .query((rs, n) -> new HeldMessage(rs.getString(1), rs.getString(2), PartyCode.of(rs.getString(3)), rs.getString(4)))
                .optional();
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
    void index(String type, String caseId, Standing standing) {
        jdbc.sql("""
                update workflow_case set state_name = ?, awaited = ?, due_at = ?, closed = ?, indexed_messages = ?
                where case_id = ? and case_type = ? and (indexed_messages is null or indexed_messages <= ?)""")
                .params(standing.stateName(), standing.awaited(), standing.dueAt() == null ? null : Timestamp.from(standing.dueAt()),
                        standing.closed(), standing.messages(), caseId, type, standing.messages())
                .update();
    }

    /** Where a case stands as the fold of {@code messages} messages makes it: what the case index holds of it. */
    record Standing(String stateName, String awaited, Instant dueAt, boolean closed, int messages) {
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
     *
     * <p>Awaiting someone and sorted by due date (the desk's lists), each awaited party is read on its
     * own from the index {@code (awaited, due_at, case_id)} in that index's order, and the parties'
     * pages are merged here: a page then costs the same however many cases are held, which one query
     * over "any party but us" (a range of the index, then a sort of all of it) does not.
     */
    List<Indexed> page(List<String> types, String awaited, String notAwaited, String state, boolean byDue, Indexed after,
            int limit) {
        if (byDue && (awaited != null || notAwaited != null)) {
            List<String> parties = awaited != null ? List.of(awaited)
                    : awaitedParties().stream().filter(p -> !p.equals(notAwaited)).toList();
            List<Indexed> merged = new java.util.ArrayList<>();
            for (String party : parties) {
                merged.addAll(query(types, party, null, state, true, after, limit));
            }
            merged.sort(BY_DUE);
            return merged.size() <= limit ? merged : List.copyOf(merged.subList(0, limit));
        }
        return query(types, awaited, notAwaited, state, byDue, after, limit);
    }

    /** The index's due-date order: soonest first, none last, then by case id (the primary key). */
    private static final java.util.Comparator<Indexed> BY_DUE = java.util.Comparator
            .comparing(Indexed::dueAt, java.util.Comparator.nullsLast(java.util.Comparator.naturalOrder()))
            .thenComparing(Indexed::caseId);

    /**
     * Every party some case awaits, read from the index {@code (awaited, …)} one value at a time (a
     * loose index scan: as many index probes as there are parties, not a scan of every case).
     */
    List<String> awaitedParties() {
        return jdbc.sql("""
                with recursive parties (code) as (
                    select min(awaited) from workflow_case
                    union all
                    select (select min(w.awaited) from workflow_case w where w.awaited > p.code) from parties p where p.code is not null
                )
                select code from parties where code is not null""").query(String.class).list();
    }

    private List<Indexed> query(List<String> types, String awaited, String notAwaited, String state, boolean byDue, Indexed after,
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
            // cases without a deadline last: the keyset runs over (due_at nulls last, case_id); case_id is the key
            if (after != null) {
                if (after.dueAt() == null) {
                    sql.append(" and due_at is null and case_id > ?");
                    params.add(after.caseId());
                } else {
                    Timestamp at = Timestamp.from(after.dueAt());
                    sql.append(" and (due_at is null or due_at > ? or (due_at = ? and case_id > ?))");
                    params.addAll(List.of(at, at, after.caseId()));
                }
            }
            sql.append(" order by due_at nulls last, case_id");
        } else {
            if (after != null) {
                Timestamp at = Timestamp.from(after.openedAt());
                sql.append(" and (opened_at < ? or (opened_at = ? and case_id > ?))");
                params.addAll(List.of(at, at, after.caseId()));
            }
            sql.append(" order by opened_at desc, case_id");
        }
        sql.append(" limit ").append(limit);
        return jdbc.sql(sql.toString()).params(params).query((rs, n) -> {
            Timestamp due = rs.getTimestamp(5);
            return new Indexed(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), due == null ? null : due.toInstant(),
                    rs.getBoolean(6), rs.getTimestamp(7).toInstant());
        }).list();
    }

    /**
     * How many cases the index shows awaiting {@code awaited}, or any party but {@code notAwaited}
     * (summed party by party, each a range of the index).
     */
    int count(String awaited, String notAwaited) {
        List<String> parties = awaited != null ? List.of(awaited)
                : awaitedParties().stream().filter(p -> !p.equals(notAwaited)).toList();
        int total = 0;
        for (String party : parties) {
            total += jdbc.sql("select count(*) from workflow_case where awaited = ?").param(party).query(Integer.class).single();
        }
        return total;
    }

    /** The cases of {@code caseIds} (of any type) that are held, by case id, in one query. */
    public java.util.Map<String, CaseRow> findCases(java.util.Collection<String> caseIds) {
        java.util.Map<String, CaseRow> out = new java.util.HashMap<>();
        if (caseIds.isEmpty()) {
            return out;
        }
        jdbc.sql(CASE_COLUMNS + " where case_id in (" + placeholders(caseIds.size()) + ")").params(List.copyOf(caseIds))
                .query(WorkflowTable::caseRow).list().forEach(r -> out.put(r.caseId(), r));
        return out;
    }

    /** The messages of each of {@code caseIds}, in one query, each case's in the order of {@link #messages}. */
    public java.util.Map<String, List<StoredMessage>> messages(java.util.Collection<String> caseIds) {
        java.util.Map<String, List<StoredMessage>> out = new java.util.HashMap<>();
        if (caseIds.isEmpty()) {
            return out;
        }
        jdbc.sql("select case_id, id, direction, recorded_at, object, refused_by_partner from workflow_message where case_id in ("
                + placeholders(caseIds.size()) + ") order by case_id, recorded_at, id")
                .params(List.copyOf(caseIds))
                .query((java.sql.ResultSet rs) -> {
                    out.computeIfAbsent(rs.getString(1), k -> new java.util.ArrayList<>()).add(new StoredMessage(rs.getString(2),
                            rs.getString(3), rs.getTimestamp(4).toInstant(), MessageStix.JSON.readTree(rs.getString(5)),
                            rs.getString(6)));
                });
        return out;
    }

    private static String placeholders(int n) {
        return String.join(", ", java.util.Collections.nCopies(n, "?"));
    }
}
