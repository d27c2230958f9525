package org.concord.commitments.internal;

import java.util.ArrayList;
import java.util.List;

import org.concord.commitments.ActingOnCommitments;
import org.concord.commitments.CommitmentType;
import org.concord.node.InvalidInput;
import org.concord.node.Limits;
import org.concord.workflow.CaseView;
import org.concord.workflow.CaseViews;
import org.concord.workflow.StixId;
import org.springframework.stereotype.Service;

/** {@link ActingOnCommitments} on {@link CommitmentService}: the body's checks, then the step. */
@Service
class ActingOnCommitmentsService implements ActingOnCommitments {

    private final CommitmentService commitments;
    private final CaseViews views;
    private final CommitmentType type;

    ActingOnCommitmentsService(CommitmentService commitments, CaseViews views, CommitmentType type) {
        this.commitments = commitments;
        this.views = views;
        this.type = type;
    }

    @Override
    public CaseView agree(String commitmentId, String actor) {
        return views.view(type, commitments.agree(commitmentId, actor));
    }

    @Override
    public CaseView attest(String commitmentId, Attestation body, String actor) {
        if (body != null) {
            Limits.text("text", body.text());
            Limits.items("evidence", body.evidence());
        }
        List<StixId> evidence = new ArrayList<>();
        if (body != null && body.evidence() != null) {
            for (int i = 0; i < body.evidence().size(); i++) {
                String value = Limits.name("evidence[" + i + "]", body.evidence().get(i));
                try {
                    evidence.add(StixId.of(value));
                } catch (RuntimeException e) {
                    throw new InvalidInput("evidence[" + i + "]", "stix-id", "'" + value + "' is not a STIX identifier");
                }
            }
        }
        return views.view(type, commitments.attest(commitmentId, body == null ? null : body.text(), evidence, actor));
    }

    @Override
    public CaseView withdraw(String commitmentId, Withdrawal body, String actor) {
        String reason = body == null ? null : body.reason();
        Limits.text("reason", reason);
        if (reason == null || reason.isBlank()) {
            throw new InvalidInput("reason", "FIELD_REQUIRED", "a withdrawal says why the commitment no longer stands");
        }
        return views.view(type, commitments.withdraw(commitmentId, reason, actor));
    }
}
