package org.concord.cli;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.concord.node.OwnerOnly;
import org.concord.party.NodeIdentity;
import org.concord.party.PairingRecord;
import org.concord.party.Role;
import org.concord.party.UserAccounts;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The two-node demo: PK (Pakistan) on https://localhost:8441 and IR (Iran) on
 * https://localhost:8442, each with its own data directory and embedded database, paired with each
 * other through the same pairing records officers would exchange, with one user per role each.
 * Everything a script needs to reach them is written to {@code nodes.json}.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Starts paired nodes on this machine, by default PK on https://localhost:8441 and IR on https://localhost:8442",
            "(--parties PK,IR,AF adds AF on 8443, all three paired with each other), and runs until Ctrl-C.",
            "Credentials and certificate paths of every node are written to DIR/nodes.json.",
            "Running it again keeps the data; --reset starts afresh."})
class DemoCommand implements Callable<Integer> {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** The set-up the demo leaves in a node's data directory for the node to apply as it starts. */
    static final String SETUP_FILE = "demo-setup.json";

    @Option(names = "--dir", paramLabel = "DIR", defaultValue = "data/demo", description = "Where the demo keeps its data (default: ${DEFAULT-VALUE}).")
    Path dir;

    @Option(names = "--reset", description = "Delete DIR first and start with new keys, users and data.")
    boolean reset;

    @Option(names = "--base-port", paramLabel = "PORT", defaultValue = "8441",
            description = "PK listens on PORT and IR on PORT+1 (default: ${DEFAULT-VALUE}).")
    int basePort;

    @Option(names = "--parties", paramLabel = "CODES", defaultValue = "PK,IR", split = ",",
            description = {"The states whose nodes the demo starts, paired with each other in a full mesh, on PORT, PORT+1, ...",
                "in this order; from " + KNOWN + " (default: ${DEFAULT-VALUE}). PK,IR,AF adds Afghanistan",
                "and the Chaman exercise between PK and AF."})
    List<String> parties;

    @Option(names = "--setup-only", description = "Prepare keys, pairing, users and nodes.json, then exit without starting the nodes.")
    boolean setupOnly;

    record DemoNode(String code, String name, int port) {
        String slug() {
            return code.toLowerCase(java.util.Locale.ROOT);
        }

        String url() {
            return "https://localhost:" + port;
        }
    }

    private List<DemoNode> nodes;

    /** The states the demo knows, with their nodes' names. */
    private static final Map<String, String> NAMES = Map.of(
            "PK", "Pakistan \u2014 Ministry of Foreign Affairs liaison cell",
            "IR", "Islamic Republic of Iran \u2014 Ministry of Foreign Affairs liaison cell",
            "AF", "Afghanistan \u2014 Ministry of Foreign Affairs liaison cell");
    private static final String KNOWN = "PK, IR and AF";

    static List<DemoNode> nodes(int basePort) {
        return nodes(basePort, List.of("PK", "IR"));
    }

    /**
     * The demo's nodes for {@code parties}, in that order, on consecutive ports from {@code basePort}.
     *
     * @throws org.concord.node.InvalidInput naming {@code --parties} for an unknown or repeated code,
     *         or fewer than two
     */
    static List<DemoNode> nodes(int basePort, List<String> parties) {
        List<DemoNode> nodes = new ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (String raw : parties) {
            String code = raw.strip().toUpperCase(java.util.Locale.ROOT);
            if (!NAMES.containsKey(code)) {
                throw new org.concord.node.InvalidInput("--parties", "known-party",
                        "the demo knows " + KNOWN + "; got '" + raw.strip() + "'");
            }
            if (!seen.add(code)) {
                throw new org.concord.node.InvalidInput("--parties", "unique", code + " is given twice");
            }
            nodes.add(new DemoNode(code, NAMES.get(code), basePort + nodes.size()));
        }
        if (nodes.size() < 2) {
            throw new org.concord.node.InvalidInput("--parties", "at-least-two", "a demo needs two states at least, got " + nodes.size());
        }
        if (basePort + nodes.size() - 1 > 65535) {
            throw new org.concord.node.InvalidInput("--base-port", "port", "the last node's port " + (basePort + nodes.size() - 1)
                    + " is above 65535");
        }
        return List.copyOf(nodes);
    }

