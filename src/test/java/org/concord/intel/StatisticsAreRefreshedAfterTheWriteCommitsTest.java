package org.concord.intel;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.concord.intel.stix.Tlp;
import org.concord.party.NodeIdentity;
import org.concord.testing.Eventually;
import org.concord.testing.OfflineNode;
import org.concord.testing.Postgres;
import org.concord.testing.Stix;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

import tools.jackson.databind.node.ObjectNode;

/**
 * PostgreSQL's statistics of {@code intel_object} are refreshed once a batch brings a tenth more rows
 * (issue 13), but after the batch commits, on a thread of the node's own: the ANALYZE used to run
 * inside the writer's transaction, so the envelope that happened to be due waited for it (the ingest's
 * p99). Shown with a second session holding the lock ANALYZE needs (it does not stop inserts): the
 * batch is stored and answered while ANALYZE waits, and the statistics are refreshed once the lock goes.
 */
class StatisticsAreRefreshedAfterTheWriteCommitsTest {

    @Test
    void aBatchThatMakesTheStatisticsDueIsStoredWithoutWaitingForTheirRefresh() throws Exception {
        String schema = Postgres.newSchema("stats");
        try (ConfigurableApplicationContext node = OfflineNode.start(OfflineNode.Store.POSTGRES, schema);
                Connection other = DriverManager.getConnection(Postgres.urlFor(schema), Postgres.USER, "")) {
            String self = node.getBean(NodeIdentity.class).stixIdentityId();
            List<ObjectNode> batch = new ArrayList<>();
            for (int i = 0; i < 5_000; i++) {
                batch.add(Stix.intrusionSet("Group " + i, self, Tlp.GREEN));
            }

            // given another session holding the lock an ANALYZE of intel_object must wait for (inserts do not)
            other.setAutoCommit(false);
            try (Statement lock = other.createStatement()) {
                lock.execute("lock table intel_object in share update exclusive mode");
            }

            // when an analyst stores 5,000 objects, enough to make the statistics due
            List<ObjectOutcome> outcomes = CompletableFuture
                    .supplyAsync(() -> node.getBean(IntelStore.class).store(Collection.INTEL, new ArrayList<>(batch), new Origin.Local("user:analyst")))
                    .get(120, TimeUnit.SECONDS);

            // then the batch is stored and answered while the refresh still waits
            assertThat(outcomes).hasSize(5_000).allMatch(o -> o.kind() == ObjectOutcome.Kind.ADDED);
            assertThat(lastAnalyse(schema)).as("no ANALYZE could have run yet").isNull();

            // and once the lock is gone, the statistics are refreshed
            other.commit();
            Eventually.until("intel_object analysed", java.time.Duration.ofSeconds(60), () -> lastAnalyse(schema) != null);
            try (Statement count = other.createStatement();
                    ResultSet rows = count.executeQuery("select reltuples from pg_class where oid = 'intel_object'::regclass")) {
                rows.next();
                assertThat(rows.getDouble(1)).as("rows the statistics saw").isGreaterThanOrEqualTo(5_000);
            }
        } finally {
            Postgres.dropSchema(schema);
        }
    }

    /**
     * A new node's {@code intel_object} is analysed after its first objects, not its first 5,000: without any statistics
     * the planner read the whole table once per candidate of a partner's page (1.0 s a page at 2,500 objects).
     */
    @Test
    void aTableNeverAnalysedIsAnalysedAfterItsFirstFewDozenRows() throws Exception {
        String schema = Postgres.newSchema("stats");
        try (ConfigurableApplicationContext node = OfflineNode.start(OfflineNode.Store.POSTGRES, schema)) {
            assertThat(lastAnalyse(schema)).as("a new node's table has no statistics").isNull();
            String self = node.getBean(NodeIdentity.class).stixIdentityId();
            List<ObjectNode> batch = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                batch.add(Stix.intrusionSet("Group " + i, self, Tlp.GREEN));
            }
            node.getBean(IntelStore.class).store(Collection.INTEL, new ArrayList<>(batch), new Origin.Local("user:analyst"));
            Eventually.until("intel_object analysed", java.time.Duration.ofSeconds(60), () -> lastAnalyse(schema) != null);
        } finally {
            Postgres.dropSchema(schema);
        }
    }

    private static Object lastAnalyse(String schema) throws Exception {
        try (Connection c = Postgres.connect(); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("select last_analyze from pg_stat_user_tables where schemaname = '" + schema
                        + "' and relname = 'intel_object'")) {
            return r.next() ? r.getObject(1) : null;
        }
    }
}
