package org.concord.node;

import java.nio.file.Files;
import java.nio.file.Path;




import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The one relational store a node keeps everything in. Without {@code concord.database.url} it is
 * the embedded default under the data directory, so that a user needs nothing installed: a
 * PostgreSQL server of the node's own ({@link EmbeddedCluster}), or an H2 file in PostgreSQL
 * compatibility mode where the data directory already holds one, where this platform has no
 * PostgreSQL binaries in the jar, or where {@code concord.database.embedded: h2} asks for it. With a
 * URL, any JDBC database (PostgreSQL in production). H2 runs with {@code AUTO_SERVER}, and the
 * embedded PostgreSQL lets a command join the running node's server, so that the {@code concord}
 * command can reach the store while the node runs.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(NodeSettings.class)
class NodeDatabase {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(NodeDatabase.class);

    /** Set by a {@code concord} command: join the running node's embedded server instead of waiting for it to stop. */
    static final String JOIN_RUNNING = "concord.database.join-running";

    @Bean(destroyMethod = "close")
    HikariDataSource dataSource(NodeSettings settings, org.springframework.core.env.Environment environment) {
        HikariConfig config = new HikariConfig();
        EmbeddedCluster cluster = null;
        if (settings.embeddedDatabase() && embeddedEngine(settings) == Engine.H2) {
            config.setJdbcUrl(embeddedUrl(settings.dataDir()));
            config.setUsername("sa");
            config.setPassword("");
        } else {
            String url;
            if (settings.embeddedDatabase()) {
                cluster = EmbeddedCluster.open(settings.dataDir(), environment.getProperty(JOIN_RUNNING, Boolean.class, false));
                url = cluster.jdbcUrl();
                config.setUsername(cluster.username());
                config.setPassword(cluster.password());
            } else {
                url = settings.database().url();
                config.setUsername(settings.database().username());
                config.setPassword(settings.database().password());
            }
            config.setJdbcUrl(url);
            if (url.startsWith("jdbc:postgresql:")) {
                // One multi-row INSERT per batch instead of one statement per row: several times faster for imports.
                config.addDataSourceProperty("reWriteBatchedInserts", "true");
                // No JIT compilation of queries (PostgreSQL 11 on; where the server has none, nothing is set). The node's
                // statements are short index reads, but their estimated cost passes jit_above_cost when a prepared one runs
                // with a generic plan (its LIMIT unknown) or a partner asks for a large page: then each run compiles itself
                // anew. A partner's page statement of 1,001 rows took 54-58 ms so against 25-33 ms without (psql, generic
                // plan forced; issue 13, BENCHMARKS.md "Partner paging").
                config.setConnectionInitSql("select set_config('jit', 'off', false) from pg_settings where name = 'jit'");
            }
        }
        config.setPoolName("concord-" + settings.party().code());
        int most = Integer.getInteger("concord.database.pool-size", 10);
        config.setMaximumPoolSize(most);
        // A fixed-size pool by default (HikariCP's advice); concord.database.min-idle below it lets a node that is mostly
        // idle hold fewer connections and open the rest when asked, as the test JVMs do, where many nodes share one server.
        config.setMinimumIdle(Math.min(most, Integer.getInteger("concord.database.min-idle", most)));
        // A request waits at most this long for a connection; past it, the caller gets 503 with Retry-After.
        config.setConnectionTimeout(Long.getLong("concord.database.connection-timeout-ms", 10_000));
        if (cluster == null) {
            return new HikariDataSource(config);
        }
        try {
            return new WithCluster(config, cluster);
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    /** The embedded default's two engines. */
    enum Engine { POSTGRESQL, H2 }

    /**
     * Which embedded engine: the one {@code concord.database.embedded} names; else H2 where the data
     * directory already holds an H2 store and no PostgreSQL one (a node made before PostgreSQL became
     * the default keeps its data), or where the jar has no PostgreSQL binaries for this platform;
     * else PostgreSQL.
     */
    static Engine embeddedEngine(NodeSettings settings) {
        String asked = settings.database().embedded();
        if ("h2".equals(asked)) {
            return Engine.H2;
        }
        boolean binaries = postgresBinariesHere();
        if ("postgresql".equals(asked)) {
            if (!binaries) {
                throw new InvalidInput("concord.database.embedded", "platform",
                        "this jar has no PostgreSQL binaries for " + System.getProperty("os.name") + " on " + System.getProperty("os.arch")
                                + "; use h2, or an external database (concord.database.url)");
            }
            return Engine.POSTGRESQL;
        }
        Path dataDir = settings.dataDir().toAbsolutePath().normalize();
        if (Files.exists(dataDir.resolve("db").resolve("concord.mv.db")) && !Files.exists(EmbeddedCluster.directory(dataDir).resolve("data"))) {
            log.info("{} holds an H2 store: the node keeps it (concord.database.embedded: h2)", dataDir.resolve("db"));
            return Engine.H2;
        }
        if (!binaries) {
            log.info("no PostgreSQL binaries in this jar for {} on {}: the embedded database is an H2 file", System.getProperty("os.name"),
                    System.getProperty("os.arch"));
            return Engine.H2;
        }
        return Engine.POSTGRESQL;
    }

    /** Whether zonky's binaries for this operating system and processor are on the class path. */
    static boolean postgresBinariesHere() {
        String os = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT);
        String arch = System.getProperty("os.arch", "").toLowerCase(java.util.Locale.ROOT);
        String system = os.startsWith("linux") ? "linux" : os.startsWith("mac") ? "darwin" : os.startsWith("windows") ? "windows" : os;
        String processor = arch.equals("amd64") || arch.equals("x86_64") ? "x86_64" : arch.equals("aarch64") ? "arm_64" : arch;
        return NodeDatabase.class.getClassLoader().getResource("postgres-" + system + "-" + processor + ".txz") != null;
    }

    /** A pool that stops the node's embedded server once its connections are closed. */
    static final class WithCluster extends HikariDataSource {
        private final EmbeddedCluster cluster;

        WithCluster(HikariConfig config, EmbeddedCluster cluster) {
            super(config);
            this.cluster = cluster;
        }

        @Override
        public void close() {
            try {
                super.close();
            } finally {
                cluster.close();
            }
        }
    }

    static String embeddedUrl(Path dataDir) {
        Path dir = dataDir.toAbsolutePath().normalize().resolve("db");
        try {
            Files.createDirectories(dir);
            OwnerOnly.restrictDirectory(dir);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot create the database directory " + dir + ": " + e.getMessage(), e);
        }
        return "jdbc:h2:file:" + dir.resolve("concord")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;AUTO_SERVER=TRUE;CACHE_SIZE=" + cacheKilobytes();
    }

    /**
     * H2's page cache, in KB: an eighth of the heap, between H2's default 16 MB and 256 MB. Every
     * write looks its ids up in, and inserts them into, an index ordered by random ids (STIX ids are
     * UUIDs); with the default 16 MB, a store of 100,000 objects no longer kept that index in memory and
     * each write read its pages back from the file, so ingest slowed as the store grew (issue 13).
     */
    static long cacheKilobytes() {
        long eighth = Runtime.getRuntime().maxMemory() / 8 / 1024;
        return Math.max(16 * 1024, Math.min(256 * 1024, eighth));
    }

}