    @Override
    public Integer call() throws Exception {
        dir = dir.toAbsolutePath().normalize();
        if (basePort < 1 || basePort > 65534) {
            throw new org.concord.node.InvalidInput("--base-port", "port", "must be from 1 to 65534, got " + basePort);
        }
        nodes = nodes(basePort, parties == null ? List.of("PK", "IR") : parties);
        if (reset && Files.exists(dir)) {
            deleteTree(dir);
            System.out.println("Removed " + dir);
        }
        OwnerOnly.restrictDirectory(dir);
        Path nodesFile = dir.resolve("nodes.json");
        JsonNode previous = Files.exists(nodesFile) ? JSON.readTree(Files.readString(nodesFile)) : null;

        // Keys first, without starting a node: each node's pairing record is needed by all the others.
        Map<String, ConfigFile> configs = new LinkedHashMap<>();
        Map<String, PairingRecord> records = new LinkedHashMap<>();
        Map<String, NodeFiles> files = new LinkedHashMap<>();
        for (DemoNode node : nodes) {
            ConfigFile config = ConfigFile.read(writeConfig(node));
            configs.put(node.code(), config);
            NodeIdentity identity = NodeIdentity.inDataDirectory(config.nodeSettings(), java.time.Clock.systemUTC());
            records.put(node.code(), identity.pairingRecord());
            Path keys = NodeIdentity.keyDirectory(config.dataDir());
            files.put(node.code(), new NodeFiles(keys.resolve("tls.crt"), keys.resolve("tls.key")));
        }

        // Then what each node's store needs (pairing, seed, users, passwords decided here, so that
        // nodes.json can carry them), applied by each node in its own process as it starts; with
        // --setup-only here, one context after the other (Spring's logging is one per JVM).
        Map<String, DemoSetup> setups = new LinkedHashMap<>();
        Map<String, ObjectNode> written = new LinkedHashMap<>();
        for (DemoNode node : nodes) {
            DemoSetup setup = setup(node, records, previous);
            setups.put(node.code(), setup);
            written.put(node.code(), entry(node, configs.get(node.code()), records, files.get(node.code()), setup));
        }
        if (setupOnly) {
            for (DemoNode node : nodes) {
                try (var context = NodeContexts.offline(configs.get(node.code()))) {
                    setups.get(node.code()).applyTo(context);
                }
            }
        }
        ObjectNode out = JSON.createObjectNode();
        ArrayNode nodesOut = out.putArray("nodes");
        for (DemoNode node : nodes) {
            nodesOut.add(written.get(node.code()));
        }
        OwnerOnly.write(nodesFile, (JSON.writerWithDefaultPrettyPrinter().writeValueAsString(out) + "\n").getBytes(StandardCharsets.UTF_8));
        if (setupOnly) {
            System.out.println("Demo prepared in " + dir + "; credentials in " + nodesFile);
            return 0;
        }
        Map<String, Path> setupFiles = new LinkedHashMap<>();
        for (DemoNode node : nodes) {
            Path file = configs.get(node.code()).dataDir().resolve(SETUP_FILE);
            setups.get(node.code()).write(file);
            setupFiles.put(node.code(), file);
        }
        return run(configs, setupFiles, nodesFile);
    }

    record NodeFiles(Path certificate, Path key) {
    }

