package org.concord.commitments;

import java.util.List;

import org.concord.workflow.CaseView;

/**
 * Agreeing to, attesting and withdrawing a commitment, for this module's REST API
 * ({@code POST /api/commitments/{commitmentId}/agree|attest|withdraw}) and for the console's forms.
 * Each is read and checked as that body is read: a fault is an {@link org.concord.node.InvalidInput}
 * (400) or a {@link org.concord.node.Conflict} (409) naming the field as the body names it
 * ({@code text}, {@code evidence[0]}, {@code reason}), and nothing is stored or sent.
 */
public interface ActingOnCommitments {

    /** An attestation: a text, and the STIX ids of what shows the commitment fulfilled. */
    record Attestation(String text, List<String> evidence) {
    }

    /** Why this node takes the commitment back. */
    record Withdrawal(String reason) {
    }

    /** Agrees to the partner's proposed commitment, by {@code actor} (the audit name of the user). */
    CaseView agree(String commitmentId, String actor);

    /** Attests the commitment fulfilled; {@code attestation} may be null. */
    CaseView attest(String commitmentId, Attestation attestation, String actor);

    /** Takes the commitment back; a reason is required. */
    CaseView withdraw(String commitmentId, Withdrawal withdrawal, String actor);
}
