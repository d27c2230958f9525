package org.concord.requests;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;

import org.concord.audit.AuditEntry;
import org.concord.audit.AuditLog;
import org.concord.intel.Collection;
import org.concord.intel.stix.Tlp;
import org.concord.party.PartyCode;
import org.concord.testing.Https;
import org.concord.testing.TwoNodes;
import org.concord.workflow.Envelope;
import org.concord.workflow.MessageStix;
import org.concord.workflow.StixId;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

/**
 * The tester's finding of the twenty-eighth stop, played as the attacker, and the honest race it must
 * not break. PK accepted IR's counter-proposal; IR's node signed a receipt for the acceptance; then IR
 * posted a second counter-proposal, back-dated to just before the acceptance and naming the request as
 * its previous message. The delivery order placed it before the acceptance, and PK's node reopened the
 * agreed case on its own (the acceptance refused {@code TERMS_CHANGED}) while IR's kept it agreed.
 * Nothing was raised. Now PK's inbox refuses a message that would undo one of PK's that IR had already
 * receipted, before any receipt, naming {@code $.previous} and the rule, and audits it.
 *
 * <p>The same rule decides two officers who act at once: whichever message the other side receipted
 * first counts, and the sender's node leaves its refused message out, so both nodes agree.
 */
class APartnerCannotUndoWhatItReceiptedTest {

    static final String TAXII = "application/taxii+json;version=2.1";
    static TwoNodes nodes;
    static RequestsApi pk;
    static RequestsApi ir;

    @BeforeAll
    static void start() {
        nodes = TwoNodes.shared();
        pk = RequestsApi.liaisonAt(nodes.pk);
        ir = RequestsApi.liaisonAt(nodes.ir);
        // what earlier test classes queued on the shared nodes goes first
        pk.deliverTo("IR");
        ir.deliverTo("PK");
    }

    @Test
    void aBackDatedCounterProposalCannotReopenARequestPkAcceptedAndIrReceipted() throws Exception {
        // given PK's request, IR's counter-proposal, PK's acceptance, delivered and receipted by IR
        String caseId = pk.open(RequestForActionBetweenTwoNodesTest.saravanRequest()).path("caseId").asString();
        pk.deliverTo("IR");
        ir.caseWhen(caseId, RequestsApi.withMessages(1));
        JsonNode counter = ir.send(caseId, """
                {"messageType":"counterPropose","proposal":{"kind":"JOINT_OPERATION","text":"with our border guards"}}""");
        String proposalId = counter.path("history").get(1).path("id").asString();
        ir.deliverTo("PK");
        pk.caseWhen(caseId, RequestsApi.withMessages(2));
        JsonNode accepted = pk.send(caseId, "{\"messageType\":\"accept\",\"termsRef\":\"" + proposalId + "\",\"text\":\"agreed\"}");
        JsonNode acceptance = accepted.path("history").get(2);
        assertThat(pk.deliverTo("IR")).isEqualTo(1);
        JsonNode atIr = ir.caseWhen(caseId, RequestsApi.withMessages(3));
        assertThat(atIr.path("state").asString()).isEqualTo("Accepted");

        // when IR's node posts a second counter-proposal that names the request as its previous message,
        // dated a millisecond before PK's acceptance: a sibling of the first, which the delivery order would
        // place between it and the acceptance
        Instant backDated = Instant.parse(acceptance.path("sentAt").asString()).minusMillis(1);
        RequestMessage.CounterPropose forged = new RequestMessage.CounterPropose(Envelope.answer(StixId.random(RequestType.DEFAULT.stixType()),
                StixId.of(caseId), PartyCode.of("IR"), backDated, StixId.of(caseId)),
                new CounterProposal(CounterProposal.Kind.DIFFERENT_ACTION, "surveillance only"));
        JsonNode status = postToPkAsIr(RequestType.DEFAULT.toStix(forged, nodes.ir.identity().stixIdentityId(), Tlp.AMBER, List.of()));

        // then PK's inbox refuses it, before any receipt, naming the field, what it would undo and the rule
        assertThat(status.path("success_count").asInt()).as(status.toString()).isZero();
        assertThat(status.path("x_concord_receipts")).as("no receipt for a message this node will not act on").isEmpty();
        assertThat(status.path("failures").get(0).path("message").asString()).as(status.toString())
                .startsWith("$.previous: names " + caseId)
                .contains("PK's accept " + acceptance.path("id").asString(), "refused TERMS_CHANGED",
                        "IR had recorded that accept already (its receipt: ledger index", "rule: not-before-receipted");

        // and the case is agreed on both nodes, as before; PK holds nothing of the forged message
        JsonNode atPk = pk.caseOf(caseId);
        assertThat(atPk.path("state").asString()).isEqualTo("Accepted");
        assertThat(RequestForActionBetweenTwoNodesTest.history(atPk))
                .containsExactly("request PK", "counter_propose IR", "accept PK");
        assertThat(atPk.toString()).doesNotContain(forged.envelope().id().value());
        assertThat(ir.caseOf(caseId).path("state").asString()).isEqualTo("Accepted");

        // and the attempt is audited, by IR, on the forged message's id
        assertThat(nodes.pk.bean(AuditLog.class).recent(500)).filteredOn(e -> e.subject().equals(forged.envelope().id().value()))
                .extracting(AuditEntry::actor, AuditEntry::action)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("IR", "requests.undoing-refused"));