    /** What {@code node}'s store needs: pairing with every other demo node, and its users with their passwords. */
    private DemoSetup setup(DemoNode node, Map<String, PairingRecord> records, JsonNode previous) {
        List<PairingRecord> partners = nodes.stream().filter(other -> !other.equals(node)).map(other -> records.get(other.code())).toList();
        List<DemoSetup.User> users = new ArrayList<>();
        for (Role role : Role.values()) {
            String username = node.slug() + "-" + role.name().toLowerCase(java.util.Locale.ROOT);
            String password = previousPassword(previous, node.code(), username);
            // a password nodes.json no longer holds is made anew, and set on the account if it exists
            users.add(password == null ? new DemoSetup.User(username, role, UserAccounts.generatePassword(), true)
                    : new DemoSetup.User(username, role, password, false));
        }
        return new DemoSetup(partners, users);
    }

    /** {@code node}'s entry of nodes.json. */
    private static ObjectNode entry(DemoNode node, ConfigFile config, Map<String, PairingRecord> records, NodeFiles nodeFiles,
            DemoSetup setup) {
        ObjectNode nodeOut = JSON.createObjectNode();
        nodeOut.put("party", node.code());
        nodeOut.put("name", node.name());
        nodeOut.put("url", node.url());
        nodeOut.put("caCert", nodeFiles.certificate().toString());
        nodeOut.put("clientCert", nodeFiles.certificate().toString());
        nodeOut.put("clientKey", nodeFiles.key().toString());
        nodeOut.put("config", config.path().toString());
        nodeOut.put("certificateFingerprint", records.get(node.code()).fingerprint().toString());
        ArrayNode users = nodeOut.putArray("users");
        for (DemoSetup.User user : setup.users()) {
            ObjectNode out = users.addObject();
            out.put("username", user.username());
            out.put("password", user.password());
            out.put("role", user.role().name());
        }
        return nodeOut;
    }

