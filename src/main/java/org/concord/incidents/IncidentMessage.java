package org.concord.incidents;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

import org.concord.party.PartyCode;
import org.concord.workflow.EnvelopedMessage;
import org.concord.workflow.Envelope;
import org.concord.workflow.StixId;

/** The messages of one incident. Who may send what, when, is decided by {@link Incident#apply}. */
public sealed interface IncidentMessage extends EnvelopedMessage {

    /** One side reports an incident to the other; it opens the case, whose id is this message's id. */
    record Report(Envelope envelope, PartyCode addressee, IncidentReport report) implements IncidentMessage {
        public Report {
            Objects.requireNonNull(envelope, "envelope");
            Objects.requireNonNull(addressee, "addressee");
            Objects.requireNonNull(report, "report");
            if (!envelope.caseId().equals(envelope.id()) || envelope.previous() != null) {
                throw new IllegalArgumentException("a report opens its own case");
            }
        }

        public static Report of(StixId id, PartyCode sender, PartyCode addressee, Instant sentAt,
                IncidentReport report) {
            return new Report(new Envelope(id, id, sender, sentAt, null), addressee, report);
        }
    }

    /**
     * The other side answers one claim.
     *
     * @param claimRef the claim's reference in the report
     * @param evidence STIX ids of the evidence; required for DISPUTE
     */
    record AnswerClaim(Envelope envelope, String claimRef, Verdict verdict, List<StixId> evidence, String text)
            implements IncidentMessage {
        public AnswerClaim {
            Envelope.requireAnswer(envelope);
            evidence = evidence == null ? List.of() : List.copyOf(evidence);
            text = text == null ? "" : text.strip();
        }
    }

    /** Either side proposes joint findings; they replace any earlier proposal, whose sign-offs lapse. */
    record ProposeFindings(Envelope envelope, String findings) implements IncidentMessage {
        public ProposeFindings {
            Envelope.requireAnswer(envelope);
            findings = findings == null ? "" : findings.strip();
        }
    }

    /** A side signs off the findings proposed in message {@code findingsRef}. */
    record SignOff(Envelope envelope, StixId findingsRef) implements IncidentMessage {
        public SignOff {
            Envelope.requireAnswer(envelope);
        }
    }

}
