package org.concord.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.concord.intel.stix.StixValidator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code concord intel import} and {@code export} with the OASIS example bundles and the MITRE
 * ATT&CK bundle: every object goes in and comes out unchanged, and the export validates against
 * the OASIS STIX 2.1 schemas again.
 */
class IntelImportExportTest {

    static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path dir;
    Path config;

    @BeforeEach
    void aNode() throws Exception {
        config = dir.resolve("pk/concord.yml");
        Files.createDirectories(config.getParent());
        Files.writeString(config, """
                concord:
                  party: {code: PK, name: Pakistan}
                  url: https://localhost:18441
                  data-dir: data
                server:
                  port: 18441
                """);
    }

    static List<Path> bundles(String... dirs) throws Exception {
        List<Path> all = new java.util.ArrayList<>();
        for (String d : dirs) {
            Path path = Path.of(d);
            if (Files.isDirectory(path)) {
                try (Stream<Path> files = Files.list(path)) {
                    files.filter(f -> f.toString().endsWith(".json")).sorted().forEach(all::add);
                }
            } else {
                all.add(path);
            }
        }
        return all;
    }

    Path config(String name) throws Exception {
        Path file = dir.resolve(name + "/concord.yml");
        Files.createDirectories(file.getParent());
        Files.copy(config, file);
        return file;
    }

    /**
     * The two OASIS example sets hold some of the same ids with different content under the same
     * version (e.g. another timestamp precision), which the store rightly refuses; so each set goes
     * into a node of its own.
     */
    @Test
    void theOasisExamplesAndMitreAttackGoInAndComeOutWithoutLoss() throws Exception {
        roundTrip(config("documentation"), bundles("src/test/resources/stix/oasis-documentation",
                "src/test/resources/stix/mitre/mobile-attack-1.0.json"));
        // One OASIS example marks its campaign with a marking-definition that exists nowhere
        // (...5ec, one digit off TLP 1.0 RED): refused since issue 9, naming the marking.
        Path unknownMarking = Path.of("src/test/resources/stix/oasis-schemas-examples/interop-objectmarking-test.json");
        Path schemas = config("schemas");
        roundTrip(schemas, bundles("src/test/resources/stix/oasis-schemas-examples").stream().filter(f -> !f.equals(unknownMarking)).toList());
        var refused = ConcordCommandTest.run("intel", "import", unknownMarking.toString(), "--config", schemas.toString());
        assertThat(refused.code()).isEqualTo(2);
        assertThat(refused.err()).contains("$.object_marking_refs[1]: marking marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ec is unknown");
    }

    void roundTrip(Path node, List<Path> files) throws Exception {
        // What a node holds from its first start (its message types' extension-definitions and their author).
        java.util.Set<String> ownFromTheStart = new java.util.HashSet<>();
        JSON.readTree(ConcordCommandTest.run("intel", "export", "--config", node.toString()).out()).path("objects")
                .forEach(o -> ownFromTheStart.add(o.path("id").asString()));
        Map<String, JsonNode> imported = new HashMap<>();
        List<String> command = new java.util.ArrayList<>(List.of("intel", "import"));
        files.forEach(f -> command.add(f.toString()));
        command.addAll(List.of("--config", node.toString()));
        var run = ConcordCommandTest.run(command.toArray(String[]::new));
        assertThat(run.code()).as(run.err()).isZero();
        for (Path bundle : files) {
            assertThat(run.out()).contains("Imported " + bundle.getFileName() + ": ");
            JsonNode objects = JSON.readTree(Files.readString(bundle));
            (objects.has("objects") ? objects.path("objects") : JSON.createArrayNode().add(objects)).forEach(o ->
                    imported.merge(o.path("id").asString(), o,
                    (a, b) -> a.path("modified").asString("").compareTo(b.path("modified").asString("")) >= 0 ? a : b));
        }
        Path out = node.resolveSibling("export.json");
        var export = ConcordCommandTest.run("intel", "export", "--config", node.toString(), "--out", out.toString());
        assertThat(export.code()).as(export.err()).isZero();
        JsonNode bundle = JSON.readTree(Files.readString(out));
        assertThat(bundle.path("type").asString()).isEqualTo("bundle");
        Map<String, JsonNode> exported = new HashMap<>();
        bundle.path("objects").forEach(o -> {
            if (!ownFromTheStart.contains(o.path("id").asString()) || imported.containsKey(o.path("id").asString())) {
                exported.put(o.path("id").asString(), o);
            }
        });
        assertThat(exported.keySet()).isEqualTo(imported.keySet());
        exported.forEach((id, object) -> assertThat(object).as(id).isEqualTo(imported.get(id)));
        StixValidator validator = StixValidator.withOasisSchemas();
        bundle.path("objects").forEach(o -> assertThat(validator.validate(o)).as(o.path("id").asString()).isEmpty());
    }

