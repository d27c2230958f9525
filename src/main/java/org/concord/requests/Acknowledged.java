package org.concord.requests;

import org.concord.workflow.Step;

import java.time.Instant;

import org.concord.requests.RequestMessage.Acknowledge;
import org.concord.requests.RequestMessage.Amend;

/**
 * The responder has the request and is looking at it: the answer deadline runs from
 * {@code answerClockFrom} (the request, an amendment, or the requester's rejection of a
 * counter-proposal).
 *
 * @param acknowledgedAt when the acknowledgement (or the message that implied it) was sent
 * @param answerClockFrom when the responder's answer deadline started to run
 */
public record Acknowledged(CaseFile file, Instant acknowledgedAt, Instant answerClockFrom) implements RequestCase {

    Step<RequestCase, Refusal> on(RequestMessage message) {
        if (message instanceof Acknowledge) {
            return Step.refused(Refusal.of(Refusal.Rule.ALREADY_ACKNOWLEDGED, "type",
                    "the request was acknowledged at " + acknowledgedAt));
        }
        if (message instanceof Amend amend) {
            return Step.next(new Acknowledged(file.amended(amend),
                    acknowledgedAt, amend.sentAt()));
        }
        return Answering.answer(file, message);
    }
}
