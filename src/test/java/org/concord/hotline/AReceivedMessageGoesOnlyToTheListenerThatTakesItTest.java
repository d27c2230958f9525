package org.concord.hotline;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import org.concord.testing.TwoNodes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Every message a partner delivers is announced once to the modules that may take it (workflow, the
 * deconfliction desk, agreements). Each module listens for its own STIX types only, and says so in its
 * listener's condition, so a hotline call is recorded for the workflow's listener alone: not a row in the
 * event publication log, an asynchronous task and a transaction for each of the other three, which read the
 * type and returned. At the throughput the hotline must bear in a crisis, those were three wasted writes and
 * three wasted transactions a message; and the log grew four rows a message.
 */
class AReceivedMessageGoesOnlyToTheListenerThatTakesItTest {

    @AfterAll
    static void drain() {
        TwoNodes nodes = TwoNodes.shared();
        HotlineApi.liaisonAt(nodes.pk).deliverTo("IR");
    }

    @Test
    void aHotlineCallIsHandedToTheWorkflowAloneAndNotToEveryListenerOfTheInbox() throws Exception {
        TwoNodes nodes = TwoNodes.shared();
        HotlineApi pk = HotlineApi.liaisonAt(nodes.pk);
        HotlineApi ir = HotlineApi.liaisonAt(nodes.ir);
        Instant before = Instant.now().minusSeconds(1);
        String call = pk.send("IR", "PRIORITY", "Listener check: a patrol near the crossing");
        pk.deliverTo("IR");
        ir.callWhen(call, HotlineApi.withMessages(0));

        JdbcClient jdbc = nodes.ir.bean(JdbcClient.class);
        List<String> listeners = jdbc.sql("select listener_id from event_publication where event_type like '%InboxReceived'"
                + " and publication_date >= ?").param(Timestamp.from(before)).query(String.class).list();
        assertThat(listeners).as("the inbox's announcements since the call was sent").isNotEmpty()
                .allSatisfy(listener -> assertThat(listener).contains("ReceivingWorkflowMessages"));
    }
}
