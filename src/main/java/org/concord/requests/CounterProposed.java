package org.concord.requests;

import org.concord.workflow.Step;

import java.time.Instant;

import org.concord.requests.RequestMessage.Accept;
import org.concord.requests.RequestMessage.Acknowledge;
import org.concord.requests.RequestMessage.Amend;
import org.concord.requests.RequestMessage.Close;
import org.concord.requests.RequestMessage.CounterPropose;
import org.concord.requests.RequestMessage.Decline;
import org.concord.workflow.StixId;

/**
 * The responder offered something else; the requester's answer is awaited. The requester may accept
 * the counter-proposal, decline it (the request stands as it was and the responder must answer it),
 * amend its request (e.g. with more evidence) or withdraw. The responder may still accept or
 * decline the request as it stands, or replace its counter-proposal.
 *
 * @param proposal the counter-proposal on the table
 * @param proposalRef the id of the message that made it; the requester's acceptance names it
 * @param proposedAt when it was sent; the requester's deadline runs from it
 */
public record CounterProposed(CaseFile file, CounterProposal proposal, StixId proposalRef, Instant proposedAt)
        implements RequestCase {

    Step<RequestCase, Refusal> on(RequestMessage message) {
        boolean fromRequester = message.sender().equals(file.requester());
        if (message instanceof Acknowledge) {
            return Step.refused(Refusal.of(Refusal.Rule.ALREADY_ACKNOWLEDGED, "type",
                    "the request was answered with a counter-proposal at " + proposedAt));
        }
        if (message instanceof Accept accept && fromRequester) {
            if (!accept.termsRef().equals(proposalRef)) {
                return Answering.termsChanged(proposalRef);
            }
            return Step.next(Accepted.of(file, message.sentAt(), proposal, proposalRef));
        }
        if (message instanceof Decline && fromRequester) {
            return Step.next(new Acknowledged(file, proposedAt, message.sentAt()));
        }
        if (message instanceof Amend amend) {
            return Step.next(new Acknowledged(file.amended(amend),
                    proposedAt, amend.sentAt()));
        }
        if (message instanceof CounterPropose counter) {
            return Step.next(new CounterProposed(file, counter.proposal(), counter.id(), counter.sentAt()));
        }
        if (message instanceof Close close) {
            return RequestProtocol.closeBeforeAcceptance(file, close);
        }
        return Answering.answer(file, message);
    }
}
