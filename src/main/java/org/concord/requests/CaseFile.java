package org.concord.requests;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.concord.party.PartyCode;
import org.concord.workflow.EscalationLevel;
import org.concord.workflow.StixId;

/**
 * What every state of a case knows: who asked whom, the terms as they stand, the rung of the
 * escalation ladder and the messages applied so far (the history an escalation carries).
 *
 * @param caseId the id of the opening request
 * @param requester the party that asked
 * @param responder the party asked to act (the counterpart)
 * @param openedAt when the request was sent
 * @param terms the request as it stands (amendments replace it)
 * @param termsRef the message that set the current terms: the request or the last amendment; an
 *     acceptance names it, so nobody accepts terms it has not seen
 * @param termsSince when the current terms were set
 * @param level the rung of the escalation ladder
 * @param lastEscalation when the last escalation took effect; empty before any
 * @param history the applied messages, in the order they were applied
 */
public record CaseFile(StixId caseId, PartyCode requester, PartyCode responder, Instant openedAt,
        RequestForAction terms, StixId termsRef, Instant termsSince, EscalationLevel level,
        Optional<Instant> lastEscalation, List<RequestMessage> history) {

    public CaseFile {
        Objects.requireNonNull(caseId, "caseId");
        Objects.requireNonNull(requester, "requester");
        Objects.requireNonNull(responder, "responder");
        if (requester.equals(responder)) {
            throw new IllegalArgumentException("a case has two parties: " + requester);
        }
        Objects.requireNonNull(openedAt, "openedAt");
        Objects.requireNonNull(terms, "terms");
        Objects.requireNonNull(termsRef, "termsRef");
        Objects.requireNonNull(termsSince, "termsSince");
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(lastEscalation, "lastEscalation");
        history = List.copyOf(history);
    }

    static CaseFile opened(RequestMessage.Request request) {
        return new CaseFile(request.caseId(), request.sender(), request.addressee(), request.sentAt(),
                request.request(), request.id(), request.sentAt(), EscalationLevel.LIAISON_OFFICERS, Optional.empty(),
                List.of(request));
    }

    public Urgency urgency() {
        return terms.urgency();
    }

    /** The id of the last applied message: what a new message from this node names as previous. */
    public StixId head() {
        return history.get(history.size() - 1).id();
    }

    public boolean isParty(PartyCode party) {
        return requester.equals(party) || responder.equals(party);
    }

    /** The later of a start and the last escalation: deadlines restart from an escalation. */
    public Instant clockFrom(Instant start) {
        return lastEscalation.filter(e -> e.isAfter(start)).orElse(start);
    }

    CaseFile recording(RequestMessage message) {
        List<RequestMessage> more = new ArrayList<>(history);
        more.add(message);
        return new CaseFile(caseId, requester, responder, openedAt, terms, termsRef, termsSince, level, lastEscalation,
                more);
    }

    CaseFile amended(RequestMessage.Amend amend) {
        return new CaseFile(caseId, requester, responder, openedAt, amend.revised(), amend.id(), amend.sentAt(), level,
                lastEscalation, history);
    }

    CaseFile escalated(EscalationLevel to, Instant asOf) {
        return new CaseFile(caseId, requester, responder, openedAt, terms, termsRef, termsSince, to, Optional.of(asOf),
                history);
    }
}