    @Test
    void aBundleWithOneInvalidObjectIsRefusedWholeNamingItAndStoresNothing() throws Exception {
        ObjectNode bundle = (ObjectNode) JSON.readTree(Files.readString(Path.of("src/test/resources/stix/oasis-documentation/apt1.json")));
        ObjectNode spoiled = (ObjectNode) bundle.path("objects").get(3);
        spoiled.put("created", "yesterday");
        Path file = dir.resolve("spoiled.json");
        Files.writeString(file, JSON.writeValueAsString(bundle));
        var run = ConcordCommandTest.run("intel", "import", file.toString(), "--config", config.toString());
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains("refused " + spoiled.path("id").asString() + ": $.created");
        assertThat(ConcordCommandTest.errorLine(run)).contains("nothing was stored");
        var export = ConcordCommandTest.run("intel", "export", "--config", config.toString());
        java.util.Set<String> held = new java.util.HashSet<>();
        JSON.readTree(export.out()).path("objects").forEach(o -> held.add(o.path("id").asString()));
        bundle.path("objects").forEach(o -> assertThat(held).doesNotContain(o.path("id").asString()));

        // among several bundles, the spoiled one is refused whole and named, the others are imported
        Path good = Path.of("src/test/resources/stix/oasis-documentation/indicator-for-malicious-url.json");
        var several = ConcordCommandTest.run("intel", "import", file.toString(), good.toString(), "--config", config.toString());
        assertThat(several.code()).isEqualTo(2);
        assertThat(ConcordCommandTest.errorLine(several)).contains("1 of 2 bundles are refused (spoiled.json")
                .contains("the other 1 were imported");
        assertThat(several.out()).contains("Imported " + good.getFileName() + ": ");
        java.util.Set<String> after = new java.util.HashSet<>();
        JSON.readTree(ConcordCommandTest.run("intel", "export", "--config", config.toString()).out()).path("objects")
                .forEach(o -> after.add(o.path("id").asString()));
        JSON.readTree(Files.readString(good)).path("objects").forEach(o -> assertThat(after).contains(o.path("id").asString()));
        bundle.path("objects").forEach(o -> assertThat(after).doesNotContain(o.path("id").asString()));

        // and a missing file among them imports nothing, naming it
        var missing = ConcordCommandTest.run("intel", "import", good.toString(), dir.resolve("absent.json").toString(),
                "--config", config.toString());
        assertThat(missing.code()).isEqualTo(2);
        assertThat(ConcordCommandTest.errorLine(missing)).contains("FILE[1]").contains("absent.json").contains("nothing was imported");
    }

