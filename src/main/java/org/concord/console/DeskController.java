package org.concord.console;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.concord.workflow.CaseView;
import org.concord.workflow.CaseViews;
import org.concord.workflow.Workflow;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The desk, the console's landing page: every open case awaiting this node's action and every one
 * awaiting the partner, soonest deadline first, each with its rung, the next step and a live
 * countdown ({@code /console/assets/console.js}). The list is a fragment
 * ({@code /console/desk/cases}) that the page fetches again whenever {@link ConsoleEvents} says a
 * case changed.
 */
@Controller
class DeskController {

    /** The most cases each list of the desk shows (the case API's page size limit). */
    static final int SHOWN = CaseViews.MAX_LIMIT;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final CaseViews views;
    private final Workflow workflow;
    private final Alarms alarms;

    DeskController(CaseViews views, Workflow workflow, Alarms alarms) {
        this.views = views;
        this.workflow = workflow;
        this.alarms = alarms;
    }

    @GetMapping("/")
    String root() {
        return "redirect:/console/desk";
    }

    @GetMapping({"/console", "/console/"})
    String console() {
        return "redirect:/console/desk";
    }

    @GetMapping("/console/desk")
    String desk(Model model, Authentication user) {
        fill(model, user);
        return "console/desk";
    }

    @GetMapping("/console/desk/cases")
    String cases(Model model, Authentication user) {
        fill(model, user);
        return "console/desk :: cases";
    }

    /**
     * A step taken from the desk. The forms for each step (with the fields each message needs and
     * the API's errors next to them) come with the case pages; until then this says where to take it.
     */
    @PostMapping("/console/cases/{type}/{caseId}/{action}")
    @PreAuthorize("hasRole('LIAISON')")
    String step(@PathVariable String type, @PathVariable String caseId, @PathVariable String action,
            RedirectAttributes redirect) {
        redirect.addFlashAttribute("notice", action + " on " + type + " " + caseId
                + ": the form for this step is not in the console yet; take it through the API (" + apiPath(type, caseId) + ")");
        return "redirect:/console/desk";
    }

    private void fill(Model model, Authentication user) {
        boolean mayAct = roles(user).contains("LIAISON");
        model.addAttribute("mayAct", mayAct);
        model.addAttribute("serverNow", workflow.now().toString());
        model.addAttribute("alarms", alarms.now());
        model.addAttribute("awaitingMe", rows(views.list("me", null, null, null, "due", null, SHOWN).items()));
        model.addAttribute("awaitingPartner", rows(views.list("partner", null, null, null, "due", null, SHOWN).items()));
    }

    static List<String> roles(Authentication user) {
        // only the roles: Spring Security also grants FACTOR_PASSWORD and the like, which say how, not what
        return user.getAuthorities().stream().map(a -> a.getAuthority()).filter(a -> a.startsWith("ROLE_"))
                .map(a -> a.substring(5)).sorted().toList();
    }

    /** One line of the desk. */
    record Row(String type, String caseId, String partner, String summary, String state, String level, String nextParty,
            List<String> actions, String dueAt, String deadlineRule, String priority, String apiPath) {

        public boolean flash() {
            return "FLASH".equals(priority);
        }
    }

    static List<Row> rows(List<CaseView> cases) {
        List<Row> rows = new ArrayList<>(cases.size());
        for (CaseView c : cases) {
            JsonNode details = JSON.valueToTree(c.details());
            Object priority = c.details().get("priority");
            rows.add(new Row(c.type(), c.caseId(), c.partner(), summary(c, details), c.state(), c.level(),
                    c.nextActor() == null ? null : c.nextActor().party(),
                    c.nextActor() == null || c.nextActor().actions() == null ? List.of() : c.nextActor().actions(),
                    c.dueAt(), c.deadline() == null ? null : c.deadline().rule(),
                    priority == null ? null : priority.toString(), apiPath(c.type(), c.caseId())));
        }
        return rows;
    }

    /** A line that says what the case is about: the call's text, the commitment, the request's action, the incident's title. */
    static String summary(CaseView c, JsonNode details) {
        for (String path : List.of("/text", "/what", "/terms/text", "/terms/action/detail", "/report/title", "/report/name",
                "/report/summary", "/report/text", "/report/description")) {
            JsonNode found = details.at(path);
            if (found.isString() && !found.asString().isBlank()) {
                return shorten(found.asString());
            }
        }
        return "";
    }

    private static String shorten(String text) {
        String line = text.strip().replaceAll("\\s+", " ");
        return line.length() <= 160 ? line : line.substring(0, 157) + "...";
    }

    /** Where the REST API shows the case as JSON. */
    static String apiPath(String type, String caseId) {
        return switch (type) {
            case "request" -> "/api/requests/" + caseId;
            case "call" -> "/api/hotline/calls/" + caseId;
            case "incident" -> "/api/incidents/" + caseId;
            case "commitment" -> "/api/commitments/" + caseId;
            default -> "/api/cases?type=" + type + "&q=" + caseId;
        };
    }

    static Map<String, String> typeNames() {
        return Map.of("request", "Request for action", "call", "Hotline call", "incident", "Incident", "commitment", "Commitment");
    }
}
