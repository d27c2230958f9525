package org.concord.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Locale;
import java.util.UUID;

/**
 * The real PostgreSQL the tests run against: 127.0.0.1:5432, database {@code test}, trust
 * authentication (see {@code .ci/run}, which starts it). Each test node gets a schema of its own,
 * so tests never see each other's rows. Override with CONCORD_TEST_PG_URL / CONCORD_TEST_PG_USER.
 */
public final class Postgres {

    public static final String URL = System.getenv().getOrDefault("CONCORD_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test");
    public static final String USER = System.getenv().getOrDefault("CONCORD_TEST_PG_USER", "postgres");

    private Postgres() {
    }

    /** A new, empty schema name; Flyway creates the schema when the node starts. */
    public static String newSchema(String prefix) {
        return (prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12)).toLowerCase(Locale.ROOT);
    }

    public static String urlFor(String schema) {
        return URL + (URL.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    public static Connection connect() throws SQLException {
        return DriverManager.getConnection(URL, USER, "");
    }

    /** Backs up {@code schema} to {@code file} with {@code pg_dump}, as an operator would. */
    public static void dump(String schema, java.nio.file.Path file) {
        run("pg_dump", "--host=127.0.0.1", "--username=" + USER, "--schema=" + schema, "--format=custom", "--file=" + file, "test");
    }

    /** Restores a backup made by {@link #dump} with {@code pg_restore} (its schema dropped before). */
    public static void restore(java.nio.file.Path file) {
        run("pg_restore", "--host=127.0.0.1", "--username=" + USER, "--dbname=test", file.toString());
    }

    private static void run(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(2, java.util.concurrent.TimeUnit.MINUTES) || process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
            }
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static void dropSchema(String schema) {
        try (Connection connection = connect(); var statement = connection.createStatement()) {
            statement.execute("drop schema if exists " + schema + " cascade");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