    @Test
    void sourceReliabilityAndConfidenceAreCheckedKeptAndFilteredOn() throws Exception {
        ObjectNode graded = (ObjectNode) JSON.readTree("""
                {"type":"intrusion-set","spec_version":"2.1","id":"intrusion-set--4f4a2f5c-6b8e-4a8f-9c7d-1e2f3a4b5c6d",
                 "created":"2024-01-16T00:00:00.000Z","modified":"2024-01-16T00:00:00.000Z","name":"Jaish al-Adl",
                 "confidence":85,"x_concord_source_reliability":"B"}""");
        ObjectNode weak = graded.deepCopy();
        weak.put("id", "intrusion-set--5f4a2f5c-6b8e-4a8f-9c7d-1e2f3a4b5c6d");
        weak.put("confidence", 20);
        weak.put("x_concord_source_reliability", "E");
        Path bundle = dir.resolve("graded.json");
        Files.writeString(bundle, "{\"type\":\"bundle\",\"id\":\"bundle--6f4a2f5c-6b8e-4a8f-9c7d-1e2f3a4b5c6d\",\"objects\":["
                + graded + "," + weak + "]}");
        assertThat(ConcordCommandTest.run("intel", "import", bundle.toString(), "--config", config.toString()).code()).isZero();
        var confident = JSON.readTree(ConcordCommandTest.run("intel", "export", "--config", config.toString(), "--min-confidence", "50").out());
        assertThat(confident.path("objects").size()).isEqualTo(1);
        assertThat(confident.path("objects").get(0).path("id").asString()).isEqualTo(graded.path("id").asString());
        var reliable = JSON.readTree(ConcordCommandTest.run("intel", "export", "--config", config.toString(), "--reliability", "A",
                "--reliability", "B").out());
        assertThat(reliable.path("objects").size()).isEqualTo(1);

        weak.put("id", "intrusion-set--7f4a2f5c-6b8e-4a8f-9c7d-1e2f3a4b5c6d");
        weak.put("x_concord_source_reliability", "G");
        Files.writeString(bundle, "{\"type\":\"bundle\",\"id\":\"bundle--6f4a2f5c-6b8e-4a8f-9c7d-1e2f3a4b5c6d\",\"objects\":["
                + weak + "]}");
        var refused = ConcordCommandTest.run("intel", "import", bundle.toString(), "--config", config.toString());
        assertThat(refused.code()).isEqualTo(2);
        assertThat(refused.err()).contains("$.x_concord_source_reliability: source reliability must be one letter of the Admiralty scale");
    }

    @Test
    void exportFiltersByTypeTlpAndAPartnersView() throws Exception {
        Path bundle = Path.of("src/test/resources/stix/oasis-documentation/using-marking-definitions.json");
        assertThat(ConcordCommandTest.run("intel", "import", bundle.toString(), "--config", config.toString()).code()).isZero();
        var all = JSON.readTree(ConcordCommandTest.run("intel", "export", "--config", config.toString()).out()).path("objects");
        var indicators = JSON.readTree(ConcordCommandTest.run("intel", "export", "--config", config.toString(), "--type", "indicator").out());
        indicators.path("objects").forEach(o -> assertThat(o.path("type").asString()).isEqualTo("indicator"));
        var partnerView = JSON.readTree(ConcordCommandTest.run("intel", "export", "--config", config.toString(), "--partner", "IR").out());
        assertThat(partnerView.path("objects").size()).isLessThanOrEqualTo(all.size());
        var bad = ConcordCommandTest.run("intel", "export", "--config", config.toString(), "--tlp", "PURPLE");
        assertThat(bad.code()).isEqualTo(2);
        assertThat(ConcordCommandTest.errorLine(bad)).startsWith("concord: error: tlp: 'PURPLE' is not one of");
    }

    /** Of several wrong values the first given is told of, in every process (not whichever {@code Set.copyOf} gave first). */
    @Test
    void exportTellsOfTheFirstWrongValueGiven() {
        var tlp = ConcordCommandTest.run("intel", "export", "--config", config.toString(), "--tlp", "GREEN", "--tlp", "PURPLE",
                "--tlp", "ORANGE", "--tlp", "BLACK", "--tlp", "WHITE");
        assertThat(tlp.code()).isEqualTo(2);
        assertThat(ConcordCommandTest.errorLine(tlp)).startsWith("concord: error: tlp: 'PURPLE' is not one of");
        var reliability = ConcordCommandTest.run("intel", "export", "--config", config.toString(), "--reliability", "B",
                "--reliability", "X", "--reliability", "Y", "--reliability", "Z");
        assertThat(reliability.code()).isEqualTo(2);
        assertThat(ConcordCommandTest.errorLine(reliability)).startsWith("concord: error: reliability: 'X' is not");
    }

    @Test
    void aPartnersBundleIsImportedOnlyFromAPairedPartner() throws Exception {
        Path bundle = Path.of("src/test/resources/stix/oasis-documentation/apt1.json");
        var run = ConcordCommandTest.run("intel", "import", bundle.toString(), "--from", "IR", "--config", config.toString());
        assertThat(run.code()).isEqualTo(2);
        assertThat(ConcordCommandTest.errorLine(run)).isEqualTo("concord: error: from: IR is not a paired partner");
    }
}
