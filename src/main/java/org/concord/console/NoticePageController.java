package org.concord.console;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.concord.deconfliction.DeconflictionMap;
import org.concord.node.Conflict;
import org.concord.node.InvalidInput;
import org.concord.node.NotFound;
import org.concord.party.Callers;
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
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A notice's page ({@code /console/notices/{id}}): the operation notice as this node holds it, sent or
 * received, with its footprint on a small map, its evaluation (distance to the border, each broken rule,
 * the sovereignty verdict), its conflicts with who answers each and by when, its revisions and withdrawal,
 * and whether the partner accepted it. A liaison officer withdraws or revises the node's own notice here,
 * and answers a conflict through the desk's endpoints ({@code /console/deconfliction/conflicts/{id}/...},
 * which come back here). Everything goes through {@link DeconflictionMap}, as the REST API does.
 */
@Controller
class NoticePageController {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** The fields each form shows, as the REST body names them: an error of another field stands above the form. */
    static final Map<String, List<String>> SHOWN = Map.of("withdraw", List.of("reason"),
            "revise", List.of("window.start", "window.end", "reason"));

    private final DeconflictionMap deconfliction;
    private final Workflow workflow;

    NoticePageController(DeconflictionMap deconfliction, Workflow workflow) {
        this.deconfliction = deconfliction;
        this.workflow = workflow;
    }

    @GetMapping("/console/notices/{id}")
    String page(@PathVariable String id, Model model, Authentication user) {
        fill(model, id, user);
        return "console/notice";
    }

    /** The page's live part, read again when the event stream announces a notice, site or event. */
    @GetMapping("/console/notices/{id}/live")
    String live(@PathVariable String id, Model model, Authentication user) {
        fill(model, id, user);
        return "console/notice :: live";
    }

    @PostMapping("/console/notices/{id}/withdraw")
    @PreAuthorize("hasRole('LIAISON')")
    String withdraw(@PathVariable String id, @RequestParam(required = false) String reason, Model model, Authentication user,
            HttpServletResponse response, RedirectAttributes redirect) {
        try {
            deconfliction.withdraw(id, reason, Callers.of(user).auditName());
        } catch (InvalidInput e) {
            return refused(id, model, user, response, 400, "withdraw", Map.of("reason", nullToEmpty(reason)), e.field(), e.rule(), e.getMessage());
        } catch (Conflict e) {
            return refused(id, model, user, response, 409, "withdraw", Map.of("reason", nullToEmpty(reason)), e.field(), e.rule(), e.explanation());
        }
        redirect.addFlashAttribute("notice", "Notice " + id + " withdrawn; the partner is told.");
        return "redirect:/console/notices/" + id;
    }

    /** A revised window (UTC, as the form shows it) and an optional reason; the rest of the notice stays as it is. */
    @PostMapping("/console/notices/{id}/revise")
    @PreAuthorize("hasRole('LIAISON')")
    String revise(@PathVariable String id, @RequestParam Map<String, String> form, Model model, Authentication user,
            HttpServletResponse response, RedirectAttributes redirect) {
        JsonNode current = view(id);
        ObjectNode body = ((ObjectNode) current.path("notice")).deepCopy();
        body.remove("notifyingParty");
        body.putObject("window").put("start", utc(form.get("start"))).put("end", utc(form.get("end")));
        String reason = form.get("reason");
        if (reason != null && !reason.isBlank()) {
            body.put("reason", reason.strip());
        }
        DeconflictionMap.Evaluated revised;
        try {
            revised = deconfliction.revise(id, body, Callers.of(user).auditName(), false);
        } catch (InvalidInput e) {
            return refused(id, model, user, response, 400, "revise", form, e.field(), e.rule(), e.getMessage());
        } catch (Conflict e) {
            return refused(id, model, user, response, 409, "revise", form, e.field(), e.rule(), e.explanation());
        }
        if (!revised.sent()) {
            return refused(id, model, user, response, 422, "revise", form, "area", "sovereignty",
                    revised.json().path("violation").path("explanation").asString("the revised notice violates sovereignty"));
        }
        redirect.addFlashAttribute("notice", "Notice " + id + " revised; the partner is told.");
        return "redirect:/console/notices/" + id;
    }

    private String refused(String id, Model model, Authentication user, HttpServletResponse response, int status, String step,
            Map<String, String> form, String field, String rule, String explanation) {
        response.setStatus(status);
        fill(model, id, user);
        model.addAttribute("error", new FieldError(step, field, rule, explanation));
        model.addAttribute("entered", form);
        return "console/notice";
    }

    /** An error of a form as the API gives it: the field (as the REST body names it), the rule and the text. */
    record FieldError(String step, String field, String rule, String explanation) {

        /** Whether the error belongs next to {@code name} of the form {@code step}. */
        public boolean at(String step, String name) {
            return step.equals(this.step) && name.equals(field);
        }

        /** Whether the error names no field the form {@code step} shows (then it stands above the form). */
        public boolean general(String step) {
            return step.equals(this.step) && !SHOWN.getOrDefault(step, List.of()).contains(field);
        }
    }

