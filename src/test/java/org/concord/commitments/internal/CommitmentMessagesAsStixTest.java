package org.concord.commitments.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.concord.commitments.CommitmentMessage;
import org.concord.demo.January2024;
import org.concord.intel.stix.Tlp;
import org.concord.workflow.Envelope;
import org.concord.workflow.EscalationLevel;
import org.concord.workflow.StixId;
import org.junit.jupiter.api.Test;

/** Every commitment message survives the trip to STIX and back unchanged. */
class CommitmentMessagesAsStixTest {

    @Test
    void theScenariosCommitmentsAndAnEscalationRoundTrip() {
        List<CommitmentMessage> messages = new ArrayList<>(January2024.scenario().commitments());
        CommitmentMessage first = messages.get(0);
        messages.add(new CommitmentMessage.Escalate(Envelope.answer(StixId.random(CommitmentStix.TYPE), first.caseId(),
                January2024.PK, first.sentAt().plusSeconds(60), first.id()), EscalationLevel.SECURITY_CHIEFS, first.sentAt()));
        messages.add(new CommitmentMessage.Attest(Envelope.answer(StixId.random(CommitmentStix.TYPE), first.caseId(),
                January2024.PK, first.sentAt().plusSeconds(60), first.id()), "done", List.of(StixId.random("report"))));
        for (CommitmentMessage message : messages) {
            var object = CommitmentStix.toStix(message, "identity--0f5e8c3a-6b2d-4e19-9c47-5a1d3e7b2c10", Tlp.AMBER, List.of());
            assertThat(CommitmentStix.fromStix(object)).isEqualTo(message);
            assertThat(message.id().value()).startsWith(CommitmentStix.TYPE + "--");
        }
    }
}
