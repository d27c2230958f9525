package org.concord.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.concord.ConcordApplication;
import org.concord.party.NodeIdentity;
import org.concord.party.Role;
import org.concord.party.UserAccounts;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * One real node started inside the test JVM: its own HTTPS port, its own data directory with its
 * own keys, and (by default) its own schema in the real PostgreSQL. It has one user per role,
 * whose passwords {@link #password} gives.
 */
public final class TestNode implements AutoCloseable {

    public enum Store { POSTGRES, H2 }

    private final String code;
    private final Path dataDir;
    private final int port;
    private final String schema;
    private final ConfigurableApplicationContext context;
    private final Map<Role, String> passwords = new EnumMap<>(Role.class);

    private TestNode(String code, Path dataDir, int port, String schema, ConfigurableApplicationContext context) {
        this.code = code;
        this.dataDir = dataDir;
        this.port = port;
        this.schema = schema;
        this.context = context;
    }

    public static TestNode start(String code, String name, Store store) {
        return start(code, name, store, null, null, Map.of());
    }

    /**
     * Starts a node. Passing an existing {@code dataDir} and {@code schema} starts a second instance
     * of the same node (same keys, same database).
     */
    public static TestNode start(String code, String name, Store store, Path dataDir, String schema, Map<String, Object> extra) {
        return start(code, name, store, dataDir, schema, extra, null);
    }

    /**
     * As {@link #start(String, String, Store, Path, String, Map)}, with the node's {@link java.time.Clock}
     * replaced by {@code clock} (e.g. a {@link MovableClock}) so that tests move time instead of sleeping.
     */
    public static TestNode start(String code, String name, Store store, Path dataDir, String schema, Map<String, Object> extra,
            java.time.Clock clock) {
        long began = System.nanoTime();
        try {
            Path dir = dataDir != null ? dataDir : Files.createTempDirectory("concord-" + code.toLowerCase() + "-");
            boolean portGiven = extra.containsKey("server.port");
            int port = portGiven ? Integer.parseInt(extra.get("server.port").toString()) : freePort();
            Map<String, Object> properties = new LinkedHashMap<>();
            properties.put("concord.party.code", code);
            properties.put("concord.party.name", name);
            properties.put("concord.url", "https://localhost:" + port);
            properties.put("concord.data-dir", dir.toString());
            properties.put("server.port", port);
            properties.put("spring.jmx.enabled", "false");
            // Tests run scheduled work by calling it, never by waiting for it.
            properties.put("concord.scheduling.enabled", "false");
            properties.put("concord.exchange.deliver-on-commit", "false");
            properties.put("logging.level.root", "WARN");
            properties.put("logging.level.org.concord", "INFO");
            String usedSchema = null;
            if (store == Store.POSTGRES) {
                usedSchema = schema != null ? schema : Postgres.newSchema(code);
                properties.put("concord.database.url", Postgres.urlFor(usedSchema));
                properties.put("concord.database.username", Postgres.USER);
                properties.put("spring.flyway.schemas", usedSchema);
                properties.put("spring.flyway.create-schemas", "true");
            } else {
                // The embedded default is PostgreSQL now; H2 is still a supported embedded database, and these tests keep it
                properties.put("concord.database.embedded", "h2");
            }
            properties.putAll(extra);
            SpringApplicationBuilder builder = new SpringApplicationBuilder(ConcordApplication.class);
            if (clock != null) {
                builder.initializers(context -> context.getBeanFactory().registerSingleton("clock", clock));
            }
            ConfigurableApplicationContext context;
            for (int attempt = 1; ; attempt++) {
                try {
                    context = builder
                            .web(WebApplicationType.SERVLET)
                            .registerShutdownHook(false)
                            .run(arguments(properties));
                    break;
                } catch (RuntimeException e) {
                    // The port was free when chosen (below the ephemeral range, see LocalPorts), but another listener may
                    // have bound it before Tomcat did. Another port.
                    if (portGiven || attempt == 3 || !portInUse(e)) {
                        throw e;
                    }
                    port = freePort();
                    properties.put("concord.url", "https://localhost:" + port);
                    properties.put("server.port", port);
                }
            }
            TestNode node = new TestNode(code, dir, port, usedSchema, context);
            node.ensureUsers();
            recordStart(code, store, began);
            return node;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * One line per node started, in {@code target/node-starts.log}: how many nodes the suite starts and what their starts
     * cost, which is a large part of the suite's time (BENCHMARKS.md, "What the suite spends its CPU on, and two cuts").
     */
    private static void recordStart(String code, Store store, long began) {
        try {
            Path log = Path.of("target", "node-starts.log");
            if (Files.isDirectory(log.getParent())) {
                Files.writeString(log, ProcessHandle.current().pid() + " " + code + " " + store + " "
                        + (System.nanoTime() - began) / 1_000_000 + " ms\n", java.nio.file.StandardOpenOption.CREATE,
                        java.nio.file.StandardOpenOption.APPEND);
            }
        } catch (IOException e) {
            // a measurement only
        }
    }

    private static final Map<String, String> HASHES = new java.util.concurrent.ConcurrentHashMap<>();
    /** The id under which the node's password encoder keeps Argon2id hashes ({@code Passwords.ARGON2}). */
    private static final String LIGHT_ARGON2_ID = "{argon2@SpringSecurity_v5_8}";
    private static final org.springframework.security.crypto.argon2.Argon2PasswordEncoder LIGHT_ARGON2 =
            new org.springframework.security.crypto.argon2.Argon2PasswordEncoder(16, 32, 1, 64, 1);

    private void ensureUsers() {
        UserAccounts accounts = bean(UserAccounts.class);
        for (Role role : Role.values()) {
            String username = username(role);
            String password = "pw-" + code.toLowerCase() + "-" + role.name().toLowerCase() + "-0123456789";
            if (!accounts.exists(username)) {
                // As UserAccounts.add stores it, but hashed once per password in this JVM and with Argon2id's
                // lightest parameters (64 KiB, one pass), which the hash carries and the node reads back when it
                // checks a login: an account as a node configured lighter would have made it. With the node's
                // own 16 MiB, hashing and then checking these passwords on every node the suite starts took a
                // fifth of the test JVMs' CPU (BENCHMARKS.md, "The suite's CPU"). Accounts made through the API,
                // the CLI and the console still get the node's parameters, and their tests check them.
                bean(org.concord.party.persistence.UserTable.class).insert(username,
                        HASHES.computeIfAbsent(password, p -> LIGHT_ARGON2_ID + LIGHT_ARGON2.encode(p)), Set.of(role), "test");
                bean(org.concord.audit.AuditLog.class).record("test", "user.added", username, "roles " + Set.of(role));
            }
            passwords.put(role, password);
        }
    }

    public String username(Role role) {
        return code.toLowerCase() + "-" + role.name().toLowerCase();
    }

    public String password(Role role) {
        return passwords.get(role);
    }

    public String code() {
        return code;
    }

    public int port() {
        return port;
    }

    public String url() {
        return "https://localhost:" + port;
    }

    public Path dataDir() {
        return dataDir;
    }

    public String schema() {
        return schema;
    }

    public NodeIdentity identity() {
        return bean(NodeIdentity.class);
    }

    /** The node's application context (which is also its event publisher). */
    public ConfigurableApplicationContext context() {
        return context;
    }

    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    public Path certificateFile() {
        return dataDir.resolve("keys/tls.crt");
    }

    public Path keyFile() {
        return dataDir.resolve("keys/tls.key");
    }

    @Override
    public void close() {
        context.close();
    }

    /** As command-line arguments, so that they win over application.yml as a node's own file would. */
    public static String[] arguments(Map<String, Object> properties) {
        return properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
    }

    private static boolean portInUse(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof org.springframework.boot.web.server.PortInUseException) {
                return true;
            }
        }
        return false;
    }

    static int freePort() {
        return org.concord.node.LocalPorts.free();
    }
}
