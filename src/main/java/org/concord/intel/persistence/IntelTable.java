package org.concord.intel.persistence;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

import org.concord.intel.IntelQuery;
import org.concord.intel.StoredObject;
import org.concord.intel.stix.SharingPolicy;
import org.concord.node.DatabaseKind;
import org.concord.node.TableStatistics;
import org.concord.party.PartyCode;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code intel_object} table: plain SQL, the same on H2 and PostgreSQL. */
@Repository
public class IntelTable {

    private static final String COLUMNS = "seq, id, type, spec_version, version, date_added, is_current, refs, source_party, object";
    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final TableStatistics statistics;
    private final DatabaseKind database;

    IntelTable(JdbcClient jdbc, JdbcTemplate template, TableStatistics statistics, DatabaseKind database) {
        this.jdbc = jdbc;
        this.template = template;
        this.statistics = statistics;
        this.database = database;
    }

    /** A row with what visibility decisions need besides the object. */
    public record Row(StoredObject object, String refs, String sourceParty) {
    }

    /** A row to insert. */
    public record NewRow(String collection, String id, String type, String specVersion, String version, String versionKey,
            String createdByRef, boolean revoked, Integer confidence, String reliability, String tlp, String markingRefs, String refs,
            String sourceParty, boolean current, String json) {
    }

    /**
     * Takes the collection clock's row lock for the rest of the transaction and returns the date
     * to add the batch with: now, or just after the last one if the clock went backwards.
     */
    public Instant lockClockAndNextDateAdded(Instant now) {
        Instant at = now.truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        if (database.postgres()) {
            // One round trip instead of two: the update takes the same row lock and moves the clock on.
            return jdbc.sql("update intel_clock set last_added = greatest(?, last_added + interval '1 microsecond')"
                    + " where name = 'intel' returning last_added").param(Timestamp.from(at)).query(Timestamp.class).single().toInstant();
        }
        Timestamp last = jdbc.sql("select last_added from intel_clock where name = 'intel' for update").query(Timestamp.class).single();
        Instant next = at;
        Instant floor = last.toInstant().plusNanos(1_000);
        if (next.isBefore(floor)) {
            next = floor;
        }
        jdbc.sql("update intel_clock set last_added = ? where name = 'intel'").param(Timestamp.from(next)).update();
        return next;
    }

    /** One held version of an id: where it came from (null: made on this node), the object, whether it is current. */
    public record HeldVersion(String sourceParty, String json, boolean current) {
    }

    /** What is held of one id: each version by its version key. */
    public record Held(Map<String, HeldVersion> versions) {

        public java.util.Set<String> versionKeys() {
            return versions.keySet();
        }

        /** The current version as JSON, or null. */
        public String currentJson() {
            return versions.values().stream().filter(HeldVersion::current).map(HeldVersion::json).findFirst().orElse(null);
        }
    }

    /** What is held of each id, every version with its source, in one round trip per 500 ids. */
    public Map<String, Held> held(String collection, Collection<String> ids) {
        Map<String, Map<String, HeldVersion>> versions = new HashMap<>();
        for (List<String> chunk : chunks(ids)) {
            jdbc.sql("select id, version_key, source_party, object, is_current from intel_object where collection = ? and id in ("
                    + marks(chunk.size()) + ")")
                    .params(params(collection, chunk))
                    .query(rs -> {
                        versions.computeIfAbsent(rs.getString(1), k -> new HashMap<>())
                                .put(rs.getString(2), new HeldVersion(rs.getString(3), rs.getString(4), rs.getBoolean(5)));
                    });
        }
        Map<String, Held> held = new HashMap<>();
        versions.forEach((id, v) -> held.put(id, new Held(v)));
        return held;
    }

    /** Which of these ids are held as marking-definitions, in any collection. */
    public java.util.Set<String> heldMarkingDefinitions(Collection<String> ids) {
        java.util.Set<String> found = new java.util.HashSet<>();
        for (List<String> chunk : chunks(ids)) {
            jdbc.sql("select distinct id from intel_object where type = 'marking-definition' and id in (" + marks(chunk.size()) + ")")
                    .params(new ArrayList<Object>(chunk))
                    .query(rs -> {
                        found.add(rs.getString(1));
                    });
        }
        return found;
    }

    /** A version a partner sent that the trust boundary refused, with its evidence. */
    public record Alarm(long id, Instant raisedAt, String partner, String path, String actor, String objectId, String objectVersion,
            String createdByRef, String rule, String detail, String digest, String object) {
    }

