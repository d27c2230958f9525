package org.concord.console;

import java.util.List;
import java.util.Map;

import org.concord.node.Conflict;
import org.concord.node.InvalidInput;
import org.concord.node.NotFound;
import org.concord.party.Caller;
import org.concord.party.Callers;
import org.concord.party.Partner;
import org.concord.party.Partners;
import org.concord.screening.psi.PsiSessions;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

/**
 * The private set intersection pages (docs/screening.md): {@code /console/screening/psi} lists this node's
 * sessions and, for a {@code LIAISON} or {@code ANALYST}, the form that requests one (a partner and a
 * watchlist); {@code /console/screening/psi/{id}} shows one session, with the form that accepts it when the
 * partner requested it and it waits here (and the form that declines it), and once completed this node's own entries that matched and which
 * kinds of key matched. Every role reads, as {@code GET /api/screening/psi/sessions/{id}} allows; requesting
 * accepting and declining go through {@link PsiSessions}, the code {@code POST /api/screening/psi/sessions},
 * {@code .../accept} and {@code .../decline} run, under the same roles, and a refusal is shown next to its field.
 */
@Controller
class PsiPagesController {

    /** The most sessions listed, the newest. */
    static final int SHOWN = 50;
    static final String REQUEST = "request";
    static final String ACCEPT = "accept";

    private final PsiSessions sessions;
    private final Partners partners;

    PsiPagesController(PsiSessions sessions, Partners partners) {
        this.sessions = sessions;
        this.partners = partners;
    }

    @GetMapping("/console/screening/psi")
    String list(Model model, Authentication user, HttpSession session) {
        fillList(model, user, session);
        return "console/psi";
    }

    /** The list of sessions alone, which the page reads again when a session takes a step (console.js, the event stream). */
    @GetMapping("/console/screening/psi/live")
    String live(Model model) {
        model.addAttribute("sessions", sessions.recent(SHOWN));
        return "console/psi :: sessions";
    }

    @PostMapping("/console/screening/psi/sessions")
    @PreAuthorize("hasAnyRole('LIAISON', 'ANALYST')")
    String request(@RequestParam Map<String, String> form, Model model, Authentication user, HttpSession session,
            HttpServletResponse response, RedirectAttributes redirect) {
        if (!CaseController.takeFormId(session, form.get("formId"))) {
            redirect.addFlashAttribute("notice", "This form was already sent once; the list below shows what it did.");
            return "redirect:/console/screening/psi";
        }
        PsiSessions.SessionView made;
        try {
            made = sessions.request(person(user), form.get("partner"), blankToNull(form.get("list")));
        } catch (InvalidInput e) {
            return refusedList(model, user, session, response, 400, form, e.field(), e.rule(), e.getMessage());
        } catch (Conflict e) {
            return refusedList(model, user, session, response, 409, form, e.field(), e.rule(), e.explanation());
        } catch (NotFound e) {
            return refusedList(model, user, session, response, 404, form, e.field(), e.rule(), e.explanation());
        }
        redirect.addFlashAttribute("notice", "Session requested from " + made.partner() + "; it waits for a person there to accept it.");
        return "redirect:/console/screening/psi/" + made.id();
    }

    @GetMapping("/console/screening/psi/{id}")
    String page(@PathVariable String id, Model model, Authentication user, HttpSession session) {
        fillSession(model, id, user, session);
        return "console/psi-session";
    }

    @PostMapping("/console/screening/psi/{id}/accept")
    @PreAuthorize("hasAnyRole('LIAISON', 'ANALYST')")
    String accept(@PathVariable String id, @RequestParam Map<String, String> form, Model model, Authentication user, HttpSession session,
            HttpServletResponse response, RedirectAttributes redirect) {
        if (!CaseController.takeFormId(session, form.get("formId"))) {
            redirect.addFlashAttribute("notice", "This form was already sent once; the session below shows what it did.");
            return "redirect:/console/screening/psi/" + id;
        }
        PsiSessions.SessionView done;
        try {
            done = sessions.accept(person(user), id, blankToNull(form.get("list")));
        } catch (InvalidInput e) {
            return refusedSession(id, model, user, session, response, 400, form, e.field(), e.rule(), e.getMessage());
        } catch (Conflict e) {
            return refusedSession(id, model, user, session, response, 409, form, e.field(), e.rule(), e.explanation());
        }
        redirect.addFlashAttribute("notice", "Session " + done.state().toLowerCase() + ": " + done.matchedEntries()
                + " of this node's entries matched.");
        return "redirect:/console/screening/psi/" + id;
    }

