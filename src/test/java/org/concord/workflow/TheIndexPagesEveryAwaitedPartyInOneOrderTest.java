package org.concord.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.concord.testing.OfflineNode;
import org.concord.testing.Postgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The desk's lists read the case index party by party and merge them ({@link WorkflowTable#page}):
 * with cases awaiting three partners, with and without deadlines, some sharing a deadline, every page
 * of "awaiting anyone but us" and "awaiting us" walked with the keyset is exactly the rows of the
 * table sorted by (due date, none last; case id), on the embedded default and on PostgreSQL, and the
 * counts are the table's.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TheIndexPagesEveryAwaitedPartyInOneOrderTest {

    private final Map<OfflineNode.Store, ConfigurableApplicationContext> nodes = new EnumMap<>(OfflineNode.Store.class);
    private String schema;

    record Row(String caseId, String awaited, Instant dueAt) {
    }

    private final List<Row> rows = new ArrayList<>();

    @BeforeAll
    void start() {
        schema = Postgres.newSchema("caseindex");
        Random random = new Random(7);
        Instant base = Instant.parse("2026-12-03T06:00:00Z");
        String[] parties = {"PK", "IR", "AF", "TM", null};
        for (int i = 0; i < 120; i++) {
            String awaited = parties[random.nextInt(parties.length)];
            // a fifth without a deadline, many sharing one of a few deadlines, so that ties are broken by the case id
            Instant due = random.nextInt(5) == 0 ? null : base.plusSeconds(60L * random.nextInt(12));
            rows.add(new Row("x-concord-request--%08d-0000-4000-8000-%012d".formatted(random.nextInt(99_999_999), i), awaited, due));
        }
        for (OfflineNode.Store store : OfflineNode.Store.values()) {
            ConfigurableApplicationContext node = OfflineNode.start(store, schema);
            nodes.put(store, node);
            JdbcClient jdbc = node.getBean(JdbcClient.class);
            for (Row r : rows) {
                jdbc.sql("insert into workflow_case (case_id, case_type, partner, tlp, opened_at, state_name, awaited, due_at, closed, "
                        + "indexed_messages) values (?, 'request', 'IR', 'AMBER', ?, 'Sent', ?, ?, ?, 1)")
                        .params(r.caseId(), Timestamp.from(base), r.awaited(), r.dueAt() == null ? null : Timestamp.from(r.dueAt()),
                                r.awaited() == null)
                        .update();
            }
        }
    }

    @AfterAll
    void stop() {
        nodes.values().forEach(ConfigurableApplicationContext::close);
        Postgres.dropSchema(schema);
    }

    @ParameterizedTest
    @EnumSource(OfflineNode.Store.class)
    void everyPageOfAnyPartyButUsIsTheTablesOrder(OfflineNode.Store store) {
        WorkflowTable table = nodes.get(store).getBean(WorkflowTable.class);
        assertThat(table.awaitedParties()).containsExactly("AF", "IR", "PK", "TM");
        for (int size : new int[] {1, 7, 50, 200}) {
            assertThat(walk(table, null, "PK", size)).as("anyone but PK, pages of " + size)
                    .containsExactlyElementsOf(expected(r -> r.awaited() != null && !r.awaited().equals("PK")));
            assertThat(walk(table, "PK", null, size)).as("PK, pages of " + size)
                    .containsExactlyElementsOf(expected(r -> "PK".equals(r.awaited())));
        }
        assertThat(table.count(null, "PK")).isEqualTo(expected(r -> r.awaited() != null && !r.awaited().equals("PK")).size());
        assertThat(table.count("PK", null)).isEqualTo(expected(r -> "PK".equals(r.awaited())).size());
    }

    private List<String> expected(java.util.function.Predicate<Row> which) {
        return rows.stream().filter(which)
                .sorted(Comparator.comparing(Row::dueAt, Comparator.nullsLast(Comparator.naturalOrder())).thenComparing(Row::caseId))
                .map(Row::caseId).toList();
    }

    private static List<String> walk(WorkflowTable table, String awaited, String notAwaited, int size) {
        List<String> seen = new ArrayList<>();
        WorkflowTable.Indexed after = null;
        while (true) {
            List<WorkflowTable.Indexed> page = table.page(List.of("request", "call"), awaited, notAwaited, null, true, after, size);
            page.forEach(p -> seen.add(p.caseId()));
            if (page.size() < size) {
                return seen;
            }
            after = page.get(page.size() - 1);
        }
    }
}