    /** One conflict of the notice, as the page shows it. */
    record ConflictLine(String id, String kind, String with, String party, String detail, String answeringParty,
            String deadline, String priority, String state, String verdict, String reason, String answeredBy, String answeredAt,
            boolean late, boolean mayAnswer) {
    }

    /** One broken rule. */
    record Rule(String rule, String explanation) {
    }

    /** One entry of the notice's history: a revision, or its withdrawal. */
    record Version(String revision, String change, String recordedAt, String reason) {
    }

    private JsonNode view(String id) {
        return deconfliction.noticeView(id).orElseThrow(() -> NotFound.of("id", "no notice " + id + " is held by this node"));
    }

    private void fill(Model model, String id, Authentication user) {
        JsonNode n = view(id);
        String self = workflow.self().value();
        boolean liaison = DeskController.roles(user).contains("LIAISON");
        JsonNode notice = n.path("notice");
        boolean sent = "SENT".equals(n.path("direction").asString(""));
        boolean standing = "STANDING".equals(n.path("state").asString(""));
        model.addAttribute("n", n);
        model.addAttribute("noticeId", notice.path("id").asString(id));
        model.addAttribute("op", notice);
        model.addAttribute("sent", sent);
        model.addAttribute("standing", standing);
        model.addAttribute("serverNow", workflow.now().toString());
        model.addAttribute("mayWithdraw", liaison && sent && standing);
        model.addAttribute("areaJson", notice.path("area").toString());
        model.addAttribute("windowStart", local(notice.path("window").path("start").asString("")));
        model.addAttribute("windowEnd", local(notice.path("window").path("end").asString("")));

        JsonNode evaluation = n.path("evaluation");
        model.addAttribute("evaluation", evaluation);
        JsonNode from = evaluation.path("fromBorder");
        model.addAttribute("distanceKm", from.path("km").isNumber() ? String.format(java.util.Locale.ROOT, "%.1f", from.path("km").asDouble()) : null);
        List<Rule> rules = new ArrayList<>();
        evaluation.path("brokenRules").forEach(r -> rules.add(new Rule(r.path("rule").asString(""), r.path("explanation").asString(""))));
        model.addAttribute("brokenRules", rules);
        String outcome = evaluation.path("outcome").asString("");
        model.addAttribute("verdict", "refused".equals(outcome)
                ? "Refused: " + evaluation.path("violation").path("explanation").asString("a sovereignty violation")
                : "sendable".equals(outcome) ? "No sovereignty violation: the area lies on the notifying party's side." : outcome);
        model.addAttribute("refused", "refused".equals(outcome));

        List<ConflictLine> conflicts = new ArrayList<>();
        ArrayNodeOverlaps overlaps = new ArrayNodeOverlaps();
        for (JsonNode c : n.path("conflicts")) {
            JsonNode a = c.path("answer");
            String answering = c.path("answeringParty").asString(null);
            boolean awaiting = "Awaiting".equals(c.path("state").asString(""));
            conflicts.add(new ConflictLine(c.path("id").asString(""), c.path("kind").asString(""), c.path("with").asString(""),
                    c.path("party").asString(""), c.path("detail").asString(""), answering, c.path("deadline").asString(null),
                    c.path("priority").asString(null), c.path("state").asString(""), a.path("verdict").asString(null),
                    a.path("reason").asString(null), a.path("by").asString(null), a.path("at").asString(null),
                    a.path("late").asBoolean(false), liaison && awaiting && self.equals(answering)));
            if (c.has("overlap")) {
                overlaps.add(c.get("overlap"));
            }
        }
        model.addAttribute("conflicts", conflicts);
        model.addAttribute("overlapsJson", overlaps.toString());

        List<Version> history = new ArrayList<>();
        n.path("history").forEach(h -> history.add(new Version(h.path("revision").asString(""), h.path("change").asString(""),
                h.path("recordedAt").asString(""), h.path("reason").asString(null))));
        model.addAttribute("history", history);
    }

    /** The conflicts' overlaps, as a GeoJSON GeometryCollection for the page's map. */
    private static final class ArrayNodeOverlaps {
        private final ObjectNode collection = JSON.createObjectNode().put("type", "GeometryCollection");

        void add(JsonNode geometry) {
            if (geometry.isObject()) {
                collection.withArray("geometries").add(geometry);
            }
        }

        @Override
        public String toString() {
            if (!collection.has("geometries")) {
                collection.putArray("geometries");
            }
            return collection.toString();
        }
    }

    /** An instant as the form's datetime-local value, in UTC. */
    private static String local(String instant) {
        try {
            return LocalDateTime.ofInstant(java.time.Instant.parse(instant), ZoneOffset.UTC).toString();
        } catch (DateTimeParseException e) {
            return "";
        }
    }

    /** A datetime-local value (no zone) read as UTC; anything else as typed, for the API to name. */
    private static String utc(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDateTime.parse(value.strip()).toInstant(ZoneOffset.UTC).toString();
        } catch (DateTimeParseException e) {
            return value.strip();
        }
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }
}
