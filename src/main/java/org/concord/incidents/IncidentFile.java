package org.concord.incidents;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import org.concord.party.PartyCode;
import org.concord.workflow.StixId;

/**
 * What every state of an incident knows.
 *
 * @param incidentId the id of the report
 * @param reporter the side that reported
 * @param addressee the side asked to answer
 * @param report the report
 * @param answers the answers so far, by claim reference
 * @param history the applied messages in order
 */
public record IncidentFile(StixId incidentId, PartyCode reporter, PartyCode addressee, IncidentReport report,
        Map<String, ClaimAnswer> answers, List<IncidentMessage> history) {

    public IncidentFile {
        Objects.requireNonNull(incidentId, "incidentId");
        Objects.requireNonNull(reporter, "reporter");
        Objects.requireNonNull(addressee, "addressee");
        Objects.requireNonNull(report, "report");
        answers = java.util.Collections.unmodifiableMap(new TreeMap<>(answers));
        history = List.copyOf(history);
    }

    static IncidentFile opened(IncidentMessage.Report report) {
        return new IncidentFile(report.id(), report.sender(), report.addressee(), report.report(), Map.of(),
                List.of(report));
    }

    public boolean isParty(PartyCode party) {
        return reporter.equals(party) || addressee.equals(party);
    }

    /** The claims not yet answered with CONFIRM or DISPUTE. */
    public List<Claim> openClaims() {
        return report.claims().stream()
                .filter(c -> !answers.containsKey(c.ref()) || !answers.get(c.ref()).isDefinite())
                .toList();
    }

    public StixId head() {
        return history.get(history.size() - 1).id();
    }

    IncidentFile answering(String claimRef, ClaimAnswer answer) {
        Map<String, ClaimAnswer> more = new TreeMap<>(answers);
        more.put(claimRef, answer);
        return new IncidentFile(incidentId, reporter, addressee, report, more, history);
    }

    IncidentFile recording(IncidentMessage message) {
        List<IncidentMessage> more = new ArrayList<>(history);
        more.add(message);
        return new IncidentFile(incidentId, reporter, addressee, report, answers, more);
    }
}
