package org.concord.requests;

import java.util.Collection;
import java.util.Map;

import org.concord.workflow.Cases;
import org.concord.workflow.Folded;
import org.concord.workflow.StixId;

/**
 * How a node derives the state of its requests for action: the engine's one fold
 * ({@link Cases#fold}) with the request type's rules. The same set of messages, delivered in any
 * order and any number of times, gives the same case on both nodes.
 */
public final class RequestCases {

    private RequestCases() {
    }

    /** The case the messages make; they must all be of one case. */
    public static Folded<RequestMessage, RequestCase, Refusal> fold(Collection<? extends RequestMessage> messages) {
        return Cases.fold(RequestType.DEFAULT, messages);
    }

    /** The case {@code caseId} as the messages make it; a message of another case is refused as UNKNOWN_CASE. */
    public static Folded<RequestMessage, RequestCase, Refusal> fold(StixId caseId, Collection<? extends RequestMessage> messages) {
        return Cases.fold(RequestType.DEFAULT, caseId, messages);
    }

    /** Every case among the messages, by case id. */
    public static Map<StixId, Folded<RequestMessage, RequestCase, Refusal>> foldAll(Collection<? extends RequestMessage> messages) {
        return Cases.foldAll(RequestType.DEFAULT, messages);
    }
}
