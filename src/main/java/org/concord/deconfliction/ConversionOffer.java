package org.concord.deconfliction;

import org.concord.party.PartyCode;

/**
 * An offer, made with a sovereignty refusal, to turn the refused notice into something that may
 * be sent: a request that the partner act in its own territory, or a proposal to act together.
 * Only the offer, as data the requests module (#5) can prefill its forms with; nothing is sent.
 *
 * @param kind        which conversion
 * @param fromNotice  the refused notice
 * @param addressedTo the partner who would receive the request or the proposal
 * @param operation   the operation that was planned
 * @param area        the area that was planned, whole
 * @param window      when it was planned
 * @param summary     one sentence for the officer
 */
public record ConversionOffer(Kind kind, NoticeId fromNotice, PartyCode addressedTo, OperationType operation,
        OperationArea area, TimeWindow window, String summary) {

    /** What the notice can become. */
    public enum Kind {
        /** "Act against this target in your territory", instead of acting there ourselves. */
        REQUEST_FOR_ACTION,
        /** A proposal that both parties act together, each on its own side or as agreed. */
        JOINT_OPERATION_PROPOSAL
    }

    public ConversionOffer {
        Invalid.required("kind", kind);
        Invalid.required("fromNotice", fromNotice);
        Invalid.required("addressedTo", addressedTo);
        Invalid.required("operation", operation);
        Invalid.required("area", area);
        Invalid.required("window", window);
        summary = Invalid.text("summary", summary, 1000);
    }
}
