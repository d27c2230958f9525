package org.concord.ledger.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.concord.ledger.Direction;
import org.concord.ledger.Ledger;
import org.concord.ledger.LedgerEntry;
import org.concord.ledger.tree.Hash;
import org.concord.party.PartyCode;
import org.concord.testing.Eventually;
import org.concord.testing.OfflineNode;
import org.concord.testing.Postgres;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A receipt's look-up of the entries received from a partner ({@code stix_id in (...)}, a batch's ids) must read
 * the ledger's index however large the ledger has grown (issue 13). On a PostgreSQL whose autovacuum has not come
 * round (or is off, as on the test server), the planner took the few dozen ids for a third of the table and read
 * all of it: 17 ms a batch at 100,000 entries in a hotline run, growing with every entry. The node now refreshes
 * the statistics of its growing tables itself ({@code TableStatistics}), after the commit that made them due.
 */
class LedgerLookUpsReadTheirIndexAsTheLedgerGrowsTest {

    @Test
    void onceTheLedgerHasGrownTheReceivedEntriesOfABatchAreFoundThroughTheIndex() throws Exception {
        String schema = Postgres.newSchema("stats_ledger");
        try (ConfigurableApplicationContext node = OfflineNode.start(OfflineNode.Store.POSTGRES, schema)) {
            JdbcTemplate jdbc = node.getBean(JdbcTemplate.class);
            Ledger ledger = node.getBean(Ledger.class);

            // given a ledger that grows by 12,000 entries received from IR in batches, as a crisis's messages come in
            List<String> ids = new ArrayList<>();
            Instant t = Instant.parse("2024-01-16T18:00:00Z");
            for (int batch = 0; batch < 24; batch++) {
                List<LedgerEntry> entries = new ArrayList<>();
                for (int i = 0; i < 500; i++) {
                    String id = "note--" + java.util.UUID.randomUUID();
                    ids.add(id);
                    entries.add(new LedgerEntry(Direction.RECEIVED, PartyCode.of("IR"), id, t, sha256(id), t));
                }
                ledger.appendAll(entries);
            }

            // then the node refreshes the ledger's statistics once they are due, after the commit, without being asked
            Eventually.until("ledger_entry analysed", Duration.ofSeconds(60), () -> jdbc.queryForObject(
                    "select count(*) from pg_stat_user_tables where schemaname = ? and relname = 'ledger_entry' and last_analyze is not null",
                    Integer.class, schema) == 1);

            // and a batch's look-up reads the index on the object's id, not the whole ledger
            List<Object> params = new ArrayList<>(List.of("IR", "RECEIVED"));
            for (int i = 0; i < 67; i++) {
                params.add(ids.get(i * 170));
            }
            String plan = String.join("\n", jdbc.queryForList("explain (analyze, buffers) " + LogTables.receivedStatement(67), String.class,
                    params.toArray()));
            assertThat(plan).as(plan).contains("ledger_entry_object").doesNotContain("Seq Scan on ledger_entry");
            assertThat(jdbc.queryForObject("select count(*) from (" + LogTables.receivedStatement(67) + ") found", Integer.class,
                    params.toArray())).isEqualTo(67);
        } finally {
            Postgres.dropSchema(schema);
        }
    }

    private static Hash sha256(String text) throws Exception {
        return new Hash(MessageDigest.getInstance("SHA-256").digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }
}
