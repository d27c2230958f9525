package org.concord.incidents;

import org.concord.workflow.Folded;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.concord.party.PartyCode;
import org.concord.workflow.Envelope;
import org.concord.workflow.StixId;

/** Reports and exchanges for incident tests. */
final class IncidentFixtures {

    static final PartyCode PK = PartyCode.of("PK");
    static final PartyCode IR = PartyCode.of("IR");
    static final PartyCode AF = PartyCode.of("AF");
    static final Instant T0 = Instant.parse("2024-01-18T06:00:00Z");

    private IncidentFixtures() {
    }

    static IncidentReport anyReport() {
        return new IncidentReport(T0.minusSeconds(3600), "{\"type\":\"Point\",\"coordinates\":[62.33,27.37]}",
                IncidentType.CROSS_BORDER_STRIKE, "drones and missiles struck a village",
                new Casualties(9, 0, "three women, four children, two men"),
                List.of(new Claim("claim-1", "nine people were killed"),
                        new Claim("claim-2", "those killed were not nationals of the reporting state")));
    }

    static StixId anyEvidence() {
        return StixId.random("report");
    }

    /** One incident's messages, each naming the one before. */
    static final class Exchange {
        final List<IncidentMessage> messages = new ArrayList<>();
        final IncidentMessage.Report report;

        Exchange(PartyCode reporter, PartyCode addressee, IncidentReport report) {
            this.report = IncidentMessage.Report.of(StixId.random("x-concord-incident"), reporter, addressee, T0,
                    report);
            messages.add(this.report);
        }

        private Envelope next(PartyCode sender) {
            return Envelope.answer(StixId.random("x-concord-incident-message"), report.id(), sender,
                    T0.plusSeconds(60L * messages.size()), messages.get(messages.size() - 1).id());
        }

        IncidentMessage.AnswerClaim answer(PartyCode by, String claim, Verdict verdict, StixId... evidence) {
            return add(new IncidentMessage.AnswerClaim(next(by), claim, verdict, List.of(evidence), ""));
        }

        IncidentMessage.ProposeFindings propose(PartyCode by, String findings) {
            return add(new IncidentMessage.ProposeFindings(next(by), findings));
        }

        IncidentMessage.SignOff signOff(PartyCode by, IncidentMessage.ProposeFindings findings) {
            return add(new IncidentMessage.SignOff(next(by), findings.id()));
        }

        <M extends IncidentMessage> M add(M message) {
            messages.add(message);
            return message;
        }

        Folded<IncidentMessage, Incident, IncidentRefusal> fold() {
            return Incidents.fold(messages);
        }

        Incident state() {
            return fold().current();
        }

        IncidentRefusal lastRefusal() {
            List<Folded.RefusedMessage<IncidentMessage, IncidentRefusal>> refused = fold().refused();
            return refused.get(refused.size() - 1).refusal();
        }
    }
}
