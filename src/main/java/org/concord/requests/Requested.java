package org.concord.requests;

import org.concord.workflow.Step;

import java.time.Instant;

import org.concord.requests.RequestMessage.Acknowledge;
import org.concord.requests.RequestMessage.Amend;

/**
 * The request is out and the responder has not said anything yet: the acknowledgement deadline runs
 * (see {@link RequestDeadlinePolicy}). The responder may acknowledge, or answer at once (accept,
 * decline, counter-propose: each implies the acknowledgement).
 */
public record Requested(CaseFile file) implements RequestCase {

    Step<RequestCase, Refusal> on(RequestMessage message) {
        if (message instanceof Acknowledge) {
            return Step.next(new Acknowledged(file, message.sentAt(), file.termsSince()));
        }
        if (message instanceof Amend amend) {
            return Step.next(new Requested(file.amended(amend)));
        }
        return Answering.answer(file, message);
    }

    /** When the acknowledgement deadline started: the request (or its last amendment). */
    public Instant waitingSince() {
        return file.termsSince();
    }
}
