package org.concord.node;

import java.net.URI;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * What a node is told about itself, under the {@code concord.*} keys of its configuration file
 * or the matching environment variables ({@code CONCORD_PARTY_CODE}, {@code CONCORD_URL}, ...).
 *
 * @param party    the state this node speaks for
 * @param url      the public HTTPS base URL partners reach this node at
 * @param dataDir  where keys and (by default) the embedded database live
 * @param database where the database is; absent means the embedded default under {@code dataDir}
 */
@ConfigurationProperties("concord")
public record NodeSettings(PartySettings party, URI url, Path dataDir, Database database) {

    public NodeSettings {
        if (party == null) {
            throw new InvalidInput("concord.party", "required", "the state this node speaks for: code and name");
        }
        if (url == null) {
            throw new InvalidInput("concord.url", "required", "the public HTTPS base URL of this node, e.g. https://localhost:8441");
        }
        if (!"https".equalsIgnoreCase(url.getScheme()) || url.getHost() == null) {
            throw new InvalidInput("concord.url", "https-url", "must be an absolute https:// URL with a host, got " + url);
        }
        if (dataDir == null) {
            throw new InvalidInput("concord.data-dir", "required", "the directory for keys and the embedded database");
        }
        database = database == null ? new Database(null, null, null, null) : database;
    }

    /** True when no external database is configured and the node keeps its own database under its data directory. */
    public boolean embeddedDatabase() {
        return database.url() == null || database.url().isBlank();
    }

    /** @param code ISO 3166-1 alpha-2 code; @param name how the party names itself */
    public record PartySettings(String code, String name) {
        private static final Set<String> ISO_CODES = Set.of(Locale.getISOCountries());

        public PartySettings {
            if (code == null || code.isBlank()) {
                throw new InvalidInput("concord.party.code", "required", "the ISO 3166-1 alpha-2 code of this node's state, e.g. PK");
            }
            if (!ISO_CODES.contains(code)) {
                throw new InvalidInput("concord.party.code", "iso-3166-alpha-2",
                        "'" + code + "' is not an upper-case ISO 3166-1 alpha-2 country code, e.g. PK or IR");
            }
            if (name == null || name.isBlank()) {
                throw new InvalidInput("concord.party.name", "required", "how this node's state names itself, e.g. Pakistan");
            }
        }
    }

    /**
     * An external JDBC database, PostgreSQL in production; or, without a URL, the embedded default.
     *
     * @param embedded which embedded database: {@code postgresql} (a PostgreSQL server of the node's own
     *                 under {@code <data-dir>/pg}), {@code h2} (an H2 file under {@code <data-dir>/db}), or
     *                 absent: PostgreSQL, unless the data directory already holds an H2 store or this
     *                 platform has no PostgreSQL binaries in the jar
     */
    public record Database(String url, String username, String password, String embedded) {
        public Database {
            if (embedded != null && !embedded.isBlank() && !embedded.equals("postgresql") && !embedded.equals("h2")) {
                throw new InvalidInput("concord.database.embedded", "one-of", "postgresql or h2, got '" + embedded + "'");
            }
            if (embedded != null && embedded.isBlank()) {
                embedded = null;
            }
        }

        @Override
        public String toString() {
            return "Database[url=" + url + ", username=" + username + ", password=" + (password == null ? "none" : "***")
                    + ", embedded=" + embedded + "]";
        }
    }
}
