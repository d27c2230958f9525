package org.concord.requests.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;

import org.concord.intel.stix.StixValidator;
import org.concord.intel.stix.Tlp;
import org.concord.party.PartyCode;
import org.concord.requests.CounterProposal;
import org.concord.requests.DeclineReason;
import org.concord.requests.EvidenceRef;
import org.concord.requests.Outcome;
import org.concord.requests.RequestForAction;
import org.concord.requests.RequestMessage;
import org.concord.requests.RequestedAction;
import org.concord.requests.Urgency;
import org.concord.workflow.Envelope;
import org.concord.workflow.EscalationLevel;
import org.concord.workflow.StixId;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Every request message becomes a valid STIX 2.1 custom object and reads back as the same message. */
public class RequestMessagesAsStixTest {

    static final StixValidator STIX = StixValidator.withOasisSchemas();
    static final PartyCode PK = PartyCode.of("PK");
    static final PartyCode IR = PartyCode.of("IR");
    public static final String PK_IDENTITY = "identity--3b0e6bd2-5c1a-4c0e-9d7e-0e5b1c9a2f10";
    static final Instant T0 = Instant.parse("2024-02-01T08:00:00.123Z");

    static RequestForAction anyRequestForAction() {
        return new RequestForAction(List.of(StixId.random("intrusion-set"), StixId.random("location")),
                List.of(EvidenceRef.of(StixId.random("report"), StixId.of(Tlp.AMBER.markingDefinitionId()))),
                RequestedAction.of(RequestedAction.Kind.DISMANTLE_HIDEOUT, "the compound"), Urgency.URGENT, "twenty armed men");
    }

    public static List<RequestMessage> anyConversation() {
        RequestMessage.Request request = RequestMessage.Request.of(StixId.random(RequestStix.TYPE), PK, IR, T0, anyRequestForAction());
        StixId c = request.id();
        java.util.function.Function<PartyCode, Envelope> next = sender -> Envelope.answer(StixId.random(RequestStix.TYPE), c,
                sender, T0.plusSeconds(60), c);
        return List.of(request,
                new RequestMessage.Acknowledge(next.apply(IR)),
                new RequestMessage.Accept(next.apply(IR), c, "we act"),
                new RequestMessage.Decline(next.apply(IR), DeclineReason.OTHER, "no"),
                new RequestMessage.CounterPropose(next.apply(IR), CounterProposal.of(CounterProposal.Kind.JOINT_OPERATION, "together")),
                new RequestMessage.Amend(next.apply(PK), anyRequestForAction()),
                new RequestMessage.ProgressUpdate(next.apply(IR), "in position"),
                new RequestMessage.Close(next.apply(IR), Outcome.ACTION_TAKEN, "done"),
                new RequestMessage.Escalate(next.apply(PK), EscalationLevel.SECURITY_CHIEFS, T0.plusSeconds(3600), "no answer"));
    }

    @Test
    void everyMessageIsAValidStixObjectThatReadsBackTheSame() {
        for (RequestMessage message : anyConversation()) {
            ObjectNode object = RequestStix.toStix(message, PK_IDENTITY, Tlp.GREEN, List.of());
            assertThat(STIX.validate(object)).as(object.toString()).isEmpty();
            assertThat(object.path("type").asString()).isEqualTo("x-concord-request-message");
            assertThat(object.path("extensions").has(RequestStix.EXTENSION_ID)).isTrue();
            assertThat(RequestStix.fromStix(object)).isEqualTo(message);
        }
    }

    @Test
    void anEscalationCarriesTheHistoryWhole() {
        List<RequestMessage> conversation = anyConversation();
        List<JsonNode> history = List.of(RequestStix.toStix(conversation.get(0), PK_IDENTITY, Tlp.AMBER, List.of()));
        ObjectNode escalation = RequestStix.toStix(conversation.get(8), PK_IDENTITY, Tlp.AMBER, history);
        assertThat(STIX.validate(escalation)).isEmpty();
        assertThat(escalation.path("history").get(0)).isEqualTo(history.get(0));
    }

    @Test
    void aMissingReasonIsReadAsMissingForTheStateMachineToRefuse() {
        ObjectNode decline = RequestStix.toStix(anyConversation().get(3), PK_IDENTITY, Tlp.GREEN, List.of());
        decline.remove("reason");
        assertThat(((RequestMessage.Decline) RequestStix.fromStix(decline)).reason()).isNull();
    }

    @Test
    void aMessageWithoutAnEnvelopeCannotBePlaced() {
        ObjectNode ack = RequestStix.toStix(anyConversation().get(1), PK_IDENTITY, Tlp.GREEN, List.of());
        ack.remove("previous_ref");
        assertThatThrownBy(() -> RequestStix.fromStix(ack)).isInstanceOf(org.concord.workflow.MessageStix.Malformed.class)
                .hasMessageStartingWith("previous_ref");
        ObjectNode request = RequestStix.toStix(anyConversation().get(0), PK_IDENTITY, Tlp.GREEN, List.of());
        request.put("sender", "XX");
        assertThatThrownBy(() -> RequestStix.fromStix(request)).hasMessageStartingWith("sender");
    }

    @Test
    void theExtensionDefinitionAndItsAuthorAreValidStixMarkedClear() {
        for (ObjectNode o : List.of(org.concord.workflow.MessageStix.author(), org.concord.requests.RequestType.DEFAULT.extensionDefinition())) {
            assertThat(STIX.validate(o)).as(o.toString()).isEmpty();
            assertThat(Tlp.of(o)).contains(Tlp.CLEAR);
        }
    }
}
