package org.concord.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@code concord} command as an officer uses it: exporting a record, pairing, adding users, and
 * for every bad input one line that names the field or the cause, with nothing stored changed.
 */
class ConcordCommandTest {

    static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path dir;
    Path pkConfig;
    Path irConfig;

    record Run(int code, String out, String err) {
    }

    @BeforeEach
    void twoConfigurations() throws Exception {
        pkConfig = config("pk", "PK", "Pakistan", 18441);
        irConfig = config("ir", "IR", "Iran", 18442);
    }

    /**
     * A node's configuration on the embedded H2 engine: these tests are about what the command says and
     * keeps, which is the same on either engine, and a PostgreSQL server started and stopped for each
     * of their dozens of commands cost a minute and a half of the suite. The demo's test below, the
     * demo's own tests and {@code node.EmbeddedClusterTest} run the commands on the default engine.
     */
    Path config(String slug, String code, String name, int port) throws Exception {
        Path file = dir.resolve(slug + "/concord.yml");
        Files.createDirectories(file.getParent());
        Files.writeString(file, """
                concord:
                  party:
                    code: %s
                    name: %s
                  url: https://localhost:%d
                  data-dir: data
                  database:
                    embedded: h2
                server:
                  port: %d
                """.formatted(code, name, port, port));
        return file;
    }