    @PostMapping("/console/screening/psi/{id}/decline")
    @PreAuthorize("hasAnyRole('LIAISON', 'ANALYST')")
    String decline(@PathVariable String id, @RequestParam Map<String, String> form, Model model, Authentication user, HttpSession session,
            HttpServletResponse response, RedirectAttributes redirect) {
        if (!CaseController.takeFormId(session, form.get("formId"))) {
            redirect.addFlashAttribute("notice", "This form was already sent once; the session below shows what it did.");
            return "redirect:/console/screening/psi/" + id;
        }
        try {
            sessions.decline(person(user), id);
        } catch (Conflict e) {
            return refusedSession(id, model, user, session, response, 409, form, e.field(), e.rule(), e.explanation());
        }
        redirect.addFlashAttribute("notice", "Session declined. The partner is not told; its invitation lapses there.");
        return "redirect:/console/screening/psi/" + id;
    }

    // ---- parts

    /** An error of one of the pages' forms as the API gives it. */
    record FormError(String step, String field, String rule, String explanation) {

        public boolean at(String form, String name) {
            return form.equals(step) && name.equals(field);
        }

        /** Whether the error belongs to the form but names no field it shows (then it stands above the form). */
        public boolean general(String form) {
            return form.equals(step) && !List.of("partner", "list").contains(field);
        }
    }

    private void fillList(Model model, Authentication user, HttpSession session) {
        boolean mayAct = mayAct(user);
        model.addAttribute("sessions", sessions.recent(SHOWN));
        model.addAttribute("mayAct", mayAct);
        // a partner with whom the day's limit is reached is not offered: the request would only be refused
        java.util.Map<String, String> limited = new java.util.TreeMap<>();
        List<String> open = new java.util.ArrayList<>();
        partners.all().stream().map(Partner::code).sorted(java.util.Comparator.comparing(Object::toString)).forEach(code ->
                sessions.dailyLimitReached(code).ifPresentOrElse(reached -> limited.put(code.toString(),
                        reached.getMessage().substring(reached.getMessage().indexOf(": ") + 2)),
                        () -> open.add(code.toString())));
        model.addAttribute("partners", open);
        model.addAttribute("limited", limited);
        model.addAttribute("lists", sessions.lists());
        if (mayAct && !model.containsAttribute("formId")) {
            model.addAttribute("formId", CaseController.issueFormId(session));
        }
    }

    private void fillSession(Model model, String id, Authentication user, HttpSession session) {
        PsiSessions.SessionView view = sessions.view(id);
        boolean mayAccept = mayAct(user) && "RESPONDER".equals(view.role()) && "REQUESTED".equals(view.state());
        model.addAttribute("s", view);
        model.addAttribute("mayAccept", mayAccept);
        model.addAttribute("lists", sessions.lists());
        if (mayAccept && !model.containsAttribute("formId")) {
            model.addAttribute("formId", CaseController.issueFormId(session));
        }
    }

    private String refusedList(Model model, Authentication user, HttpSession session, HttpServletResponse response, int status,
            Map<String, String> form, String field, String rule, String explanation) {
        response.setStatus(status);
        fillList(model, user, session);
        model.addAttribute("error", new FormError(REQUEST, field, rule, explanation));
        model.addAttribute("entered", form);
        return "console/psi";
    }

    private String refusedSession(String id, Model model, Authentication user, HttpSession session, HttpServletResponse response,
            int status, Map<String, String> form, String field, String rule, String explanation) {
        response.setStatus(status);
        fillSession(model, id, user, session);
        model.addAttribute("error", new FormError(ACCEPT, field, rule, explanation));
        model.addAttribute("entered", form);
        return "console/psi-session";
    }

    private static boolean mayAct(Authentication user) {
        List<String> roles = DeskController.roles(user);
        return roles.contains("LIAISON") || roles.contains("ANALYST");
    }

    private static Caller.User person(Authentication user) {
        if (Callers.of(user) instanceof Caller.User person) {
            return person;
        }
        throw new AccessDeniedException("only a person may request or accept a PSI session");
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
