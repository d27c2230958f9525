package org.concord.screening;

import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.Collections;
import java.util.List;

import javax.sql.DataSource;

import org.postgresql.PGConnection;
import org.springframework.jdbc.datasource.DataSourceUtils;

/**
 * Writes many rows to a table in the caller's transaction, the fastest way each database takes them:
 * on PostgreSQL with {@code COPY} (as the ledger and the intel store write theirs), elsewhere (H2) a
 * few hundred rows to an {@code INSERT} statement, prepared once and set with typed values. A value
 * is a {@link String}, an {@link Integer}, a {@link Boolean}, a {@link Timestamp} or null.
 */
final class BulkRows {

    /** Rows to one {@code INSERT} statement on H2. */
    static final int ROWS_PER_INSERT = 200;
    /** Rows to one {@code COPY} on PostgreSQL (the text of a COPY is held in memory). */
    static final int ROWS_PER_COPY = 50_000;

    private final DataSource dataSource;

    BulkRows(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Inserts {@code rows} (each as many values as {@code columns} names) into {@code table}. */
    void insert(String table, String columns, List<Object[]> rows) {
        if (rows.isEmpty()) {
            return;
        }
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try {
            if (connection.isWrapperFor(PGConnection.class)) {
                copy(connection.unwrap(PGConnection.class), table, columns, rows);
            } else {
                inserts(connection, table, columns, rows);
            }
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("cannot write " + table + ": " + e.getMessage(), e);
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }

    private static void inserts(Connection connection, String table, String columns, List<Object[]> rows) throws SQLException {
        int width = rows.get(0).length;
        String row = "(" + String.join(", ", Collections.nCopies(width, "?")) + ")";
        PreparedStatement full = null;
        try {
            for (int from = 0; from < rows.size(); from += ROWS_PER_INSERT) {
                int count = Math.min(ROWS_PER_INSERT, rows.size() - from);
                String sql = "insert into " + table + " (" + columns + ") values " + String.join(", ", Collections.nCopies(count, row));
                if (count == ROWS_PER_INSERT) {
                    if (full == null) {
                        full = connection.prepareStatement(sql);
                    }
                    set(full, rows, from, count, width);
                    full.executeUpdate();
                } else {
                    try (PreparedStatement last = connection.prepareStatement(sql)) {
                        set(last, rows, from, count, width);
                        last.executeUpdate();
                    }
                }
            }
        } finally {
            if (full != null) {
                full.close();
            }
        }
    }

    private static void set(PreparedStatement statement, List<Object[]> rows, int from, int count, int width) throws SQLException {
        int at = 1;
        for (int r = from; r < from + count; r++) {
            Object[] values = rows.get(r);
            for (int c = 0; c < width; c++) {
                Object value = values[c];
                if (value == null) {
                    statement.setNull(at, Types.VARCHAR);
                } else if (value instanceof String text) {
                    statement.setString(at, text);
                } else if (value instanceof Integer number) {
                    statement.setInt(at, number);
                } else if (value instanceof Boolean flag) {
                    statement.setBoolean(at, flag);
                } else if (value instanceof Timestamp time) {
                    statement.setTimestamp(at, time);
                } else {
                    throw new IllegalArgumentException("cannot write a value of " + value.getClass());
                }
                at++;
            }
        }
    }

    private static void copy(PGConnection pg, String table, String columns, List<Object[]> rows) throws SQLException, IOException {
        for (int from = 0; from < rows.size(); from += ROWS_PER_COPY) {
            int to = Math.min(rows.size(), from + ROWS_PER_COPY);
            StringBuilder text = new StringBuilder((to - from) * 120);
            for (int r = from; r < to; r++) {
                Object[] values = rows.get(r);
                for (int c = 0; c < values.length; c++) {
                    if (c > 0) {
                        text.append('\t');
                    }
                    field(text, values[c]);
                }
                text.append('\n');
            }
            pg.getCopyAPI().copyIn("copy " + table + " (" + columns + ") from stdin", new StringReader(text.toString()));
        }
    }

    /**
     * One value in COPY's text format: {@code \N} for null, {@code t}/{@code f}, a timestamp as the
     * JDBC driver sends one (the local date and time), text with backslash, tab, newline and carriage
     * return escaped ({@link org.concord.node.CopyText}, as the intel store writes them).
     */
    static void field(StringBuilder text, Object value) {
        if (value == null) {
            text.append("\\N");
        } else if (value instanceof Boolean flag) {
            text.append(flag ? 't' : 'f');
        } else if (value instanceof Integer number) {
            text.append(number.intValue());
        } else if (value instanceof Timestamp time) {
            text.append(time.toLocalDateTime());
        } else if (value instanceof String string) {
            org.concord.node.CopyText.field(text, string);
        } else {
            throw new IllegalArgumentException("cannot write a value of " + value.getClass());
        }
    }
}
