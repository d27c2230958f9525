package org.concord.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.concord.ConcordApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A node's application context without its web server, on either store a node may use: for
 * repository and use-case tests that must run on H2 and on PostgreSQL alike.
 */
public final class OfflineNode {

    public enum Store { H2, POSTGRES }

    private OfflineNode() {
    }

    /** Starts PK's context on {@code store}; for POSTGRES in {@code schema} (created if needed). */
    public static ConfigurableApplicationContext start(Store store, Path dataDir, String schema, Map<String, Object> extra) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("concord.party.code", "PK");
        properties.put("concord.party.name", "Pakistan");
        properties.put("concord.url", "https://localhost:8441");
        properties.put("concord.data-dir", dataDir.toString());
        properties.put("logging.level.root", "WARN");
        properties.put("spring.jmx.enabled", "false");
        if (store == Store.POSTGRES) {
            properties.put("concord.database.url", Postgres.urlFor(schema));
            properties.put("concord.database.username", Postgres.USER);
            properties.put("spring.flyway.schemas", schema);
            properties.put("spring.flyway.create-schemas", "true");
        } else {
            properties.put("concord.database.embedded", "h2");
        }
        properties.putAll(extra);
        return new SpringApplicationBuilder(ConcordApplication.class).web(WebApplicationType.NONE)
                .registerShutdownHook(false).run(TestNode.arguments(properties));
    }

    public static ConfigurableApplicationContext start(Store store, String schema) {
        try {
            return start(store, Files.createTempDirectory("concord-" + store.name().toLowerCase() + "-"), schema, Map.of());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
