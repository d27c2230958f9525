package org.concord.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.concord.audit.AuditEntry;
import org.concord.audit.AuditLog;
import org.concord.intel.Collection;
import org.concord.intel.stix.Tlp;
import org.concord.party.PartyCode;
import org.concord.testing.Https;
import org.concord.testing.Stix;
import org.concord.testing.TwoNodes;
import org.concord.workflow.WorkflowSamples.Sample;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * How every workflow type's messages are received, shown once for all four through the TAXII inbox
 * of a real node: a message this node cannot read, or one that names another sender than the
 * partner that delivered it, is refused in the TAXII status with the field at fault, and no receipt
 * is signed for it; a good message is stored once however often it is delivered, and its receipt is
 * audited as {@code <module>.received}.
 */
class EveryWorkflowTypeIsReceivedAlikeTest {

    static final String TAXII = "application/taxii+json;version=2.1";
    static TwoNodes nodes;

    @BeforeAll
    static void start() {
        nodes = TwoNodes.shared();
    }

    static List<Sample<?, ?, ?>> types() {
        return WorkflowSamples.all();
    }

    /** IR's node delivers {@code objects} to PK's inbox, as the partner; the TAXII status. */
    static JsonNode deliverToPk(JsonNode... objects) throws Exception {
        StringBuilder body = new StringBuilder("{\"objects\":[");
        for (int i = 0; i < objects.length; i++) {
            body.append(i == 0 ? "" : ",").append(objects[i]);
        }
        TwoNodes shared = TwoNodes.shared();
        var response = Https.asPartner(shared.ir, shared.pk).send("POST", "/taxii2/concord/collections/" + Collection.INBOX.id()
                + "/objects/", body.append("]}").toString(), "Accept", TAXII, "Content-Type", TAXII);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        return Stix.JSON.readTree(response.body());
    }

    static <M extends CaseMessage> ObjectNode fromIr(Sample<M, ?, ?> sample) {
        M opening = sample.open(PartyCode.of("IR"), PartyCode.of("PK"), MessageStix.truncate(Instant.now()));
        return sample.type().toStix(opening, nodes.ir.identity().stixIdentityId(), Tlp.AMBER, List.of());
    }

