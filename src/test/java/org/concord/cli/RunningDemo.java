package org.concord.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code java -jar target/concord.jar demo} as its user starts it, for the tests of the packaged jar:
 * started on free ports, waited for until it says it is running, its nodes read from nodes.json,
 * called with curl as the README does, and stopped with SIGTERM.
 */
final class RunningDemo implements AutoCloseable {

    static final JsonMapper JSON = JsonMapper.builder().build();

    private final Process process;
    private final List<String> output = Collections.synchronizedList(new ArrayList<>());
    private final Path dir;
    final int basePort;
    private final int count;

    private RunningDemo(Process process, Path dir, int basePort, int count) {
        this.process = process;
        this.dir = dir;
        this.basePort = basePort;
        this.count = count;
    }

    /** Starts the demo in {@code dir} with {@code arguments} after {@code --dir} and {@code --base-port}, for {@code count} nodes. */
    static RunningDemo start(Path dir, int count, String... arguments) throws Exception {
        int base = freePorts(count);
        Path jar = Path.of("target/concord.jar").toAbsolutePath();
        assertThat(jar).exists();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-jar", jar.toString(), "demo", "--dir", dir.toString(),
                "--base-port", String.valueOf(base)));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = org.concord.node.LocalPorts.passSliceTo(new ProcessBuilder(command)).redirectErrorStream(true);
        // The demo and the nodes it starts (which inherit the environment) run C1 only, as the suite's test JVMs do: these
        // tests check what the demo does, not how fast (tools/bench/demo-first-start.sh measures that, with the JVM's
        // defaults), and on two cores C2's compile threads cost more than they give a short run (BENCHMARKS.md); with the
        // serial collector, as the test JVMs (G1's concurrent threads took CPU beside them, BENCHMARKS.md, fourteenth stop).
        // -Dconcord.demo.jvm= (empty) runs them with the defaults.
        String jvm = System.getProperty("concord.demo.jvm", "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC");
        if (!jvm.isBlank()) {
            builder.environment().put("JAVA_TOOL_OPTIONS", jvm);
        }
        RunningDemo demo = new RunningDemo(builder.start(), dir, base, count);
        CountDownLatch running = new CountDownLatch(1);
        Thread reader = new Thread(() -> {
            try (var lines = new BufferedReader(new InputStreamReader(demo.process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    demo.output.add(line);
                    // the banner's last line: everything the demo says on starting has been read
                    if (line.startsWith("Press Ctrl-C to stop")) {
                        running.countDown();
                    }
                }
            } catch (java.io.IOException e) {
                // the demo ended
            }
        });
        reader.setDaemon(true);
        reader.start();
        if (!running.await(300, TimeUnit.SECONDS)) {
            String printed = demo.output();
            demo.close();
            throw new AssertionError("the demo did not finish saying it was running within 300 s:\n" + printed);
        }
        return demo;
    }

    /** What the demo printed so far. */
    String output() {
        synchronized (output) {
            return String.join("\n", output);
        }
    }

    List<String> lines() {
        synchronized (output) {
            return List.copyOf(output);
        }
    }

    JsonNode nodes() throws Exception {
        return JSON.readTree(Files.readString(dir.resolve("nodes.json"))).path("nodes");
    }

    /** The node of {@code party} in nodes.json. */
    JsonNode node(String party) throws Exception {
        return StreamSupport.stream(nodes().spliterator(), false).filter(n -> n.path("party").asString().equals(party))
                .findFirst().orElseThrow(() -> new AssertionError("no node " + party + " in nodes.json"));
    }

    /** {@code node}'s user of {@code role}. */
    static JsonNode user(JsonNode node, String role) {
        return StreamSupport.stream(node.path("users").spliterator(), false).filter(u -> u.path("role").asString().equals(role))
                .findFirst().orElseThrow();
    }

    /** curl's options to call {@code node} as its user of {@code role}. */
    static String[] as(JsonNode node, String role) {
        JsonNode user = user(node, role);
        return new String[] {"--cacert", node.path("caCert").asString(), "-u",
            user.path("username").asString() + ":" + user.path("password").asString()};
    }

    /** An HTTP answer: status and body. */
    record Answer(int status, String body) {
    }

    /** curl with {@code options} and {@code url}; the status and body, whatever the status. */
    static Answer call(String[] options, String url, String... more) throws Exception {
        List<String> command = new ArrayList<>(List.of("curl", "-sS", "-w", "\n%{http_code}"));
        command.addAll(List.of(options));
        command.addAll(List.of(more));
        command.add(url);
        Process curl = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(curl.waitFor()).as(out).isZero();
        int cut = out.lastIndexOf('\n');
        return new Answer(Integer.parseInt(out.substring(cut + 1).strip()), out.substring(0, cut));
    }

    /** A JSON POST of {@code body} to {@code url}. */
    static Answer post(String[] options, String url, String body) throws Exception {
        return call(options, url, "-H", "Content-Type: application/json", "--data-binary", body);
    }

    /** A JSON PUT of {@code body} to {@code url}. */
    static Answer put(String[] options, String url, String body) throws Exception {
        return call(options, url, "-X", "PUT", "-H", "Content-Type: application/json", "--data-binary", body);
    }

    /** curl that must succeed (2xx): the body. */
    static String curl(String[] options, String url) throws Exception {
        Answer answer = call(options, url);
        assertThat(answer.status()).as(answer.body()).isBetween(200, 299);
        return answer.body();
    }

    @Override
    public void close() throws Exception {
        process.destroy();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the demo stops on SIGTERM").isTrue();
        for (int port = basePort; port < basePort + count; port++) {
            try (ServerSocket free = new ServerSocket(port)) {
                assertThat(free.getLocalPort()).as("node on port " + port + " stopped").isEqualTo(port);
            }
        }
    }

    /** The first of {@code count} adjacent free ports, below the ephemeral range ({@link org.concord.node.LocalPorts}). */
    static int freePorts(int count) {
        return org.concord.node.LocalPorts.freeRun(count);
    }
}
