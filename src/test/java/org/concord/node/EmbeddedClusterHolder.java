package org.concord.node;

import java.nio.file.Path;
import java.sql.DriverManager;

/**
 * A process of its own that opens a data directory's embedded PostgreSQL as its owner, writes the
 * row it is given, says {@code ready}, and waits to be killed ({@link EmbeddedClusterTest}).
 */
public final class EmbeddedClusterHolder {

    public static void main(String[] args) throws Exception {
        if (args[1].equals("--try")) { // says whether this process could become the owner, and lets go at once
            try (EmbeddedCluster cluster = EmbeddedCluster.open(Path.of(args[0]), false, java.time.Duration.ofSeconds(1))) {
                System.out.println("owner");
            } catch (IllegalStateException e) {
                System.out.println(e.getMessage().contains("is held by another process") ? "held" : "failed");
            }
            return;
        }
        EmbeddedCluster cluster = EmbeddedCluster.open(Path.of(args[0]), false);
        try (var connection = DriverManager.getConnection(cluster.jdbcUrl(), cluster.username(), cluster.password());
                var statement = connection.createStatement()) {
            statement.execute("create table if not exists kept (note text)");
            statement.execute("insert into kept values ('" + args[1].replace("'", "''") + "')");
        }
        System.out.println("ready " + cluster.port());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
