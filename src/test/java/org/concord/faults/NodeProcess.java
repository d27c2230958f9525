package org.concord.faults;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.concord.party.PairingRecord;

/**
 * One node as its own JVM from the packaged jar ({@code java -jar target/concord.jar node --config
 * FILE}), on its own database in the throwaway cluster. Its configuration names, as its public URL,
 * the port of the proxy in front of it, so the partner reaches it only through that proxy; users
 * reach it directly. {@link #kill()} is {@code kill -9}; {@link #stop()} is SIGTERM.
 */
final class NodeProcess {

    final String code;
    final String name;
    final Path dir;
    final int port;
    final int publicPort;
    final String database;
    private final Path jar;
    private final Path log;
    private volatile Process process;
    private HttpClient client;
    int starts;

    NodeProcess(String code, String name, Path dir, int port, int publicPort, String database, Path jar) {
        this.code = code;
        this.name = name;
        this.dir = dir;
        this.port = port;
        this.publicPort = publicPort;
        this.database = database;
        this.jar = jar;
        this.log = dir.resolve("node.log");
    }

    Path config() {
        return dir.resolve("concord.yml");
    }

    Path certificate() {
        return dir.resolve("keys/tls.crt");
    }

    Path logFile() {
        return log;
    }

    String directUrl() {
        return "https://localhost:" + port;
    }

    void writeConfig() throws IOException {
        Files.createDirectories(dir);
        Files.writeString(config(), """
                # A node of the fault campaign (org.concord.faults): partners reach it through a TCP proxy on %d.
                concord:
                  party:
                    code: %s
                    name: "%s"
                  url: https://localhost:%d
                  data-dir: .
                  database:
                    url: %s
                    username: postgres
                    password: faults
                  exchange:
                    pull-interval: PT10S
                server:
                  port: %d
                """.formatted(publicPort, code, name, publicPort, FaultsPostgres.jdbcUrl(database), port));
    }

    /** Runs one {@code concord} command from the jar on this node's configuration; returns its output. */
    String cli(String stdin, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(java(), "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar", jar.toString()));
        command.addAll(List.of(args));
        command.add("--config");
        command.add(config().toString());
        Process cli = org.concord.node.LocalPorts.passSliceTo(new ProcessBuilder(command)).directory(dir.toFile()).redirectErrorStream(true).start();
        if (stdin != null) {
            cli.getOutputStream().write((stdin + "\n").getBytes(StandardCharsets.UTF_8));
        }
        cli.getOutputStream().close();
        String out = new String(cli.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!cli.waitFor(300, TimeUnit.SECONDS) || cli.exitValue() != 0) {
            throw new IllegalStateException(code + ": concord " + String.join(" ", args) + " failed: " + out);
        }
        return out;
    }

    synchronized void start() throws IOException {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException(code + " is already running");
        }
        Files.writeString(log, "---- start " + (++starts) + " at " + java.time.Instant.now() + "\n", StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
        process = org.concord.node.LocalPorts.passSliceTo(new ProcessBuilder(java(), "-Xmx384m", "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC", "-jar", jar.toString(), "node", "--config", config().toString()))
                .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    }

    /** Waits until the node answers {@code /actuator/health} with 200 on its own port. */
    void awaitHealthy(Duration within) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            Process running = process;
            if (running == null || !running.isAlive()) {
                throw new IllegalStateException(code + " stopped while starting; see " + log + ":\n" + tail(40));
            }
            try {
                HttpResponse<String> response = client().send(HttpRequest.newBuilder(URI.create(directUrl() + "/actuator/health"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException(code + " was not healthy within " + within + "; see " + log + ":\n" + tail(40));
    }

    /** {@code kill -9}: no shutdown hook, no graceful end of requests, no flush. */
    void kill() throws InterruptedException {
        Process running = process;
        if (running != null) {
            running.destroyForcibly();
            running.waitFor(30, TimeUnit.SECONDS);
        }
    }

    /** SIGTERM, as an operator stopping the node. */
    void stop() throws InterruptedException {
        Process running = process;
        if (running != null && running.isAlive()) {
            running.destroy();
            if (!running.waitFor(60, TimeUnit.SECONDS)) {
                running.destroyForcibly();
                running.waitFor(30, TimeUnit.SECONDS);
            }
        }
    }

    boolean alive() {
        Process running = process;
        return running != null && running.isAlive();
    }

    long pid() {
        Process running = process;
        return running == null ? -1 : running.pid();
    }

    synchronized HttpClient client() throws Exception {
        if (client == null) {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("node", PairingRecord.certificate(Files.readString(certificate())));
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trust);
            SSLContext ssl = SSLContext.getInstance("TLS");
            ssl.init(null, factory.getTrustManagers(), null);
            client = HttpClient.newBuilder().sslContext(ssl).connectTimeout(Duration.ofSeconds(3))
                    .version(HttpClient.Version.HTTP_1_1).build();
        }
        return client;
    }

    String tail(int lines) {
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    static int freePort() {
        return org.concord.node.LocalPorts.free();
    }

    @Override
    public String toString() {
        return code + " (pid " + pid() + ", port " + port + ", partners reach it at " + publicPort + ")";
    }
}
