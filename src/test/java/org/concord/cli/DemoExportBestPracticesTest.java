package org.concord.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.concord.intel.stix.StixValidator;
import org.concord.party.ConcordProperties;
import org.concord.testing.StixBestPractices;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code concord intel export} of the demo's data, each node's own and with what it holds from its
 * partner, passes the best-practice checks of the OASIS validator (stix2-validator 3.1.4) with no
 * warning: UUIDv4 ids for every object but cyber-observables, custom content only through
 * extensions, suggested relationship types only ({@link StixBestPractices}). Before issue 10 it gave
 * warnings 103 (UUIDv3 ids of the demo's objects and of the deconfliction extension-definitions),
 * 401 ({@code x_concord_party}, {@code x_concord_source_reliability} at top level) and 202
 * ({@code located-at} from an intrusion-set).
 */
class DemoExportBestPracticesTest {

    static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path dir;

    @Test
    void theDemosExportsGiveNoWarningOfTheOasisValidatorsChecks() throws Exception {
        Path demo = dir.resolve("demo");
        var setup = ConcordCommandTest.run("demo", "--dir", demo.toString(), "--setup-only", "--base-port", "18561");
        assertThat(setup.code()).as(setup.err()).isZero();
        String pk = demo.resolve("pk/concord.yml").toString();
        String ir = demo.resolve("ir/concord.yml").toString();

        // What PK holds once it has pulled IR's intelligence: IR's export for PK, imported as IR's.
        Path irForPk = dir.resolve("ir-for-pk.json");
        assertThat(ConcordCommandTest.run("intel", "export", "--config", ir, "--partner", "PK", "--out", irForPk.toString()).code()).isZero();
        var pulled = ConcordCommandTest.run("intel", "import", irForPk.toString(), "--from", "IR", "--config", pk);
        assertThat(pulled.code()).as(pulled.err()).isZero();

        StixValidator validator = StixValidator.withOasisSchemas();
        for (String node : List.of(pk, ir)) {
            Path out = dir.resolve("export-" + UUID.randomUUID() + ".json");
            var export = ConcordCommandTest.run("intel", "export", "--config", node, "--out", out.toString());
            assertThat(export.code()).as(export.err()).isZero();
            JsonNode bundle = JSON.readTree(Files.readString(out, StandardCharsets.UTF_8));

            assertThat(StixBestPractices.check(bundle)).as(node).isEmpty();
            bundle.path("objects").forEach(o -> assertThat(validator.validate(o)).as(o.path("id").asString()).isEmpty());
            List<String> types = new ArrayList<>();
            bundle.path("objects").forEach(o -> types.add(o.path("type").asString()));
            assertThat(types).contains("identity", "intrusion-set", "location", "report", "relationship", "extension-definition");
            assertThat(bundle.path("objects")).anySatisfy(o -> assertThat(o.path("id").asString())
                    .isEqualTo(ConcordProperties.EXTENSION_ID));
            assertThat(bundle.path("objects")).noneSatisfy(o -> assertThat(o.path("relationship_type").asString("")).isEqualTo("located-at"));
        }
        JsonNode pkExport = JSON.readTree(ConcordCommandTest.run("intel", "export", "--config", pk, "--reliability", "B").out());
        assertThat(pkExport.path("objects")).singleElement().satisfies(o -> {
            assertThat(o.path("name").asString()).isEqualTo("BLF safe houses near Saravan");
            assertThat(o.has(ConcordProperties.LEGACY_SOURCE_RELIABILITY)).isFalse();
            assertThat(o.path("extensions").path(ConcordProperties.EXTENSION_ID).path("source_reliability").asString()).isEqualTo("B");
        });
    }

    /** The checks are real: the three findings of the issue, as the export had them, are each flagged. */
    @Test
    void theChecksFlagWhatTheExportHadBeforeIssue10() {
        String v3 = "intrusion-set--" + UUID.nameUUIDFromBytes("concord-demo:jaish-al-adl".getBytes(StandardCharsets.UTF_8));
        ObjectNode group = JSON.createObjectNode().put("type", "intrusion-set").put("spec_version", "2.1").put("id", v3)
                .put("created", "2024-01-19T09:00:00.000Z").put("modified", "2024-01-19T09:00:00.000Z").put("name", "Jaish al-Adl");
        ObjectNode identity = JSON.createObjectNode().put("type", "identity").put("spec_version", "2.1")
                .put("id", "identity--" + UUID.randomUUID()).put("created", "2024-01-19T09:00:00.000Z")
                .put("modified", "2024-01-19T09:00:00.000Z").put("name", "Pakistan").put("identity_class", "organization")
                .put("x_concord_party", "PK");
        ObjectNode locatedAt = JSON.createObjectNode().put("type", "relationship").put("spec_version", "2.1")
                .put("id", "relationship--" + UUID.randomUUID()).put("created", "2024-01-19T09:00:00.000Z")
                .put("modified", "2024-01-19T09:00:00.000Z").put("relationship_type", "located-at")
                .put("source_ref", "intrusion-set--" + UUID.randomUUID()).put("target_ref", "location--" + UUID.randomUUID());

        assertThat(StixBestPractices.checkObject(group)).extracting(StixBestPractices.Warning::check).containsExactly("uuid-check");
        assertThat(StixBestPractices.checkObject(identity)).extracting(StixBestPractices.Warning::check).containsExactly("extensions-use");
        assertThat(StixBestPractices.checkObject(locatedAt)).extracting(StixBestPractices.Warning::check)
                .containsExactly("relationship-types");

        ConcordProperties.put(identity, ConcordProperties.PARTY, "PK");
        identity.remove("x_concord_party");
        assertThat(StixBestPractices.checkObject(identity)).isEmpty();
        locatedAt.put("relationship_type", "originates-from");
        assertThat(StixBestPractices.checkObject(locatedAt)).isEmpty();
    }

    /** Identities and objects written before issue 10 keep their top-level properties, and are still read. */
    @Test
    void theOldTopLevelPropertiesAreStillRead() {
        ObjectNode old = JSON.createObjectNode().put("x_concord_party", "IR").put("x_concord_source_reliability", "C");
        assertThat(ConcordProperties.party(old)).hasValue("IR");
        assertThat(ConcordProperties.sourceReliability(old)).hasValue("C");
        ConcordProperties.put(old, ConcordProperties.SOURCE_RELIABILITY, "A");
        assertThat(ConcordProperties.sourceReliability(old)).as("the extension wins").hasValue("A");
    }
}
