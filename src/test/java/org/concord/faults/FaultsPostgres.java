package org.concord.faults;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;

/**
 * The throwaway PostgreSQL cluster the fault campaign restarts (port 5499 unless
 * {@code FAULTS_PG_PORT}), never the shared one on 5432. {@code .ci/faults-postgres} creates and
 * starts it; {@code .ci/run} calls it, and so does this class when the cluster is not up.
 */
final class FaultsPostgres {

    static final int PORT = Integer.parseInt(System.getenv().getOrDefault("FAULTS_PG_PORT", "5499"));
    private static final Path SCRIPT = Path.of(".ci/faults-postgres").toAbsolutePath();

    private FaultsPostgres() {
    }

    static String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + PORT + "/" + database;
    }

    /** Creates the cluster if absent and starts it if down. */
    static void start() throws Exception {
        run("start");
    }

    /** Stops the cluster (fast: a clean shutdown; immediate: as a crash would) and starts it again. */
    static void restart(boolean immediate) throws Exception {
        run("restart", immediate ? "immediate" : "fast");
    }

    /** A fresh, empty database for one node. */
    static void recreate(String database) throws Exception {
        try (Connection connection = DriverManager.getConnection(jdbcUrl("postgres"), "postgres", "");
                Statement statement = connection.createStatement()) {
            statement.execute("drop database if exists " + database + " with (force)");
            statement.execute("create database " + database);
        }
    }

    private static void run(String... args) throws Exception {
        if (!Files.isRegularFile(SCRIPT)) {
            throw new IllegalStateException("no " + SCRIPT + ": run the fault campaign from the project's directory");
        }
        String[] command = new String[args.length + 2];
        command[0] = "bash";
        command[1] = SCRIPT.toString();
        System.arraycopy(args, 0, command, 2, args.length);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException(".ci/faults-postgres " + String.join(" ", args) + " failed (it needs root and Debian's "
                    + "postgresql-common: pg_createcluster, pg_ctlcluster): " + output);
        }
    }
}
