package org.concord.console;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.concord.commitments.ActingOnCommitments;
import org.concord.hotline.AnsweringCalls;
import org.concord.incidents.AnsweringClaims;
import org.concord.incidents.Verdict;
import org.concord.node.Conflict;
import org.concord.node.InvalidInput;
import org.concord.node.NotFound;
import org.concord.party.Callers;
import org.concord.requests.AnsweringRequests;
import org.concord.requests.CounterProposal;
import org.concord.requests.DeclineReason;
import org.concord.requests.Outcome;
import org.concord.workflow.CaseType;
import org.concord.workflow.CaseView;
import org.concord.workflow.CaseViews;
import org.concord.workflow.EscalationLevel;
import org.concord.workflow.Workflow;
import org.concord.workflow.WorkflowTypes;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.WebUtils;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A case page, one per request, call, incident and commitment ({@code /console/cases/{caseId}}): what
 * the case is about, its state and rung, who acts next and by when, the proposal and the agreed
 * terms, the type's own fields and the timeline with ledger index and receipt of every message; for
 * a {@code LIAISON}, the steps it may take as forms. A form is sent through the same Java service
 * as the REST API ({@link AnsweringRequests}, {@link ActingOnCommitments}, {@link AnsweringCalls}, {@link AnsweringClaims}), so its field errors are the API's, shown next to the
 * field. Every form carries a one-time id kept in the session: the same form sent twice (a double
 * click) is sent to the partner once.
 */
@Controller
class CaseController {

    static final String FORM_IDS = CaseController.class.getName() + ".formIds";
    /** The most unused form ids a session keeps (the oldest go first). */
    static final int KEPT_FORM_IDS = 200;
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** The fields each request form shows, as the REST body names them: an error of another field stands above the form. */
    static final Map<String, List<String>> SHOWN = Map.of("accept", List.of("text"), "decline", List.of("reason", "text"),
            "counterPropose", List.of("proposal.kind", "proposal.text"), "progressUpdate", List.of("text"),
            "close", List.of("outcome", "text"), "attest", List.of("text"), "withdraw", List.of("reason"),
            "acknowledge", List.of("by.name", "by.post"), "answerClaim", List.of("claimRef", "verdict", "text"));

    private final CaseViews views;
    private final WorkflowTypes types;
    private final Workflow workflow;
    private final AnsweringRequests requests;
    private final ActingOnCommitments commitments;
    private final AnsweringCalls calls;
    private final AnsweringClaims claims;

    CaseController(CaseViews views, WorkflowTypes types, Workflow workflow, AnsweringRequests requests,
            ActingOnCommitments commitments, AnsweringCalls calls, AnsweringClaims claims) {
        this.claims = claims;
        this.calls = calls;
        this.commitments = commitments;
        this.views = views;
        this.types = types;
        this.workflow = workflow;
        this.requests = requests;
    }

    @GetMapping("/console/cases/{caseId}")
    String page(@PathVariable String caseId, Model model, Authentication user, HttpSession session) {
        CaseView c = find(caseId);
        fill(model, c, user, session);
        return "console/case";
    }

    @GetMapping("/console/cases/{caseId}/live")
    String live(@PathVariable String caseId, Model model, Authentication user, HttpSession session) {
        CaseView c = find(caseId);
        fill(model, c, user, session);
        return "console/case :: live";
    }

