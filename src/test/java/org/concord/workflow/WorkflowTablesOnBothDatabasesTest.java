package org.concord.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.concord.intel.stix.Tlp;
import org.concord.party.PartyCode;
import org.concord.requests.RequestMessage;
import org.concord.testing.OfflineNode;
import org.concord.testing.Postgres;
import org.concord.requests.internal.RequestMessagesAsStixTest;
import org.concord.requests.internal.RequestStix;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The workflow engine's tables on H2 and on PostgreSQL: adding a case or a message twice (a re-delivery) adds
 * it once, also when the two deliveries run at the same time, and neither transaction fails.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WorkflowTablesOnBothDatabasesTest {

    private final Map<OfflineNode.Store, ConfigurableApplicationContext> nodes = new java.util.EnumMap<>(OfflineNode.Store.class);
    private String schema;

    @BeforeAll
    void start() throws Exception {
        schema = Postgres.newSchema("wf");
        for (OfflineNode.Store store : OfflineNode.Store.values()) {
            nodes.put(store, OfflineNode.start(store, Files.createTempDirectory("concord-wf-"), schema,
                    Map.of("concord.scheduling.enabled", "false")));
        }
    }

    @AfterAll
    void stop() {
        nodes.values().forEach(ConfigurableApplicationContext::close);
        Postgres.dropSchema(schema);
    }

    @ParameterizedTest
    @EnumSource(OfflineNode.Store.class)
    void theSameMessageDeliveredTwiceAtOnceIsStoredOnce(OfflineNode.Store store) throws Exception {
        WorkflowTable table = nodes.get(store).getBean(WorkflowTable.class);
        TransactionTemplate tx = nodes.get(store).getBean(TransactionTemplate.class);
        RequestMessage request = RequestMessagesAsStixTest.anyConversation().get(0);
        var object = RequestStix.toStix(request, RequestMessagesAsStixTest.PK_IDENTITY, Tlp.GREEN, List.of());
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<Boolean>> both = pool.invokeAll(List.of(
                    () -> tx.execute(s -> table.addCase("request", request.caseId().value(), PartyCode.of("PK"), Tlp.GREEN, Instant.now())
                            & table.addMessage("request", request, "request", "RECEIVED", Instant.now(), object)),
                    () -> tx.execute(s -> table.addCase("request", request.caseId().value(), PartyCode.of("PK"), Tlp.GREEN, Instant.now())
                            & table.addMessage("request", request, "request", "RECEIVED", Instant.now(), object))));
            assertThat(both.get(0).get() ^ both.get(1).get()).as("exactly one added it").isTrue();
        } finally {
            pool.shutdown();
        }
        assertThat(table.countMessages(request.caseId().value())).isEqualTo(1);
        assertThat(table.findCase("request", request.caseId().value())).isPresent();
        assertThat(table.findCase("call", request.caseId().value())).as("a case is found only under its own type").isEmpty();
        assertThat(table.addMessage("request", request, "request", "RECEIVED", Instant.now(), object)).isFalse();
        assertThat(StixId.of(table.messages(request.caseId().value()).get(0).id())).isEqualTo(request.id());
    }
}
