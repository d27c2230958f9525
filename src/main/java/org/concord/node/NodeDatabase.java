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
 * an H2 file under {@code <data-dir>/db} in PostgreSQL compatibility mode, so that a user needs
 * nothing installed; with it, any JDBC URL (PostgreSQL in production). H2 runs with
 * {@code AUTO_SERVER} so that the {@code concord} command can reach the file while the node runs.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(NodeSettings.class)
class NodeDatabase {

    @Bean(destroyMethod = "close")
    HikariDataSource dataSource(NodeSettings settings) {
        HikariConfig config = new HikariConfig();
        if (settings.embeddedDatabase()) {
            config.setJdbcUrl(embeddedUrl(settings.dataDir()));
            config.setUsername("sa");
            config.setPassword("");
        } else {
            config.setJdbcUrl(settings.database().url());
            config.setUsername(settings.database().username());
            config.setPassword(settings.database().password());
            if (settings.database().url().startsWith("jdbc:postgresql:")) {
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
        return new HikariDataSource(config);
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