    /** A step from one of the page's forms; fields as the REST body names them ({@code proposal.kind} as {@code proposalKind}). */
    @PostMapping("/console/cases/{caseId}/messages")
    @PreAuthorize("hasRole('LIAISON')")
    String send(@PathVariable String caseId, @RequestParam Map<String, String> form, Model model, Authentication user,
            HttpSession session, HttpServletResponse response, RedirectAttributes redirect) {
        CaseView c = find(caseId);
        String formId = form.get("formId");
        if (!takeFormId(session, formId)) {
            // the same form again (a double click, a reload of the POST): it was sent once, nothing more is
            redirect.addFlashAttribute("notice", "This form was already sent once; the case below shows what it did.");
            return "redirect:/console/cases/" + c.caseId();
        }
        String messageType = blankToNull(form.get("messageType"));
        try {
            switch (c.type()) {
                case "request" -> requests.answer(c.caseId(), new AnsweringRequests.NewMessage(messageType,
                        blankToNull(form.get("termsRef")), blankToNull(form.get("text")), blankToNull(form.get("reason")),
                        form.containsKey("proposalKind") || form.containsKey("proposalText")
                                ? new AnsweringRequests.Proposal(blankToNull(form.get("proposalKind")), blankToNull(form.get("proposalText")))
                                : null,
                        null, blankToNull(form.get("outcome")), blankToNull(form.get("toLevel"))),
                        Callers.of(user).auditName());
                case "incident" -> {
                    if (!"answerClaim".equals(messageType)) {
                        throw new InvalidInput("messageType", "console-form", "the console has no form for " + messageType
                                + " yet; send it through the API (" + DeskController.apiPath(c.type(), c.caseId()) + ")");
                    }
                    claims.answer(c.caseId(), new AnsweringClaims.Answer(blankToNull(form.get("claimRef")),
                            blankToNull(form.get("verdict")), List.of(), blankToNull(form.get("text"))), Callers.of(user).auditName());
                }
                case "call" -> call(c.caseId(), messageType, form, Callers.of(user).auditName());
                case "commitment" -> commitment(c.caseId(), messageType, form, Callers.of(user).auditName());
                default -> throw new InvalidInput("messageType", "console-form",
                        "the console has no form for a " + c.type() + " yet; send it through the API (" + DeskController.apiPath(c.type(), c.caseId()) + ")");
            }
        } catch (InvalidInput e) {
            return refused(c.caseId(), model, user, session, response, 400, messageType, form, e.field(), e.rule(), e.getMessage());
        } catch (Conflict e) {
            return refused(c.caseId(), model, user, session, response, 409, messageType, form, e.field(), e.rule(), e.explanation());
        }
        redirect.addFlashAttribute("notice", messageType + " sent.");
        return "redirect:/console/cases/" + c.caseId();
    }

    private void call(String caseId, String messageType, Map<String, String> form, String actor) {
        switch (messageType == null ? "" : messageType) {
            case "acknowledge" -> calls.acknowledge(caseId, new AnsweringCalls.Person(blankToNull(form.get("byName")),
                    blankToNull(form.get("byPost"))), actor);
            case "withdraw" -> calls.withdraw(caseId, blankToNull(form.get("reason")), actor);
            default -> throw InvalidInput.notOneOf("messageType", messageType, List.of("acknowledge", "withdraw"));
        }
    }

    private void commitment(String caseId, String messageType, Map<String, String> form, String actor) {
        switch (messageType == null ? "" : messageType) {
            case "agree" -> commitments.agree(caseId, actor);
            case "attest" -> commitments.attest(caseId, new ActingOnCommitments.Attestation(blankToNull(form.get("text")), List.of()), actor);
            case "withdraw" -> commitments.withdraw(caseId, new ActingOnCommitments.Withdrawal(blankToNull(form.get("reason"))), actor);
            default -> throw InvalidInput.notOneOf("messageType", messageType, List.of("agree", "attest", "withdraw"));
        }
    }

    private String refused(String caseId, Model model, Authentication user, HttpSession session, HttpServletResponse response,
            int status, String messageType, Map<String, String> form, String field, String rule, String explanation) {
        response.setStatus(status);
        fill(model, find(caseId), user, session);
        model.addAttribute("error", new FieldError(messageType, field, rule, explanation));
        model.addAttribute("entered", form);
        return "console/case";
    }

    /** An error of a form as the API gives it: the field (as the REST body names it), the rule and the text. */
    record FieldError(String messageType, String field, String rule, String explanation) {

        /** Whether the error belongs next to {@code name} of the form of {@code type}. */
        public boolean at(String type, String name) {
            return type.equals(messageType) && name.equals(field);
        }

        /** Whether the error names no field the form of {@code type} shows (then it stands above the form). */
        public boolean general(String type) {
            return type.equals(messageType) && !SHOWN.getOrDefault(type, List.of()).contains(field);
        }
    }

    private CaseView find(String caseId) {
        for (CaseType<?, ?, ?> type : types.all()) {
            Optional<? extends CaseView> found = workflow.find(type, caseId).map(c -> viewOf(type, caseId));
            if (found.isPresent()) {
                return found.get();
            }
        }
        throw NotFound.of("caseId", "no case " + caseId + " is held by this node");
    }

    private CaseView viewOf(CaseType<?, ?, ?> type, String caseId) {
        return views.view(type, caseId);
    }