        // while IR's next message, after the acceptance, comes in as ever
        ir.send(caseId, "{\"messageType\":\"progressUpdate\",\"text\":\"units in position\"}");
        assertThat(ir.deliverTo("PK")).isEqualTo(1);
        assertThat(RequestForActionBetweenTwoNodesTest.history(pk.caseWhen(caseId, RequestsApi.withMessages(4))))
                .containsExactly("request PK", "counter_propose IR", "accept PK", "progress_update IR");
    }

    @Test
    void ofTwoMessagesThatCrossTheOneReceiptedFirstCountsOnBothNodes() throws Exception {
        // given PK's request, received by IR
        String caseId = pk.open(RequestForActionBetweenTwoNodesTest.saravanRequest()).path("caseId").asString();
        pk.deliverTo("IR");
        ir.caseWhen(caseId, RequestsApi.withMessages(1));

        // when PK withdraws it and, before the withdrawal reaches IR, IR accepts it (sent later)
        JsonNode withdrawn = pk.send(caseId, "{\"messageType\":\"close\",\"outcome\":\"WITHDRAWN\"}");
        String withdrawal = withdrawn.path("history").get(1).path("id").asString();
        Thread.sleep(5); // IR's acceptance is sent later, so by sentAt alone the withdrawal would win
        ir.send(caseId, "{\"messageType\":\"accept\",\"termsRef\":\"" + caseId + "\"}");
        // and IR's acceptance reaches PK first: PK receipts it (its own withdrawal is not yet receipted)
        assertThat(ir.deliverTo("PK")).isEqualTo(1);
        assertThat(pk.caseWhen(caseId, RequestsApi.withMessages(3)).path("state").asString())
                .as("until IR answers, PK's node places its earlier withdrawal first").isEqualTo("Closed");
        // then PK's withdrawal reaches IR, which had receipted... nothing of it, but PK had receipted IR's acceptance
        pk.deliverTo("IR");

        // then IR's inbox refused the withdrawal, which would undo the acceptance PK had receipted,
        // and PK's node leaves its refused withdrawal out: both nodes show the request accepted
        JsonNode atPk = pk.caseWhen(caseId, c -> "Accepted".equals(c.path("state").asString()));
        JsonNode atIr = ir.caseOf(caseId);
        assertThat(atIr.path("state").asString()).isEqualTo("Accepted");
        assertThat(RequestForActionBetweenTwoNodesTest.history(atPk)).isEqualTo(RequestForActionBetweenTwoNodesTest.history(atIr))
                .containsExactly("request PK", "accept IR");

        // and PK's officer sees why: the withdrawal in the timeline, refused by IR, with IR's rule and reason
        JsonNode line = timelineEntry(atPk, withdrawal);
        assertThat(line.path("status").asString()).isEqualTo("REFUSED");
        assertThat(line.path("receipt").asString()).isEqualTo("REFUSED_BY_PARTNER");
        JsonNode refused = atPk.path("refused").get(0);
        assertThat(refused.path("id").asString()).isEqualTo(withdrawal);
        assertThat(refused.path("rule").asString()).isEqualTo("not-before-receipted");
        assertThat(refused.path("field").asString()).isEqualTo("previous");
        assertThat(refused.path("explanation").asString()).startsWith("IR's inbox refused it before any receipt")
                .contains("PK had recorded that accept already");
        // and the case waits for IR, as it does on IR's node
        assertThat(atPk.path("nextActor").path("party").asString()).isEqualTo("IR");
    }

    static JsonNode timelineEntry(JsonNode view, String id) {
        for (JsonNode entry : view.path("timeline")) {
            if (entry.path("id").asString().equals(id)) {
                return entry;
            }
        }
        throw new AssertionError("no " + id + " in the timeline of " + view);
    }

    static JsonNode postToPkAsIr(JsonNode object) throws Exception {
        HttpResponse<String> response = Https.asPartner(nodes.ir, nodes.pk).send("POST", "/taxii2/concord/collections/"
                + Collection.INBOX.id() + "/objects/", "{\"objects\":[" + object + "]}", "Accept", TAXII, "Content-Type", TAXII);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        return MessageStix.JSON.readTree(response.body());
    }
}
