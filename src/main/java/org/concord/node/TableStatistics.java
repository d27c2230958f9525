package org.concord.node;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Keeps PostgreSQL's statistics of the tables that grow with use fresh, from the node itself: a
 * table's writers tell it how many rows they wrote, and once that is a tenth of the rows the last
 * statistics saw (at least 5,000) the table is analysed, after the writer's transaction commits, on
 * one thread of its own, one table at a time. H2 keeps its own statistics.
 *
 * <p>Why the node does it and not autovacuum alone (issue 13): a table without statistics, or with
 * those of when it was small, makes the planner read a lookup of a few dozen ids ({@code stix_id in
 * (...)} in the ledger) as a third of the table and scan all of it, a cost that grows with every row.
 * Autovacuum analyses a table only after a tenth of it changed and a minute has passed, may be
 * switched off on a shared server, and a crisis adds rows faster than that. The same rule as
 * autovacuum's {@code analyze_scale_factor} keeps the cost per row written flat.
 *
 * <p>A table PostgreSQL has never analysed (a new node, or a new schema) is due after its first
 * {@value #FIRST_DUE} rows, autovacuum's own threshold, not 5,000: without any statistics the planner
 * takes {@code collection = ?} for a few rows and the partner's page, whose rule 5 looks each
 * reference up by id, read the whole table once per candidate instead (1.0 s a page at 2,500 objects,
 * 15 ms once analysed; BENCHMARKS.md). Whether a table was ever analysed is read from {@code pg_class}
 * when the node first writes to it.
 *
 * <p>The refresh runs after the commit: inside the transaction it held up the batch that happened to
 * make it due. A refresh asked for while one runs is queued, once per table.
 */
@Component
public class TableStatistics {

    private static final Logger log = LoggerFactory.getLogger(TableStatistics.class);
    private static final Pattern TABLE = Pattern.compile("[a-z_]{1,63}");
    static final long MINIMUM_DUE = 5_000;
    /** Rows written to a table never analysed before its first statistics are due: autovacuum's analyze threshold. */
    static final long FIRST_DUE = 50;
    /**
     * The statistics target of the node's own refreshes: ANALYZE samples 300 rows per unit, so 20 reads 6,000 rows
     * instead of the default 30,000. The plans these tables need ask for few distinct values (collections, types,
     * directions) and how unique an id is, which a smaller sample tells as well; the full sample made each refresh of
     * {@code intel_object} take 0.6-0.8 s of a core while the hotline ran, its slowest batches (issue 13).
     */
    static final int STATISTICS_TARGET = 20;

    private final JdbcTemplate jdbc;
    private final Map<String, Table> tables = new ConcurrentHashMap<>();
    private final Set<String> waiting = ConcurrentHashMap.newKeySet();
    private final ThreadPoolExecutor analyser = new ThreadPoolExecutor(1, 1, 0L, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(64),
            r -> {
                Thread thread = new Thread(r, "table-statistics");
                thread.setDaemon(true);
                return thread;
            }, new ThreadPoolExecutor.DiscardPolicy());
    private final DatabaseKind database;

    public TableStatistics(JdbcTemplate jdbc, DatabaseKind database) {
        this.jdbc = jdbc;
        this.database = database;
    }

    /** The statistics of the tables in {@code dataSource}, without a node around them: for a table's code alone (tests, load runs). */
    public static TableStatistics of(javax.sql.DataSource dataSource) {
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        return new TableStatistics(jdbc, new DatabaseKind(jdbc));
    }

    /** What is known of one table: rows written since its statistics were refreshed, and how many rows they saw. */
    private static final class Table {
        final AtomicLong writtenSince = new AtomicLong();
        /** The rows its statistics saw: pg_class.reltuples, -1 while PostgreSQL has never analysed it. */
        volatile long analysedRows;
    }

    /**
     * Counts {@code rows} just written to {@code table} (in the caller's transaction, if any) and, when
     * that makes its statistics due, refreshes them once the transaction has committed.
     */
    public void written(String table, long rows) {
        Table known = table(table);
        long due = known.analysedRows < 0 ? FIRST_DUE : Math.max(MINIMUM_DUE, known.analysedRows / 10);
        if (known.writtenSince.addAndGet(rows) < due) {
            return;
        }
        known.writtenSince.set(0);
        if (!database.postgres()) {
            return;
        }
        AfterCommit.run(() -> {
            if (waiting.add(table)) {
                analyser.execute(() -> {
                    waiting.remove(table);
                    try {
                        analyse(table, known);
                    } catch (RuntimeException e) {
                        log.warn("refreshing the statistics of {} failed: {}", table, e.toString());
                    }
                });
            }
        });
    }

    /** Refreshes the statistics of {@code table} now, in the caller's thread (a store seeded in bulk, as load runs and tests do). */
    public void refreshNow(String table) {
        Table known = table(table);
        known.writtenSince.set(0);
        if (database.postgres()) {
            analyse(table, known);
        }
    }

    /** The table's counts; its name is checked once, when first met (it is written into the ANALYZE statement). */
    private Table table(String table) {
        return tables.computeIfAbsent(table, t -> {
            if (!TABLE.matcher(t).matches()) {
                throw new IllegalArgumentException("not a table name: " + t);
            }
            Table known = new Table();
            if (database.postgres()) {
                try {
                    known.analysedRows = reltuples(t);
                } catch (RuntimeException e) {
                    log.debug("cannot read the statistics of {}: {}", t, e.toString());
                }
            }
            return known;
        });
    }

    private void analyse(String table, Table known) {
        synchronized (known) {
            jdbc.execute((java.sql.Connection c) -> {
                try (java.sql.Statement statement = c.createStatement()) {
                    statement.execute("set default_statistics_target = " + STATISTICS_TARGET);
                    try {
                        statement.execute("analyze " + table);
                    } finally {
                        statement.execute("reset default_statistics_target");
                    }
                }
                return null;
            });
            known.analysedRows = Math.max(reltuples(table), 0);
        }
    }

    /** The rows PostgreSQL's statistics of {@code table} saw; -1 until its first ANALYZE (or VACUUM). */
    private long reltuples(String table) {
        Long rows = jdbc.queryForObject("select reltuples::bigint from pg_class where oid = ?::regclass", Long.class, table);
        return rows == null ? 0 : rows;
    }

    /** Stops the statistics' thread with the node; an ANALYZE under way is abandoned (PostgreSQL rolls it back). */
    @jakarta.annotation.PreDestroy
    void stop() {
        analyser.shutdownNow();
    }
}
