package org.concord.testing;

import java.io.IOException;
import java.nio.file.Files;

import org.flywaydb.core.Flyway;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

/**
 * A database with the common migrations applied and no node around it, for tests of one table's code on both
 * databases: a new schema of the test PostgreSQL, or a new H2 file with the node's URL settings. Closing it closes
 * the pool and drops the schema.
 */
public record MigratedDatabase(HikariDataSource dataSource, String schema) implements AutoCloseable {

    /** The two databases a node may use. */
    public enum Store { H2, POSTGRES }

    /** A new, migrated database of {@code store}; {@code prefix} names its schema or file. */
    public static MigratedDatabase open(Store store, String prefix) throws IOException {
        return open(store, prefix, null);
    }

    /**
     * A new database of {@code store} migrated up to version {@code target} (all of them if null), for a test of a
     * migration on the rows an older node left: {@link #migrate()} then applies the rest.
     */
    public static MigratedDatabase open(Store store, String prefix, String target) throws IOException {
        HikariConfig config = new HikariConfig();
        String schema = null;
        if (store == Store.POSTGRES) {
            schema = Postgres.newSchema(prefix);
            config.setJdbcUrl(Postgres.urlFor(schema));
            config.setUsername(Postgres.USER);
        } else {
            config.setJdbcUrl("jdbc:h2:file:" + Files.createTempDirectory(prefix + "-h2-").resolve("db")
                    + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH");
            config.setUsername("sa");
        }
        HikariDataSource dataSource = new HikariDataSource(config);
        MigratedDatabase database = new MigratedDatabase(dataSource, schema);
        var flyway = database.flyway();
        if (target != null) {
            flyway = flyway.target(target);
        }
        flyway.load().migrate();
        return database;
    }

    /** Applies every migration not yet applied. */
    public void migrate() {
        flyway().load().migrate();
    }

    private org.flywaydb.core.api.configuration.FluentConfiguration flyway() {
        var flyway = Flyway.configure().dataSource(dataSource).locations("classpath:db/migration/common");
        return schema == null ? flyway : flyway.schemas(schema).createSchemas(true);
    }

    @Override
    public void close() {
        dataSource.close();
        if (schema != null) {
            Postgres.dropSchema(schema);
        }
    }
}
