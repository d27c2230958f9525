package org.concord.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.concord.intel.Collection;
import org.concord.intel.IntelQuery;
import org.concord.intel.IntelStore;
import org.concord.intel.StoredObject;
import org.concord.intel.Viewer;
import org.concord.party.Role;
import org.concord.testing.Postgres;
import org.concord.testing.TestNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code concord bench taxii} run briefly against a started node, from outside, over HTTPS: it
 * posts its envelopes of mixed objects as an analyst, every one is stored, it reads the whole
 * collection back and reports what it measured, with the raw COPY baseline in the same run.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BenchTaxiiAgainstARunningNodeTest {

    private TestNode node;

    @BeforeAll
    void start() {
        node = TestNode.start("PK", "Pakistan", TestNode.Store.POSTGRES);
    }

    @AfterAll
    void stop() {
        node.close();
        Postgres.dropSchema(node.schema());
    }

    private ConcordCommandTest.Run bench(String password, String... args) {
        InputStream in = System.in;
        System.setIn(new ByteArrayInputStream((password + "\n").getBytes(StandardCharsets.UTF_8)));
        try {
            List<String> all = new java.util.ArrayList<>(List.of("bench", "taxii", "--url", node.url(), "--cacert",
                    node.certificateFile().toString(), "--password-stdin"));
            all.addAll(List.of(args));
            return ConcordCommandTest.run(all.toArray(String[]::new));
        } finally {
            System.setIn(in);
        }
    }

    @Test
    void anAnalystsRunStoresEveryObjectReadsThemBackAndReportsTheFigures() {
        IntelStore store = node.bean(IntelStore.class);
        long before = store.count(Collection.INTEL);

        ConcordCommandTest.Run run = bench(node.password(Role.ANALYST), "-u", node.username(Role.ANALYST), "--objects", "1200",
                "--batch", "500", "--page", "1000", "--windows", "2", "--baseline-db", Postgres.urlFor(node.schema()),
                "--baseline-db-user", Postgres.USER);

        assertThat(run.code()).as(run.err() + run.out()).isZero();
        long after = store.count(Collection.INTEL);
        assertThat(after).isEqualTo(before + 1200);
        assertThat(run.out())
                .contains("ingest: 1,200 objects in 3 envelopes")
                .contains(String.format(java.util.Locale.ROOT, "read: %,d objects in 2 pages", after))
                .contains(String.format(java.util.Locale.ROOT, "store size: %,d objects in the collection (%,d before this run)", after, before))
                .containsPattern("\\| " + before + " \\| [0-9,]+ \\| [0-9,]+ \\| [0-9.]+ \\| [0-9.]+ \\| [0-9,]+ \\| [0-9.]+ \\|")
                .contains("raw baseline (COPY of the same rows");
        // mixed SDOs and the relationships between them, each type in the store
        Map<String, Long> types = new java.util.TreeMap<>();
        store.find(IntelQuery.all(Collection.INTEL, 10_000, 0), Viewer.local()).items().stream().map(StoredObject::type)
                .forEach(type -> types.merge(type, 1L, Long::sum));
        assertThat(types.keySet()).contains("intrusion-set", "threat-actor", "indicator", "malware", "location", "report", "identity",
                "attack-pattern", "campaign", "tool", "vulnerability", "relationship");
        assertThat(types.get("relationship")).as("about a third of each envelope").isGreaterThanOrEqualTo(1200 / 4);
        // the scratch table of the baseline is gone
        assertThat(tables()).contains("intel_object").doesNotContain("concord_bench_raw");
    }

    private List<String> tables() {
        try (var connection = Postgres.connect();
                var query = connection.prepareStatement("select table_name from information_schema.tables where table_schema = ?")) {
            query.setString(1, node.schema());
            List<String> names = new java.util.ArrayList<>();
            try (var rows = query.executeQuery()) {
                while (rows.next()) {
                    names.add(rows.getString(1));
                }
            }
            return names;
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aViewerMayNotPostAndTheRunStopsAtTheFirstEnvelopeNamingWhy() {
        long before = node.bean(IntelStore.class).count(Collection.INTEL);

        ConcordCommandTest.Run run = bench(node.password(Role.VIEWER), "-u", node.username(Role.VIEWER), "--objects", "10");

        assertThat(run.code()).isEqualTo(1);
        assertThat(ConcordCommandTest.errorLine(run)).startsWith("concord: error: envelope 0: HTTP 403");
        assertThat(node.bean(IntelStore.class).count(Collection.INTEL)).isEqualTo(before);
    }

    @Test
    void aWrongPasswordIsRefusedBeforeAnythingIsPosted() {
        ConcordCommandTest.Run run = bench("not-the-password", "-u", node.username(Role.ANALYST), "--objects", "10");

        assertThat(run.code()).isEqualTo(1);
        assertThat(ConcordCommandTest.errorLine(run)).startsWith("concord: error: POST /api/tokens as pk-analyst: HTTP 401");
    }

    @Test
    void badNumbersAreNamedWithTheirRule() {
        assertThat(ConcordCommandTest.errorLine(bench("x", "-u", "a", "--objects", "10", "--batch", "0")))
                .isEqualTo("concord: error: --batch: must be between 1 and 10000, got 0");
        ConcordCommandTest.Run run = bench("x", "-u", "a", "--objects", "0");
        assertThat(run.code()).isEqualTo(2);
        assertThat(ConcordCommandTest.errorLine(run)).isEqualTo("concord: error: --objects: must be at least 1, got 0");
    }
}
