package org.concord.requests;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.concord.party.PartyCode;
import org.concord.testing.TwoNodes;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

/**
 * PK's messages reach IR last first: the later ones wait for their previous message, and once all
 * are there IR shows the case PK shows; the outbox delivering them again afterwards changes nothing.
 */
class MessagesArrivingOutOfOrderTest {

    static TwoNodes nodes;
    static RequestsApi pk;
    static RequestsApi ir;

    @BeforeAll
    static void start() {
        nodes = TwoNodes.shared();
        pk = RequestsApi.liaisonAt(nodes.pk);
        ir = RequestsApi.liaisonAt(nodes.ir);
    }

    @Test
    void laterMessagesWaitForEarlierOnesAndTheCaseEndsTheSame() throws Exception {
        String caseId = pk.open(RequestForActionBetweenTwoNodesTest.saravanRequest()).path("caseId").asString();
        pk.send(caseId, "{\"messageType\":\"escalate\",\"toLevel\":\"SECURITY_CHIEFS\",\"reason\":\"urgent\"}");
        JsonNode atPk = pk.send(caseId, "{\"messageType\":\"close\",\"outcome\":\"WITHDRAWN\"}");
        List<JsonNode> objects = new ArrayList<>();
        atPk.path("history").forEach(m -> objects.add(m.path("object")));
        Collections.reverse(objects);

        java.util.function.BiConsumer<PartyCode, JsonNode> receiving = (from, object) -> nodes.ir.bean(org.concord.workflow.Workflow.class)
                .receive(nodes.ir.bean(org.concord.requests.RequestType.class), from, object);
        receiving.accept(PartyCode.of("PK"), objects.get(0));
        JsonNode partial = ir.caseOf(caseId);
        assertThat(partial.path("state").isNull() || partial.path("state").isMissingNode()).isTrue();
        assertThat(partial.path("waiting").size()).isEqualTo(1);

        receiving.accept(PartyCode.of("PK"), objects.get(1));
        receiving.accept(PartyCode.of("PK"), objects.get(2));
        JsonNode atIr = ir.caseOf(caseId);
        assertThat(atIr.path("state").asString()).isEqualTo("Closed");
        assertThat(atIr.path("level").asString()).isEqualTo("SECURITY_CHIEFS");
        assertThat(atIr.path("waiting").size()).isZero();
        assertThat(RequestForActionBetweenTwoNodesTest.history(atIr)).isEqualTo(RequestForActionBetweenTwoNodesTest.history(atPk));

        // the outbox still delivers them, in order, at least once: nothing changes
        pk.deliverTo("IR");
        ir.awaitHandOver();
        JsonNode delivered = ir.caseOf(caseId);
        // delivered through the inbox, the messages now have receipts in the timeline; the case is the same
        ((tools.jackson.databind.node.ObjectNode) delivered).remove("timeline");
        ((tools.jackson.databind.node.ObjectNode) atIr).remove("timeline");
        assertThat(delivered).isEqualTo(atIr);
    }
}
