package org.concord.console;

import java.util.List;
import java.util.Map;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * The desk as JSON, for a script or another tool on the officer's side: everything that waits for this
 * node and for the partner, of every kind, in one list each, soonest deadline first. {@code GET
 * /api/cases?awaiting=me} lists the workflow's cases only, so a FLASH conflict on a notice, an unplanned
 * event to acknowledge or a PSI session to accept, which the console's desk shows beside them, was missing
 * from what an officer's script read (a tester's finding). Every user role reads; partners none.
 */
@RestController
@Tag(name = "Cases", description = "Requests, hotline calls, incidents and commitments in one list: who must act, and by when")
class DeskApi {

    private final DeskController desk;

    DeskApi(DeskController desk) {
        this.desk = desk;
    }

    /**
     * One thing waiting: its kind ({@code request}, {@code call}, {@code incident}, {@code commitment}, {@code conflict},
     * {@code event}, {@code psi}), its id, the partner, a line saying what it is, its state and rung (cases), the party
     * that must act and what it may do, when it is due and by which rule, its priority ({@code FLASH} conflicts and
     * events), where the REST API answers it, and ({@code recordedLate}) when the case's latest message was recorded
     * by its receiver's ledger long after the time it states, which the deadline runs from.
     */
    record Item(String type, String id, String partner, String summary, String state, String level, String awaited,
            List<String> actions, String dueAt, String deadlineRule, String priority, String href, String recordedLate) {

        static Item of(DeskController.Row row) {
            return new Item(row.type(), row.caseId(), row.partner(), row.summary(), row.state(), row.level(), row.nextParty(),
                    row.actions(), row.dueAt(), row.deadlineRule(), row.priority(), row.apiPath(), row.recordedLate());
        }
    }

    /** The two lists (at most 50 items each, the soonest due) and how many wait in all on each side. */
    record Answer(List<Item> awaitingMe, List<Item> awaitingPartner, Map<String, Integer> totals) {
    }

    @GetMapping("/api/desk")
    @Operation(summary = "Everything awaiting this node and the partner: cases, deconfliction's conflicts and events, PSI sessions",
            description = "What the console's desk shows, soonest deadline first, at most 50 a side; totals count all. Cases alone, "
                    + "filtered and paged, are at GET /api/cases.")
    Answer desk() {
        DeskController.Desk d = desk.desk();
        return new Answer(d.awaitingMe().stream().map(Item::of).toList(), d.awaitingPartner().stream().map(Item::of).toList(),
                d.totals());
    }
}