    /**
     * Records an alarm unless the same one (partner, path, rule, digest) is held. Returns whether it
     * was new. Runs in the caller's transaction.
     */
    public boolean insertAlarm(Alarm alarm) {
        Integer held = jdbc.sql("select count(*) from intel_alarm where partner = ? and path = ? and rule = ? and digest = ?")
                .params(alarm.partner(), alarm.path(), alarm.rule(), alarm.digest()).query(Integer.class).single();
        if (held > 0) {
            return false;
        }
        jdbc.sql("""
                insert into intel_alarm (raised_at, partner, path, actor, object_id, object_version, created_by_ref, rule, detail, digest, object)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(Timestamp.from(alarm.raisedAt()), alarm.partner(), alarm.path(), alarm.actor(), alarm.objectId(),
                        alarm.objectVersion(), alarm.createdByRef(), alarm.rule(), alarm.detail(), alarm.digest(), alarm.object())
                .update();
        return true;
    }

    /** The newest alarms first, at most {@code limit}, optionally of one object. */
    public List<Alarm> alarms(int limit, String objectId) {
        String where = objectId == null ? "" : " where object_id = ?";
        List<Object> params = new ArrayList<>();
        if (objectId != null) {
            params.add(objectId);
        }
        params.add(limit);
        return jdbc.sql("select * from intel_alarm" + where + " order by id desc limit ?").params(params)
                .query((rs, n) -> new Alarm(rs.getLong("id"), rs.getTimestamp("raised_at").toInstant(), rs.getString("partner"),
                        rs.getString("path"), rs.getString("actor"), rs.getString("object_id"), rs.getString("object_version"),
                        rs.getString("created_by_ref"), rs.getString("rule"), rs.getString("detail"), rs.getString("digest"),
                        rs.getString("object")))
                .list();
    }

    /**
     * Rows added at {@code dateAdded}, written in the caller's transaction as they are given: on PostgreSQL
     * one {@code COPY} streamed across every {@link Rows#add}, so that the server stores one part of a
     * batch while the caller decides the next (issue 13: a batch's chunks took a round trip each, and the
     * node and the database waited on each other); elsewhere a JDBC batch per {@link Rows#add}. Nothing
     * else may use the transaction's connection between the first {@code add} and {@link Rows#finish()}
     * or {@link Rows#abort()}, one of which must be called.
     */
    public Rows rows(Instant dateAdded) {
        return new Rows(dateAdded);
    }

    /** See {@link #rows(Instant)}. */
    public final class Rows {
        private final Instant dateAdded;
        private org.postgresql.copy.CopyIn copy;

        private Rows(Instant dateAdded) {
            this.dateAdded = dateAdded;
        }

        /** Writes these rows (on PostgreSQL: sends them; the server may still be storing them on return). */
        public void add(List<NewRow> rows) {
            if (rows.isEmpty()) {
                return;
            }
            if (!database.postgres()) {
                insert(rows, dateAdded);
                return;
            }
            try {
                if (copy == null) {
                    javax.sql.DataSource dataSource = template.getDataSource();
                    java.sql.Connection connection = org.springframework.jdbc.datasource.DataSourceUtils.getConnection(dataSource);
                    try {
                        copy = connection.unwrap(org.postgresql.PGConnection.class).getCopyAPI()
                                .copyIn("copy intel_object (" + INSERTED + ") from stdin");
                    } finally {
                        org.springframework.jdbc.datasource.DataSourceUtils.releaseConnection(connection, dataSource);
                    }
                }
                byte[] text = copyText(rows, dateAdded).getBytes(java.nio.charset.StandardCharsets.UTF_8);
                copy.writeToCopy(text, 0, text.length);
                copy.flushCopy();
            } catch (SQLException e) {
                throw new IllegalStateException("cannot write intel objects: " + e.getMessage(), e);
            }
        }

        /** Waits until every row given is stored; a row the database refuses fails here. */
        public void finish() {
            if (copy == null) {
                return;
            }
            try {
                copy.endCopy();
            } catch (SQLException e) {
                throw new IllegalStateException("cannot write intel objects: " + e.getMessage(), e);
            } finally {
                copy = null;
            }
        }

        /** Gives up the rows not yet stored, leaving the connection usable for the transaction's rollback. */
        public void abort() {
            if (copy == null) {
                return;
            }
            try {
                if (copy.isActive()) {
                    copy.cancelCopy();
                }
            } catch (SQLException e) {
                // the copy failed already (its error is what is being handled): the rollback follows
            } finally {
                copy = null;
            }
        }
    }

    /**
     * Inserts rows, all added at {@code dateAdded}, in the caller's transaction: on PostgreSQL with
     * {@code COPY} (as the ledger writes its entries), elsewhere as one JDBC batch.
     */
    public void insert(List<NewRow> rows, Instant dateAdded) {
        if (rows.isEmpty()) {
            return;
        }
        javax.sql.DataSource dataSource = template.getDataSource();
        java.sql.Connection connection = org.springframework.jdbc.datasource.DataSourceUtils.getConnection(dataSource);
        try {
            if (connection.isWrapperFor(org.postgresql.PGConnection.class)) {
                // no intel_object_ref on PostgreSQL (V15_90): rule 5's SQL there reads each row's own refs
                copy(connection.unwrap(org.postgresql.PGConnection.class), rows, dateAdded);
                return;
            }
        } catch (SQLException | java.io.IOException e) {
            throw new IllegalStateException("cannot write intel objects: " + e.getMessage(), e);
        } finally {
            org.springframework.jdbc.datasource.DataSourceUtils.releaseConnection(connection, dataSource);
        }
        Timestamp added = Timestamp.from(dateAdded);
        template.batchUpdate("insert into intel_object (" + INSERTED + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                rows, 1000, (ps, row) -> {
            ps.setString(1, row.collection());
            ps.setString(2, row.id());
            ps.setString(3, row.type());
            ps.setString(4, row.specVersion());
            ps.setString(5, row.version() == null ? dateAddedText(dateAdded) : row.version());
            ps.setString(6, row.versionKey());
            ps.setString(7, row.createdByRef());
            ps.setBoolean(8, row.revoked());
            if (row.confidence() == null) {
                ps.setNull(9, java.sql.Types.INTEGER);
            } else {
                ps.setInt(9, row.confidence());
            }
            ps.setString(10, row.reliability());
            ps.setString(11, row.tlp());
            ps.setString(12, row.markingRefs());
            ps.setString(13, row.refs());
            ps.setString(14, row.sourceParty());
            ps.setTimestamp(15, added);
            ps.setBoolean(16, row.current());
            ps.setString(17, row.json());
            ps.setString(18, shareClass(row.id(), row.tlp(), row.sourceParty()));
        });
        List<String[]> references = references(rows);
        if (!references.isEmpty()) {
            template.batchUpdate("insert into intel_object_ref (id, collection, version_key, ref) values (?, ?, ?, ?)", references, 1000,
                    (ps, reference) -> {
                        for (int i = 0; i < 4; i++) {
                            ps.setString(i + 1, reference[i]);
                        }
                    });
        }
    }

    /**
     * One {@code intel_object_ref} row (V15_10) per id each row refers to: its {@code refs}, split,
     * each id once, as (id, collection, version key, referenced id). H2 only: PostgreSQL has no such
     * table since V15_90, as its SQL splits the row's own {@code refs}.
     */
    private static List<String[]> references(List<NewRow> rows) {
        List<String[]> references = new ArrayList<>();
        for (NewRow row : rows) {
            if (row.refs() == null) {
                continue;
            }
            java.util.Set<String> seen = new java.util.HashSet<>();
            for (String ref : row.refs().split(" ")) {
                if (!ref.isEmpty() && seen.add(ref)) {
                    references.add(new String[] {row.id(), row.collection(), row.versionKey(), ref});
                }
            }
        }
        return references;
    }

    private static final String INSERTED = "collection, id, type, spec_version, version, version_key, created_by_ref, revoked,"
            + " confidence, source_reliability, tlp, marking_refs, refs, source_party, date_added, is_current, object, share_class";

    /** The same rows as {@link #insert}'s batch, in PostgreSQL's COPY text format. */
    private static void copy(org.postgresql.PGConnection pg, List<NewRow> rows, Instant dateAdded) throws SQLException, java.io.IOException {
        pg.getCopyAPI().copyIn("copy intel_object (" + INSERTED + ") from stdin", new java.io.StringReader(copyText(rows, dateAdded)));
    }

    /** Rows in PostgreSQL's COPY text format, one line each, in {@link #INSERTED}'s order. */
    private static String copyText(List<NewRow> rows, Instant dateAdded) {
        String added = dateAdded.toString();
        StringBuilder text = new StringBuilder(rows.size() * 900);
        for (NewRow row : rows) {
            field(text, row.collection()).append('\t');
            field(text, row.id()).append('\t');
            field(text, row.type()).append('\t');
            field(text, row.specVersion()).append('\t');
            field(text, row.version() == null ? dateAddedText(dateAdded) : row.version()).append('\t');
            field(text, row.versionKey()).append('\t');
            field(text, row.createdByRef()).append('\t');
            text.append(row.revoked() ? 't' : 'f').append('\t');
            field(text, row.confidence() == null ? null : row.confidence().toString()).append('\t');
            field(text, row.reliability()).append('\t');
            field(text, row.tlp()).append('\t');
            field(text, row.markingRefs()).append('\t');
            field(text, row.refs()).append('\t');
            field(text, row.sourceParty()).append('\t');
            text.append(added).append('\t');
            text.append(row.current() ? 't' : 'f').append('\t');
            field(text, row.json()).append('\t');
            field(text, shareClass(row.id(), row.tlp(), row.sourceParty())).append('\n');
        }
        return text.toString();
    }

    /** One value of COPY's text format ({@link org.concord.node.CopyText}). */
    private static StringBuilder field(StringBuilder text, String value) {
        return org.concord.node.CopyText.field(text, value);
    }

    private static String dateAddedText(Instant dateAdded) {
        return org.concord.intel.StixTime.taxii(dateAdded);
    }

    /**
     * Marks the current versions of these ids added before {@code addedBefore} as no longer current: a
     * batch retires what was held before it, after writing its own rows (added at its own, later time).
     */
    public void retireCurrent(String collection, Collection<String> ids, Instant addedBefore) {
        Timestamp before = Timestamp.from(addedBefore);
        for (List<String> chunk : chunks(ids)) {
            List<Object> params = params(collection, chunk);
            params.add(before);
            jdbc.sql("update intel_object set is_current = false where collection = ? and is_current = true and id in (" + marks(chunk.size())
                    + ") and date_added < ?")
                    .params(params)
                    .update();
        }
    }

    /** The {@code share_class} of the standard TLP marking definitions, which every partner may read (rule 1). */
    public static final String ALWAYS = "*";

    /**
     * The {@code share_class} of a row (V13_50): {@value #ALWAYS} for the standard TLP marking
     * definitions; otherwise its effective TLP level ({@link org.concord.intel.stix.Tlp} name;
     * {@code -} when unmarked) and the partner it came from ({@code -} when made here).
     */
    public static String shareClass(String id, String tlp, String sourceParty) {
        if (SharingPolicy.Admission.alwaysReadable(id)) {
            return ALWAYS;
        }
        return (tlp == null ? "-" : tlp) + ":" + (sourceParty == null ? "-" : sourceParty);
    }

    /** The {@code share_class} of every object of one admitted kind. */
    static String shareClass(SharingPolicy.Admission.Kind kind) {
        return (kind.level().isEmpty() ? "-" : kind.level().get().name()) + ":" + kind.source().map(PartyCode::value).orElse("-");
    }

    /** Every {@code share_class} {@code admission} admits: its kinds, and the standard marking definitions. */
    static List<String> admittedClasses(SharingPolicy.Admission admission) {
        List<String> classes = new ArrayList<>();
        admission.kinds().forEach(kind -> classes.add(shareClass(kind)));
        classes.add(ALWAYS);
        return classes;
    }

    /**
     * Rows matching the query's filters after the row {@code afterSeq} (0: from the start), in
     * order of adding, at most {@code max}: by keyset on {@code (date_added, seq)} (the
     * {@code intel_object_added} index), never by offset, so a page deep in the collection costs
     * what the first one does.
     */
    public List<Row> find(IntelQuery query, long afterSeq, int max) {
        return run(findStatement(query, afterSeq, max));
    }

    /** A statement and its parameters, as the store runs it (tests read its plan). */
    public record Statement(String sql, List<Object> params) {
    }

    /** The statement {@link #find} runs. */
    public Statement findStatement(IntelQuery query, long afterSeq, int max) {
        After after = after(afterSeq);
        List<String> branches = new ArrayList<>();
        List<Object> params = new ArrayList<>();
        for (Range range : ranges(after, query.addedAfter())) {
            StringBuilder branch = new StringBuilder("select " + COLUMNS + " from intel_object o where collection = ?");
            params.add(query.collection().alias());
            range.appendTo(branch, params);
            filters(branch, params, query);
            branch.append(" order by collection, date_added, seq limit ?");
            params.add(max);
            branches.add(branch.toString());
        }
        return merged(branches, params, max);
    }

    private List<Row> run(Statement statement) {
        return jdbc.sql(statement.sql()).params(statement.params()).query(IntelTable::row).list();
    }

    /**
     * As {@link #find}, but only rows that pass {@code admission} (the sharing policy's rules 1 to 4
     * for one partner, {@link SharingPolicy.Admission}), rendered here as SQL over
     * {@code share_class}: rows of an admitted class (the standard TLP marking definitions, and
     * each admitted kind) whose current version is of an admitted class too. Withheld rows are not
     * read: each admitted class is one or two ranges of the {@code intel_object_shared} index in
     * {@code (date_added, seq)} order, at most {@code max} rows from each, merged; a read by id
     * goes through the id index instead.
     */
    public List<Row> findAdmitted(IntelQuery query, SharingPolicy.Admission admission, long afterSeq, int max) {
        return run(findAdmittedStatement(query, admission, afterSeq, max));
    }

    /** The statement {@link #findAdmitted} runs. */
    public Statement findAdmittedStatement(IntelQuery query, SharingPolicy.Admission admission, long afterSeq, int max) {
        return admittedStatement(COLUMNS, query, admission, afterSeq, max);
    }

    /**
     * A row a partner's page examined ({@link #examine}): its position, and the row itself if it
     * passed the first step of rule 5 in SQL (null: withheld there, its object never read).
     */
    public record Examined(long seq, Row row) {

        public boolean passed() {
            return row != null;
        }
    }

    /**
     * The first {@code max} rows after {@code afterSeq} that pass rules 1 to 4 of
     * {@code references}' admission (the rows {@link #findAdmitted} reads them from, read the same
     * way, through the same index ranges), each marked with whether it passes the first step of
     * rule 5 too: the same condition as {@link #passingSeqs}, evaluated
     * for these rows only. So a page that examines its candidates this way does the work of at most
     * {@code max} rows, however many of them are withheld for what they refer to; the object of a
     * row withheld here is not read.
     */
    public List<Examined> examine(IntelQuery query, SharingPolicy.References references, long afterSeq, int max) {
        Statement statement = examineStatement(query, references, afterSeq, max);
        return jdbc.sql(statement.sql()).params(statement.params()).query((rs, n) -> {
            long seq = rs.getLong("seq");
            return rs.getInt("passes") == 1 ? new Examined(seq, row(rs, n)) : new Examined(seq, null);
        }).list();
    }

    /** The statement {@link #examine} runs. */
    public Statement examineStatement(IntelQuery query, SharingPolicy.References references, long afterSeq, int max) {
        List<String> classes = admittedClasses(references.admission());
        Statement candidates = admittedStatement(COLUMNS + ", collection, version_key, share_class", query, references.admission(),
                afterSeq, max);
        List<Object> params = new ArrayList<>();
        params.add(ALWAYS);
        String passes = "case when o.share_class = ? or " + referencesPass(params, references, classes, database.postgres()) + " then 1 else 0 end";
        params.addAll(candidates.params());
        // "offset 0" keeps the derived table x whole, so that its condition is evaluated once a row, not once for each use.
        String sql = "select seq, id, type, spec_version, version, date_added, is_current, refs, source_party,"
                + " case when passes = 1 then object end as object, passes from (select o.*, " + passes + " as passes from ("
                + candidates.sql() + ") o offset 0) x order by date_added, seq";
        return new Statement(sql, params);
    }

    private Statement admittedStatement(String columns, IntelQuery query, SharingPolicy.Admission admission, long afterSeq, int max) {
        List<String> classes = admittedClasses(admission);
        String collection = query.collection().alias();
        After after = after(afterSeq);
        List<String> branches = new ArrayList<>();
        List<Object> params = new ArrayList<>();
        if (!query.ids().isEmpty()) {
            // A read by id: the few versions of those ids, through the id index.
            StringBuilder sql = new StringBuilder("select " + columns + " from intel_object o where collection = ?");
            params.add(collection);
            if (after != null) {
                sql.append(" and seq > ?");
                params.add(after.seq());
            }
            if (query.addedAfter() != null) {
                sql.append(" and date_added > ?");
                params.add(Timestamp.from(query.addedAfter()));
            }
            filters(sql, params, query);
            sql.append(" and ").append(admittedPredicate(params, classes));
            sql.append(" order by date_added, seq limit ?");
            params.add(max);
            return new Statement(sql.toString(), params);
        }
        boolean lastOnly = query.versions().equals(List.of("last"));
        List<Range> ranges = ranges(after, query.addedAfter());
        for (String shareClass : classes) {
            for (boolean current : lastOnly ? List.of(true) : List.of(true, false)) {
                for (Range range : ranges) {
                    StringBuilder branch = new StringBuilder("select " + columns + " from intel_object o where collection = ?"
                            + " and share_class = ? and is_current = ?");
                    params.addAll(List.of(collection, shareClass, current));
                    range.appendTo(branch, params);
                    filters(branch, params, lastOnly ? query.withVersions(List.of("all")) : query);
                    if (!current) {
                        branch.append(" and ").append(currentAdmitted(params, classes));
                    }
                    branch.append(" order by collection, share_class, is_current, date_added, seq limit ?");
                    params.add(max);
                    branches.add(branch.toString());
                }
            }
        }
        return merged(columns, branches, params, max);
    }

    /** One branch as it is, or the first {@code max} of several, each already in order, in the order of adding. */
    private static Statement merged(List<String> branches, List<Object> params, int max) {
        return merged(COLUMNS, branches, params, max);
    }

    private static Statement merged(String columns, List<String> branches, List<Object> params, int max) {
        if (branches.size() == 1) {
            return new Statement(branches.get(0), params);
        }
        String sql = "select " + columns + " from (" + String.join(" union all ", branches.stream().map(b -> "(" + b + ")").toList())
                + ") u order by date_added, seq limit ?";
        params.add(max);
        return new Statement(sql, params);
    }

    /**
     * The index ranges after a position, each read in index order from its first row: with a
     * position {@code (d, s)}, the rows added at {@code d} after {@code s}, and those added after
     * {@code d}. (One condition {@code (date_added, seq) > (d, s)} would be one range on
     * PostgreSQL, but H2 starts it at {@code d} and reads every row added at {@code d} before
     * {@code s}: a batch imported at once shares its date.) {@code added_after} narrows them.
     */
    private static List<Range> ranges(After after, Instant addedAfter) {
        Timestamp since = addedAfter == null ? null : Timestamp.from(addedAfter);
        if (after == null || after.added() == null) {
            List<String> conditions = new ArrayList<>();
            List<Object> params = new ArrayList<>();
            if (after != null) {
                conditions.add(" and seq > ?");
                params.add(after.seq());
            }
            if (since != null) {
                conditions.add(" and date_added > ?");
                params.add(since);
            }
            return List.of(new Range(String.join("", conditions), params));
        }
        if (since != null && !after.added().after(since)) {
            return List.of(new Range(" and date_added > ?", List.of(since)));
        }
        return List.of(new Range(" and date_added = ? and seq > ?", List.of(after.added(), after.seq())),
                new Range(" and date_added > ?", List.of(after.added())));
    }

    /** Conditions of one index range, with their parameters. */
    private record Range(String sql, List<Object> params) {
        void appendTo(StringBuilder into, List<Object> allParams) {
            into.append(sql);
            allParams.addAll(params);
        }
    }

    /** Rules 1 to 4 as one SQL condition on a row {@code o}: of an admitted class, and so is its current version. */
    private static String admittedPredicate(List<Object> params, List<String> classes) {
        params.addAll(classes);
        String sql = "o.share_class in (" + marks(classes.size()) + ") and (o.is_current = true or %s)";
        return sql.formatted(currentAdmitted(params, classes));
    }

    /** That the current version of row {@code o}'s object is of an admitted class. */
    private static String currentAdmitted(List<Object> params, List<String> classes) {
        params.addAll(classes);
        return "exists (select 1 from intel_object c where c.collection = o.collection and c.id = o.id and c.is_current = true"
                + " and c.share_class in (" + marks(classes.size()) + "))";
    }

    /**
     * That no id row {@code o} refers to fails the first step of rule 5 for {@code references}
     * ({@link SharingPolicy.References#passes}): each id it refers to is known to the reader, is
     * its own id, or names an object whose current version the reader created or is of an admitted
     * class.
     *
     * <p>The ids a row refers to are its {@code refs} column, which {@code intel_object_ref} (V15_10)
     * indexes one id a row on H2: both are written from the same value with every row ({@link #insert}),
     * and V15_11 filled the index from the column; PostgreSQL has no such table since V15_90, as
     * nothing there reads it. On PostgreSQL the condition splits the row's own
     * {@code refs} ({@code string_to_array}), so a page reads no second index: the reference index
     * and its table were about half of the buffers a page's statement touched at 500,000 objects,
     * and too large to stay in the server's cache with the rest, each candidate costing a probe of
     * both; issue 13, in BENCHMARKS.md where a partner's page of a thousand spends its time. H2 has no
     * function to split a string in a query, so there the same condition reads the reference index.
     */
    private static String referencesPass(List<Object> params, SharingPolicy.References references, List<String> classes,
            boolean splitRefs) {
        List<String> known = references.known().stream().sorted().toList();
        StringBuilder sql = new StringBuilder(splitRefs
                ? "not exists (select 1 from unnest(string_to_array(o.refs, ' ')) r(ref) where r.ref <> '' and r.ref <> o.id"
                : "not exists (select 1 from intel_object_ref r where r.id = o.id and r.collection = o.collection"
                        + " and r.version_key = o.version_key and r.ref <> o.id");
        if (!known.isEmpty()) {
            sql.append(" and r.ref not in (").append(marks(known.size())).append(")");
            params.addAll(known);
        }
        sql.append(" and not exists (select 1 from intel_object t where t.id = r.ref and t.collection = o.collection"
                + " and t.is_current = true and (t.share_class in (").append(marks(classes.size())).append(")");
        params.addAll(classes);
        if (references.creator() != null) {
            sql.append(" or t.created_by_ref = ?");
            params.add(references.creator());
        }
        // "offset 0" keeps PostgreSQL from turning the outer not exists into an anti-join, which it may run as a merge
        // join over the whole of what it joins (it once did so over the reference index) for a range it expects to be
        // small: as a subplan it is a few index probes for each row the page meets, as on H2.
        return sql.append(")) limit 1 offset 0)").toString();
    }

    /**
     * Which rows pass {@code references}: rules 1 to 4 of its admission and the first step of rule
     * 5, by the condition {@link #examine} flags each candidate with (what the property tests
     * compare with the Java policy).
     */
    public java.util.Set<Long> passingSeqs(String collection, SharingPolicy.References references) {
        List<String> classes = admittedClasses(references.admission());
        List<Object> params = new ArrayList<>(List.of(collection));
        String admitted = admittedPredicate(params, classes);
        params.add(ALWAYS);
        String sql = "select seq from intel_object o where collection = ? and " + admitted + " and (o.share_class = ? or "
                + referencesPass(params, references, classes, database.postgres()) + ")";
        return new java.util.HashSet<>(jdbc.sql(sql).params(params).query(Long.class).list());
    }

    /** Which of these rows pass {@code admission} (rules 1 to 4), by the SQL {@link #findAdmitted} reads by id with. */
    public java.util.Set<Long> admittedSeqs(String collection, SharingPolicy.Admission admission) {
        List<Object> params = new ArrayList<>(List.of(collection));
        String sql = "select seq from intel_object o where collection = ? and " + admittedPredicate(params, admittedClasses(admission));
        return new java.util.HashSet<>(jdbc.sql(sql).params(params).query(Long.class).list());
    }

    /**
     * The position after row {@code afterSeq}: {@code (d, afterSeq)}, where {@code d} is when that
     * row (or, if it is gone, the last row before it) was added. Rows are added in the order of
     * both (the clock row's lock, {@link #lockClockAndNextDateAdded}), so the rows after it by
     * {@code (date_added, seq)} are those with {@code seq > afterSeq}.
     */
    private After after(long afterSeq) {
        if (afterSeq <= 0) {
            return null;
        }
        Timestamp added = jdbc.sql("select date_added from intel_object where seq <= ? order by seq desc limit 1").param(afterSeq)
                .query(Timestamp.class).optional().orElse(null);
        return new After(added, afterSeq);
    }

    /** A position in the order of adding: the row {@code seq}, added at {@code added} (null: no row at or before it). */
    private record After(Timestamp added, long seq) {
    }

    /** The {@code match[...]} filters of a query. */
    private static void filters(StringBuilder sql, List<Object> params, IntelQuery query) {
        in(sql, params, "id", query.ids());
        in(sql, params, "type", query.types());
        in(sql, params, "spec_version", query.specVersions());
        if (!query.versions().contains("all")) {
            StringJoiner any = new StringJoiner(" or ", " and (", ")");
            List<String> timestamps = new ArrayList<>();
            for (String version : query.versions()) {
                if (version.equals("last")) {
                    any.add("is_current = true");
                } else if (version.equals("first")) {
                    any.add("version_key = (select min(f.version_key) from intel_object f where f.collection = o.collection and f.id = o.id)");
                } else {
                    timestamps.add(org.concord.intel.StixTime.sortable(org.concord.intel.StixTime.parse("match[version]", version)));
                }
            }
            if (!timestamps.isEmpty()) {
                any.add("version_key in (" + marks(timestamps.size()) + ")");
                params.addAll(timestamps);
            }
            sql.append(any);
        }
    }

    /**
     * Current rows for browsing, newest first (seq descending) before {@code beforeSeq} (0: from the
     * newest): of these types (empty: any), made here ({@code own} true), received ({@code own}
     * false) or both (null), whose object text contains {@code like} (lower case; null: any).
     */
    public List<Row> browse(String collection, List<String> types, Boolean own, String like, long beforeSeq, int max) {
        StringBuilder sql = new StringBuilder("select " + COLUMNS + " from intel_object o where collection = ? and is_current = true");
        List<Object> params = new ArrayList<>(List.of(collection));
        if (beforeSeq > 0) {
            sql.append(" and seq < ?");
            params.add(beforeSeq);
        }
        in(sql, params, "type", types);
        if (own != null) {
            sql.append(own ? " and source_party is null" : " and source_party is not null");
        }
        if (like != null) {
            sql.append(" and lower(object) like ? escape '!'");
            params.add("%" + like.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%");
        }
        sql.append(" order by seq desc limit ?");
        params.add(max);
        return jdbc.sql(sql.toString()).params(params).query(IntelTable::row).list();
    }

    /** Current rows that refer to {@code id} (its {@code refs} name it), newest first, at most {@code max}. */
    public List<Row> referencing(String collection, String id, int max) {
        String pattern = "%" + id.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%";
        return jdbc.sql("select " + COLUMNS + " from intel_object where collection = ? and is_current = true and refs like ? escape '!'"
                + " order by seq desc limit ?")
                .params(collection, pattern, max).query(IntelTable::row).list()
                .stream().filter(row -> java.util.Arrays.asList(row.refs().split(" ")).contains(id)).toList();
    }

    /** Every version of one object, oldest first. */
    public List<Row> versions(String collection, String id) {
        return jdbc.sql("select " + COLUMNS + " from intel_object where collection = ? and id = ? order by version_key")
                .params(collection, id).query(IntelTable::row).list();
    }

    /** The current rows of these ids. */
    public Map<String, Row> current(String collection, Collection<String> ids) {
        Map<String, Row> found = new HashMap<>();
        for (List<String> chunk : chunks(ids)) {
            jdbc.sql("select " + COLUMNS + " from intel_object where collection = ? and is_current = true and id in (" + marks(chunk.size()) + ")")
                    .params(params(collection, chunk))
                    .query(IntelTable::row).list()
                    .forEach(row -> found.put(row.object().id(), row));
        }
        return found;
    }

    /** Deletes versions of one object; {@code versionKeys} empty means every version. Returns the rows deleted. */
    public int delete(String collection, String id, List<String> versionKeys) {
        if (versionKeys.isEmpty()) {
            if (!database.postgres()) {
                jdbc.sql("delete from intel_object_ref where collection = ? and id = ?").params(collection, id).update();
            }
            return jdbc.sql("delete from intel_object where collection = ? and id = ?").params(collection, id).update();
        }
        List<Object> params = new ArrayList<>(List.of(collection, id));
        params.addAll(versionKeys);
        if (!database.postgres()) {
            jdbc.sql("delete from intel_object_ref where collection = ? and id = ? and version_key in (" + marks(versionKeys.size()) + ")")
                    .params(params).update();
        }
        int deleted = jdbc.sql("delete from intel_object where collection = ? and id = ? and version_key in (" + marks(versionKeys.size()) + ")")
                .params(params).update();
        // The newest remaining version becomes current again.
        jdbc.sql("""
                update intel_object set is_current = true where collection = ? and id = ? and is_current = false
                and version_key = (select max(m.version_key) from intel_object m where m.collection = ? and m.id = ?)
                and not exists (select 1 from intel_object c where c.collection = ? and c.id = ? and c.is_current = true)""")
                .params(collection, id, collection, id, collection, id).update();
        return deleted;
    }

    /**
     * Counts rows just written; {@link TableStatistics} refreshes PostgreSQL's statistics of the table once they
     * amount to a tenth of the rows the statistics last saw, after the writer's transaction commits, so that reads
     * page by index instead of sorting what autovacuum has not yet counted (issue 13).
     */
    public void refreshStatisticsAfter(int written) {
        statistics.written("intel_object", written);
    }

    /** Refreshes PostgreSQL's statistics of the table now, in the caller's thread (a store seeded in bulk, as load runs and tests do); H2 analyses itself. */
    public void refreshStatistics() {
        statistics.refreshNow("intel_object");
    }

    public long count(String collection) {
        return jdbc.sql("select count(*) from intel_object where collection = ?").param(collection).query(Long.class).single();
    }

    private static Row row(ResultSet rs, int n) throws SQLException {
        return new Row(new StoredObject(rs.getLong("seq"), rs.getString("id"), rs.getString("type"), rs.getString("spec_version"),
                rs.getString("version"), rs.getTimestamp("date_added").toInstant(), rs.getBoolean("is_current"), rs.getString("object")),
                rs.getString("refs"), rs.getString("source_party"));
    }

    private static void in(StringBuilder sql, List<Object> params, String column, List<String> values) {
        if (!values.isEmpty()) {
            sql.append(" and ").append(column).append(" in (").append(marks(values.size())).append(")");
            params.addAll(values);
        }
    }

    private static List<Object> params(String first, List<String> rest) {
        List<Object> all = new ArrayList<>(rest.size() + 1);
        all.add(first);
        all.addAll(rest);
        return all;
    }

    private static String marks(int n) {
        return String.join(", ", java.util.Collections.nCopies(n, "?"));
    }

    private static List<List<String>> chunks(Collection<String> ids) {
        List<String> all = new ArrayList<>(ids);
        List<List<String>> chunks = new ArrayList<>();
        for (int i = 0; i < all.size(); i += 500) {
            chunks.add(all.subList(i, Math.min(all.size(), i + 500)));
        }
        return chunks;
    }
}
