package org.concord.console;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.concord.deconfliction.DeconflictionMap;
import org.concord.node.InvalidInput;
import org.concord.party.Callers;
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
import org.springframework.web.bind.annotation.RequestParam;
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

    /** The most lines each list of the desk shows; the rest are a link away, in the list of cases. */
    static final int SHOWN = 50;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final CaseViews views;
    private final Workflow workflow;
    private final DeconflictionMap deconfliction;
    private final Alarms alarms;
    private final org.concord.screening.psi.PsiSessions psi;

    DeskController(CaseViews views, Workflow workflow, DeconflictionMap deconfliction, Alarms alarms,
            org.concord.screening.psi.PsiSessions psi) {
        this.psi = psi;
        this.views = views;
        this.workflow = workflow;
        this.deconfliction = deconfliction;
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

    /** Acknowledges a conflict flagged against our notice or site, or an unplanned event the partner reported. */
    @PostMapping("/console/deconfliction/{kind}/{id}/acknowledge")
    @PreAuthorize("hasRole('LIAISON')")
    String acknowledge(@PathVariable String kind, @PathVariable String id, @RequestParam(required = false) String from,
            Authentication user, RedirectAttributes redirect) {
        return answered(redirect, kind, id, from, () -> {
            if (kind.equals("events")) {
                deconfliction.acknowledgeEvent(id, Callers.of(user).auditName());
            } else if (kind.equals("conflicts")) {
                deconfliction.answerConflict(id, "ACKNOWLEDGE", null, Callers.of(user).auditName());
            } else {
                throw InvalidInput.notOneOf("kind", kind, List.of("conflicts", "events"));
            }
        }, "acknowledged");
    }

    /** Objects to a conflict, with the reason the API requires. */
    @PostMapping("/console/deconfliction/conflicts/{id}/object")
    @PreAuthorize("hasRole('LIAISON')")
    String object(@PathVariable String id, @RequestParam(required = false) String reason,
            @RequestParam(required = false) String from, Authentication user, RedirectAttributes redirect) {
        return answered(redirect, "conflicts", id, from,
                () -> deconfliction.answerConflict(id, "OBJECT", reason, Callers.of(user).auditName()), "objected to");
    }

    /** The notice page a conflict was answered from ({@code from}), back to which the answer leads; else the desk. */
    private static final java.util.regex.Pattern NOTICE_PAGE = java.util.regex.Pattern.compile("/console/notices/[A-Za-z0-9._~:-]{1,200}");

    private static String answered(RedirectAttributes redirect, String kind, String id, String from, Runnable step, String done) {
        String back = from != null && NOTICE_PAGE.matcher(from).matches() ? from : "/console/desk";
        try {
            step.run();
            redirect.addFlashAttribute("notice", kind.substring(0, kind.length() - 1) + " " + id + " " + done
                    + "; the partner is told");
        } catch (InvalidInput e) {
            redirect.addFlashAttribute("deskError", new DeskError(id, e.field(), e.rule(), e.getMessage()));
        } catch (org.concord.node.Conflict e) {
            redirect.addFlashAttribute("deskError", new DeskError(id, e.field(), e.rule(), e.explanation()));
        } catch (org.concord.node.NotFound e) {
            redirect.addFlashAttribute("deskError", new DeskError(id, "id", "known", e.getMessage()));
        }
        return "redirect:" + back;
    }

    /** A step from the desk the module refused: shown on the row it was taken on, with the field and the rule. */
    record DeskError(String id, String field, String rule, String explanation) {
    }

    private void fill(Model model, Authentication user) {
        boolean mayAct = roles(user).contains("LIAISON");
        model.addAttribute("mayAct", mayAct);
        model.addAttribute("serverNow", workflow.now().toString());
        model.addAttribute("alarms", alarms.now());
        Desk desk = desk();
        model.addAttribute("awaitingMe", desk.awaitingMe());
        model.addAttribute("awaitingPartner", desk.awaitingPartner());
        model.addAttribute("totals", desk.totals());
    }

    /** What waits for this node and what waits for the partner, of every kind, soonest deadline first, with the totals. */
    record Desk(List<Row> awaitingMe, List<Row> awaitingPartner, Map<String, Integer> totals) {
    }

    /** The desk's two lists: the cases, deconfliction's conflicts and events, and the PSI sessions awaiting an acceptance. */
    Desk desk() {
        List<DeconflictionMap.Awaiting> awaiting = deconfliction.awaiting();
        String self = workflow.self().value();
        List<DeconflictionMap.Awaiting> mine = awaiting.stream().filter(a -> a.awaited().equals(self)).toList();
        List<DeconflictionMap.Awaiting> theirs = awaiting.stream().filter(a -> !a.awaited().equals(self)).toList();
        List<Row> psiMine = new ArrayList<>();
        List<Row> psiTheirs = new ArrayList<>();
        for (var session : psi.awaitingAcceptance()) {
            // a private set intersection asked of us waits for a person here to accept it; ours, for one there
            boolean ours = "RESPONDER".equals(session.role());
            (ours ? psiMine : psiTheirs).add(new Row("psi", session.id(), session.partner(),
                    ours ? "Private set intersection asked by " + session.partner()
                            : "Private set intersection over " + session.list() + ", asked of " + session.partner(),
                    "Awaiting", null, ours ? self : session.partner(), List.of("accept"),
                    session.expiresAt() == null ? null : session.expiresAt().toString(), "concord.screening.psi.invitation-expiry", null,
                    "/api/screening/psi/sessions/" + session.id()));
        }
        List<Row> cases = new ArrayList<>(rows(views.awaiting("me", SHOWN).items(), workflow.now()));
        cases.addAll(psiMine);
        List<Row> awaitingMe = merged(cases, mine);
        cases = new ArrayList<>(rows(views.awaiting("partner", SHOWN).items()));
        cases.addAll(psiTheirs);
        List<Row> awaitingPartner = merged(cases, theirs);
        return new Desk(awaitingMe, awaitingPartner, Map.of("me", views.count("me") + mine.size() + psiMine.size(),
                "partner", views.count("partner") + theirs.size() + psiTheirs.size()));
    }

    static List<String> roles(Authentication user) {
        // only the roles: Spring Security also grants FACTOR_PASSWORD and the like, which say how, not what
        return user.getAuthorities().stream().map(a -> a.getAuthority()).filter(a -> a.startsWith("ROLE_"))
                .map(a -> a.substring(5)).sorted().toList();
    }

    /** One line of the desk: a case, or a conflict or unplanned event of deconfliction's. */
    record Row(String type, String caseId, String partner, String summary, String state, String level, String nextParty,
            List<String> actions, String dueAt, String deadlineRule, String priority, String apiPath, String recordedLate) {

        /** A row with nothing recorded late (deconfliction's items, PSI sessions). */
        Row(String type, String caseId, String partner, String summary, String state, String level, String nextParty,
                List<String> actions, String dueAt, String deadlineRule, String priority, String apiPath) {
            this(type, caseId, partner, summary, state, level, nextParty, actions, dueAt, deadlineRule, priority, apiPath, null);
        }

        public boolean flash() {
            return "FLASH".equals(priority);
        }

        /** A conflict or an unplanned event: answered on the desk itself, and shown on the map, not on a case page. */
        public boolean deconfliction() {
            return type.equals("conflict") || type.equals("event");
        }

        /** A private set intersection waiting for its acceptance: accepted on its own page. */
        public boolean psi() {
            return type.equals("psi");
        }

        /** The console page the row opens: the case, the map, or the PSI session. */
        public String page() {
            return deconfliction() ? "/console/map" : psi() ? "/console/screening/psi/" + caseId : "/console/cases/" + caseId;
        }
    }

    /** The cases and deconfliction's items in one list, soonest deadline first (none last), at most {@link #SHOWN}. */
    static List<Row> merged(List<Row> cases, List<DeconflictionMap.Awaiting> awaiting) {
        List<Row> all = new ArrayList<>(cases);
        for (DeconflictionMap.Awaiting a : awaiting) {
            all.add(new Row(a.kind(), a.id(), a.partner(), shorten(a.summary()), "Awaiting", null, a.awaited(), a.actions(),
                    a.dueAt().toString(), a.kind().equals("conflict") ? "conflict-answer-deadline" : "acknowledgement",
                    a.priority(), a.apiPath()));
        }
        all.sort(java.util.Comparator.comparing((Row r) -> r.dueAt() == null ? java.time.Instant.MAX : java.time.Instant.parse(r.dueAt())));
        return all.size() <= SHOWN ? all : all.subList(0, SHOWN);
    }

    static List<Row> rows(List<CaseView> cases) {
        return rows(cases, null);
    }

    /**
     * The rows of {@code cases}; with {@code now}, a request's {@code escalate} is left out of its
     * actions until its deadline has passed at {@code now}, as the case page offers its form only then
     * (the desk links each action to its form).
     */
    static List<Row> rows(List<CaseView> cases, java.time.Instant now) {
        List<Row> rows = new ArrayList<>(cases.size());
        for (CaseView c : cases) {
            JsonNode details = JSON.valueToTree(c.details());
            Object priority = c.details().get("priority");
            rows.add(new Row(c.type(), c.caseId(), c.partner(), summary(c, details), c.state(), c.level(),
                    c.nextActor() == null ? null : c.nextActor().party(),
                    actions(c, now),
                    c.dueAt(), c.deadline() == null ? null : c.deadline().rule(),
                    priority == null ? null : priority.toString(), apiPath(c.type(), c.caseId()),
                    c.deadline() == null ? null : c.deadline().latestRecordedLate()));
        }
        return rows;
    }

    private static List<String> actions(CaseView c, java.time.Instant now) {
        List<String> actions = c.nextActor() == null || c.nextActor().actions() == null ? List.of() : c.nextActor().actions();
        return now == null ? actions : offeredNow(actions, c, now);
    }

    /**
     * Of {@code actions}, those the console offers at {@code now}: an escalation only once the case's running deadline
     * has passed (the API takes one any time). The desk and the case page apply the same rule.
     */
    static List<String> offeredNow(List<String> actions, CaseView c, java.time.Instant now) {
        if (actions.contains("escalate") && (c.dueAt() == null || !java.time.Instant.parse(c.dueAt()).isBefore(now))) {
            return actions.stream().filter(a -> !a.equals("escalate")).toList();
        }
        return actions;
    }

    /** A line that says what the case is about: the call's text, the commitment, the request's action, the incident's title. */
    static String summary(CaseView c, JsonNode details) {
        for (String path : List.of("/text", "/what", "/terms/text", "/terms/action/detail", "/report/title", "/report/name",
                "/report/what_happened", "/report/summary", "/report/text", "/report/description")) {
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
