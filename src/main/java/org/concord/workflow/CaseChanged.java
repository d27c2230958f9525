package org.concord.workflow;

/**
 * A message of a case was stored at this node: sent by it ({@link Workflow#SENT}) or received from
 * the partner ({@link Workflow#RECEIVED}). Published by {@link Workflow} inside the transaction that
 * stores the message, for whoever shows cases live (the web console's desk); a listener that acts
 * on it should wait for the commit. It is a signal, not a record: nothing stores it, and a listener
 * that misses one reads the cases again.
 *
 * @param type the workflow type's name ({@code request}, {@code call}, {@code incident}, {@code commitment}), or
 *     deconfliction's {@code notice}, {@code event} or {@code site}, which it announces the same way when one comes in
 * @param caseId the case
 * @param messageType the message's type, as the case's timeline names it
 * @param direction {@link Workflow#SENT} or {@link Workflow#RECEIVED}
 */
public record CaseChanged(String type, String caseId, String messageType, String direction) {
}
