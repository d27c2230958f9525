package org.concord.console;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.concord.hotline.AnsweringCalls;
import org.concord.hotline.HotlineType;
import org.concord.hotline.Priority;
import org.concord.node.Conflict;
import org.concord.node.InvalidInput;
import org.concord.node.NotFound;
import org.concord.party.Callers;
import org.concord.party.Partner;
import org.concord.party.Partners;
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

import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import tools.jackson.databind.JsonNode;

/**
 * The hotline page ({@code /console/hotline/{partner}}; {@code /console/hotline} shows the first partner): the
 * conversation with one partner as a messaging client shows it, every call of both sides in order with its
 * priority, the replies under the call they answer, the delivery and acknowledgement marks of each call, and
 * the acknowledgement countdown of the calls nobody has acknowledged yet. Its conversation is a fragment
 * ({@code /console/hotline/{partner}/live}) that {@code console.js} fetches again when {@link ConsoleEvents}
 * says a call changed. A {@code LIAISON} writes a call and acknowledges the partner's through
 * {@link AnsweringCalls}, the service {@code POST /api/hotline/calls} and {@code .../acknowledge} call, so the
 * checks and field errors are the API's; every form carries a one-time id ({@link CaseController#issueFormId}),
 * so a double click sends once.
 */
@Controller
class HotlinePageController {

    /** The most threads (a call and its replies) the page shows, the newest. */
    static final int SHOWN = 100;
    /** The form that writes a call: the name its errors carry. */
    static final String SEND = "send";
    /** The compose form's fields, as the REST body names them: an error of another field stands above the form. */
    static final List<String> SEND_FIELDS = List.of("from.name", "from.post", "to.name", "to.post", "priority", "text", "inReplyTo");
    static final String OFFICIAL_NAME = HotlinePageController.class.getName() + ".officialName";
    static final String OFFICIAL_POST = HotlinePageController.class.getName() + ".officialPost";
    static final String PAGE_FORM_ID = HotlinePageController.class.getName() + ".formId";

    private final CaseViews views;
    private final HotlineType type;
    private final AnsweringCalls calls;
    private final Partners partners;
    private final Workflow workflow;

    HotlinePageController(CaseViews views, HotlineType type, AnsweringCalls calls, Partners partners, Workflow workflow) {
        this.views = views;
        this.type = type;
        this.calls = calls;
        this.partners = partners;
        this.workflow = workflow;
    }

    @GetMapping("/console/hotline")
    String first(@RequestParam(required = false) String replyTo, Model model, Authentication user, HttpSession session) {
        List<String> all = partnerCodes();
        if (all.isEmpty()) {
            model.addAttribute("partners", all);
            model.addAttribute("partner", null);
            return "console/hotline";
        }
        return page(all.get(0), replyTo, model, user, session);
    }

    @GetMapping("/console/hotline/{partner}")
    String page(@PathVariable String partner, @RequestParam(required = false) String replyTo, Model model, Authentication user,
            HttpSession session) {
        fill(model, known(partner), user, session, false);
        model.addAttribute("replyTo", replyTo);
        if (replyTo != null && model.getAttribute("entries") instanceof Map<?, ?> byId && byId.get(replyTo) instanceof Entry parent) {
            // a reply goes between the officials of the call it answers
            boolean remembered = session.getAttribute(OFFICIAL_NAME) != null;
            if (!remembered) {
                model.addAttribute("ownName", parent.ours() ? parent.fromName() : parent.toName());
                model.addAttribute("ownPost", parent.ours() ? parent.fromPost() : parent.toPost());
            }
            model.addAttribute("partnerName", parent.ours() ? parent.toName() : parent.fromName());
            model.addAttribute("partnerPost", parent.ours() ? parent.toPost() : parent.fromPost());
        }
        return "console/hotline";
    }

    @GetMapping("/console/hotline/{partner}/live")
    String live(@PathVariable String partner, Model model, Authentication user, HttpSession session) {
        fill(model, known(partner), user, session, true);
        return "console/hotline :: conversation";
    }

