package org.concord.hotline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.concord.intel.InboxReceived;
import org.concord.party.PartyCode;
import org.concord.testing.Eventually;
import org.concord.testing.TwoNodes;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A node upgraded from the version that handed each received message over on its own keeps, in its event
 * publication log, the hand-overs that had not finished: one row per message and listener, under the
 * listener ids that version registered. Spring Modulith resubmits a row only to the listener whose id it
 * holds, so those ids must still have listeners, or the messages (already receipted to the partner) would
 * never reach their module. Here an {@code InboxReceived} is published as that version published it, and its
 * rows carry exactly the old ids and complete.
 */
class HandOversRecordedBeforeAnUpgradeAreStillTakenTest {

    private static final List<String> EARLIER_LISTENER_IDS = List.of(
            "org.concord.workflow.ReceivingWorkflowMessages.on(org.concord.intel.InboxReceived)",
            "org.concord.deconfliction.internal.ReceivingFromPartners.on(org.concord.intel.InboxReceived)",
            "org.concord.deconfliction.internal.ReceivingAgreements.on(org.concord.intel.InboxReceived)",
            "org.concord.deconfliction.internal.AnsweringConflicts.on(org.concord.intel.InboxReceived)");

    @Test
    void theEarlierVersionsListenerIdsStillHaveListenersAndTheirHandOversComplete() {
        TwoNodes nodes = TwoNodes.shared();
        String id = "x-concord-hotline-message--" + UUID.randomUUID();
        new TransactionTemplate(nodes.ir.bean(org.springframework.transaction.PlatformTransactionManager.class))
                .executeWithoutResult(status -> nodes.ir.context()
                        .publishEvent(new InboxReceived(PartyCode.of("PK"), id, "x-concord-hotline-message", "2026-12-04T00:00:00.000Z")));

        JdbcClient jdbc = nodes.ir.bean(JdbcClient.class);
        List<String> listeners = jdbc.sql("select listener_id from event_publication where serialized_event like ?")
                .param("%" + id + "%").query(String.class).list();
        assertThat(listeners).as("the listener ids an earlier version recorded for a received message")
                .containsExactlyInAnyOrderElementsOf(EARLIER_LISTENER_IDS);
        Eventually.until("every such hand-over completes", Duration.ofSeconds(20),
                () -> jdbc.sql("select count(*) from event_publication where serialized_event like ? and completion_date is null")
                        .param("%" + id + "%").query(Long.class).single() == 0);
    }
}