    /**
     * A partner's message states when it was sent ({@code created}); deadlines run from it and crossing
     * messages are ordered by it. One dated an hour ahead of PK's clock is refused before any receipt,
     * naming the field, the rule and PK's time; one a minute ahead (clocks differ) passes.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("types")
    <M extends CaseMessage> void aMessageDatedAheadOfThisNodesClockIsRefusedBeforeAnyReceipt(Sample<M, ?, ?> sample) throws Exception {
        Instant now = MessageStix.truncate(Instant.now());
        M ahead = sample.open(PartyCode.of("IR"), PartyCode.of("PK"), now.plus(Duration.ofHours(1)));
        M skewed = sample.open(PartyCode.of("IR"), PartyCode.of("PK"), now.plus(Duration.ofMinutes(1)));

        JsonNode status = deliverToPk(sample.type().toStix(ahead, nodes.ir.identity().stixIdentityId(), Tlp.AMBER, List.of()),
                sample.type().toStix(skewed, nodes.ir.identity().stixIdentityId(), Tlp.AMBER, List.of()));

        assertThat(status.path("failure_count").asInt()).as(status.toString()).isEqualTo(1);
        assertThat(status.path("failures").get(0).path("id").asString()).isEqualTo(ahead.id().value());
        assertThat(status.path("failures").get(0).path("message").asString()).as(status.toString())
                .startsWith("$.created: " + MessageStix.time(ahead.sentAt())).contains("ahead of this node's clock", "not-ahead");
        assertThat(status.path("x_concord_receipts")).as("a receipt for the message a minute ahead only").hasSize(1);
        assertThat(status.path("x_concord_receipts").get(0).path("id").asString()).isEqualTo(skewed.id().value());
        Workflow pk = nodes.pk.bean(Workflow.class);
        assertThat(pk.find(sample.type(), ahead.id().value())).isEmpty();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(pk.find(sample.type(), skewed.id().value())).isPresent());
    }

    /**
     * What the officer reads of a message's times: the time its sender states, and when the receiver's ledger
     * recorded it (from the signed receipt, the same on both nodes). A message that says it was sent an hour
     * before it reached PK's ledger is taken (deliveries are held up when a node is down) but its timeline
     * entry says so, since the deadlines it starts run from the time it states.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("types")
    <M extends CaseMessage> void aMessageRecordedLongAfterTheTimeItStatesSaysSoInTheTimeline(Sample<M, ?, ?> sample) throws Exception {
        Instant now = MessageStix.truncate(Instant.now());
        M backDated = sample.open(PartyCode.of("IR"), PartyCode.of("PK"), now.minus(Duration.ofHours(1)));
        M onTime = sample.open(PartyCode.of("IR"), PartyCode.of("PK"), now);

        JsonNode status = deliverToPk(sample.type().toStix(backDated, nodes.ir.identity().stixIdentityId(), Tlp.AMBER, List.of()),
                sample.type().toStix(onTime, nodes.ir.identity().stixIdentityId(), Tlp.AMBER, List.of()));

        assertThat(status.path("x_concord_receipts")).as(status.toString()).hasSize(2);
        Workflow pk = nodes.pk.bean(Workflow.class);
        CaseViews views = nodes.pk.bean(CaseViews.class);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(pk.find(sample.type(), backDated.id().value())).isPresent();
            assertThat(pk.find(sample.type(), onTime.id().value())).isPresent();
        });
        CaseView.TimelineEntry late = views.view(sample.type(), backDated.id().value()).timeline().get(0);
        assertThat(late.sentAt()).isEqualTo(MessageStix.time(backDated.sentAt()));
        assertThat(Instant.parse(late.recordedAt())).isBetween(now.minusSeconds(5), Instant.now().plusSeconds(1));
        assertThat(late.recordedLate()).as(late.toString()).startsWith("recorded by PK's ledger 1 h")
                .contains("after the time it states", "dated earlier than it was sent", "deadlines");
        CaseView.TimelineEntry prompt = views.view(sample.type(), onTime.id().value()).timeline().get(0);
        assertThat(prompt.recordedAt()).isNotNull();
        assertThat(prompt.recordedLate()).as(prompt.toString()).isNull();
    }

    /** A message PK sent: its timeline shows when IR's ledger recorded it, read from IR's receipt, as IR's timeline does. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("types")
    <M extends CaseMessage> void bothNodesShowTheTimeTheReceiversLedgerRecordedAMessage(Sample<M, ?, ?> sample) {
        M opening = sample.open(PartyCode.of("PK"), PartyCode.of("IR"), MessageStix.truncate(Instant.now()));
        nodes.pk.bean(Workflow.class).open(sample.type(), opening, PartyCode.of("IR"), "partner", Tlp.AMBER, "test");
        String id = opening.id().value();

        // IR holds no case before the delivery lands: its view's NotFound means not yet, as a failed assertion does
        await().atMost(Duration.ofSeconds(60)).ignoreException(org.concord.node.NotFound.class).untilAsserted(() -> {
            nodes.pk.bean(org.concord.exchange.sync.OutboxDelivery.class).deliver(PartyCode.of("IR"));
            CaseView.TimelineEntry atPk = nodes.pk.bean(CaseViews.class).view(sample.type(), id).timeline().get(0);
            assertThat(atPk.receipt()).isEqualTo("DELIVERED_WITH_RECEIPT");
            CaseView.TimelineEntry atIr = nodes.ir.bean(CaseViews.class).view(sample.type(), id).timeline().get(0);
            assertThat(atIr.receipt()).isEqualTo("RECEIPT_SIGNED");
            assertThat(atPk.recordedAt()).isNotNull().isEqualTo(atIr.recordedAt());
            assertThat(atPk.ledgerIndex()).isEqualTo(atIr.ledgerIndex());
            assertThat(atPk.recordedLate()).isNull();
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("types")
    void aMessageThisNodeCannotReadIsRefusedBeforeAnyReceipt(Sample<?, ?, ?> sample) throws Exception {
        ObjectNode unreadable = fromIr(sample);
        unreadable.put("message_type", "shout");
        ObjectNode forged = fromIr(sample);
        forged.put("sender", "AF");

        JsonNode status = deliverToPk(unreadable, forged);

        assertThat(status.path("success_count").asInt()).as(status.toString()).isZero();
        assertThat(status.path("failure_count").asInt()).isEqualTo(2);
        assertThat(status.path("failures").get(0).path("message").asString()).startsWith("$.").contains(sample.type().name());
        assertThat(status.path("failures").get(1).path("message").asString()).as("a forged sender").startsWith("$.");
        assertThat(status.path("x_concord_receipts")).as("no receipt for a message this node will not act on").isEmpty();
        Workflow pk = nodes.pk.bean(Workflow.class);
        for (JsonNode refused : List.of(unreadable, forged)) {
            assertThat(nodes.pk.bean(org.concord.intel.IntelStore.class).inboxObject(refused.path("id").asString(), null)).isEmpty();
            assertThat(pk.find(sample.type(), refused.path("id").asString())).isEmpty();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("types")
    void aMessageThatBreaksTheSchemaPublishedForItsTypeIsRefusedBeforeAnyReceipt(Sample<?, ?, ?> sample) throws Exception {
        // readable by the type's own reader, which never looks at created_by_ref or the marking; the schema requires both
        ObjectNode anonymous = fromIr(sample);
        anonymous.remove("created_by_ref");
        ObjectNode oddlyTyped = fromIr(sample);
        oddlyTyped.put("sender", "ir");

        JsonNode status = deliverToPk(anonymous, oddlyTyped);

        assertThat(status.path("success_count").asInt()).as(status.toString()).isZero();
        for (JsonNode failure : status.path("failures")) {
            assertThat(failure.path("message").asString()).as(status.toString()).startsWith("$")
                    .contains("schema", sample.type().schemaFile());
        }
        assertThat(status.path("failures").get(0).path("message").asString()).contains("created_by_ref");
        assertThat(status.path("failures").get(1).path("message").asString()).startsWith("$.sender");
        assertThat(status.path("x_concord_receipts")).as("no receipt for a message this node will not act on").isEmpty();
        for (JsonNode refused : List.of(anonymous, oddlyTyped)) {
            assertThat(nodes.pk.bean(Workflow.class).find(sample.type(), refused.path("id").asString())).isEmpty();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("types")
    void aGoodMessageIsStoredOnceAndItsReceiptAudited(Sample<?, ?, ?> sample) throws Exception {
        ObjectNode opening = fromIr(sample);
        String id = opening.path("id").asString();

        JsonNode status = deliverToPk(opening);
        assertThat(status.path("x_concord_receipts")).as(status.toString()).hasSize(1);
        deliverToPk(opening);

        Workflow pk = nodes.pk.bean(Workflow.class);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(pk.find(sample.type(), id)).isPresent());
        assertThat(pk.find(sample.type(), id).orElseThrow().stored()).as("delivered twice, stored once").hasSize(1);
        assertThat(pk.find(sample.type(), id).orElseThrow().state()).isPresent();
        List<AuditEntry> audit = nodes.pk.bean(AuditLog.class).recent(500);
        assertThat(audit).filteredOn(e -> e.subject().equals(id))
                .extracting(AuditEntry::action, AuditEntry::actor)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(sample.type().module() + ".received", "IR"));
    }
}
