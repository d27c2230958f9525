package org.concord.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;

import org.concord.demo.January2024;
import org.concord.testing.Browser;
import org.openqa.selenium.By;
import org.concord.node.NodeSettings;
import org.concord.party.keys.FileNodeIdentity;
import org.concord.testing.Eventually;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The README's first command, end to end, on the packaged jar: {@code concord demo} starts PK and IR
 * as two real processes; curl with PK's files from nodes.json gets IR's /api/whoami answering PK;
 * curl with a freshly generated, unpaired certificate is refused; SIGTERM stops both nodes.
 */
class DemoIT {

    @TempDir
    static Path dir;

    static RunningDemo demo;

    @BeforeAll
    static void startTheDemo() throws Exception {
        demo = RunningDemo.start(dir.resolve("data/demo"), 2);
    }

    @AfterAll
    static void stopTheDemo() throws Exception {
        if (demo != null) {
            demo.close();
        }
    }

    @Test
    void theDemoRunsTwoPairedNodesThatRecogniseEachOtherAndNobodyElse() throws Exception {
        {
            JsonNode nodes = demo.nodes();
            JsonNode pk = nodes.get(0);
            JsonNode ir = nodes.get(1);
            assertThat(pk.path("party").asString()).isEqualTo("PK");
            // the two consoles, each with its liaison officer's login, are printed for the person who started the demo
            String pkLiaisonPassword = StreamSupport.stream(pk.path("users").spliterator(), false)
                    .filter(u -> u.path("role").asString().equals("LIAISON")).findFirst().orElseThrow().path("password").asString();
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                assertThat(demo.lines()).anySatisfy(line -> assertThat(line).contains(pk.path("url").asString() + "/")
                        .contains("password " + pkLiaisonPassword));
            });

            String whoami = curl("--cacert", ir.path("caCert").asString(), "--cert", pk.path("clientCert").asString(),
                    "--key", pk.path("clientKey").asString(), ir.path("url").asString() + "/api/whoami");
            assertThat(whoami).contains("\"kind\":\"partner\"").contains("\"party\":\"PK\"");

