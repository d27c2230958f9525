/**
 * The one case engine of the cooperation workflow — requests for action, hotline calls, incidents,
 * commitments: one algorithm over a small per-type interface, as {@code docs/cases.md} describes.
 *
 * <ul>
 *   <li>The grammar: {@link org.concord.workflow.StixId}, {@link org.concord.workflow.Envelope},
 *       {@link org.concord.workflow.CaseMessage} and {@link org.concord.workflow.DeliveryOrder} (both
 *       nodes apply the messages of a case in one canonical order, derived only from the set of
 *       messages), {@link org.concord.workflow.EscalationLevel} and
 *       {@link org.concord.workflow.EscalationClock} (the ladder, missed deadlines, and the one rule
 *       of escalation: one rung at a time). Pure functions of explicit instants.</li>
 *   <li>The per-type interface {@link org.concord.workflow.CaseType}: STIX type, opening message,
 *       transition function, refusals mapped to HTTP, field names, escalation policy
 *       ({@link org.concord.workflow.Deadline}), next actor, agreed terms and proposal.</li>
 *   <li>The one fold {@link org.concord.workflow.Cases#fold}, with conflicting reuse of an id,
 *       giving {@link org.concord.workflow.Folded}.</li>
 *   <li>The runtime (Spring, JDBC): {@link org.concord.workflow.Workflow} sends (store, outbox,
 *       audit), receives (deduplicated, audited) and escalates; {@code WorkflowInboxCheck} refuses
 *       a workflow message that cannot be read, or that takes the id of another sender's message,
 *       before the inbox signs a receipt for it;
 *       {@link org.concord.workflow.WorkflowTable} is the table pair {@code workflow_case} /
 *       {@code workflow_message} keyed by case type; {@link org.concord.workflow.CaseViews} and
 *       {@code GET /api/cases} show every case alike.</li>
 * </ul>
 *
 * The modules of the four types depend on this one, never the reverse: each declares its
 * {@link org.concord.workflow.CaseType} as a bean and the engine finds it.
 */
@org.springframework.modulith.ApplicationModule(
        displayName = "Workflow: the one case engine of requests, hotline, incidents and commitments",
        allowedDependencies = {"node", "party", "audit", "ledger", "intel", "intel::stix", "exchange"})
package org.concord.workflow;
