package org.concord.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.concord.audit.AuditEntry;
import org.concord.audit.AuditLog;
import org.concord.intel.stix.Tlp;
import org.concord.party.PartyCode;
import org.concord.testing.Stix;
import org.concord.testing.TwoNodes;
import org.concord.workflow.WorkflowSamples.Sample;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The tester's finding, played as the attacker: IR posts to PK's TAXII inbox a workflow message
 * whose id is that of a message PK sent. The message table keeps one message per id, so PK used to
 * sign a receipt for it and then keep its own without a word: nothing in the case, nothing in
 * {@code conflicting}, nothing audited. It is now refused in the TAXII status naming {@code $.id},
 * without a receipt, PK's case is as it was, and the attempt is audited. IR's own message delivered
 * again still passes.
 */
class APartnersMessageUnderOneOfOurIdsIsRefusedTest {

    static final String TAXII = "application/taxii+json;version=2.1";
    static final PartyCode PK = PartyCode.of("PK");
    static final PartyCode IR = PartyCode.of("IR");
    static TwoNodes nodes;

    @BeforeAll
    static void start() {
        nodes = TwoNodes.shared();
    }

    static List<Sample<?, ?, ?>> types() {
        return WorkflowSamples.all();
    }

    /** IR's node posts {@code objects} to PK's inbox, as the partner; the TAXII status. */
    static JsonNode postToPkAsIr(JsonNode... objects) throws Exception {
        return EveryWorkflowTypeIsReceivedAlikeTest.deliverToPk(objects);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("types")
    <M extends CaseMessage> void aMessageUnderTheIdOfOneWeSentIsRefusedBeforeAnyReceiptAndAudited(Sample<M, ?, ?> sample)
            throws Exception {
        // given PK opened a case with IR
        Workflow pk = nodes.pk.bean(Workflow.class);
        Instant now = MessageStix.truncate(Instant.now());
        M ours = sample.open(PK, IR, now);
        pk.open(sample.type(), ours, IR, "partner", Tlp.AMBER, "test");
        String id = ours.id().value();

        // when IR posts an opening of its own under the id of PK's (a valid message in every other way)
        M theirs = sample.opening().make(ours.id(), IR, PK, now.plusSeconds(1));
        ObjectNode forged = sample.type().toStix(theirs, nodes.ir.identity().stixIdentityId(), Tlp.AMBER, List.of());
        JsonNode status = postToPkAsIr(forged);

        // then it is refused in the status, naming $.id and the rule, and no receipt is signed
        assertThat(status.path("success_count").asInt()).as(status.toString()).isZero();
        assertThat(status.path("failures").get(0).path("message").asString()).as(status.toString())
                .startsWith("$.id: " + id).contains("this node (PK) sent", "own-message-id", "an id of its own");
        assertThat(status.path("x_concord_receipts")).as("no receipt for a message this node will not act on").isEmpty();

        // and PK's case is as it was: its one message, sent by PK, nothing conflicting
        CaseRecord<M, ?, ?> record = pk.find(sample.type(), id).orElseThrow();
        assertThat(record.stored()).singleElement().satisfies(m -> assertThat(m.direction()).isEqualTo(Workflow.SENT));
        assertThat(record.folded().applied()).extracting(CaseMessage::sender).containsExactly(PK);
        assertThat(record.folded().conflicting()).isEmpty();

        // and the attempt is audited, by IR, on the id
        assertThat(nodes.pk.bean(AuditLog.class).recent(500)).filteredOn(e -> e.subject().equals(id))
                .extracting(AuditEntry::actor, AuditEntry::action)
                .contains(org.assertj.core.groups.Tuple.tuple("IR", sample.type().module() + ".message-id-refused"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("types")
    <M extends CaseMessage> void thePartnersOwnMessageDeliveredAgainStillPasses(Sample<M, ?, ?> sample) throws Exception {
        M opening = sample.open(IR, PK, MessageStix.truncate(Instant.now()));
        ObjectNode object = sample.type().toStix(opening, nodes.ir.identity().stixIdentityId(), Tlp.AMBER, List.of());
        String id = opening.id().value();
        assertThat(postToPkAsIr(object).path("x_concord_receipts")).hasSize(1);
        Workflow pk = nodes.pk.bean(Workflow.class);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(pk.find(sample.type(), id)).isPresent());

        // delivered again once PK holds it (a lost status, a retry): receipted again, stored once
        JsonNode again = postToPkAsIr(object);

        assertThat(again.path("x_concord_receipts")).as(again.toString()).hasSize(1);
        assertThat(pk.find(sample.type(), id).orElseThrow().stored()).hasSize(1);
    }
}
