package org.concord.commitments.web;

import java.time.Instant;
import java.time.Clock;
import java.util.List;

import org.concord.commitments.ActingOnCommitments;
import org.concord.commitments.Agreed;
import org.concord.commitments.Commitment;
import org.concord.commitments.Fulfilled;
import org.concord.commitments.internal.CommitmentService;
import org.concord.commitments.internal.CommitmentTable;
import org.concord.node.InvalidInput;
import org.concord.node.Limits;
import org.concord.party.Callers;
import org.concord.party.PartyCode;
import org.concord.workflow.CaseView;
import org.concord.workflow.CaseViews;
import org.concord.commitments.CommitmentType;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** Commitments over the REST API: every user role reads, {@code LIAISON} sends; partners none. */
@RestController
@Tag(name = "Commitments", description = "Agreed actions with an owner and a due date, fulfilled only when both sides attest")
class CommitmentsController {

    private final CommitmentService commitments;
    private final CommitmentTable table;
    private final Clock clock;
    private final CaseViews views;
    private final CommitmentType type;
    private final ActingOnCommitments acting;

    CommitmentsController(CommitmentService commitments, CommitmentTable table, Clock clock, CaseViews views, CommitmentType type,
            ActingOnCommitments acting) {
        this.acting = acting;
        this.commitments = commitments;
        this.table = table;
        this.clock = clock;
        this.views = views;
        this.type = type;
    }

    record NewCommitment(String counterpart, String what, String owner, String dueBy) {
    }


    @GetMapping("/api/commitments")
    @Operation(summary = "Every commitment this node holds")
    List<CaseView> list() {
        return views.all(type);
    }

    @GetMapping("/api/commitments/{commitmentId}")
    @Operation(summary = "One commitment")
    CaseView one(@PathVariable String commitmentId) {
        return views.view(type, commitmentId);
    }

    @GetMapping("/api/commitments/reminders")
    @Operation(summary = "Reminders raised at this node before commitments fell due")
    List<CommitmentTable.RaisedReminder> reminders() {
        return table.reminders();
    }

    @PostMapping("/api/commitments")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasRole('LIAISON')")
    @Operation(summary = "Record a commitment (what, owner party, due date) for the partner to agree (LIAISON)")
    CaseView propose(@RequestBody NewCommitment body, Authentication caller) {
        Limits.name("counterpart", body.counterpart());
        Limits.name("owner", body.owner());
        Limits.text("what", body.what());
        PartyCode counterpart = PartyCode.required(body.counterpart(), "counterpart");
        PartyCode owner = body.owner() == null ? null : PartyCode.required(body.owner(), "owner");
        Instant dueBy = null;
        if (body.dueBy() != null) {
            Limits.name("dueBy", body.dueBy());
            dueBy = Limits.upcoming("dueBy", Limits.instant("dueBy", body.dueBy()), clock.instant());
            if (!dueBy.isAfter(clock.instant())) {
                throw new InvalidInput("dueBy", "in-the-future", body.dueBy() + " has passed; a commitment is due at a time to come");
            }
        }
        return views.view(type, commitments.propose(counterpart, new Commitment(body.what(), owner, dueBy), Callers.of(caller).auditName()));
    }

    @PostMapping("/api/commitments/{commitmentId}/agree")
    @PreAuthorize("hasRole('LIAISON')")
    @Operation(summary = "Agree to the partner's proposed commitment; from then on it binds (LIAISON)")
    CaseView agree(@PathVariable String commitmentId, Authentication caller) {
        return acting.agree(commitmentId, Callers.of(caller).auditName());
    }

    @PostMapping("/api/commitments/{commitmentId}/attest")
    @PreAuthorize("hasRole('LIAISON')")
    @Operation(summary = "Attest that the commitment is fulfilled; with both sides' attestations it is Fulfilled (LIAISON)")
    CaseView attest(@PathVariable String commitmentId, @RequestBody(required = false) ActingOnCommitments.Attestation body,
            Authentication caller) {
        return acting.attest(commitmentId, body, Callers.of(caller).auditName());
    }

    @PostMapping("/api/commitments/{commitmentId}/withdraw")
    @PreAuthorize("hasRole('LIAISON')")
    @Operation(summary = "Take back a commitment not yet fulfilled (LIAISON); the withdrawal travels to the partner and stops "
            + "reminders and escalation on both sides")
    CaseView withdraw(@PathVariable String commitmentId, @RequestBody ActingOnCommitments.Withdrawal body, Authentication caller) {
        return acting.withdraw(commitmentId, body, Callers.of(caller).auditName());
    }


}
