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
        var flyway = Flyway.configure().dataSource(dataSource).locations("classpath:db/migration/common");
        if (schema != null) {
            flyway = flyway.schemas(schema).createSchemas(true);
        }
        flyway.load().migrate();
        return new MigratedDatabase(dataSource, schema);
    }

    @Override
    public void close() {
        dataSource.close();
        if (schema != null) {
            Postgres.dropSchema(schema);
        }
    }
}
