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
 * The messages a partner delivers are handed over from the inbox to the modules that may take them (workflow,
 * the deconfliction desk, agreements) by one listener, once per delivery: one row in the event publication
 * log, one asynchronous task and one transaction for the delivery's messages together, each given only to the
 * module that wants its STIX type. Before, each module listened for itself: four rows, four tasks and four
 * transactions a message, then one of each a message; and a delivery of intelligence no module takes is not
 * recorded at all.
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
        List<String> listeners = jdbc.sql("select listener_id from event_publication where (event_type like '%InboxHandOver'"
                + " or event_type like '%InboxReceived') and publication_date >= ? and serialized_event like ?")
                .params(Timestamp.from(before), "%" + call + "%").query(String.class).list();
        assertThat(listeners).as("the inbox's announcements of the call").singleElement()
                .satisfies(listener -> assertThat(listener).contains("HandingOverInboxMessages"));
    }
}
