package org.concord.console;

import java.util.List;

import org.concord.node.InvalidInput;
import org.concord.workflow.CaseViews;
import org.concord.workflow.WorkflowTypes;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * {@code GET /console/cases}: every case this node holds, open or closed, newest first (or soonest due), filtered
 * by type, state, who must act and a text, paged; each line opens its case page. Where the desk
 * shows what waits, this is where an officer finds a case again (the demo's January 2024 requests,
 * closed long ago). It reads the same list as {@code GET /api/cases}, and shows the list's errors
 * next to the filter they concern.
 */
@Controller
class CaseListController {

    static final int PAGE = 50;

    private final CaseViews views;
    private final WorkflowTypes types;

    CaseListController(CaseViews views, WorkflowTypes types) {
        this.views = views;
        this.types = types;
    }

    @GetMapping("/console/cases")
    String cases(@RequestParam(required = false) String type, @RequestParam(required = false) String state,
            @RequestParam(required = false) String awaiting, @RequestParam(required = false) String q,
            @RequestParam(required = false) String sort,
            @RequestParam(required = false) String cursor, Model model) {
        String t = blankToNull(type);
        String s = blankToNull(state);
        String a = blankToNull(awaiting);
        String text = blankToNull(q);
        model.addAttribute("types", types.all().stream().map(c -> c.name()).toList());
        model.addAttribute("typeNames", DeskController.typeNames());
        String order = "due".equals(sort) ? "due" : "opened";
        model.addAttribute("filter", new Filter(t, s, a, text, order));
        try {
            CaseViews.Page page = views.list(a, t, s, text, order, blankToNull(cursor), PAGE);
            model.addAttribute("rows", DeskController.rows(page.items()));
            model.addAttribute("next", page.next());
        } catch (InvalidInput e) {
            model.addAttribute("rows", List.of());
            model.addAttribute("error", new DeskController.DeskError(null, e.field(), e.rule(), e.getMessage()));
        }
        return "console/cases";
    }

    /** The filters as entered, to keep them in the form and in the next page's link. */
    record Filter(String type, String state, String awaiting, String q, String sort) {
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
