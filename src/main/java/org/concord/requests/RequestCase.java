package org.concord.requests;

import org.concord.workflow.Step;

/**
 * A case, in one of its states. Each state is its own type and says, in its {@code on} method,
 * what each message does to it; {@link #apply} first checks the rules every state shares (right
 * case, a party to it, not closed, the sender's role, required fields) and then asks the state.
 *
 * <ul>
 *   <li>{@link Requested} — acknowledge → {@link Acknowledged}; accept → {@link Accepted}; decline →
 *       {@link Declined}; counter-propose → {@link CounterProposed}; amend → Requested;</li>
 *   <li>{@link Acknowledged} — the same answers; amend → Acknowledged;</li>
 *   <li>{@link CounterProposed} — the requester accepts it → Accepted, declines it or amends →
 *       Acknowledged; the responder may still accept, decline or counter-propose anew;</li>
 *   <li>{@link Accepted} — progress updates; close → {@link Closed};</li>
 *   <li>any open state — the requester withdraws → Closed; either side escalates one rung.</li>
 * </ul>
 * {@code docs/workflow.md} has the whole table.
 */
public sealed interface RequestCase permits Requested, Acknowledged, CounterProposed, Accepted, Declined, Closed {

    /** What every state knows: parties, terms, rung, history. */
    CaseFile file();

    /** Whether the case is over (declined or closed): every further message is refused. */
    default boolean isClosed() {
        return false;
    }

    /** The state's name, as in the docs. */
    default String name() {
        return getClass().getSimpleName();
    }

    /** The next state after this message, or the refusal; this state is unchanged either way. */
    default Step<RequestCase, Refusal> apply(RequestMessage message) {
        return RequestProtocol.apply(this, message);
    }

    /** The first state of a case, opened by a request, or the refusal of a malformed request. */
    static Step<RequestCase, Refusal> open(RequestMessage.Request request) {
        return RequestProtocol.open(request);
    }
}
