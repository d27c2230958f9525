package org.concord.node;

import java.util.Locale;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Which database the node runs on, asked once and remembered: PostgreSQL (a server, or the node's own embedded
 * one) or H2. For the few places whose SQL or upkeep differs between the two (statistics refreshed by the node,
 * a predicate PostgreSQL plans better in another form); everything else is written once for both.
 */
@Component
public class DatabaseKind {

    private final JdbcTemplate jdbc;
    private volatile Boolean postgres;

    public DatabaseKind(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Whether the node's database is PostgreSQL; read from the driver's metadata on first use. */
    public boolean postgres() {
        Boolean known = postgres;
        if (known == null) {
            known = jdbc.execute((java.sql.Connection c) -> c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT)
                    .contains("postgres"));
            postgres = known;
        }
        return Boolean.TRUE.equals(known);
    }
}
