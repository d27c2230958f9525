package org.concord.intel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.concord.intel.persistence.IntelTable;
import org.concord.intel.stix.SharingPolicy;
import org.concord.party.PartyCode;
import org.concord.testing.OfflineNode;
import org.concord.testing.Postgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A page deep in a store of 100,000 objects reads about a page of rows, on both databases: the
 * user's page (keyset on {@code (date_added, seq)}) and the partner's (one index range per kind
 * the policy admits, where 98% of the store is TLP:RED and never read). Rows touched are counted
 * from the database's own account of running the statement the store runs: PostgreSQL's
 * {@code EXPLAIN ANALYZE} (rows each scan returned and removed by filter) and H2's
 * {@code EXPLAIN ANALYZE} ({@code scanCount}). The same count for an {@code OFFSET} query over the
 * same rows shows the instrument sees an offset scan when there is one.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PagingHasNoOffsetScanTest {

    private static final int ROWS = 100_000;
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern SCAN_COUNT = Pattern.compile("scanCount: (\\d+)");

    private final Map<OfflineNode.Store, ConfigurableApplicationContext> nodes = new EnumMap<>(OfflineNode.Store.class);
    private String schema;

    @BeforeAll
    void aStoreOf100000ObjectsMostlyRed() {
        schema = Postgres.newSchema("offset");
        for (OfflineNode.Store store : OfflineNode.Store.values()) {
            ConfigurableApplicationContext node = OfflineNode.start(store, schema);
            nodes.put(store, node);
            JdbcTemplate jdbc = node.getBean(JdbcTemplate.class);
            String n = "i";
            String from = store == OfflineNode.Store.POSTGRES ? "generate_series(1, " + ROWS + ") i" : "system_range(1, " + ROWS + ") r(i)";
            String added = store == OfflineNode.Store.POSTGRES ? "timestamp with time zone '2026-12-01 00:00:00+00' + (i / 1000) * interval '1 second'"
                    : "dateadd('SECOND', i / 1000, timestamp with time zone '2026-12-01 00:00:00+00')";
            // Every 50th row GREEN, and every 50th from the 25th GREEN too but referring to the RED row before it (rule 5).
            String level = "case when mod(" + n + ", 50) in (0, 25) then 'GREEN' else 'RED' end";
            String id = "'intrusion-set--00000000-0000-4000-8000-' || lpad(cast(" + n + " as varchar), 12, '0')";
            String marking = "case when mod(" + n + ", 50) in (0, 25) then 'marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb'"
                    + " else 'marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1' end";
            // The ids a row refers to, as the store writes them: in its refs column and, one a row, in the reference index.
            String previous = id.replace("cast(" + n + " as varchar)", "cast(" + n + " - 1 as varchar)");
            String refs = "case when mod(" + n + ", 50) = 25 then " + previous + " end";
            jdbc.update("""
                    insert into intel_object (collection, id, type, spec_version, version, version_key, revoked, tlp, marking_refs,
                                              refs, date_added, is_current, share_class, object)
                    select 'intel', %1$s, 'intrusion-set', '2.1', '2026-11-01T08:00:00.000Z', '20261101080000000000', false, %2$s, %3$s,
                           %6$s, %4$s, true, %2$s || ':-',
                           '{"type":"intrusion-set","spec_version":"2.1","id":"' || %1$s || '","created":"2026-11-01T08:00:00.000Z",'
                           || '"modified":"2026-11-01T08:00:00.000Z","name":"group","object_marking_refs":["' || %3$s || '"]}'
                    from %5$s""".formatted(id, level, marking, added, from, refs));
            if (store == OfflineNode.Store.H2) { // PostgreSQL has no reference table (V15_90): it splits refs
                jdbc.update("""
                        insert into intel_object_ref (id, collection, version_key, ref)
                        select %1$s, 'intel', '20261101080000000000', %2$s from %3$s where mod(%4$s, 50) = 25"""
                        .formatted(id, previous, from, n));
            }
            node.getBean(IntelTable.class).refreshStatistics();
        }
    }

    @AfterAll
    void stop() {
        nodes.values().forEach(ConfigurableApplicationContext::close);
        Postgres.dropSchema(schema);
    }

    @ParameterizedTest
    @EnumSource(OfflineNode.Store.class)
    void aUsersPageDeepInTheStoreReadsAboutAPage(OfflineNode.Store db) {
        long deep = seqAt(db, 90_000);
        IntelQuery query = IntelQuery.all(Collection.INTEL, 1000, deep);

        IntelTable.Statement statement = table(db).findStatement(query, deep, 1001);

        assertThat(table(db).find(query, deep, 1001)).hasSize(1001);
        // Two ranges (the rows added with the last one read, then those added later), at most a page from each.
        assertThat(rowsTouched(db, statement.sql(), statement.params())).as(() -> lastPlan).isLessThan(2 * 1001 + 200);
    }

    @ParameterizedTest
    @EnumSource(OfflineNode.Store.class)
    void aPartnersPageDeepInAMostlyWithheldStoreReadsAboutAPage(OfflineNode.Store db) {
        long deep = seqAt(db, 50_000);
        IntelQuery query = IntelQuery.all(Collection.INTEL, 100, deep);
        SharingPolicy.Admission admission = SharingPolicy.defaults().sharingAmberWith(PartyCode.of("IR")).admission(PartyCode.of("IR"));

        IntelTable.Statement statement = table(db).findAdmittedStatement(query, admission, deep, 101);

        List<IntelTable.Row> rows = table(db).findAdmitted(query, admission, deep, 101);
        assertThat(rows).hasSize(101).allMatch(row -> row.object().json().contains("bab4a63c"));
        // Three admitted levels (CLEAR, GREEN, AMBER) of objects made here and IR's own, and the standard definitions,
        // each in two ranges: at most a page from each, never the 49,000 TLP:RED rows in between.
        assertThat(rowsTouched(db, statement.sql(), statement.params())).as(() -> lastPlan).isLessThan(14 * 101 + 200);
    }

    @ParameterizedTest
    @EnumSource(OfflineNode.Store.class)
    void aPartnersPageExaminesAsManyRowsAsItAsksForWhateverTheyReferTo(OfflineNode.Store db) {
        long deep = seqAt(db, 50_000);
        IntelQuery query = IntelQuery.all(Collection.INTEL, 100, deep);
        SharingPolicy.References references = irReferences();

        IntelTable.Statement statement = table(db).examineStatement(query, references, deep, 101);

        List<IntelTable.Examined> rows = table(db).examine(query, references, deep, 101);
        // The next 101 GREEN rows, half of them referring to a RED row: flagged, their objects not read.
        assertThat(rows).hasSize(101);
        assertThat(rows.stream().filter(IntelTable.Examined::passed).count()).isBetween(50L, 51L);
        assertThat(rows).allMatch(row -> row.passed() == (row.row() != null && row.row().object().json().contains("bab4a63c")));
        // Those that pass are the GREEN rows that refer to nothing.
        assertThat(rows.stream().filter(IntelTable.Examined::passed))
                .allMatch(row -> Long.parseLong(row.row().object().id().substring(row.row().object().id().lastIndexOf('-') + 1)) % 50 == 0);
        // 101 rows of the index ranges, and a look-up in the reference index (and of the row referred to) for each.
        assertThat(rowsTouched(db, statement.sql(), statement.params())).as(() -> lastPlan).isLessThan(14 * 101 + 200);
    }

    /**
     * On PostgreSQL the page splits each candidate's own refs column instead of probing the reference
     * index and its table, which at 500,000 objects were about half of what a page's statement read
     * (BENCHMARKS.md, "Where a partner's page of 1,000 spends its time"); the rows it flags are those above.
     */
    @org.junit.jupiter.api.Test
    void onPostgresqlAPartnersPageReadsNoReferenceIndex() {
        long deep = seqAt(OfflineNode.Store.POSTGRES, 50_000);
        IntelQuery query = IntelQuery.all(Collection.INTEL, 100, deep);

        IntelTable.Statement statement = table(OfflineNode.Store.POSTGRES).examineStatement(query, irReferences(), deep, 101);

        rowsTouched(OfflineNode.Store.POSTGRES, statement.sql(), statement.params());
        assertThat(lastPlan).as("the plan of the partner's page").contains("\"Relation Name\": \"intel_object\"")
                .doesNotContain("intel_object_ref");
    }

    @ParameterizedTest
    @EnumSource(OfflineNode.Store.class)
    void theCountSeesAnOffsetScanWhenThereIsOne(OfflineNode.Store db) {
        String offset = "select seq, object from intel_object o where collection = ? order by seq limit 1000 offset 90000";

        assertThat(rowsTouched(db, offset, List.of("intel"))).isGreaterThanOrEqualTo(90_000);
    }

    private long seqAt(OfflineNode.Store db, int position) {
        return nodes.get(db).getBean(JdbcTemplate.class).queryForObject(
                "select seq from intel_object where collection = 'intel' order by seq limit 1 offset " + position, Long.class);
    }

    private IntelTable table(OfflineNode.Store db) {
        return nodes.get(db).getBean(IntelTable.class);
    }

    private String lastPlan;

    /** Rows the database read to run {@code sql}, by its own EXPLAIN ANALYZE. */
    private long rowsTouched(OfflineNode.Store db, String sql, List<Object> params) {
        JdbcTemplate jdbc = nodes.get(db).getBean(JdbcTemplate.class);
        if (db == OfflineNode.Store.POSTGRES) {
            String plan = String.join("\n", jdbc.queryForList("explain (analyze, format json) " + sql, String.class, params.toArray()));
            lastPlan = plan;
            long total = scanned(JSON.readTree(plan).get(0).path("Plan"));
            System.out.printf("PostgreSQL read %d rows for: %s%n", total, sql.substring(0, Math.min(120, sql.length())));
            return total;
        }
        String plan = String.join("\n", jdbc.queryForList("explain analyze " + sql, String.class, params.toArray()));
        long total = 0;
        Matcher matcher = SCAN_COUNT.matcher(plan);
        while (matcher.find()) {
            // Scans of the table only, named by the index H2 chose just before; not the scan of a union's result.
            int comment = plan.lastIndexOf("/*", matcher.start());
            String before = plan.substring(Math.max(0, plan.lastIndexOf("/*", comment - 1)), comment);
            if (before.toLowerCase(java.util.Locale.ROOT).contains("intel_object")) {
                total += Long.parseLong(matcher.group(1));
            }
        }
        assertThat(plan).as("H2 counted the scans").contains("scanCount");
        lastPlan = plan;
        System.out.printf("H2 read %d rows for: %s%n", total, sql.substring(0, Math.min(120, sql.length())));
        return total;
    }

    /** Every scan node's rows, returned and removed, times its loops. */
    private static long scanned(JsonNode node) {
        long rows = 0;
        if (node.path("Node Type").asString("").contains("Scan")) {
            rows += (node.path("Actual Rows").asLong() + node.path("Rows Removed by Filter").asLong()
                    + node.path("Rows Removed by Index Recheck").asLong()) * Math.max(1, node.path("Actual Loops").asLong());
        }
        for (JsonNode child : node.path("Plans")) {
            rows += scanned(child);
        }
        return rows;
    }

    /** The references part of the policy as it applies to IR, a partner AMBER is shared with. */
    private static SharingPolicy.References irReferences() {
        PartyCode ir = PartyCode.of("IR");
        return SharingPolicy.defaults().sharingAmberWith(ir)
                .decider(new SharingPolicy.Reader(ir, null, "identity--00000000-0000-4000-8000-000000000001"), id -> java.util.Optional.empty())
                .references();
    }
}