            Path stranger = dir.resolve("stranger");
            FileNodeIdentity.loadOrCreate(new NodeSettings(new NodeSettings.PartySettings("AF", "Stranger"),
                    URI.create("https://localhost:1"), stranger, null), Clock.systemUTC());
            Process refused = new ProcessBuilder("curl", "-sS", "--cacert", ir.path("caCert").asString(),
                    "--cert", stranger.resolve("keys/tls.crt").toString(), "--key", stranger.resolve("keys/tls.key").toString(),
                    ir.path("url").asString() + "/api/whoami").redirectErrorStream(true).start();
            String refusal = new String(refused.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(refused.waitFor()).as(refusal).isNotZero();
            assertThat(refusal).doesNotContain("\"party\"");

            JsonNode viewer = ir.path("users").get(3);
            String user = curl("--cacert", ir.path("caCert").asString(), "-u", viewer.path("username").asString() + ":"
                    + viewer.path("password").asString(), ir.path("url").asString() + "/api/whoami");
            assertThat(user).contains("\"username\":\"ir-viewer\"").contains("VIEWER");

            // IR pulls PK's intel on its schedule (every 10 s in the demo): PK's view of Jaish al-Adl arrives, its
            // TLP:RED reporting does not.
            String pkIdentity = JsonMapper.builder().build().readTree(Files.readString(
                    dir.resolve("data/demo/pk/keys/identity.json"))).path("id").asString();
            String[] asViewer = {"--cacert", ir.path("caCert").asString(), "-u", viewer.path("username").asString() + ":"
                    + viewer.path("password").asString()};
            String irIntel = Eventually.value("IR pulls PK's intel", Duration.ofSeconds(60), Duration.ofSeconds(1),
                    () -> RunningDemo.curl(asViewer, ir.path("url").asString() + "/api/intel/objects?limit=1000"),
                    body -> body.contains(pkIdentity));
            assertThat(irIntel).contains(pkIdentity).contains("Operation Marg Bar Sarmachar").contains("BLF safe houses")
                    .doesNotContain("Unattributed cell");

            // The January 2024 scenario the demo seeds: PK's report of Iran's strike of 16 January reaches IR
            // through PK's outbox.
            String report = Eventually.value("IR holds PK's report of the strike of 16 January", Duration.ofSeconds(120),
                    Duration.ofSeconds(1),
                    () -> RunningDemo.curl(asViewer, ir.path("url").asString() + "/api/incidents/" + January2024.STRIKE_OF_16_JANUARY),
                    body -> body.contains("\"reporter\":\"PK\""));
            assertThat(report).contains("Panjgur");

            // The console opens on the January 2024 case: IR's liaison officer finds the counterfactual requests
            // closed, the ministers' call of 19 January arranged over the hotline, and the strikes on the map.
            JsonNode irLiaison = StreamSupport.stream(ir.path("users").spliterator(), false)
                    .filter(u -> u.path("role").asString().equals("LIAISON")).findFirst().orElseThrow();
            try (Browser chrome = Browser.open(1400, 900)) {
                String url = ir.path("url").asString();
                chrome.logIn(url, irLiaison.path("username").asString(), irLiaison.path("password").asString());
                chrome.screenshot("demo-desk");
                var driver = chrome.driver();
                Eventually.value("IR's console lists both counterfactual requests, closed", Duration.ofSeconds(120),
                        Duration.ofSeconds(1), () -> {
                            driver.get(url + "/console/cases?type=request&state=Closed");
                            return driver.findElements(By.cssSelector("#case-list tbody tr")).stream()
                                    .map(r -> r.getAttribute("data-case-id")).toList();
                        }, ids -> ids.containsAll(List.of(January2024.IR_ASKS_PK_TO_ACT.value(), January2024.PK_ASKS_IR_TO_ACT.value())));
                chrome.screenshot("demo-cases");
                Eventually.value("IR's console lists the hotline exchange of 19 January", Duration.ofSeconds(120),
                        Duration.ofSeconds(1), () -> {
                            driver.get(url + "/console/cases?type=call");
                            return driver.findElements(By.cssSelector("#case-list tbody tr")).stream()
                                    .map(r -> r.getAttribute("data-case-id")).toList();
                        }, ids -> ids.containsAll(List.of(January2024.MINISTERS_CALL_ASKED.value(),
                                January2024.MINISTERS_CALL_AGREED.value())));
                driver.get(url + "/console/cases/" + January2024.PK_ASKS_IR_TO_ACT.value());
                assertThat(chrome.waitFor(Duration.ofSeconds(10), By.id("state")).getText()).isEqualTo("Closed");
                assertThat(driver.getPageSource()).contains("Counterfactual");
                chrome.screenshot("demo-case-request");
                driver.get(url + "/console/map");
                Eventually.value("the strikes of 16 and 18 January on IR's map", Duration.ofSeconds(30), Duration.ofMillis(500),
                        () -> String.valueOf(driver.executeAsyncScript("""
                                const done = arguments[arguments.length - 1];
                                fetch('/console/map/layers/incidents').then(r => r.text()).then(done, e => done(String(e)));""")),
                        layer -> layer.contains(January2024.STRIKE_OF_16_JANUARY.value())
                                && layer.contains(January2024.STRIKES_OF_18_JANUARY.value()));
                Thread.sleep(1500); // the layers draw
                chrome.screenshot("demo-map");
                driver.get(url + "/console/hotline");
                assertThat(chrome.waitFor(Duration.ofSeconds(10), By.tagName("main")).getText()).contains("Jilani");
                chrome.screenshot("demo-hotline");
                driver.get(url + "/console/health");
                assertThat(chrome.waitFor(Duration.ofSeconds(10), By.tagName("main")).getText()).contains("2024-01");
                chrome.screenshot("demo-health");
            }
        }
    }

    /**
     * The README's shell examples that talk to the demo, run as written by bash in a directory where
     * {@code data/demo} is this demo's and {@code ./concord} runs the packaged jar; only the ports are
     * this run's (the README's 8441 and 8442 are the defaults). curl fails on an HTTP error (as if
     * {@code --fail-with-body} were in the user's .curlrc), a failing command fails its block, and
     * where the README shows an answer ({@code # {...}} under the command) the answer holds each
     * of its parts between the {@code …}.
     */
    @Test
    void theReadmesExamplesRunAsWrittenAgainstTheDemo() throws Exception {
        Path cwd = dir;
        Path jar = Path.of("target/concord.jar").toAbsolutePath();
        Path concord = cwd.resolve("concord");
        Files.writeString(concord, "#!/bin/sh\nexec \"" + Path.of(System.getProperty("java.home"), "bin", "java") + "\" -jar \""
                + jar + "\" \"$@\"\n");
        concord.toFile().setExecutable(true);
        Path home = Files.createDirectories(cwd.resolve("home"));
        Files.writeString(home.resolve(".curlrc"), "fail-with-body\nsilent\nshow-error\n");
        // the file the README's import example reads: the user's own bundle, here one intrusion set
        Files.writeString(cwd.resolve("bundle.json"), """
                {"type":"bundle","id":"bundle--5d0092c5-5f74-4287-9642-33f4c354e56d","objects":[
                {"type":"intrusion-set","spec_version":"2.1","id":"intrusion-set--4e2f1c5a-8b3d-4c6e-9f1a-2b3c4d5e6f70",
                 "created":"2026-12-01T00:00:00.000Z","modified":"2026-12-01T00:00:00.000Z","name":"A group of the README's example",
                 "object_marking_refs":["marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487"]}]}""");

        List<ReadmeExamples.Block> blocks = ReadmeExamples.talkingToTheDemo(Files.readString(Path.of("README.md")));
        assertThat(blocks).as("the README's blocks that talk to the demo").hasSizeGreaterThanOrEqualTo(3);
        int ran = 0;
        for (ReadmeExamples.Block block : blocks) {
            String script = block.script().replace("localhost:8441", "localhost:" + demo.basePort)
                    .replace("localhost:8442", "localhost:" + (demo.basePort + 1));
            ProcessBuilder bash = org.concord.node.LocalPorts.passSliceTo(new ProcessBuilder("bash", "-c", "set -euo pipefail\n" + script))
                    .directory(cwd.toFile())
                    .redirectErrorStream(true);
            bash.environment().put("HOME", home.toString());
            Process process = bash.start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor()).as("README line " + block.line() + ":\n" + block.script() + "\n--- printed:\n" + out)
                    .isZero();
            for (String part : block.expected()) {
                assertThat(out).as("README line " + block.line() + " shows " + part).contains(part);
            }
            ran += block.commands();
        }
        assertThat(ran).as("commands run").isGreaterThanOrEqualTo(6);
    }

    private static String curl(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("curl", "-sS", "--fail-with-body"));
        command.addAll(List.of(args));
        Process curl = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(curl.waitFor()).as(out).isZero();
        return out;
    }
}