    /** A new call from the compose form; fields as the REST body names them ({@code from.name} as {@code fromName}). */
    @PostMapping("/console/hotline/{partner}/calls")
    @PreAuthorize("hasRole('LIAISON')")
    String send(@PathVariable String partner, @RequestParam Map<String, String> form, Model model, Authentication user,
            HttpSession session, HttpServletResponse response, RedirectAttributes redirect) {
        String code = known(partner);
        if (!CaseController.takeFormId(session, form.get("formId"))) {
            redirect.addFlashAttribute("notice", "This form was already sent once; the conversation below shows what it did.");
            return "redirect:/console/hotline/" + code;
        }
        CaseView sent;
        try {
            sent = calls.send(new AnsweringCalls.NewCall(person(form, "fromName", "fromPost"), code, person(form, "toName", "toPost"),
                    blankToNull(form.get("priority")), blankToNull(form.get("text")), blankToNull(form.get("inReplyTo"))),
                    Callers.of(user).auditName());
        } catch (InvalidInput e) {
            return refused(code, model, user, session, response, 400, SEND, form, e.field(), e.rule(), e.getMessage());
        } catch (Conflict e) {
            return refused(code, model, user, session, response, 409, SEND, form, e.field(), e.rule(), e.explanation());
        }
        remember(session, form.get("fromName"), form.get("fromPost"));
        redirect.addFlashAttribute("notice", sent.details().get("priority") + " call sent to " + code + ".");
        return "redirect:/console/hotline/" + code + "#call-" + sent.caseId();
    }

    /** Acknowledges the partner's call {@code callId}, by the official named in the form ({@code byName}, {@code byPost}). */
    @PostMapping("/console/hotline/{partner}/calls/{callId}/acknowledge")
    @PreAuthorize("hasRole('LIAISON')")
    String acknowledge(@PathVariable String partner, @PathVariable String callId, @RequestParam Map<String, String> form, Model model,
            Authentication user, HttpSession session, HttpServletResponse response, RedirectAttributes redirect) {
        String code = known(partner);
        if (!CaseController.takeFormId(session, form.get("formId"))) {
            redirect.addFlashAttribute("notice", "This form was already sent once; the conversation below shows what it did.");
            return "redirect:/console/hotline/" + code;
        }
        try {
            calls.acknowledge(callId, person(form, "byName", "byPost"), Callers.of(user).auditName());
        } catch (InvalidInput e) {
            return refused(code, model, user, session, response, 400, ackStep(callId), form, e.field(), e.rule(), e.getMessage());
        } catch (Conflict e) {
            return refused(code, model, user, session, response, 409, ackStep(callId), form, e.field(), e.rule(), e.explanation());
        } catch (NotFound e) {
            return refused(code, model, user, session, response, 404, ackStep(callId), form, e.field(), e.rule(), e.explanation());
        }
        remember(session, form.get("byName"), form.get("byPost"));
        redirect.addFlashAttribute("notice", "Call acknowledged.");
        return "redirect:/console/hotline/" + code + "#call-" + callId;
    }

    /** The name the errors of a call's acknowledgement form carry. */
    static String ackStep(String callId) {
        return "acknowledge:" + callId;
    }

    private String refused(String partner, Model model, Authentication user, HttpSession session, HttpServletResponse response,
            int status, String step, Map<String, String> form, String field, String rule, String explanation) {
        response.setStatus(status);
        fill(model, partner, user, session, false);
        model.addAttribute("error", new FormError(step, field, rule, explanation));
        // an acknowledgement refused for a call that no longer awaits it (acknowledged meanwhile, withdrawn, unknown) has no form to stand in
        boolean formShown = !step.startsWith("acknowledge:") || model.getAttribute("entries") instanceof Map<?, ?> byId
                && byId.get(step.substring("acknowledge:".length())) instanceof Entry e && e.awaitingUs();
        model.addAttribute("pageError", formShown ? null : model.getAttribute("error"));
        model.addAttribute("entered", form);
        model.addAttribute("replyTo", form.get("inReplyTo"));
        return "console/hotline";
    }

    /** An error of one of the page's forms as the API gives it: the field (as the REST body names it), the rule and the text. */
    record FormError(String step, String field, String rule, String explanation) {

        /** Whether the error belongs next to {@code name} of the form {@code form}. */
        public boolean at(String form, String name) {
            return form.equals(step) && name.equals(field);
        }

        /** Whether the error belongs to the form {@code form} but names no field it shows (then it stands above the form). */
        public boolean general(String form) {
            return form.equals(step) && !(SEND.equals(form) ? SEND_FIELDS : List.of("by.name", "by.post")).contains(field);
        }
    }

