/**
 * The grammar every bilateral case of the cooperation workflow shares — requests for action,
 * hotline messages, incidents, commitments — and nothing else.
 *
 * <ul>
 *   <li>{@link org.concord.workflow.StixId} — the identifier of a message or of the intel object it
 *       refers to, in STIX 2.1 form {@code type--UUID}.</li>
 *   <li>{@link org.concord.workflow.CaseMessage} and {@link org.concord.workflow.DeliveryOrder} — the
 *       delivery-order rule: both nodes apply the messages of a case in one canonical order, derived
 *       only from the set of messages (causal reference first, then sending time, then id), so that
 *       duplicates and out-of-order delivery cannot make them disagree.</li>
 *   <li>{@link org.concord.workflow.EscalationLevel} and {@link org.concord.workflow.EscalationClock} —
 *       the escalation ladder (liaison officers, security chiefs, the foreign ministers' Joint
 *       Coordination Mechanism) and the arithmetic of missed deadlines, as pure functions of explicit
 *       instants.</li>
 * </ul>
 *
 * Pure Java: no Spring, no I/O, no clock of its own.
 */
@org.springframework.modulith.ApplicationModule(
        displayName = "Workflow grammar: ids, delivery order, escalation ladder")
package org.concord.workflow;
