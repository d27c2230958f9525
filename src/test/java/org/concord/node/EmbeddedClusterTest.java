package org.concord.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded default database (issue 13): a PostgreSQL server of the node's own, started from the
 * jar's binaries, that only the node's owner can reach, that survives its owner being killed, and
 * that a {@code concord} command can join while the node runs.
 */
class EmbeddedClusterTest {

    @TempDir
    Path dataDir;

    @Test
    void aNodeKilledWithKill9LeavesItsServerRunningAndTheNextStartStopsThatServerAndKeepsTheData() throws Exception {
        Process holder = holder(dataDir, "written before the kill");
        long leftOver;
        try {
            leftOver = EmbeddedCluster.PostmasterPid.read(EmbeddedCluster.directory(dataDir).resolve("data")).orElseThrow().pid();
            holder.destroyForcibly(); // SIGKILL: no shutdown hook runs
            assertThat(holder.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(ProcessHandle.of(leftOver).map(ProcessHandle::isAlive))
                    .as("PostgreSQL is its own process: killing the node leaves it running").contains(true);
        } finally {
            holder.destroyForcibly();
        }

        try (EmbeddedCluster cluster = EmbeddedCluster.open(dataDir, false, Duration.ofSeconds(30))) {
            assertThat(cluster.owner()).isTrue();
            assertThat(ProcessHandle.of(leftOver).map(ProcessHandle::isAlive).orElse(false))
                    .as("the left-over server was stopped before the new one started").isFalse();
            assertThat(rows(cluster)).containsExactly("written before the kill");
        }
        assertThat(EmbeddedCluster.PostmasterPid.read(EmbeddedCluster.directory(dataDir).resolve("data")))
                .as("closing the owner stops its server").isEmpty();
    }

    @Test
    void onlyTheOwnerOfTheDataDirectoryCanConnectAndWritesAreDurable() throws Exception {
        try (EmbeddedCluster cluster = EmbeddedCluster.open(dataDir, false, Duration.ofSeconds(30))) {
            Path dir = EmbeddedCluster.directory(dataDir);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir))).isEqualTo("rwx------");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("password")))).isEqualTo("rw-------");
            assertThat(cluster.password()).hasSize(64).isEqualTo(Files.readString(dir.resolve("password")).strip());

            assertThatThrownBy(() -> DriverManager.getConnection(cluster.jdbcUrl(), "postgres", "").close())
                    .as("no password, no connection").isInstanceOf(SQLException.class);
            assertThatThrownBy(() -> DriverManager.getConnection(cluster.jdbcUrl(), "postgres", "wrong").close())
                    .isInstanceOf(SQLException.class).hasMessageContaining("password authentication failed");

            try (var connection = DriverManager.getConnection(cluster.jdbcUrl(), cluster.username(), cluster.password());
                    var statement = connection.createStatement()) {
                assertThat(setting(statement, "fsync")).isEqualTo("on");
                assertThat(setting(statement, "synchronous_commit")).isEqualTo("on");
                assertThat(setting(statement, "listen_addresses")).isEqualTo("127.0.0.1");
                assertThat(setting(statement, "unix_socket_directories")).isEmpty();
                assertThat(setting(statement, "lc_collate")).isEqualTo("C");
            }
        }
    }

    @Test
    void aCommandJoinsTheRunningServerAndLeavesItRunningWhileASecondNodeWaitsAndIsToldWhoHoldsIt() throws Exception {
        Process holder = holder(dataDir, "the node's row");
        try {
            try (EmbeddedCluster guest = EmbeddedCluster.open(dataDir, true, Duration.ofSeconds(30))) {
                assertThat(guest.owner()).isFalse();
                assertThat(rows(guest)).containsExactly("the node's row");
            }
            try (EmbeddedCluster again = EmbeddedCluster.open(dataDir, true, Duration.ofSeconds(30))) {
                assertThat(rows(again)).as("the guest's close left the node's server running").containsExactly("the node's row");
            }
            long server = EmbeddedCluster.PostmasterPid.read(EmbeddedCluster.directory(dataDir).resolve("data")).orElseThrow().pid();
            assertThatThrownBy(() -> EmbeddedCluster.open(dataDir, false, Duration.ofSeconds(1)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("is held by another process")
                    .hasMessageContaining("its server is process " + server)
                    .hasMessageContaining("concord.data-dir");
        } finally {
            holder.destroy();
            holder.waitFor(30, TimeUnit.SECONDS);
            try (EmbeddedCluster cleanup = EmbeddedCluster.open(dataDir, false, Duration.ofSeconds(30))) {
                assertThat(cleanup.owner()).isTrue();
            }
        }
    }

    @Test
    void aGuestInTheOwnersOwnJvmLeavesTheOwnersLockInPlaceWhenItCloses() throws Exception {
        try (EmbeddedCluster owner = EmbeddedCluster.open(dataDir, false, Duration.ofSeconds(30))) {
            try (EmbeddedCluster guest = EmbeddedCluster.open(dataDir, true, Duration.ofSeconds(30))) {
                assertThat(guest.owner()).isFalse();
            }
            // POSIX record locks belong to the process: had the guest closed a channel of its own on the lock file, the owner's
            // lock would be gone, and this other process would have taken the running server for a left-over and stopped it
            assertThat(tryFromAnotherProcess(dataDir)).isEqualTo("held");
        }
        assertThat(tryFromAnotherProcess(dataDir)).isEqualTo("owner");
    }

    private static String tryFromAnotherProcess(Path dataDir) throws Exception {
        Process process = holderJvm(dataDir, "--try");
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return out.lines().filter(l -> l.equals("owner") || l.equals("held") || l.equals("failed")).findFirst().orElse(out);
    }

    @Test
    void aServerThatCannotStartIsOneErrorNamingItsLogAndTheWayToRunWithoutIt() throws Exception {
        Path data = EmbeddedCluster.directory(dataDir).resolve("data");
        Files.createDirectories(data);
        Files.writeString(data.resolve("PG_VERSION"), "14\n");
        Files.writeString(data.resolve("postgresql.conf"), "this is not a setting\n"); // a damaged cluster

        assertThatThrownBy(() -> EmbeddedCluster.open(dataDir, false, Duration.ofSeconds(5)))
                .isInstanceOf(IllegalStateException.class)
                .hasNoCause()
                .hasMessageContaining("the embedded PostgreSQL in " + EmbeddedCluster.directory(dataDir) + " did not start")
                .hasMessageContaining(EmbeddedCluster.directory(dataDir).resolve("postgres.log").toString())
                .hasMessageContaining("concord.database.embedded: h2");
        assertThat(Files.readString(EmbeddedCluster.directory(dataDir).resolve("postgres.log"))).contains("postgresql.conf\" contains errors");
        assertThat(tryFromAnotherProcess(dataDir)).as("the failed owner let go of the lock: the next one tries, and fails alike")
                .isEqualTo("failed");
    }

    @Test
    void aPortThatAnotherProgramTookBeforeTheServerBoundItIsOneErrorSayingSoAndTheStartDoesNotHang() throws Exception {
        // Another program listens on the port chosen, as if it had bound it between the choosing and the server's start, and
        // answers nothing: zonky's readiness probe, reaching it instead of PostgreSQL, waited for an answer forever.
        try (java.net.ServerSocket taken = new java.net.ServerSocket()) {
            taken.setReuseAddress(false);
            taken.bind(new java.net.InetSocketAddress("127.0.0.1", LocalPorts.free()));

            assertThatThrownBy(() -> EmbeddedCluster.open(dataDir, false, Duration.ofSeconds(3), taken::getLocalPort))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("the embedded PostgreSQL in " + EmbeddedCluster.directory(dataDir) + " did not start")
                    .hasMessageContaining("port " + taken.getLocalPort() + " on 127.0.0.1, free when it was chosen, was taken by another"
                            + " program before the server could bind it; start again")
                    .hasMessageContaining(EmbeddedCluster.directory(dataDir).resolve("postgres.log").toString());
            assertThat(Files.readString(EmbeddedCluster.directory(dataDir).resolve("postgres.log"))).contains("could not bind");
        }
    }

    @Test
    void theServerListensBelowTheEphemeralRange() throws Exception {
        try (EmbeddedCluster cluster = EmbeddedCluster.open(dataDir, false, Duration.ofSeconds(30))) {
            assertThat(cluster.port()).isBetween(20_000, LocalPorts.ephemeralLow() - 1);
        }
    }

    @Test
    void theEngineIsPostgresqlByDefaultH2WhenAskedOrWhenTheDataDirectoryAlreadyHoldsAnH2StoreAndANameOtherwiseIsRefused()
            throws Exception {
        assertThat(NodeDatabase.postgresBinariesHere()).as("this machine is one the jar ships binaries for").isTrue();
        assertThat(NodeDatabase.embeddedEngine(settings(null))).isEqualTo(NodeDatabase.Engine.POSTGRESQL);
        assertThat(NodeDatabase.embeddedEngine(settings("h2"))).isEqualTo(NodeDatabase.Engine.H2);

        Files.createDirectories(dataDir.resolve("db"));
        Files.writeString(dataDir.resolve("db/concord.mv.db"), "an H2 store made before PostgreSQL was the default");
        assertThat(NodeDatabase.embeddedEngine(settings(null))).as("a node's existing data is not left behind").isEqualTo(NodeDatabase.Engine.H2);
        assertThat(NodeDatabase.embeddedEngine(settings("postgresql"))).isEqualTo(NodeDatabase.Engine.POSTGRESQL);

        assertThatThrownBy(() -> settings("mysql"))
                .isInstanceOf(InvalidInput.class)
                .hasMessageContaining("concord.database.embedded")
                .hasMessageContaining("postgresql or h2, got 'mysql'");
    }

    private NodeSettings settings(String embedded) {
        return new NodeSettings(new NodeSettings.PartySettings("PK", "Pakistan"), java.net.URI.create("https://localhost:8441"), dataDir,
                new NodeSettings.Database(null, null, null, embedded));
    }

    private static String setting(java.sql.Statement statement, String name) throws SQLException {
        try (var result = statement.executeQuery("show " + name)) {
            result.next();
            return result.getString(1);
        }
    }

    private static List<String> rows(EmbeddedCluster cluster) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (var connection = DriverManager.getConnection(cluster.jdbcUrl(), cluster.username(), cluster.password());
                var statement = connection.createStatement();
                var result = statement.executeQuery("select note from kept")) {
            while (result.next()) {
                rows.add(result.getString(1));
            }
        }
        return rows;
    }

    /** {@link EmbeddedClusterHolder} in a JVM of its own, on this test's class path. */
    private static Process holderJvm(Path dataDir, String argument) throws java.io.IOException {
        String javaCommand = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return LocalPorts.passSliceTo(new ProcessBuilder(javaCommand, "-Xmx128m", "-XX:TieredStopAtLevel=1", "-cp",
                System.getProperty("java.class.path"), EmbeddedClusterHolder.class.getName(), dataDir.toString(), argument))
                .redirectErrorStream(true).start();
    }

    /** Starts {@link EmbeddedClusterHolder} in a JVM of its own and waits for its server to be up. */
    private static Process holder(Path dataDir, String note) throws Exception {
        Process process = holderJvm(dataDir, note);
        var reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        String line;
        while ((line = reader.readLine()) != null) {
            seen.append(line).append('\n');
            if (line.startsWith("ready ")) {
                Thread drain = new Thread(() -> {
                    try {
                        reader.transferTo(java.io.Writer.nullWriter());
                    } catch (java.io.IOException e) {
                        // the process ended
                    }
                });
                drain.setDaemon(true);
                drain.start();
                return process;
            }
        }
        throw new AssertionError("the holder ended before its server was up:\n" + seen);
    }
}
