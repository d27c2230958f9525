package org.concord.requests;

import org.concord.workflow.Step;

import java.util.Optional;

import org.concord.requests.RequestMessage.Accept;
import org.concord.requests.RequestMessage.Acknowledge;
import org.concord.requests.RequestMessage.Amend;
import org.concord.requests.RequestMessage.Close;
import org.concord.requests.RequestMessage.CounterPropose;
import org.concord.requests.RequestMessage.Decline;
import org.concord.requests.RequestMessage.Escalate;
import org.concord.requests.RequestMessage.ProgressUpdate;
import org.concord.requests.RequestMessage.Request;
import org.concord.requests.Refusal.Rule;
import org.concord.workflow.EscalationLevel;

/**
 * The rules every state shares, checked in this order before a state sees a message: the right
 * case; a party to it; not a second request; not closed; the sender's role; the required fields.
 * Then the state decides; then the applied message is added to the history.
 */
final class RequestProtocol {

    private RequestProtocol() {
    }

    static Step<RequestCase, Refusal> open(Request request) {
        if (request.sender().equals(request.addressee())) {
            return Step.refused(Refusal.of(Rule.SELF_ADDRESSED, "addressee",
                    request.sender() + " cannot ask itself to act"));
        }
        Optional<Refusal> missing = missingInTerms(request.request(), "request");
        if (missing.isPresent()) {
            return Step.refused(missing.get());
        }
        return Step.next(new Requested(CaseFile.opened(request)));
    }

    static Step<RequestCase, Refusal> apply(RequestCase state, RequestMessage message) {
        Optional<Refusal> refusal = shared(state, message);
        if (refusal.isPresent()) {
            return Step.refused(refusal.get());
        }
        Step<RequestCase, Refusal> transition = message instanceof Escalate escalate
                ? Step.next(withFile(state, state.file().escalated(escalate.to(), escalate.asOf())))
                : specific(state, message);
        if (transition instanceof Step.Next<RequestCase, Refusal> next) {
            RequestCase after = next.state();
            return Step.next(withFile(after, after.file().recording(message)));
        }
        return transition;
    }

    private static Step<RequestCase, Refusal> specific(RequestCase state, RequestMessage message) {
        if (state instanceof Requested requested) {
            return requested.on(message);
        }
        if (state instanceof Acknowledged acknowledged) {
            return acknowledged.on(message);
        }
        if (state instanceof CounterProposed counterProposed) {
            return counterProposed.on(message);
        }
        if (state instanceof Accepted accepted) {
            return accepted.on(message);
        }
        return Step.refused(Refusal.of(Rule.CASE_CLOSED, "type", "the case is " + state.name().toLowerCase()));
    }

    private static Optional<Refusal> shared(RequestCase state, RequestMessage message) {
        CaseFile file = state.file();
        if (!message.caseId().equals(file.caseId())) {
            return refuse(Rule.UNKNOWN_CASE, "case_ref", "no open case " + message.caseId() + " here");
        }
        if (!file.isParty(message.sender())) {
            return refuse(Rule.NOT_A_PARTY_TO_THE_CASE, "sender",
                    message.sender() + " is not a party to this case between " + file.requester() + " and "
                            + file.responder());
        }
        if (message instanceof Request) {
            return refuse(Rule.CASE_ALREADY_OPEN, "id", "case " + file.caseId() + " is already open");
        }
        if (state.isClosed()) {
            return refuse(Rule.CASE_CLOSED, "type",
                    "the case is " + state.name().toLowerCase() + "; " + message.type() + " cannot change it");
        }
        Optional<Refusal> role = role(state, message);
        return role.isPresent() ? role : fields(file, message);
    }

    private static Optional<Refusal> role(RequestCase state, RequestMessage message) {
        CaseFile file = state.file();
        boolean fromRequester = message.sender().equals(file.requester());
        boolean responderOnly = message instanceof Acknowledge || message instanceof CounterPropose
                || message instanceof ProgressUpdate
                || ((message instanceof Accept || message instanceof Decline) && !(state instanceof CounterProposed));
        if (responderOnly && fromRequester) {
            return refuse(Rule.REQUESTER_CANNOT_ANSWER_OWN_REQUEST, "sender",
                    file.requester() + " sent the request and cannot " + message.type().toLowerCase() + " it; "
                            + file.responder() + " answers");
        }
        if (message instanceof Amend && !fromRequester) {
            return refuse(Rule.ONLY_THE_REQUESTER_MAY, "sender",
                    "only " + file.requester() + ", who sent the request, may amend it");
        }
        if (message instanceof Close close && close.outcome() != null
                && close.outcome().isTheRequesters() != fromRequester) {
            return refuse(Rule.OUTCOME_NOT_YOURS, "outcome", fromRequester
                    ? "the requester closes a case only by withdrawing it (WITHDRAWN)"
                    : "only the requester withdraws; the responder closes with what came of the action");
        }
        return Optional.empty();
    }

