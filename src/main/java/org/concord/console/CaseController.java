package org.concord.console;

import java.util.ArrayList;
import java.util.Arrays;
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
import org.concord.requests.OpeningRequests;
import org.concord.requests.Outcome;
import org.concord.requests.RequestedAction;
import org.concord.requests.Urgency;
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
    /** An error of these fields (as the modules name them) belongs next to the form's field on the right. */
    static final Map<String, String> ERROR_AT = Map.of("revised.action", "revised.action.kind", "revised.evidence.ref",
            "revised.evidence", "revised.evidence.markings", "revised.evidence", "to_level", "toLevel", "terms_ref", "termsRef");

    /**
     * One field of a step's form, all in one shape: its kind ({@code ref}: the terms it answers, sent
     * as they are; {@code line}; {@code text}; {@code select} of {@code options}; {@code ids}: STIX ids,
     * one a line), the input's name, the field as the REST body names it (where its errors show), a
     * label and the value it starts with (for a ref, the value it sends).
     */
    record Field(String kind, String name, String field, String label, List<String> options, String value) {

        Field with(String start) {
            return new Field(kind, name, field, label, options, start == null || start.isEmpty() ? null : start);
        }

        static Field text(String name, String field, String label) {
            return new Field("text", name, field, label, List.of(), null);
        }

        static Field line(String name, String field, String label) {
            return new Field("line", name, field, label, List.of(), null);
        }

        static Field ids(String name, String field, String label) {
            return new Field("ids", name, field, label, List.of(), null);
        }

        static Field select(String name, String field, String label, List<String> options) {
            return new Field("select", name, field, label, options, null);
        }

        static Field ref(String name, String field, String label, String value) {
            return new Field("ref", name, field, label, List.of(), value);
        }
    }

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
                case "request" -> requests.answer(c.caseId(), request(messageType, form), Callers.of(user).auditName());
                case "incident" -> incident(c.caseId(), messageType, form, Callers.of(user).auditName());
                case "call" -> call(c.caseId(), messageType, form, Callers.of(user).auditName());
                case "commitment" -> commitment(c.caseId(), messageType, form, Callers.of(user).auditName());
                default -> throw new InvalidInput("messageType", "console-form",
                        "the console has no form for a " + c.type() + " yet; send it through the API (" + DeskController.apiPath(c.type(), c.caseId()) + ")");
            }
        } catch (InvalidInput e) {
            return refused(c, model, user, session, response, 400, messageType, form, e.field(), e.rule(), e.getMessage());
        } catch (Conflict e) {
            return refused(c, model, user, session, response, 409, messageType, form, e.field(), e.rule(), e.explanation());
        }
        redirect.addFlashAttribute("notice", messageType + " sent.");
        return "redirect:/console/cases/" + c.caseId();
    }

    /** A request's message as {@code POST /api/requests/{caseId}/messages} takes it: only the fields its form has. */
    private static AnsweringRequests.NewMessage request(String messageType, Map<String, String> form) {
        AnsweringRequests.Proposal proposal = form.containsKey("proposalKind") || form.containsKey("proposalText")
                ? new AnsweringRequests.Proposal(blankToNull(form.get("proposalKind")), blankToNull(form.get("proposalText")))
                : null;
        AnsweringRequests.Terms revised = null;
        if ("amend".equals(messageType)) {
            List<OpeningRequests.Evidence> evidence = new ArrayList<>();
            for (String line : blankToEmpty(form.get("revisedEvidence")).split("\\R")) {
                List<String> ids = ids(line);
                if (!ids.isEmpty()) {
                    evidence.add(new OpeningRequests.Evidence(ids.get(0), ids.subList(1, ids.size())));
                }
            }
            String kind = blankToNull(form.get("revisedActionKind"));
            String detail = blankToNull(form.get("revisedActionDetail"));
            revised = new AnsweringRequests.Terms(ids(form.get("revisedTargets")), evidence,
                    kind == null && detail == null ? null : new OpeningRequests.Action(kind, detail),
                    blankToNull(form.get("revisedUrgency")), blankToNull(form.get("revisedText")));
        }
        return new AnsweringRequests.NewMessage(messageType, blankToNull(form.get("termsRef")), blankToNull(form.get("text")),
                blankToNull(form.get("reason")), proposal, revised, blankToNull(form.get("outcome")), blankToNull(form.get("toLevel")));
    }

    private void incident(String incidentId, String messageType, Map<String, String> form, String actor) {
        switch (messageType == null ? "" : messageType) {
            case "answerClaim" -> claims.answer(incidentId, new AnsweringClaims.Answer(blankToNull(form.get("claimRef")),
                    blankToNull(form.get("verdict")), ids(form.get("evidence")), blankToNull(form.get("text"))), actor);
            case "proposeFindings" -> claims.proposeFindings(incidentId, blankToNull(form.get("findings")), actor);
            case "signOff" -> claims.signOff(incidentId, blankToNull(form.get("findingsRef")), actor);
            default -> throw InvalidInput.notOneOf("messageType", messageType, List.of("answerClaim", "proposeFindings", "signOff"));
        }
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
            case "attest" -> commitments.attest(caseId, new ActingOnCommitments.Attestation(blankToNull(form.get("text")), ids(form.get("evidence"))), actor);
            case "withdraw" -> commitments.withdraw(caseId, new ActingOnCommitments.Withdrawal(blankToNull(form.get("reason"))), actor);
            default -> throw InvalidInput.notOneOf("messageType", messageType, List.of("agree", "attest", "withdraw"));
        }
    }

    private String refused(CaseView c, Model model, Authentication user, HttpSession session, HttpServletResponse response,
            int status, String messageType, Map<String, String> form, String field, String rule, String explanation) {
        response.setStatus(status);
        fill(model, find(c.caseId()), user, session);
        // the API names the item of a list (revised.targets[1], revised.evidence[0].ref); the form has one text area for the list
        String plain = field == null ? null : field.startsWith("evidence[") ? "evidence" : field.replaceAll("\\[\\d+\\]", "");
        String at = plain == null ? null : ERROR_AT.getOrDefault(plain, plain);
        List<String> shown = new ArrayList<>();
        Map<String, List<Field>> forms = forms(c, openClaims(JSON.valueToTree(c.details())));
        forms.getOrDefault(messageType == null ? "" : messageType, List.of()).forEach(f -> shown.add(f.field()));
        model.addAttribute("error", new FieldError(messageType, at, rule, explanation, shown));
        model.addAttribute("entered", form);
        return "console/case";
    }

    /** An error of a form as the API gives it: the field (as the REST body names it), the rule, the text, and the fields the form shows. */
    record FieldError(String messageType, String field, String rule, String explanation, List<String> shown) {

        /** Whether the error belongs next to {@code name} of the form of {@code type}. */
        public boolean at(String type, String name) {
            return type.equals(messageType) && name.equals(field);
        }

        /** Whether the error names no field the form of {@code type} shows (then it stands above the form). */
        public boolean general(String type) {
            return type.equals(messageType) && !shown.contains(field);
        }
    }

    /** Each step's form of case {@code c}, by message type: the fields the module's Java API takes for it. */
    static Map<String, List<Field>> forms(CaseView c, List<String> openClaims) {
        Map<String, List<Field>> forms = new LinkedHashMap<>();
        String onTheTable = c.proposal() == null ? null : c.proposal().id();
        switch (c.type()) {
            case "request" -> {
                // the requester accepts the counter-proposal on the table; the responder the request as it stands
                boolean weRequested = !c.partner().equals(String.valueOf(c.details().get("requester")));
                Object requestRef = c.details().get("termsRef");
                String accepted = weRequested ? onTheTable : requestRef == null ? onTheTable : String.valueOf(requestRef);
                forms.put("acknowledge", List.of());
                forms.put("accept", accepted == null ? List.of(Field.text("text", "text", "Text"))
                        : List.of(Field.ref("termsRef", "termsRef", "Accepts the terms on the table", accepted), Field.text("text", "text", "Text")));
                forms.put("decline", List.of(Field.select("reason", "reason", "Reason", names(DeclineReason.values())),
                        Field.text("text", "text", "Text")));
                forms.put("counterPropose", List.of(Field.select("proposalKind", "proposal.kind", "Proposal", names(CounterProposal.Kind.values())),
                        Field.text("proposalText", "proposal.text", "Proposal text")));
                // an amendment starts from the terms as they stand
                JsonNode terms = JSON.valueToTree(c.details()).path("terms");
                List<String> evidence = new ArrayList<>();
                terms.path("evidence").forEach(e -> {
                    List<String> line = new ArrayList<>(List.of(e.path("ref").asString()));
                    e.path("markings").forEach(m -> line.add(m.asString()));
                    evidence.add(String.join(" ", line));
                });
                List<String> targets = new ArrayList<>();
                terms.path("targets").forEach(t -> targets.add(t.asString()));
                forms.put("amend", List.of(Field.ids("revisedTargets", "revised.targets", "Targets (STIX ids, one a line)").with(String.join("\n", targets)),
                        Field.ids("revisedEvidence", "revised.evidence", "Evidence (a report's STIX id a line, its markings' ids after it)")
                                .with(String.join("\n", evidence)),
                        Field.select("revisedActionKind", "revised.action.kind", "Action", names(RequestedAction.Kind.values()))
                                .with(text(terms.path("action"), "kind")),
                        Field.text("revisedActionDetail", "revised.action.detail", "Action detail").with(text(terms.path("action"), "detail")),
                        Field.select("revisedUrgency", "revised.urgency", "Urgency", names(Urgency.values()))
                                .with(text(JSON.valueToTree(c.details()), "urgency")),
                        Field.text("revisedText", "revised.text", "Text").with(text(terms, "text"))));
                forms.put("progressUpdate", List.of(Field.text("text", "text", "Text")));
                // the requester closes only by withdrawing (WITHDRAWN); the responder with what came of the action
                forms.put("close", List.of(Field.select("outcome", "outcome", weRequested ? "Outcome (withdraws the request)" : "Outcome",
                        Arrays.stream(Outcome.values()).filter(o -> o.isTheRequesters() == weRequested).map(Enum::name).toList()),
                        Field.text("text", "text", "Text")));
                EscalationLevel level = c.level() == null ? null : Arrays.stream(EscalationLevel.values())
                        .filter(l -> l.name().equals(c.level())).findFirst().orElse(null);
                if (level != null && level.next().isPresent()) {
                    forms.put("escalate", List.of(Field.ref("toLevel", "toLevel", "Takes the case one rung up, to", level.next().get().name()),
                            Field.text("reason", "reason", "Reason")));
                }
            }
            case "call" -> {
                forms.put("acknowledge", List.of(Field.line("byName", "by.name", "Acknowledged by (name)"), Field.line("byPost", "by.post", "Post")));
                forms.put("withdraw", List.of(Field.text("reason", "reason", "Reason")));
            }
            case "commitment" -> {
                forms.put("agree", List.of());
                forms.put("attest", List.of(Field.text("text", "text", "Text"),
                        Field.ids("evidence", "evidence", "Evidence (STIX ids, one a line)")));
                forms.put("withdraw", List.of(Field.text("reason", "reason", "Reason")));
            }
            case "incident" -> {
                forms.put("answerClaim", List.of(Field.select("claimRef", "claimRef", "Claim", openClaims),
                        Field.select("verdict", "verdict", "Verdict", names(Verdict.values())),
                        Field.ids("evidence", "evidence", "Evidence (STIX ids, one a line; required to dispute)"),
                        Field.text("text", "text", "Text")));
                forms.put("proposeFindings", List.of(Field.text("findings", "findings", "Findings")));
                forms.put("signOff", onTheTable == null ? List.of()
                        : List.of(Field.ref("findingsRef", "findingsRef", "Signs off the findings on the table", onTheTable)));
            }
            default -> {
            }
        }
        return forms;
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
        JsonNode details = JSON.valueToTree(c.details());
        List<String> open = openClaims(details);
        Map<String, List<Field>> forms = forms(c, open);
        // what this node's party may do now, whether or not it is the one that must act: the case view
        // lists it for both parties (nextActor, otherActor), computed from the fold; one form per action
        List<String> actions = new ArrayList<>(liaison ? DeskController.offeredNow(ours(c), c, workflow.now()) : List.of());
        actions.removeIf(a -> !forms.containsKey(a));
        boolean mayAct = !actions.isEmpty();
        model.addAttribute("c", c);
        model.addAttribute("typeName", DeskController.typeNames().getOrDefault(c.type(), c.type()));
        model.addAttribute("summary", DeskController.summary(c, details));
        model.addAttribute("serverNow", workflow.now().toString());
        model.addAttribute("mayAct", mayAct);
        model.addAttribute("actions", actions);
        model.addAttribute("forms", forms);
        model.addAttribute("formsFor", Set.of("request", "commitment", "call", "incident").contains(c.type()));
        model.addAttribute("fields", fields(details));
        model.addAttribute("claims", claims(details));
        model.addAttribute("proposalText", c.proposal() == null ? null : pretty(c.proposal().terms()));
        model.addAttribute("agreedText", c.agreedTerms() == null ? null : pretty(c.agreedTerms().terms()));
        model.addAttribute("apiPath", DeskController.apiPath(c.type(), c.caseId()));
        model.addAttribute("openClaims", open);
        if (mayAct && !model.containsAttribute("formId")) {
            model.addAttribute("formId", issueFormId(session));
        }
    }

    /** The actions the case view lists for this node's party: under nextActor when it must act, else under otherActor. */
    static List<String> ours(CaseView c) {
        for (CaseView.Actor actor : java.util.Arrays.asList(c.nextActor(), c.otherActor())) {
            if (actor != null && "me".equals(actor.side()) && actor.actions() != null) {
                return actor.actions();
            }
        }
        return List.of();
    }

    private static List<String> openClaims(JsonNode details) {
        List<String> open = new ArrayList<>();
        details.path("openClaims").forEach(r -> open.add(r.asString()));
        return open;
    }

    /** The STIX ids in a text, one a line (or apart by commas or spaces), in order; none for a blank text. */
    static List<String> ids(String text) {
        List<String> ids = new ArrayList<>();
        for (String id : blankToEmpty(text).split("[\\s,]+")) {
            if (!id.isBlank()) {
                ids.add(id.strip());
            }
        }
        return ids;
    }

    private static String blankToEmpty(String value) {
        return value == null ? "" : value;
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
