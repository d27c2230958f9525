package org.concord.incidents;

import java.util.List;

import org.concord.workflow.CaseView;

/**
 * Answering one of the partner's claims, proposing joint findings and signing them off, for this
 * module's REST API ({@code POST /api/incidents/{incidentId}/answers|findings|sign-off}) and for the
 * console's forms, read and checked as
 * that body is: a fault is an {@link org.concord.node.InvalidInput} (400) or a
 * {@link org.concord.node.Conflict} (409) naming the field as the body names it ({@code claimRef},
 * {@code verdict}, {@code evidence[0]}, {@code text}, {@code findings}, {@code findingsRef}), and nothing is
 * stored or sent.
 */
public interface AnsweringClaims {

    /** An answer: the claim's ref, a {@link Verdict} name, the STIX ids of the evidence, a text. */
    record Answer(String claimRef, String verdict, List<String> evidence, String text) {
    }

    /** Answers the claim, by {@code actor} (the audit name of the user); the incident as the API shows it afterwards. */
    CaseView answer(String incidentId, Answer answer, String actor);

    /** Proposes joint findings (earlier proposals and their sign-offs lapse), by {@code actor}. */
    CaseView proposeFindings(String incidentId, String findings, String actor);

    /** Signs off the findings {@code findingsRef} (a STIX id), or those on the table when it is null, by {@code actor}. */
    CaseView signOff(String incidentId, String findingsRef, String actor);
}
