package org.concord.workflow;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;

/** Every case of every workflow type in one list: what waits for whom, and by when. Every user role reads; partners none. */
@RestController
@Tag(name = "Cases", description = "Requests, hotline calls, incidents and commitments in one list: who must act, and by when")
class CasesController {

    private final CaseViews views;

    CasesController(CaseViews views) {
        this.views = views;
    }

    @GetMapping("/api/cases")
    @Operation(summary = "Cases of every type, filtered, sorted by due date and paged with a cursor")
    CaseViews.Page list(
            @Parameter(description = "me: this node must act; partner: the partner must") @RequestParam(required = false) String awaiting,
            @Parameter(description = "request, call, incident or commitment") @RequestParam(required = false) String type,
            @Parameter(description = "a state's name, e.g. Requested") @RequestParam(required = false) String state,
            @Parameter(description = "a text the case contains") @RequestParam(required = false) String q,
            @Parameter(description = "due (soonest deadline first; the default) or opened (newest first)") @RequestParam(required = false) String sort,
            @Parameter(description = "the next of the page before") @RequestParam(required = false) String cursor,
            @Parameter(description = "cases per page, 1 to 200; 50 by default") @RequestParam(required = false) Integer limit) {
        org.concord.node.Limits.name("q", q);
        org.concord.node.Limits.name("cursor", cursor);
        return views.list(awaiting, type, state, q, sort, cursor, limit);
    }
}
