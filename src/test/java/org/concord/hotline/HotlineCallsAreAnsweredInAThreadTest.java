package org.concord.hotline;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;

import org.concord.hotline.internal.HotlineStix;
import org.concord.intel.Collection;
import org.concord.intel.stix.Tlp;
import org.concord.party.PartyCode;
import org.concord.testing.Https;
import org.concord.testing.Stix;
import org.concord.testing.TwoNodes;
import org.concord.workflow.Envelope;
import org.concord.workflow.MessageStix;
import org.concord.workflow.StixId;
import org.concord.workflow.Workflow;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A hotline call is answered in a thread: IR's officer replies to PK's call with a call of its own
 * that names it ({@code inReplyTo}); over real HTTPS both nodes show the reply under the call. A reply
 * to a call that does not exist, or that was between other parties, is refused naming the field; a
 * partner's dangling reply is refused at the inbox before any receipt.
 */
class HotlineCallsAreAnsweredInAThreadTest {

    static final String TAXII = "application/taxii+json;version=2.1";
    static TwoNodes nodes;
    static HotlineApi pk;
    static HotlineApi ir;

    @BeforeAll
    static void start() {
        nodes = TwoNodes.shared();
        pk = HotlineApi.liaisonAt(nodes.pk);
        ir = HotlineApi.liaisonAt(nodes.ir);
    }

    /** Leaves the shared nodes' outboxes empty, as other classes on them count what they deliver. */
    @AfterAll
    static void drain() {
        pk.deliverTo("IR");
        ir.deliverTo("PK");
    }

    static String reply(String from, String addressee, String inReplyTo, String text) {
        return """
                {"from":{"name":"Duty officer %s","post":"Operations"},"addressee":"%s",
                 "to":{"name":"Duty officer %s","post":"DGMO office"},"priority":"PRIORITY","text":"%s","inReplyTo":"%s"}"""
                .formatted(from, addressee, addressee, text, inReplyTo);
    }

    @Test
    void aReplyFromThePartnerAppearsInTheThreadOnBothNodes() throws Exception {
        String call = pk.send("IR", "PRIORITY", "Armed group moving towards Panjgur crossing, please confirm");
        pk.deliverTo("IR");
        ir.callWhen(call, HotlineApi.withMessages(1));

        HttpResponse<String> sent = ir.post("/api/hotline/calls", reply("IR", "PK", call, "Our patrol is on its way"));
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(201);
        String answer = HotlineApi.JSON.readTree(sent.body()).path("callId").asString();
        assertThat(HotlineApi.JSON.readTree(sent.body()).path("inReplyTo").asString()).isEqualTo(call);
        ir.deliverTo("PK");
        pk.callWhen(answer, HotlineApi.withMessages(1));

        for (HotlineApi side : List.of(pk, ir)) {
            JsonNode thread = side.call(call);
            assertThat(thread.has("inReplyTo")).as("the first call answers none").isFalse();
            assertThat(thread.path("replies")).as("at " + side.node.code()).singleElement().satisfies(r -> {
                assertThat(r.path("callId").asString()).isEqualTo(answer);
                assertThat(r.path("sender").asString()).isEqualTo("IR");
                assertThat(r.path("text").asString()).isEqualTo("Our patrol is on its way");
                assertThat(r.path("state").asString()).isEqualTo("Unacknowledged");
            });
            JsonNode reply = side.call(answer);
            assertThat(reply.path("inReplyTo").asString()).isEqualTo(call);
            assertThat(reply.path("replies")).isEmpty();
            assertThat(reply.path("state").asString()).as("a reply is a call of its own, awaiting acknowledgement")
                    .isEqualTo("Unacknowledged");
        }
    }

    @Test
    void aReplyToNoCallOrToAnotherPairsCallIsRefusedNamingTheField() throws Exception {
        int before = HotlineApi.JSON.readTree(pk.get("/api/hotline/calls").body()).size();
        String nothing = StixId.random(HotlineStix.TYPE).value();
        JsonNode missing = problem(400, pk.post("/api/hotline/calls", reply("PK", "IR", nothing, "answering nothing")));
        assertThat(missing.path("field").asString()).isEqualTo("inReplyTo");
        assertThat(missing.path("rule").asString()).isEqualTo("exists");

        JsonNode notACall = problem(400, pk.post("/api/hotline/calls", reply("PK", "IR", "report--5b1c9a2f-0e5b-4c0e-9d7e-3b0e6bd25c1a",
                "answering a report")));
        assertThat(notACall.path("field").asString()).isEqualTo("inReplyTo");

        assertThat(HotlineApi.JSON.readTree(pk.get("/api/hotline/calls").body()).size()).as("nothing was sent").isEqualTo(before);
    }

    @Test
    void aPartnersReplyThatTakesAnotherPairsCallIsRefusedBeforeAnyReceipt() throws Exception {
        // IR answers PK's call, but addressed to AF: the thread would join calls of two different pairs
        String call = pk.send("IR", "ROUTINE", "Weekly liaison notes attached");
        ObjectNode forged = fromIr(StixId.of(call), PartyCode.of("AF"));
        JsonNode status = deliverToPk(forged);
        assertThat(status.path("success_count").asInt()).as(status.toString()).isZero();
        assertThat(status.path("failures").get(0).path("message").asString()).startsWith("$.in_reply_to_ref: call " + call);
        pk.deliverTo("IR");
    }

    @Test
    void aPartnersReplyToACallThisNodeDoesNotHoldIsRefusedBeforeAnyReceipt() throws Exception {
        ObjectNode dangling = fromIr(StixId.random(HotlineStix.TYPE), PartyCode.of("PK"));

        JsonNode status = deliverToPk(dangling);

        assertThat(status.path("success_count").asInt()).as(status.toString()).isZero();
        assertThat(status.path("failures").get(0).path("message").asString()).startsWith("$.in_reply_to_ref: no call");
        assertThat(status.path("x_concord_receipts")).as("no receipt for a reply to nothing").isEmpty();
        assertThat(nodes.pk.bean(Workflow.class).find(HotlineType.DEFAULT, dangling.path("id").asString())).isEmpty();
    }

    /** IR's reply to {@code inReplyTo}, addressed to {@code to}'s official, as IR's node would send it. */
    private static ObjectNode fromIr(StixId inReplyTo, PartyCode to) {
        StixId id = StixId.random(HotlineStix.TYPE);
        Official from = new Official(PartyCode.of("IR"), "Duty officer IR", "Operations");
        Official addressee = new Official(to, "Duty officer " + to.value(), "DGMO office");
        HotlineMessage.Send send = new HotlineMessage.Send(new Envelope(id, id, from.party(), MessageStix.truncate(Instant.now()), null),
                from, addressee, Priority.ROUTINE, "answering", null, inReplyTo);
        return HotlineType.DEFAULT.toStix(send, nodes.ir.identity().stixIdentityId(), Tlp.AMBER, List.of());
    }

    private static JsonNode deliverToPk(JsonNode object) throws Exception {
        var response = Https.asPartner(nodes.ir, nodes.pk).send("POST", "/taxii2/concord/collections/" + Collection.INBOX.id()
                + "/objects/", "{\"objects\":[" + object + "]}", "Accept", TAXII, "Content-Type", TAXII);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        return Stix.JSON.readTree(response.body());
    }

    private static JsonNode problem(int status, HttpResponse<String> response) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        return HotlineApi.JSON.readTree(response.body());
    }
}