    static synchronized Run run(String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream capturedOut = new ByteArrayOutputStream();
        ByteArrayOutputStream capturedErr = new ByteArrayOutputStream();
        System.setOut(new PrintStream(capturedOut, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(capturedErr, true, StandardCharsets.UTF_8));
        try {
            int code = ConcordCommand.execute(args);
            return new Run(code, capturedOut.toString(StandardCharsets.UTF_8), capturedErr.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    static String errorLine(Run run) {
        return run.err().lines().filter(l -> l.startsWith("concord: error: ")).findFirst().orElse("(no error line) " + run.err());
    }

    Path exportRecord(Path config) throws Exception {
        Run export = run("keys", "export", "--config", config.toString());
        assertThat(export.code()).as(export.err()).isZero();
        Path file = dir.resolve(config.getParent().getFileName() + "-record.json");
        Files.writeString(file, export.out());
        return file;
    }

    @Test
    void pairingTwoNodesPrintsTheFingerprintsToReadOut() throws Exception {
        Path irRecord = exportRecord(irConfig);
        Run add = run("partners", "add", irRecord.toString(), "--config", pkConfig.toString());
        assertThat(add.code()).as(add.err()).isZero();
        String irFingerprint = JSON.readTree(Files.readString(irRecord)).path("fingerprint").asString();
        assertThat(add.out()).contains("Paired with IR").contains(irFingerprint).contains("PK TLS certificate SHA-256");
        Run again = run("partners", "add", irRecord.toString(), "--config", pkConfig.toString());
        assertThat(again.out()).contains("Already paired, nothing changed");
        assertThat(run("partners", "list", "--config", pkConfig.toString()).out()).contains("IR  Iran").contains(irFingerprint);
    }

    @Test
    void aGroupRosterPairsANewMemberWithEveryOtherInOneImportAndABadMemberPairsNone() throws Exception {
        // given three members' records, PK, IR and AF, made into one roster
        Path afConfig = config("af", "AF", "Afghanistan", 18443);
        Path pkRecord = exportRecord(pkConfig);
        Path irRecord = exportRecord(irConfig);
        Path afRecord = exportRecord(afConfig);
        Path roster = dir.resolve("roster.json");
        Run made = run("partners", "roster", "--out", roster.toString(), pkRecord.toString(), irRecord.toString(), afRecord.toString());
        assertThat(made.code()).as(made.err()).isZero();
        assertThat(made.out()).contains("roster of 3 members").contains("AF TLS certificate SHA-256");

        // when AF imports the roster, which lists AF itself too
        Run add = run("partners", "add", roster.toString(), "--config", afConfig.toString());

        // then AF is paired with PK and IR at once, and prints every fingerprint to read out, pair by pair
        assertThat(add.code()).as(add.err()).isZero();
        assertThat(add.out()).contains("Paired with IR").contains("Paired with PK").doesNotContain("Paired with AF")
                .contains(JSON.readTree(Files.readString(irRecord)).path("fingerprint").asString())
                .contains(JSON.readTree(Files.readString(pkRecord)).path("fingerprint").asString())
                .contains("AF TLS certificate SHA-256");
        assertThat(run("partners", "list", "--config", afConfig.toString()).out()).contains("IR  Iran").contains("PK  Pakistan");

        // and two records at once work as well: PK imports IR's and AF's
        Run both = run("partners", "add", irRecord.toString(), afRecord.toString(), "--config", pkConfig.toString());
        assertThat(both.code()).as(both.err()).isZero();
        assertThat(run("partners", "list", "--config", pkConfig.toString()).out()).contains("IR  Iran").contains("AF  Afghanistan");

        // when IR imports a roster whose AF member was tampered with, nothing is paired and the member is named
        ObjectNode tampered = (ObjectNode) JSON.readTree(Files.readString(roster));
        ((ObjectNode) tampered.get("members").get(0)).put("fingerprint", "AB".repeat(32));
        Path bad = dir.resolve("tampered.json");
        Files.writeString(bad, tampered.toString());
        Run refused = run("partners", "add", bad.toString(), "--config", irConfig.toString());
        assertThat(refused.code()).isEqualTo(2);
        assertThat(errorLine(refused)).startsWith("concord: error: tampered.json members[0].fingerprint: is AB:AB");
        assertThat(run("partners", "list", "--config", irConfig.toString()).out()).contains("No partners yet");

        // and a roster that gives this node's own party another certificate pairs none
        Path other = dir.resolve("other-ir/concord.yml");
        Files.createDirectories(other.getParent());
        Files.writeString(other, Files.readString(irConfig).replace("18442", "18444"));
        Path otherIr = exportRecord(other);
        Path wrong = dir.resolve("wrong.json");
        run("partners", "roster", "--out", wrong.toString(), pkRecord.toString(), otherIr.toString(), afRecord.toString());
        Run mismatched = run("partners", "add", wrong.toString(), "--config", irConfig.toString());
        assertThat(mismatched.code()).isEqualTo(2);
        assertThat(errorLine(mismatched)).contains("members[").contains(".fingerprint:").contains("this node's own party IR");
        assertThat(run("partners", "list", "--config", irConfig.toString()).out()).contains("No partners yet");
    }

    @Test
    void aMalformedPairingRecordGetsOneLineAndChangesNothing() throws Exception {
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, "{\"format\": \"concord-pairing-record/1\", \"party\": ");
        Run add = run("partners", "add", bad.toString(), "--config", pkConfig.toString());
        assertThat(add.code()).isEqualTo(2);
        assertThat(errorLine(add)).startsWith("concord: error: record: is not valid JSON").contains("line 1");
        assertThat(run("partners", "list", "--config", pkConfig.toString()).out()).contains("No partners yet");
    }

    @Test
    void aWrongFingerprintGetsOneLineNamingItAndChangesNothing() throws Exception {
        Path irRecord = exportRecord(irConfig);
        ObjectNode record = (ObjectNode) JSON.readTree(Files.readString(irRecord));
        record.put("fingerprint", "AB".repeat(32));
        Files.writeString(irRecord, record.toString());
        Run add = run("partners", "add", irRecord.toString(), "--config", pkConfig.toString());
        assertThat(add.code()).isEqualTo(2);
        assertThat(errorLine(add)).startsWith("concord: error: fingerprint: is AB:AB");
        assertThat(run("partners", "list", "--config", pkConfig.toString()).out()).contains("No partners yet");
    }

    @Test
    void aConfigFileWithAMissingFieldIsNamed() throws Exception {
        Path broken = dir.resolve("broken.yml");
        Files.writeString(broken, "concord:\n  party:\n    name: Pakistan\n  url: https://localhost:8441\n  data-dir: d\nserver:\n  port: 8441\n");
        Run node = run("node", "--config", broken.toString());
        assertThat(node.code()).isEqualTo(2);
        assertThat(errorLine(node)).startsWith("concord: error: concord.party.code: missing in ").endsWith("e.g. PK)");
        Files.writeString(broken, "concord:\n  party:\n    code: PK\n    name: Pakistan\n  url: http://localhost:8441\n  data-dir: d\nserver:\n  port: 8441\n");
        assertThat(errorLine(run("keys", "export", "--config", broken.toString()))).startsWith("concord: error: concord.url: must be an absolute https:// URL");
        assertThat(errorLine(run("keys", "export", "--config", dir.resolve("absent.yml").toString())))
                .startsWith("concord: error: --config: no configuration file at");
        Files.writeString(broken, "concord:\n  party:\n    code: PK\n    name: Pakistan\n  url: https://localhost:8441\n  data-dir: d\n"
                + "  database:\n    embedded: mysql\nserver:\n  port: 8441\n");
        Run wrongEngine = run("users", "list", "--config", broken.toString());
        assertThat(wrongEngine.code()).isEqualTo(2);
        assertThat(wrongEngine.err()).as("one line, before any context starts").doesNotContain("Exception");
        assertThat(errorLine(wrongEngine)).isEqualTo("concord: error: concord.database.embedded: postgresql or h2, got 'mysql' (in " + broken + ")");
    }

    @Test
    void aPortAlreadyInUseIsNamed() throws Exception {
        try (ServerSocket taken = new ServerSocket(0)) {
            Path config = config("busy", "PK", "Pakistan", taken.getLocalPort());
            Run node = run("node", "--config", config.toString());
            assertThat(node.code()).isEqualTo(1);
            assertThat(errorLine(node)).isEqualTo("concord: error: port " + taken.getLocalPort()
                    + " is already in use (server.port): stop the program listening there or choose another port");
        }
    }

    @Test
    void addingAUserPrintsAGeneratedPasswordOnceAndRefusesBadRoles() {
        Run add = run("users", "add", "--config", pkConfig.toString(), "--username", "officer", "--role", "liaison");
        assertThat(add.code()).as(add.err()).isZero();
        assertThat(add.out()).contains("Added user officer with roles [LIAISON]").containsPattern("Password \\(shown once\\): \\S{20}");
        Run bad = run("users", "add", "--config", pkConfig.toString(), "--username", "other", "--role", "GENERAL");
        assertThat(bad.code()).isEqualTo(2);
        assertThat(errorLine(bad)).isEqualTo("concord: error: --role: 'GENERAL' is not one of ADMIN, LIAISON, ANALYST, VIEWER");
        assertThat(run("users", "list", "--config", pkConfig.toString()).out()).contains("officer").doesNotContain("other");
    }

    /** Roles are printed in the documented order, ADMIN, LIAISON, ANALYST, VIEWER, in every process (not Set.copyOf's). */
    @Test
    void aUsersRolesArePrintedInTheDocumentedOrder() {
        Run add = run("users", "add", "--config", pkConfig.toString(), "--username", "every-role", "--role", "viewer", "--role", "analyst",
                "--role", "liaison", "--role", "admin");
        assertThat(add.code()).as(add.err()).isZero();
        assertThat(add.out()).contains("Added user every-role with roles [ADMIN, LIAISON, ANALYST, VIEWER].");
        assertThat(run("users", "list", "--config", pkConfig.toString()).out().lines())
                .contains("every-role  [ADMIN, LIAISON, ANALYST, VIEWER]");
    }

    @Test
    void everyCommandHasHelp() {
        for (String[] args : new String[][] {{"--help"}, {"node", "--help"}, {"demo", "--help"}, {"keys", "export", "--help"},
            {"partners", "add", "--help"}, {"users", "add", "--help"}, {"users", "disable", "--help"}, {"tokens", "revoke", "--help"}}) {
            Run help = run(args);
            assertThat(help.code()).isZero();
            assertThat(help.out()).contains("Usage: concord");
        }
    }

    @Test
    void theDemoSetUpTwoPairedNodesWithOneUserPerRoleAndKeepsThemOnASecondRun() throws Exception {
        Path demo = dir.resolve("demo");
        Run first = run("demo", "--dir", demo.toString(), "--setup-only");
        assertThat(first.code()).as(first.err()).isZero();
        var nodes = JSON.readTree(Files.readString(demo.resolve("nodes.json"))).path("nodes");
        assertThat(nodes.size()).isEqualTo(2);
        assertThat(nodes.get(0).path("party").asString()).isEqualTo("PK");
        assertThat(nodes.get(0).path("url").asString()).isEqualTo("https://localhost:8441");
        assertThat(nodes.get(1).path("url").asString()).isEqualTo("https://localhost:8442");
        for (var node : nodes) {
            assertThat(Path.of(node.path("caCert").asString())).exists();
            assertThat(Files.readString(Path.of(node.path("clientKey").asString()))).contains("PRIVATE KEY");
            assertThat(node.path("users").size()).isEqualTo(4);
        }
        for (String node : java.util.List.of("pk", "ir")) {
            try (var context = NodeContexts.offline(ConfigFile.read(demo.resolve(node + "/concord.yml")))) {
                assertThat(context.getBean(org.concord.hotline.TestCallSchedules.class).current()).as("the weekly test call at " + node)
                        .hasValueSatisfying(call -> {
                            assertThat(call.day()).isEqualTo(java.time.DayOfWeek.TUESDAY);
                            assertThat(call.zone().getId()).isEqualTo("Asia/Karachi");
                            assertThat(call.caller().party().value()).isEqualTo("PK");
                        });
                // a watchlist from the first start: the node's own groups, found in another script
                var watchlists = context.getBean(org.concord.screening.Watchlists.class);
                assertThat(watchlists.sources()).extracting(org.concord.screening.Watchlists.Source::source).containsExactly("stix");
                assertThat(watchlists.search("جيش العدل", 5)).as("at " + node).extracting(org.concord.screening.Watchlists.Match::name)
                        .contains("Jaish al-Adl");
            }
        }
        String password = nodes.get(1).path("users").get(0).path("password").asString();
        String certificate = Files.readString(Path.of(nodes.get(0).path("caCert").asString()));
        Run second = run("demo", "--dir", demo.toString(), "--setup-only");
        assertThat(second.code()).isZero();
        var again = JSON.readTree(Files.readString(demo.resolve("nodes.json"))).path("nodes");
        assertThat(again.get(1).path("users").get(0).path("password").asString()).isEqualTo(password);
        assertThat(Files.readString(Path.of(again.get(0).path("caCert").asString()))).isEqualTo(certificate);
        assertThat(run("partners", "list", "--config", demo.resolve("pk/concord.yml").toString()).out()).contains("IR ");
        var groups = JSON.readTree(run("intel", "export", "--config", demo.resolve("pk/concord.yml").toString(),
                "--type", "intrusion-set").out()).path("objects");
        assertThat(groups.toString()).contains("Jaish al-Adl").contains("Jundallah");
        var irView = JSON.readTree(run("intel", "export", "--config", demo.resolve("pk/concord.yml").toString(),
                "--partner", "IR").out()).path("objects").toString();
        assertThat(irView).contains("Jaish al-Adl").contains("BLF safe houses").doesNotContain("Unattributed cell");
        Run reset = run("demo", "--dir", demo.toString(), "--setup-only", "--reset");
        assertThat(reset.code()).isZero();
        assertThat(Files.readString(Path.of(again.get(0).path("caCert").asString()))).isNotEqualTo(certificate);
    }
}
