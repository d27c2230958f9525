package org.concord.commitments.web;

import java.time.Instant;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.concord.commitments.Agreed;
import org.concord.commitments.Commitment;
import org.concord.commitments.CommitmentCase;
import org.concord.commitments.Fulfilled;
import org.concord.commitments.internal.CommitmentService;
import org.concord.commitments.internal.CommitmentStix;
import org.concord.commitments.internal.CommitmentTable;
import org.concord.node.InvalidInput;
import org.concord.node.Limits;
import org.concord.node.NotFound;
import org.concord.party.Callers;
import org.concord.party.PartyCode;
import org.concord.workflow.MessageStix;
import org.concord.workflow.StixId;
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
import tools.jackson.databind.JsonNode;

/** Commitments over the REST API: every user role reads, {@code LIAISON} sends; partners none. */
@RestController
@Tag(name = "Commitments", description = "Agreed actions with an owner and a due date, fulfilled only when both sides attest")
class CommitmentsController {

    private final CommitmentService commitments;
    private final CommitmentTable table;
    private final Clock clock;

    CommitmentsController(CommitmentService commitments, CommitmentTable table, Clock clock) {
        this.commitments = commitments;
        this.table = table;
        this.clock = clock;
    }

    record NewCommitment(String counterpart, String what, String owner, String dueBy) {
    }

    record Attestation(String text, List<String> evidence) {
    }

    /** A commitment: state (Proposed, Agreed, Fulfilled), what, owner, due, rung, attestations, messages. */
    record CommitmentView(String commitmentId, String partner, String state, String proposer, String counterpart, String what,
            String owner, String dueBy, String level, Map<String, AttestationView> attestations, String fulfilledAt,
            List<MessageView> history, List<RefusedView> refused, int waiting) {
    }

    record AttestationView(String at, String text, List<String> evidence) {
    }

    record MessageView(String id, String messageType, String sender, String sentAt, String direction, JsonNode object) {
    }

    record RefusedView(String id, String rule, String field, String explanation) {
    }

    @GetMapping("/api/commitments")
    @Operation(summary = "Every commitment this node holds")
    List<CommitmentView> list() {
        return table.commitments().stream().map(row -> view(table.fold(row.commitmentId()).orElseThrow())).toList();
    }

    @GetMapping("/api/commitments/{commitmentId}")
    @Operation(summary = "One commitment")
    CommitmentView one(@PathVariable String commitmentId) {
        return view(table.fold(commitmentId).orElseThrow(() -> new NotFound("commitment_ref: no commitment " + commitmentId)));
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
    CommitmentView propose(@RequestBody NewCommitment body, Authentication caller) {
        Limits.name("counterpart", body.counterpart());
        Limits.name("owner", body.owner());
        Limits.text("what", body.what());
        PartyCode counterpart = party(body.counterpart(), "counterpart");
        PartyCode owner = body.owner() == null ? null : party(body.owner(), "owner");
        Instant dueBy = null;
        if (body.dueBy() != null) {
            Limits.name("dueBy", body.dueBy());
            dueBy = Limits.upcoming("dueBy", Limits.instant("dueBy", body.dueBy()), clock.instant());
        }
        return view(commitments.propose(counterpart, new Commitment(body.what(), owner, dueBy), Callers.of(caller).auditName()));
    }

    @PostMapping("/api/commitments/{commitmentId}/agree")
    @PreAuthorize("hasRole('LIAISON')")
    @Operation(summary = "Agree to the partner's proposed commitment; from then on it binds (LIAISON)")
    CommitmentView agree(@PathVariable String commitmentId, Authentication caller) {
        return view(commitments.agree(commitmentId, Callers.of(caller).auditName()));
    }

    @PostMapping("/api/commitments/{commitmentId}/attest")
    @PreAuthorize("hasRole('LIAISON')")
    @Operation(summary = "Attest that the commitment is fulfilled; with both sides' attestations it is Fulfilled (LIAISON)")
    CommitmentView attest(@PathVariable String commitmentId, @RequestBody(required = false) Attestation body,
            Authentication caller) {
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
        return view(commitments.attest(commitmentId, body == null ? null : body.text(), evidence,
                Callers.of(caller).auditName()));
    }

    private static PartyCode party(String code, String field) {
        if (code == null) {
            throw new InvalidInput(field, "FIELD_REQUIRED", "a party code is required, e.g. IR");
        }
        try {
            return PartyCode.of(code);
        } catch (InvalidInput e) {
            throw new InvalidInput(field, "iso-3166-alpha-2", e.getMessage());
        }
    }

    private static CommitmentView view(CommitmentTable.Folded f) {
        List<MessageView> history = f.folded().applied().stream().map(m -> new MessageView(m.id().value(),
                CommitmentStix.messageType(m), m.sender().value(), MessageStix.time(m.sentAt()), f.stored(m).direction(),
                f.stored(m).object())).toList();
        List<RefusedView> refused = f.folded().refused().stream().map(r -> new RefusedView(r.message().id().value(),
                r.refusal().rule().name(), r.refusal().field(), r.refusal().explanation())).toList();
        CommitmentCase state = f.folded().state().orElse(null);
        if (state == null) {
            return new CommitmentView(f.row().commitmentId(), f.row().partner().value(), null, null, null, null, null, null, null,
                    Map.of(), null, history, refused, f.folded().waiting().size());
        }
        var file = state.file();
        Map<String, AttestationView> attestations = new TreeMap<>();
        Map<PartyCode, org.concord.commitments.Attestation> held = state instanceof Agreed a ? a.attestations()
                : state instanceof Fulfilled done ? done.attestations() : Map.of();
        held.forEach((party, a) -> attestations.put(party.value(), new AttestationView(MessageStix.time(a.at()), a.text(),
                a.evidence().stream().map(StixId::value).toList())));
        return new CommitmentView(file.commitmentId().value(), f.row().partner().value(), state.name(), file.proposer().value(),
                file.counterpart().value(), file.commitment().what(), file.commitment().owner().value(),
                MessageStix.time(file.commitment().dueBy()), file.level().name(), attestations,
                state instanceof Fulfilled done ? MessageStix.time(done.fulfilledAt()) : null, history, refused,
                f.folded().waiting().size());
    }
}