    private int run(Map<String, ConfigFile> configs, Map<String, Path> setupFiles, Path nodesFile) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        String jar = System.getProperty("java.class.path");
        if (jar == null || !jar.endsWith(".jar") || jar.contains(File.pathSeparator)) {
            throw new IllegalStateException("the demo starts each node as 'java -jar concord.jar node'; run it through ./concord demo");
        }
        List<Process> processes = new ArrayList<>();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(processes), "concord-demo-stop"));
        // the class-data archive the concord script started this JVM with (if any) starts the nodes faster too
        List<String> command = new ArrayList<>(List.of(java));
        ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> a.startsWith("-XX:SharedArchiveFile=") || a.startsWith("-Xlog:cds")).forEach(command::add);
        command.add("-jar");
        command.add(jar);
        for (DemoNode node : nodes) {
            List<String> nodeCommand = new ArrayList<>(command);
            nodeCommand.addAll(List.of("node", "--config", configs.get(node.code()).path().toString(),
                    NodeCommand.DEMO_SETUP, setupFiles.get(node.code()).toString()));
            ProcessBuilder builder = new ProcessBuilder(nodeCommand).redirectErrorStream(true);
            Process process = builder.start();
            processes.add(process);
            Thread pump = new Thread(() -> prefix(node.code(), process), "concord-demo-" + node.slug());
            pump.setDaemon(true);
            pump.start();
        }
        for (DemoNode node : nodes) {
            waitUntilHealthy(node, configs.get(node.code()), processes);
        }
        System.out.println();
        System.out.println("Concord demo is running:");
        for (DemoNode node : nodes) {
            System.out.println("  " + node.code() + "  " + node.url() + "   " + node.name());
        }
        System.out.println("Consoles (log in as the liaison officer; every user and password is in " + nodesFile.getFileName() + "):");
        JsonNode written = JSON.readTree(Files.readString(nodesFile)).path("nodes");
        for (JsonNode node : written) {
            for (JsonNode user : node.path("users")) {
                if (user.path("role").asString().equals("LIAISON")) {
                    System.out.println("  " + node.path("party").asString() + "  " + node.path("url").asString() + "/   user "
                            + user.path("username").asString() + "   password " + user.path("password").asString());
                }
            }
        }
        System.out.println("Users, passwords and certificate paths: " + nodesFile);
        List<String> codes = nodes.stream().map(DemoNode::code).toList();
        if (codes.contains("PK") && codes.contains("IR")) {
            System.out.println("Weekly test call: PK calls IR every Tuesday at 11:00 Asia/Karachi, answered within 30 min"
                    + " (GET /api/hotline/tests/schedule)");
        }
        if (codes.contains("PK") && codes.contains("AF")) {
            System.out.println("Exercise (invented, labelled so): PK's patrol notice at Chaman, AF's protected crossing and PK's"
                    + " request to AF (docs/deconfliction.md, 'The Chaman exercise')");
        }
        DemoNode first = nodes.get(0);
        DemoNode second = nodes.get(1);
        System.out.println(first.code() + " calling " + second.code() + " as a partner over mutual TLS:");
        System.out.println("  curl --cacert " + configs.get(second.code()).dataDir().resolve("keys/tls.crt")
                + " --cert " + configs.get(first.code()).dataDir().resolve("keys/tls.crt")
                + " --key " + configs.get(first.code()).dataDir().resolve("keys/tls.key") + " " + second.url() + "/api/whoami");
        System.out.println(nodes.size() == 2 ? "Press Ctrl-C to stop both nodes." : "Press Ctrl-C to stop the nodes.");
        for (Process process : processes) {
            int code = process.waitFor();
            if (code != 0 && code != 143 && code != 130) {
                System.err.println("concord: error: a demo node stopped with exit code " + code + "; see its log above");
                stop(processes);
                return 1;
            }
        }
        return 0;
    }

    private static void waitUntilHealthy(DemoNode node, ConfigFile config, List<Process> processes) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry(node.slug(), PairingRecord.certificate(Files.readString(config.dataDir().resolve("keys/tls.crt"))));
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trust);
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(null, factory.getTrustManagers(), null);
        HttpClient client = HttpClient.newBuilder().sslContext(ssl).connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
        while (System.nanoTime() < deadline) {
            if (processes.stream().anyMatch(p -> !p.isAlive())) {
                throw new IllegalStateException("node " + node.code() + " did not start; see its log above");
            }
            try {
                var response = client.send(HttpRequest.newBuilder(URI.create(node.url() + "/actuator/health")).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("node " + node.code() + " did not become healthy within 180 s");
    }

    private static void stop(List<Process> processes) {
        if (processes.stream().anyMatch(Process::isAlive)) {
            System.out.println("Stopping the demo nodes...");
        }
        for (Process process : processes) {
            process.destroy();
        }
        for (Process process : processes) {
            try {
                if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void prefix(String code, Process process) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                System.out.println("[" + code + "] " + line);
            }
        } catch (IOException e) {
            // the node is gone
        }
    }

    private Path writeConfig(DemoNode node) throws IOException {
        Path nodeDir = dir.resolve(node.slug());
        OwnerOnly.restrictDirectory(nodeDir);
        Path file = nodeDir.resolve("concord.yml");
        {
            String yaml = """
                    # Demo node %s, written by 'concord demo' on every run. Paths are relative to this file.
                    concord:
                      party:
                        code: %s
                        name: "%s"
                      url: %s
                      data-dir: .
                      sharing:
                        amber: [%s]          # the partners that may read TLP:AMBER; CLEAR and GREEN are shared anyway
                      exchange:
                        pull-interval: PT10S  # how often this node pulls the partner's intel collection
                    server:
                      port: %d
                    """.formatted(node.code(), node.code(), node.name(), node.url(),
                    String.join(", ", nodes.stream().filter(n -> !n.equals(node)).map(DemoNode::code).toList()), node.port());
            Files.writeString(file, yaml);
        }
        return file;
    }

    private static String previousPassword(JsonNode previous, String code, String username) {
        if (previous == null) {
            return null;
        }
        for (JsonNode node : previous.path("nodes")) {
            if (code.equals(node.path("party").asString(""))) {
                for (JsonNode user : node.path("users")) {
                    if (username.equals(user.path("username").asString(""))) {
                        return user.path("password").asString(null);
                    }
                }
            }
        }
        return null;
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
