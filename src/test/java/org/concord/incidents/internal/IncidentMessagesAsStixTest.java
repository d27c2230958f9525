package org.concord.incidents.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.concord.demo.January2024;
import org.concord.incidents.IncidentMessage;
import org.concord.incidents.Verdict;
import org.concord.intel.stix.Tlp;
import org.concord.workflow.Envelope;
import org.concord.workflow.StixId;
import org.junit.jupiter.api.Test;

/** Every incident message survives the trip to STIX and back unchanged. */
class IncidentMessagesAsStixTest {

    @Test
    void theScenariosReportsAndEachKindOfAnswerRoundTrip() {
        IncidentMessage.Report report = (IncidentMessage.Report) January2024.scenario().incidents().get(1);
        Envelope next = Envelope.answer(StixId.random(IncidentStix.TYPE), report.id(), January2024.PK,
                report.sentAt().plusSeconds(60), report.id());
        List<IncidentMessage> messages = List.of(report,
                new IncidentMessage.AnswerClaim(next, January2024.NOT_IRANIAN_NATIONALS, Verdict.DISPUTE,
                        List.of(StixId.random("report")), "they were Pakistani nationals"),
                new IncidentMessage.ProposeFindings(next, "nine killed"),
                new IncidentMessage.SignOff(next, StixId.random(IncidentStix.TYPE)));
        for (IncidentMessage message : messages) {
            var object = IncidentStix.toStix(message, "identity--0f5e8c3a-6b2d-4e19-9c47-5a1d3e7b2c10", Tlp.AMBER);
            assertThat(IncidentStix.fromStix(object)).isEqualTo(message);
            assertThat(object.path("type").asString()).isEqualTo(IncidentStix.TYPE);
            assertThat(message.id().value()).startsWith(IncidentStix.TYPE + "--");
        }
    }
}