    /**
     * One call of the conversation as the page shows it.
     *
     * @param ours whether this node made it
     * @param delivery where the call itself stands: {@code sent} (queued for the partner), {@code delivered} (the
     *        partner's receipt came back), {@code received} (from the partner, its receipt signed), {@code refused}
     * @param acknowledgedBy the name of the official who acknowledged it, null while nobody has; {@code ackPost} and
     *        {@code ackParty} say the official's post and side
     * @param ackDelivery for an acknowledgement this node sent: {@code sent} or {@code delivered}; null otherwise
     * @param awaitingUs the partner's call, not yet acknowledged: this node's officer acknowledges it
     * @param replies the calls that answer this one, oldest first
     */
    record Entry(String callId, boolean ours, String priority, String fromParty, String fromName, String fromPost, String toName,
            String toPost, String text, String sentAt, String state, String level, String dueAt, String deadlineRule, String inReplyTo,
            String delivery, String receipt, Long ledgerIndex, String acknowledgedBy, String ackPost, String ackParty, String acknowledgedAt,
            String ackDelivery,
            String withdrawnReason, boolean awaitingUs, List<Entry> replies, String recordedLate, String ackRecordedLate) {

        public boolean flash() {
            return "FLASH".equals(priority);
        }

        public String summary() {
            String line = text == null ? "" : text.strip().replaceAll("\\s+", " ");
            return line.length() <= 60 ? line : line.substring(0, 57) + "...";
        }
    }

    /** A call one may reply to, for the compose form's choice. */
    record ReplyOption(String callId, String label) {
    }

    private void fill(Model model, String partner, Authentication user, HttpSession session, boolean live) {
        boolean mayAct = DeskController.roles(user).contains("LIAISON");
        List<CaseView> all = views.all(type).stream().filter(v -> partner.equals(v.partner()) && v.state() != null).toList();
        List<Entry> entries = new ArrayList<>(all.size());
        for (CaseView v : all) {
            entries.add(entry(v, workflow.self().value()));
        }
        entries.sort(Comparator.comparing((Entry e) -> instant(e.sentAt())).thenComparing(Entry::callId));
        Map<String, Entry> byId = new LinkedHashMap<>();
        entries.forEach(e -> byId.put(e.callId(), e));
        List<Entry> threads = new ArrayList<>();
        for (Entry e : entries) {
            Entry parent = e.inReplyTo() == null ? null : byId.get(e.inReplyTo());
            if (parent != null && parent != e) {
                parent.replies().add(e);
            } else {
                threads.add(e);
            }
        }
        int hidden = Math.max(0, threads.size() - SHOWN);
        // the newest incoming FLASH nobody has acknowledged: its Acknowledge button takes the keyboard's focus
        String focus = entries.stream().filter(e -> e.awaitingUs() && e.flash()).reduce((a, b) -> b).map(Entry::callId).orElse(null);
        Entry lastFromPartner = entries.stream().filter(e -> !e.ours()).reduce((a, b) -> b).orElse(null);
        model.addAttribute("partner", partner);
        model.addAttribute("partners", partnerCodes());
        model.addAttribute("threads", threads.subList(hidden, threads.size()));
        model.addAttribute("hidden", hidden);
        model.addAttribute("count", entries.size());
        model.addAttribute("entries", byId);
        model.addAttribute("focusCall", focus);
        model.addAttribute("mayAct", mayAct);
        model.addAttribute("serverNow", workflow.now().toString());
        model.addAttribute("priorities", List.of(Priority.FLASH.name(), Priority.PRIORITY.name(), Priority.ROUTINE.name()));
        List<ReplyOption> options = new ArrayList<>();
        for (int i = entries.size() - 1; i >= 0 && options.size() < 200; i--) {
            Entry e = entries.get(i);
            options.add(new ReplyOption(e.callId(), e.fromParty() + " · " + e.priority() + " · " + e.sentAt() + " · " + e.summary()));
        }
        model.addAttribute("replyOptions", options);
        // who writes and who acknowledges: the official this session last named, else the one the partner last addressed
        String name = (String) session.getAttribute(OFFICIAL_NAME);
        String post = (String) session.getAttribute(OFFICIAL_POST);
        model.addAttribute("ownName", name != null ? name : lastFromPartner != null ? lastFromPartner.toName() : "");
        model.addAttribute("ownPost", post != null ? post : lastFromPartner != null ? lastFromPartner.toPost() : "");
        model.addAttribute("partnerName", lastFromPartner != null ? lastFromPartner.fromName() : "");
        model.addAttribute("partnerPost", lastFromPartner != null ? lastFromPartner.fromPost() : "");
        model.addAttribute("sessionName", name);
        model.addAttribute("sessionPost", post);
        if (mayAct && !model.containsAttribute("formId")) {
            model.addAttribute("formId", formId(session, live));
        }
    }

    /**
     * The one-time id for the forms of a render. A full page gets a fresh one; a live refresh (one per call event,
     * for as long as the page is open) reuses the page's while it is unused, so that a page open for a whole duty
     * does not push its own writing form's id out of the session's 200.
     */
    private static String formId(HttpSession session, boolean live) {
        String id = (String) session.getAttribute(PAGE_FORM_ID);
        if (!live || id == null || !unused(session, id)) {
            id = CaseController.issueFormId(session);
            session.setAttribute(PAGE_FORM_ID, id);
        }
        return id;
    }

