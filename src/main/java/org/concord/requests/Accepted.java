package org.concord.requests;

import org.concord.workflow.Step;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.concord.workflow.StixId;

import org.concord.requests.RequestMessage.Acknowledge;
import org.concord.requests.RequestMessage.Close;
import org.concord.requests.RequestMessage.ProgressUpdate;

/**
 * The responder will act (on the request as it stands, or on the counter-proposal the requester
 * agreed to). It reports progress and closes the case with an outcome; the progress deadline
 * runs from the acceptance or the last update.
 *
 * @param acceptedAt when the acceptance was sent
 * @param agreedCounterProposal the counter-proposal agreed to, if that is what was accepted
 * @param agreedRef the id of the message whose terms were agreed: the request or amendment the
 *     responder accepted, or the counter-proposal the requester accepted
 * @param progress the progress updates so far
 */
public record Accepted(CaseFile file, Instant acceptedAt, Optional<CounterProposal> agreedCounterProposal,
        StixId agreedRef, List<Progress> progress) implements RequestCase {

    public Accepted {
        Objects.requireNonNull(acceptedAt, "acceptedAt");
        Objects.requireNonNull(agreedCounterProposal, "agreedCounterProposal");
        Objects.requireNonNull(agreedRef, "agreedRef");
        progress = List.copyOf(progress);
    }

    static Accepted of(CaseFile file, Instant at, CounterProposal agreed, StixId agreedRef) {
        return new Accepted(file, at, Optional.ofNullable(agreed), agreedRef, List.of());
    }

    /** When the responder last reported: the acceptance or the last update. */
    public Instant lastReportAt() {
        return progress.isEmpty() ? acceptedAt : progress.get(progress.size() - 1).at();
    }

    Step<RequestCase, Refusal> on(RequestMessage message) {
        if (message instanceof ProgressUpdate update) {
            List<Progress> more = new ArrayList<>(progress);
            more.add(new Progress(update.sentAt(), update.text()));
            return Step.next(new Accepted(file, acceptedAt, agreedCounterProposal, agreedRef, more));
        }
        if (message instanceof Close close) {
            return Step.next(new Closed(file, close.outcome(), close.text(), close.sentAt()));
        }
        if (message instanceof Acknowledge) {
            return Step.refused(Refusal.of(Refusal.Rule.ALREADY_ACKNOWLEDGED, "type",
                    "the request was accepted at " + acceptedAt));
        }
        return Step.refused(Refusal.of(Refusal.Rule.ALREADY_ACCEPTED, "type",
                "the request was accepted at " + acceptedAt + "; " + message.type() + " no longer applies"));
    }

    /** One progress update. */
    public record Progress(Instant at, String text) {
        public Progress {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(text, "text");
        }
    }
}
