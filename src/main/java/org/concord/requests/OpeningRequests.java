package org.concord.requests;

import java.util.List;

import org.concord.workflow.CaseView;

/**
 * Opening a request for action, for this module's REST API and for other modules that turn
 * something of theirs into a request (deconfliction: a strike refused on sovereignty grounds,
 * "ask instead"). The request is read and checked exactly as {@code POST /api/requests} reads it:
 * a fault is an {@link org.concord.node.InvalidInput} (400) or a {@link org.concord.node.Conflict}
 * naming the field as that body names it ({@code addressee}, {@code targets}, {@code action.kind},
 * {@code urgency}, {@code text}, {@code tlp}, ...), and nothing is stored or sent. Otherwise the
 * case is opened (stored, audited, queued for the addressee) in the caller's transaction, if any.
 */
public interface OpeningRequests {

    /**
     * A new request as the REST API takes it: the addressee, the terms and the marking of the case
     * (GREEN by default, or AMBER).
     */
    record NewRequest(String addressee, List<String> targets, List<Evidence> evidence, Action action, String urgency,
            String text, String tlp) {
    }

    /** A piece of evidence: the STIX id of an intel object and the ids of its markings. */
    record Evidence(String ref, List<String> markings) {
    }

    /** What the partner is asked to do: a {@link RequestedAction.Kind} name and a free text. */
    record Action(String kind, String detail) {
    }

    /**
     * Opens the request, sent by {@code actor} (the audit name of the user).
     *
     * @return the new case as {@code GET /api/requests/{caseId}} shows it
     */
    CaseView open(NewRequest request, String actor);
}
