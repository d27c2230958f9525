package org.concord.incidents;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

import javax.sql.DataSource;

import org.concord.exchange.Outbox;
import org.concord.party.PartyCode;
import org.concord.testing.Eventually;
import org.concord.testing.TwoNodes;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

/**
 * Found by the fault campaign (org.concord.faults, a database restart while messages arrive): the
 * receiver stores a partner's message in its inbox, appends it to its ledger and signs the receipt
 * in one transaction, then hands it to its module (here: incidents) through Spring Modulith's event
 * publication log. If the database connection of that hand-over dies (a database restart, a
 * failover, a killed backend), the publication is left FAILED and is only tried again when the node
 * restarts ({@code republish-outstanding-events-on-restart}). Until then the message the sender
 * holds a signed receipt for is missing from the receiver's incidents, and a redelivery does not
 * help (the inbox is idempotent and publishes nothing for a message it already holds).
 *
 * <p>Reproduced here without restarting the shared cluster: a second session holds a lock on the
 * incidents tables so the hand-over waits, and its backend is terminated, as a database restart
 * would. The fix: {@link org.concord.node.UnfinishedHandOvers} resubmits unfinished hand-overs
 * while the node runs (every 15 s, those older than 30 s; the test nodes run no schedule, so the
 * test calls the job as the schedule would).
 */
class AHandOverCutByTheDatabaseIsRetriedTest {

    @Test
    void anIncidentWhoseHandOverLostItsDatabaseConnectionStillReachesTheReceiversIncidentsWithoutARestart() throws Exception {
        TwoNodes nodes = TwoNodes.shared();
        IncidentsApi pk = IncidentsApi.liaisonAt(nodes.pk);
        IncidentsApi ir = IncidentsApi.liaisonAt(nodes.ir);
        IncidentsApi.drain(nodes);
        DataSource database = nodes.ir.bean(DataSource.class);

        String incidentId;
        try (Connection locker = database.getConnection()) {
            // given another session holds IR's workflow tables, so IR's hand-over of the next incident waits
            locker.setAutoCommit(false);
            try (Statement lock = locker.createStatement()) {
                lock.execute("lock table workflow_case, workflow_message in exclusive mode");
            }
            // when PK reports an incident and it is delivered: IR accepts it into its inbox and signs the receipt
            incidentId = pk.report(IncidentsApi.strikeOf16January("IR")).path("incidentId").asString();
            pk.deliverTo("IR");
            // and the waiting hand-over's database connection dies, as in a database restart
            Eventually.until("IR's hand-over waits for the lock, and its connection is cut", Duration.ofSeconds(30),
                    () -> terminateWaitingForWorkflowTables(locker) > 0);
            locker.rollback();
        }
        assertThat(nodes.pk.bean(Outbox.class).recent(PartyCode.of("IR"), 10))
                .anySatisfy(m -> assertThat(m.receipt()).as("PK holds IR's signed receipt").isNotNull());

        // then, without a restart, IR's incidents show it once the hand-over is tried again
        nodes.ir.bean(org.concord.node.UnfinishedHandOvers.class).resubmitOlderThan(Duration.ZERO);
        JsonNode atIr = ir.incidentWhen(incidentId, IncidentsApi.withMessages(1));
        assertThat(atIr.path("history")).hasSize(1);
    }

    /**
     * Ends every session waiting for a lock that {@code locker} holds, as a database restart would; returns how many.
     * Only those: the database is shared with the other test JVM and with anything else running on the machine.
     */
    static int terminateWaitingForWorkflowTables(Connection locker) throws SQLException {
        int terminated = 0;
        try (Statement find = locker.createStatement();
                ResultSet waiting = find.executeQuery("select pid from pg_stat_activity where datname = current_database()"
                        + " and pid <> pg_backend_pid() and wait_event_type = 'Lock' and pg_backend_pid() = any(pg_blocking_pids(pid))")) {
            while (waiting.next()) {
                try (Statement kill = locker.createStatement()) {
                    kill.execute("select pg_terminate_backend(" + waiting.getInt(1) + ")");
                    terminated++;
                }
            }
        }
        return terminated;
    }
}
