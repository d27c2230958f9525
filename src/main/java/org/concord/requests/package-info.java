/**
 * Requests for action: "act against this target in your territory" instead of striking it.
 *
 * <p>The API is the pure core, without Spring, I/O or a clock of its own:
 * <ul>
 *   <li>the request ({@link org.concord.requests.RequestForAction}: targets and evidence as STIX
 *       references, the requested action, the urgency, a text) and the messages both sides send
 *       ({@link org.concord.requests.RequestMessage}: request, acknowledge, accept, decline,
 *       counter-propose, amend, progress update, close, escalate);</li>
 *   <li>the state machine: each state its own type ({@link org.concord.requests.Requested},
 *       {@link org.concord.requests.Acknowledged}, {@link org.concord.requests.CounterProposed},
 *       {@link org.concord.requests.Accepted}, {@link org.concord.requests.Declined},
 *       {@link org.concord.requests.Closed}); a message gives a
 *       {@link org.concord.requests.Transition}: the next state or a
 *       {@link org.concord.requests.Refusal} naming the rule and the field;</li>
 *   <li>{@link org.concord.requests.RequestCases#fold}: the state both nodes derive from the same
 *       messages, whatever the delivery order and however many duplicates;</li>
 *   <li>{@link org.concord.requests.RequestDeadlinePolicy}: the deadlines by urgency and the
 *       escalations a missed one makes due.</li>
 * </ul>
 * Persistence, the REST API, the STIX extension objects and the transport build on these types and
 * decide nothing of their own: a use case folds the stored messages, applies the new one, stores
 * it (applied or refused, it is in the ledger either way) and sends it. See {@code docs/workflow.md}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Requests for action",
        allowedDependencies = {"node", "party", "intel::stix", "exchange", "workflow"})
package org.concord.requests;
