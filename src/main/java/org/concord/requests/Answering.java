package org.concord.requests;

import org.concord.workflow.Step;

import org.concord.requests.RequestMessage.Accept;
import org.concord.requests.RequestMessage.Close;
import org.concord.requests.RequestMessage.CounterPropose;
import org.concord.requests.RequestMessage.Decline;
import org.concord.workflow.StixId;

/** What the responder's answer does while no answer has been given (Requested and Acknowledged alike). */
final class Answering {

    private Answering() {
    }

    static Step<RequestCase, Refusal> answer(CaseFile file, RequestMessage message) {
        if (message instanceof Accept accept) {
            if (!accept.termsRef().equals(file.termsRef())) {
                return termsChanged(file.termsRef());
            }
            return Step.next(Accepted.of(file, message.sentAt(), null, file.termsRef()));
        }
        if (message instanceof Decline decline) {
            return Step.next(new Declined(file, decline.reason(), decline.text(), decline.sentAt()));
        }
        if (message instanceof CounterPropose counter) {
            return Step.next(new CounterProposed(file, counter.proposal(), counter.id(), counter.sentAt()));
        }
        if (message instanceof Close close) {
            return RequestProtocol.closeBeforeAcceptance(file, close);
        }
        return Step.refused(Refusal.of(Refusal.Rule.NOT_ACCEPTED_YET, "type",
                message.type() + " comes only after the request was accepted"));
    }

    static Step<RequestCase, Refusal> termsChanged(StixId current) {
        return Step.refused(Refusal.of(Refusal.Rule.TERMS_CHANGED, "terms_ref",
                "the terms on the table are those of " + current + "; accept what you have seen"));
    }
}
