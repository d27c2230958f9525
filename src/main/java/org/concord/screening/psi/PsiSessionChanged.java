package org.concord.screening.psi;

/**
 * A step of a private set intersection session at this node (a request sent or received, an acceptance, the
 * completion, a lapse, a decline), published once it is stored, for pages that show sessions waiting for a person (the
 * console's desk). It carries what a session's list shows every user of the node, and nothing of any list.
 *
 * @param sessionId the session
 * @param step      the ledger's record type of the step ({@code x-concord-psi-request}, {@code -acceptance},
 *                  {@code -completion}), {@code x-concord-psi-lapse} or {@code x-concord-psi-decline} (neither crosses the wire)
 * @param direction {@code SENT} or {@code RECEIVED}, as the ledger records it; {@code NONE} for a lapse or a decline
 */
public record PsiSessionChanged(String sessionId, String step, String direction) {
}