    private static boolean unused(HttpSession session, String id) {
        synchronized (org.springframework.web.util.WebUtils.getSessionMutex(session)) {
            return session.getAttribute(CaseController.FORM_IDS) instanceof java.util.Set<?> ids && ids.contains(id);
        }
    }

    private static Entry entry(CaseView v, String self) {
        Map<String, Object> d = v.details();
        Map<?, ?> from = d.get("from") instanceof Map<?, ?> m ? m : Map.of();
        Map<?, ?> to = d.get("to") instanceof Map<?, ?> m ? m : Map.of();
        boolean ours = self.equals(string(from.get("party")));
        CaseView.TimelineEntry opening = v.timeline().stream().filter(t -> "send".equals(t.messageType())).findFirst()
                .orElse(v.timeline().isEmpty() ? null : v.timeline().get(0));
        String receipt = opening == null ? "NONE" : opening.receipt();
        String delivery = switch (receipt) {
            case "QUEUED" -> "sent";
            case "DELIVERED_WITH_RECEIPT" -> "delivered";
            case "RECEIPT_SIGNED" -> "received";
            case "REFUSED_BY_PARTNER" -> "refused";
            default -> ours ? "sent" : "received";
        };
        String ackBy = null;
        String ackPost = null;
        String ackParty = null;
        String ackAt = null;
        for (CaseView.MessageView m : v.history()) {
            if ("acknowledge".equals(m.messageType())) {
                JsonNode by = m.object() == null ? null : m.object().path("by_official");
                ackBy = by == null || by.isMissingNode() ? "" : by.path("name").asString("");
                ackPost = by == null || by.isMissingNode() ? "" : by.path("post").asString("");
                ackParty = m.sender();
                ackAt = m.sentAt();
            }
        }
        String ackDelivery = null;
        String ackLate = null;
        for (CaseView.TimelineEntry t : v.timeline()) {
            if ("acknowledge".equals(t.messageType()) && "SENT".equals(t.direction())) {
                ackDelivery = "DELIVERED_WITH_RECEIPT".equals(t.receipt()) ? "delivered" : "sent";
            }
            if ("acknowledge".equals(t.messageType())) {
                ackLate = t.recordedLate();
            }
        }
        String withdrawn = null;
        if ("Withdrawn".equals(v.state())) {
            withdrawn = v.history().stream().filter(m -> "withdraw".equals(m.messageType())).map(m -> m.object() == null ? ""
                    : m.object().path("reason").asString("")).findFirst().orElse("");
        }
        boolean awaitingUs = "Unacknowledged".equals(v.state()) && v.nextActor() != null && "me".equals(v.nextActor().side());
        return new Entry(v.caseId(), ours, (String) d.get("priority"), string(from.get("party")), string(from.get("name")),
                string(from.get("post")), string(to.get("name")), string(to.get("post")), (String) d.get("text"),
                opening == null ? null : opening.sentAt(), v.state(), v.level(), v.dueAt(),
                v.deadline() == null ? null : v.deadline().rule(), (String) d.get("inReplyTo"), delivery, receipt,
                opening == null ? null : opening.ledgerIndex(), ackBy, ackPost, ackParty, ackAt, ackDelivery, withdrawn, awaitingUs, new ArrayList<>(),
                opening == null ? null : opening.recordedLate(), ackLate);
    }

    private static String string(Object value) {
        return value == null ? "" : value.toString();
    }

    private static Instant instant(String at) {
        try {
            return at == null ? Instant.EPOCH : Instant.parse(at);
        } catch (java.time.format.DateTimeParseException e) {
            return Instant.EPOCH;
        }
    }

    private List<String> partnerCodes() {
        return partners.all().stream().map(Partner::code).map(Object::toString).sorted().toList();
    }

    private String known(String partner) {
        String code = partner == null ? "" : partner.toUpperCase(java.util.Locale.ROOT);
        if (!partnerCodes().contains(code)) {
            throw NotFound.of("partner", "this node is not paired with " + partner);
        }
        return code;
    }

    private static AnsweringCalls.Person person(Map<String, String> form, String name, String post) {
        String n = blankToNull(form.get(name));
        String p = blankToNull(form.get(post));
        return n == null && p == null ? null : new AnsweringCalls.Person(n, p);
    }

    private static void remember(HttpSession session, String name, String post) {
        if (name != null && !name.isBlank() && post != null && !post.isBlank()) {
            session.setAttribute(OFFICIAL_NAME, name.strip());
            session.setAttribute(OFFICIAL_POST, post.strip());
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