    private static Optional<Refusal> fields(CaseFile file, RequestMessage message) {
        if (message instanceof Accept accept && accept.termsRef() == null) {
            return refuse(Rule.FIELD_REQUIRED, "terms_ref", "an acceptance names the terms it accepts");
        }
        if (message instanceof Decline decline) {
            if (decline.reason() == null) {
                return refuse(Rule.FIELD_REQUIRED, "reason", "a decline needs a reason: one of "
                        + java.util.Arrays.toString(DeclineReason.values()));
            }
            if (decline.reason() == DeclineReason.OTHER && decline.text().isEmpty()) {
                return refuse(Rule.TEXT_REQUIRED, "text", "a decline for reason OTHER needs a text that says why");
            }
        }
        if (message instanceof CounterPropose counter) {
            if (counter.proposal() == null || counter.proposal().kind() == null) {
                return refuse(Rule.FIELD_REQUIRED, "proposal.kind", "a counter-proposal says what kind it is");
            }
            if (counter.proposal().kind() == CounterProposal.Kind.OTHER && counter.proposal().text().isEmpty()) {
                return refuse(Rule.TEXT_REQUIRED, "proposal.text", "a counter-proposal of kind OTHER needs a text");
            }
        }
        if (message instanceof ProgressUpdate update && update.text().isEmpty()) {
            return refuse(Rule.TEXT_REQUIRED, "text", "a progress update says what progress was made");
        }
        if (message instanceof Amend amend) {
            if (amend.revised() == null) {
                return refuse(Rule.FIELD_REQUIRED, "revised", "an amendment carries the revised request");
            }
            return missingInTerms(amend.revised(), "revised");
        }
        if (message instanceof Close close) {
            if (close.outcome() == null) {
                return refuse(Rule.FIELD_REQUIRED, "outcome", "a closure states its outcome");
            }
            if (close.outcome() == Outcome.ABANDONED && close.text().isEmpty()) {
                return refuse(Rule.TEXT_REQUIRED, "text", "an abandoned action needs a text that says why");
            }
        }
        if (message instanceof Escalate escalate) {
            return escalation(file.level(), escalate);
        }
        return Optional.empty();
    }

    private static Optional<Refusal> escalation(EscalationLevel level, Escalate escalate) {
        return org.concord.workflow.EscalationClock.check(level, escalate.to(), escalate.asOf())
                .map(p -> Refusal.of(Rule.valueOf(p.rule()), p.field(), p.explanation()));
    }

    private static Optional<Refusal> missingInTerms(RequestForAction terms, String prefix) {
        if (terms.targets().isEmpty()) {
            return refuse(Rule.FIELD_REQUIRED, prefix + ".targets", "a request names at least one target");
        }
        if (terms.action() == null || terms.action().kind() == null) {
            return refuse(Rule.FIELD_REQUIRED, prefix + ".action", "a request says what action it asks for");
        }
        if (terms.action().kind() == RequestedAction.Kind.OTHER && terms.action().detail().isEmpty()) {
            return refuse(Rule.TEXT_REQUIRED, prefix + ".action.detail", "an action of kind OTHER needs a detail");
        }
        if (terms.urgency() == null) {
            return refuse(Rule.FIELD_REQUIRED, prefix + ".urgency", "a request states its urgency");
        }
        return Optional.empty();
    }

    /** A closure before acceptance: the requester withdraws; the responder has nothing to close yet. */
    static Step<RequestCase, Refusal> closeBeforeAcceptance(CaseFile file, Close close) {
        if (close.sender().equals(file.requester())) {
            return Step.next(new Closed(file, close.outcome(), close.text(), close.sentAt()));
        }
        return Step.refused(Refusal.of(Rule.NOT_ACCEPTED_YET, "type",
                "the responder closes a case after accepting it; before that it declines"));
    }

    static RequestCase withFile(RequestCase state, CaseFile file) {
        if (state instanceof Requested) {
            return new Requested(file);
        }
        if (state instanceof Acknowledged a) {
            return new Acknowledged(file, a.acknowledgedAt(), a.answerClockFrom());
        }
        if (state instanceof CounterProposed c) {
            return new CounterProposed(file, c.proposal(), c.proposalRef(), c.proposedAt());
        }
        if (state instanceof Accepted a) {
            return new Accepted(file, a.acceptedAt(), a.agreedCounterProposal(), a.agreedRef(), a.progress());
        }
        if (state instanceof Declined d) {
            return new Declined(file, d.reason(), d.text(), d.declinedAt());
        }
        Closed c = (Closed) state;
        return new Closed(file, c.outcome(), c.text(), c.closedAt());
    }

    private static Optional<Refusal> refuse(Rule rule, String field, String explanation) {
        return Optional.of(Refusal.of(rule, field, explanation));
    }
}
