package org.concord.requests.web;

import java.util.List;

import org.concord.party.Callers;
import org.concord.requests.AnsweringRequests;
import org.concord.requests.OpeningRequests;
import org.concord.requests.RequestType;
import org.concord.workflow.CaseView;
import org.concord.workflow.CaseViews;
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

/**
 * Requests for action over the REST API: every user role reads; {@code LIAISON} sends. Partners
 * have no access here (they send through the TAXII inbox). Field names are those of the STIX
 * extension object {@code x-concord-request-message}; a refused message is an RFC 9457 problem
 * naming the field and the rule (400 for a missing or malformed field, 409 for a rule of the case's
 * state), and nothing is stored.
 */
@RestController
@Tag(name = "Requests for action", description = "Ask the partner to act against a target in its territory instead of striking it")
class RequestsController {

    private final CaseViews views;
    private final RequestType type;
    private final OpeningRequests opening;
    private final AnsweringRequests answering;

    RequestsController(CaseViews views, RequestType type, OpeningRequests opening, AnsweringRequests answering) {
        this.views = views;
        this.type = type;
        this.opening = opening;
        this.answering = answering;
    }

    @GetMapping("/api/requests")
    @Operation(summary = "Every case this node holds, each folded from its messages")
    List<CaseView> list() {
        return views.all(type);
    }

    @GetMapping("/api/requests/{caseId}")
    @Operation(summary = "One case: state, rung, terms, history, refused and waiting messages")
    CaseView one(@PathVariable String caseId) {
        return views.view(type, caseId);
    }

    @PostMapping("/api/requests")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasRole('LIAISON')")
    @Operation(summary = "Ask the partner to act (LIAISON)")
    CaseView open(@RequestBody OpeningRequests.NewRequest body, Authentication caller) {
        return opening.open(body, Callers.of(caller).auditName());
    }

    @PostMapping("/api/requests/{caseId}/messages")
    @PreAuthorize("hasRole('LIAISON')")
    @Operation(summary = "Answer, amend, report on, close or escalate a case (LIAISON)")
    CaseView send(@PathVariable String caseId, @RequestBody AnsweringRequests.NewMessage body, Authentication caller) {
        return answering.answer(caseId, body, Callers.of(caller).auditName());
    }
}
