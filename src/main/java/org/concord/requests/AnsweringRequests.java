package org.concord.requests;

import java.util.List;

import org.concord.workflow.CaseView;

/**
 * Sending this node's next message on a request case, for this module's REST API
 * ({@code POST /api/requests/{caseId}/messages}) and for the console's forms. The message is read
 * and checked exactly as that body is read: a fault is an {@link org.concord.node.InvalidInput}
 * (400) or a {@link org.concord.node.Conflict} (409) naming the field as the body names it
 * ({@code messageType}, {@code reason}, {@code text}, {@code proposal.kind}, ...), and nothing is
 * stored or sent.
 */
public interface AnsweringRequests {

    /** The substance of a request (or an amendment). */
    record Terms(List<String> targets, List<OpeningRequests.Evidence> evidence, OpeningRequests.Action action, String urgency,
            String text) {
    }

    /** A counter-proposal: a {@link CounterProposal.Kind} name and a text. */
    record Proposal(String kind, String text) {
    }

    /**
     * A message about an open case. {@code messageType}: acknowledge, accept (termsRef, text), decline
     * (reason, text), counterPropose (proposal), amend (revised), progressUpdate (text), close
     * (outcome, text), escalate (toLevel, reason). In camelCase, as every REST body: the STIX object's
     * spellings ({@code message_type}, {@code counter_propose}) are refused as unknown.
     */
    record NewMessage(String messageType, String termsRef, String text, String reason, Proposal proposal, Terms revised,
            String outcome, String toLevel) {
    }

    /**
     * Sends the message on case {@code caseId}, by {@code actor} (the audit name of the user).
     *
     * @return the case as {@code GET /api/requests/{caseId}} shows it afterwards
     */
    CaseView answer(String caseId, NewMessage message, String actor);
}