    private void fill(Model model, CaseView c, Authentication user, HttpSession session) {
        List<String> roles = user.getAuthorities().stream().map(a -> a.getAuthority()).filter(a -> a.startsWith("ROLE_"))
                .map(a -> a.substring(5)).sorted().toList();
        boolean liaison = roles.contains("LIAISON");
        // this node's own call, not yet acknowledged, may be withdrawn (the case view names only the addressee's step)
        boolean ownCallOpen = "call".equals(c.type()) && "Unacknowledged".equals(c.state()) && c.nextActor() != null
                && "partner".equals(c.nextActor().side());
        boolean mayAct = liaison && c.nextActor() != null && ("me".equals(c.nextActor().side()) || ownCallOpen);
        JsonNode details = JSON.valueToTree(c.details());
        model.addAttribute("c", c);
        model.addAttribute("typeName", DeskController.typeNames().getOrDefault(c.type(), c.type()));
        model.addAttribute("summary", DeskController.summary(c, details));
        model.addAttribute("serverNow", workflow.now().toString());
        model.addAttribute("mayAct", mayAct);
        model.addAttribute("actions", !mayAct ? List.of() : ownCallOpen ? List.of("withdraw")
                : c.nextActor().actions() != null ? c.nextActor().actions() : List.of());
        model.addAttribute("formsFor", Set.of("request", "commitment", "call", "incident").contains(c.type()));
        model.addAttribute("fields", fields(details));
        model.addAttribute("claims", claims(details));
        model.addAttribute("proposalText", c.proposal() == null ? null : pretty(c.proposal().terms()));
        model.addAttribute("agreedText", c.agreedTerms() == null ? null : pretty(c.agreedTerms().terms()));
        model.addAttribute("apiPath", DeskController.apiPath(c.type(), c.caseId()));
        model.addAttribute("declineReasons", names(DeclineReason.values()));
        model.addAttribute("outcomes", names(Outcome.values()));
        model.addAttribute("proposalKinds", names(CounterProposal.Kind.values()));
        model.addAttribute("levels", names(EscalationLevel.values()));
        model.addAttribute("verdicts", names(Verdict.values()));
        List<String> open = new ArrayList<>();
        details.path("openClaims").forEach(r -> open.add(r.asString()));
        model.addAttribute("openClaims", open);
        if (mayAct && !model.containsAttribute("formId")) {
            model.addAttribute("formId", issueFormId(session));
        }
    }

    private static List<String> names(Enum<?>[] values) {
        List<String> names = new ArrayList<>();
        for (Enum<?> v : values) {
            names.add(v.name());
        }
        return names;
    }

    /** The type's own fields, one line each: plain values as they are, structures as JSON. */
    private static Map<String, String> fields(JsonNode details) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : details.properties()) {
            if (e.getKey().equals("answers") || e.getValue().isNull()) {
                continue;
            }
            fields.put(e.getKey(), e.getValue().isValueNode() ? e.getValue().asString() : pretty(e.getValue()));
        }
        return fields;
    }

    /** An incident's claims, each with the answer given to it, side by side. */
    record Claim(String id, String claim, String statement, String verdict, String evidence, String text) {
    }

    /** The report's claims ({@code report.claims[]: ref, statement}), each beside its answer ({@code answers[ref]}). */
    private static List<Claim> claims(JsonNode details) {
        List<Claim> claims = new ArrayList<>();
        JsonNode all = details.path("report").path("claims");
        if (!all.isArray()) {
            return claims;
        }
        for (JsonNode claim : all) {
            String ref = text(claim, "ref");
            JsonNode answer = details.path("answers").path(ref);
            List<String> evidence = new ArrayList<>();
            answer.path("evidence").forEach(e -> evidence.add(e.asString()));
            claims.add(new Claim(ref, ref, text(claim, "statement"), answer.isMissingNode() ? "open" : text(answer, "verdict"),
                    String.join(", ", evidence), text(answer, "text")));
        }
        return claims;
    }

    private static String text(JsonNode node, String... names) {
        for (String name : names) {
            JsonNode v = node.path(name);
            if (v.isValueNode() && !v.isNull()) {
                return v.asString();
            }
        }
        return "";
    }

    private static String pretty(JsonNode node) {
        return node == null ? null : JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    /** A fresh one-time id for a form of this session. */
    static String issueFormId(HttpSession session) {
        String id = UUID.randomUUID().toString();
        synchronized (WebUtils.getSessionMutex(session)) {
            Set<String> ids = formIds(session);
            ids.add(id);
            Iterator<String> oldest = ids.iterator();
            while (ids.size() > KEPT_FORM_IDS && oldest.hasNext()) {
                oldest.next();
                oldest.remove();
            }
            session.setAttribute(FORM_IDS, ids);
        }
        return id;
    }

    /** Uses up a form id: true the first time an id this session issued comes back, false ever after. */
    static boolean takeFormId(HttpSession session, String id) {
        if (id == null) {
            return false;
        }
        synchronized (WebUtils.getSessionMutex(session)) {
            Set<String> ids = formIds(session);
            boolean fresh = ids.remove(id);
            session.setAttribute(FORM_IDS, ids);
            return fresh;
        }
    }

    @SuppressWarnings("unchecked")
    private static Set<String> formIds(HttpSession session) {
        Object ids = session.getAttribute(FORM_IDS);
        return ids instanceof Set<?> set ? (Set<String>) set : new LinkedHashSet<>();
    }
}
