package org.concord.console;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.concord.deconfliction.NoticePolicy;
import org.concord.deconfliction.NoticeRules;
import org.concord.exchange.Outbox;
import org.concord.hotline.AcknowledgementPolicy;
import org.concord.hotline.Official;
import org.concord.hotline.Priority;
import org.concord.hotline.TestCallSchedules;
import org.concord.hotline.WeeklyTestCall;
import org.concord.intel.SharingInForce;
import org.concord.intel.SharingSettings;
import org.concord.node.InvalidInput;
import org.concord.node.NotFound;
import org.concord.party.ApiTokens;
import org.concord.party.Caller;
import org.concord.party.Callers;
import org.concord.party.NodeIdentity;
import org.concord.party.Partner;
import org.concord.party.Partners;
import org.concord.party.Role;
import org.concord.party.UserAccounts;
import org.concord.requests.RequestDeadlinePolicy;
import org.concord.requests.RequestType;
import org.concord.requests.Urgency;
import org.concord.workflow.Durations;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The admin page ({@code /console/admin}, ADMIN only; docs/console.md, "Admin"): this node and its
 * partners with their fingerprints, pairing and reachability; the users and their roles; the API
 * tokens (never a secret: only their hashes are stored), each revocable; and the policies in force
 * (sharing, deadlines, notice rules, the weekly test call), read-only where the configuration file
 * rules them. Everything comes from the owning module's public API: {@code party}'s
 * {@link Partners}, {@link UserAccounts} and {@link ApiTokens}, {@code exchange}'s
 * {@link Outbox#contact}, {@code intel}'s sharing settings in force ({@link SharingInForce}), {@code requests}' and
 * {@code hotline}'s deadline policies, {@code deconfliction}'s rules in force ({@link org.concord.deconfliction.RulesInForce}) and
 * {@code hotline}'s {@link TestCallSchedules}.
 */
@Controller
class AdminController {

    private static final java.time.format.DateTimeFormatter SHOWN = java.time.format.DateTimeFormatter
            .ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(java.time.ZoneOffset.UTC);
    private final NodeIdentity self;
    private final Partners partners;
    private final Outbox outbox;
    private final UserAccounts accounts;
    private final ApiTokens tokens;
    private final SharingInForce sharing;
    private final RequestType requests;
    private final AcknowledgementPolicy acknowledgement;
    private final org.concord.deconfliction.RulesInForce rules;
    private final TestCallSchedules schedules;
    private final org.concord.deconfliction.Agreements agreements;

    AdminController(NodeIdentity self, Partners partners, Outbox outbox, UserAccounts accounts, ApiTokens tokens,
            SharingInForce sharing, RequestType requests, AcknowledgementPolicy acknowledgement, org.concord.deconfliction.RulesInForce rules,
            TestCallSchedules schedules, org.concord.deconfliction.Agreements agreements) {
        this.agreements = agreements;
        this.self = self;
        this.partners = partners;
        this.outbox = outbox;
        this.accounts = accounts;
        this.tokens = tokens;
        this.sharing = sharing;
        this.requests = requests;
        this.acknowledgement = acknowledgement;
        this.rules = rules;
        this.schedules = schedules;
    }

    /** A partner as the page lists it. */
    record PartnerRow(String code, String name, String url, String fingerprint, String signingKeyFingerprint, String pairedAt,
            String reach, String reachClass, String lastContactAt, String lastError, String clock, String clockClass) {
    }

    /** A user and its roles. */
    record UserRow(String username, String roles, boolean enabled) {
    }

    /** A token as the page lists it: never the secret, which is shown once at issue and not stored. */
    record TokenRow(long id, String label, String username, String roles, String createdAt, String expiresAt, String lastUsedAt) {
    }

    /** One line of a policy: what, its value, and where it is set. */
    record PolicyRow(String what, String value) {
    }

    /**
     * The notice rules in force with one partner, where they come from, every agreement, and the
     * proposal form's values (those in force).
     */
    record PairRules(String partner, String zone, List<PolicyRow> rules, String basis, List<AgreementRow> agreements,
            ProposalForm form) {
    }

    /** One agreement as the page lists it; {@code canSign}: the partner's proposal, awaiting our signature. */
    record AgreementRow(String id, int version, String state, String proposed, String signed, String terms, boolean canSign) {
    }

    /** The proposal form, filled with the rules in force. */
    record ProposalForm(String zoneKm, boolean missileFlightsAlways, String minimumNoticeHours, String maximumWindowHours,
            String launchPointKm, String impactAreaKm, String trajectoryKm, boolean trajectoryMayCross) {
    }

    /** One tick box of the sharing form: its value ({@code IR>AF}), what it says, and whether it is ticked. */
    record Choice(String value, String label, boolean checked) {
    }

    /** One partner's line of the sharing form. */
    record SharingLine(String code, boolean amber, boolean unmarked, List<Choice> reShare, List<Choice> acceptRelayed) {
    }

    @GetMapping("/console/admin")
    @PreAuthorize("hasRole('ADMIN')")
    String admin(Model model) {
        model.addAttribute("self", self);
        List<Partner> paired = partners.all().stream().sorted(Comparator.comparing(p -> p.code().value())).toList();
        model.addAttribute("partners", paired.stream().map(this::row).toList());
        List<UserAccounts.Account> users = accounts.all().stream().sorted(Comparator.comparing(UserAccounts.Account::username)).toList();
        Map<String, String> rolesOf = new LinkedHashMap<>();
        users.forEach(u -> rolesOf.put(u.username(), roles(u.roles())));
        model.addAttribute("users", users.stream().map(u -> new UserRow(u.username(), rolesOf.get(u.username()), u.enabled())).toList());
        model.addAttribute("tokens", tokens.all().stream().map(t -> new TokenRow(t.id(), t.label(), t.username(),
                rolesOf.getOrDefault(t.username(), ""), shown(t.createdAt()), shown(t.expiresAt()), shown(t.lastUsedAt()))).toList());
        model.addAttribute("sharing", sharingRows());
        model.addAttribute("sharingForm", sharingForm(paired));
        model.addAttribute("sharingBasedOn", basedOn());
        model.addAttribute("sharingSetAtRunTime", sharing.current().source() == SharingInForce.Source.SET_AT_RUN_TIME);
        model.addAttribute("requestDeadlines", requestDeadlines());
        model.addAttribute("acknowledgementDeadlines", acknowledgementDeadlines());
        model.addAttribute("noticeRules", paired.stream().map(this::noticeRules).toList());
        fillSchedule(model);
        return "console/admin";
    }

    /** Revokes a token, as {@code DELETE /api/tokens/{id}} does for an administrator, audited the same way. */
    @PostMapping("/console/admin/tokens/{id}/revoke")
    @PreAuthorize("hasRole('ADMIN')")
    String revoke(@PathVariable long id, Authentication user, RedirectAttributes redirect) {
        Caller caller = Callers.of(user);
        try {
            ApiTokens.Token revoked = tokens.revoke(id, user.getName(), true, caller.auditName());
            redirect.addFlashAttribute("notice", "Token " + revoked.id() + " '" + revoked.label() + "' of " + revoked.username()
                    + " revoked: it opens nothing from now on.");
        } catch (NotFound e) {
            redirect.addFlashAttribute("tokenError", e.getMessage());
        }
        return "redirect:/console/admin#tokens";
    }

    /**
     * Sets the sharing settings from the form, as {@code PUT /api/intel/sharing} does for an
     * administrator: the same validation, the same audit entry, and the same effect on the next page
     * a partner reads and the next message the outbox delivers. Refused, with nothing changed, if the
     * settings changed since the page was opened ({@code basedOn}), so that one administrator never
     * silently undoes another's change.
     */
    @PostMapping("/console/admin/sharing")
    @PreAuthorize("hasRole('ADMIN')")
    String changeSharing(@RequestParam(name = "amber", required = false) List<String> amber,
            @RequestParam(name = "unmarked", required = false) List<String> unmarked,
            @RequestParam(name = "reShare", required = false) List<String> reShare,
            @RequestParam(name = "acceptRelayed", required = false) List<String> acceptRelayed,
            @RequestParam(name = "basedOn", required = false) String basedOn, Authentication user, RedirectAttributes redirect) {
        if (!basedOn().equals(basedOn)) {
            redirect.addFlashAttribute("sharingError", stale());
            return "redirect:/console/admin#sharing-title";
        }
        try {
            ObjectNode body = FORM.createObjectNode();
            nonNull(amber).forEach(body.putArray("amber")::add);
            nonNull(unmarked).forEach(body.putArray("unmarked")::add);
            pairs(body.putObject("reShare"), "reShare", reShare);
            pairs(body.putObject("acceptRelayed"), "acceptRelayed", acceptRelayed);
            SharingInForce.InForce after = sharing.change(body, Callers.of(user).auditName());
            redirect.addFlashAttribute("notice", "Sharing settings set: " + summary(after.settings())
                    + ". Each partner reads under them from its next page, and messages queued before now are checked again before delivery.");
        } catch (InvalidInput e) {
            redirect.addFlashAttribute("sharingError", "Not changed. " + e.getMessage() + " (rule " + e.rule() + ")");
        }
        return "redirect:/console/admin#sharing-title";
    }

    /** Puts the configuration file's sharing settings back, as {@code DELETE /api/intel/sharing} does. */
    @PostMapping("/console/admin/sharing/reset")
    @PreAuthorize("hasRole('ADMIN')")
    String resetSharing(@RequestParam(name = "basedOn", required = false) String basedOn, Authentication user,
            RedirectAttributes redirect) {
        if (!basedOn().equals(basedOn)) {
            redirect.addFlashAttribute("sharingError", stale());
            return "redirect:/console/admin#sharing-title";
        }
        SharingInForce.InForce after = sharing.returnToConfiguration(Callers.of(user).auditName());
        redirect.addFlashAttribute("notice", "The settings of concord.yml are in force again: " + summary(after.settings()) + ".");
        return "redirect:/console/admin#sharing-title";
    }

    private static final JsonMapper FORM = JsonMapper.builder().build();

    private static List<String> nonNull(List<String> values) {
        return values == null ? List.of() : values;
    }

    /** {@code IR>AF} ticks as {@code {"IR": ["AF"]}}; a value without '>' is refused naming the field. */
    private static void pairs(ObjectNode into, String field, List<String> values) {
        for (String value : nonNull(values)) {
            int at = value.indexOf('>');
            if (at <= 0 || at == value.length() - 1) {
                throw new InvalidInput(field, "from>to", "each ticked box is 'partner>partner', not '" + value + "'");
            }
            into.withArray(value.substring(0, at)).add(value.substring(at + 1));
        }
    }

    /** What the sharing form was drawn from: when the settings last changed, or "never". */
    private String basedOn() {
        Instant changed = sharing.lastChanged();
        return changed == null ? "never" : changed.toString();
    }

    private String stale() {
        SharingInForce.InForce now = sharing.current();
        return "Not changed: the sharing settings were changed by " + now.changedBy() + " at " + shown(now.changedAt())
                + " after you opened this page. The page now shows them; make your change again if it still stands.";
    }

    private static String summary(SharingSettings s) {
        return "TLP:AMBER to " + list(s.amber()) + "; unmarked to " + list(s.unmarked()) + "; passed on " + map(s.reShare())
                + "; accepted when relayed " + map(s.acceptRelayed());
    }

    private List<SharingLine> sharingForm(List<Partner> paired) {
        SharingSettings s = sharing.current().settings();
        List<SharingLine> lines = new ArrayList<>();
        for (Partner partner : paired) {
            String code = partner.code().value();
            List<Choice> passOn = new ArrayList<>();
            List<Choice> relayed = new ArrayList<>();
            for (Partner other : paired) {
                String to = other.code().value();
                if (!to.equals(code)) {
                    passOn.add(new Choice(code + ">" + to, to, s.reShare().getOrDefault(code, List.of()).contains(to)));
                    relayed.add(new Choice(code + ">" + to, to, s.acceptRelayed().getOrDefault(code, List.of()).contains(to)));
                }
            }
            // identity ids named directly (through the API) stay ticked, so saving the form keeps them
            for (String id : s.acceptRelayed().getOrDefault(code, List.of())) {
                if (id.startsWith("identity--")) {
                    relayed.add(new Choice(code + ">" + id, id, true));
                }
            }
            lines.add(new SharingLine(code, s.amber().contains(code), s.unmarked().contains(code), passOn, relayed));
        }
        return lines;
    }

    private PartnerRow row(Partner p) {
        Outbox.Contact contact = outbox.contact(p.code());
        String reach;
        String reachClass;
        if (contact.reachable() == null) {
            reach = "no contact yet";
            reachClass = "unknown";
        } else if (contact.reachable()) {
            reach = "reachable";
            reachClass = "up";
        } else {
            reach = "unreachable" + (contact.failures() == 1 ? " (1 delivery failed)"
                    : contact.failures() > 1 ? " (" + contact.failures() + " deliveries failed in a row)" : "");
            reachClass = "down";
        }
        return new PartnerRow(p.code().value(), p.party().name(), p.url().toString(), p.fingerprint().toString(),
                p.signingKey().fingerprint().toString(), shown(p.pairedAt()), reach, reachClass, shown(contact.lastContactAt()),
                contact.lastError(), contact.clock() == null ? "not read yet" : ClockWords.offset(contact.clock()) + " ("
                        + ClockWords.precision(contact.clock()) + ")",
                contact.clock() == null || contact.clock().state() == org.concord.exchange.PartnerClock.State.IN_STEP ? "clock-ok"
                        : "clock-apart");
    }

    private static String roles(Set<Role> roles) {
        return roles.stream().sorted().map(Role::name).collect(Collectors.joining(", "));
    }

    private List<PolicyRow> sharingRows() {
        List<PolicyRow> rows = new ArrayList<>();
        SharingInForce.InForce inForce = this.sharing.current();
        SharingSettings sharing = inForce.settings();
        rows.add(new PolicyRow("In force", inForce.source() == SharingInForce.Source.SET_AT_RUN_TIME
                ? "set at run time by " + inForce.changedBy() + " at " + shown(inForce.changedAt()) + " (PUT /api/intel/sharing)"
                : "the configuration file (concord.sharing)" + (inForce.changedBy() == null ? ""
                        : ", put back by " + inForce.changedBy() + " at " + shown(inForce.changedAt()))));
        rows.add(new PolicyRow("TLP:CLEAR and TLP:GREEN", "every partner"));
        rows.add(new PolicyRow("TLP:AMBER", list(sharing.amber())));
        rows.add(new PolicyRow("Objects without a TLP marking", list(sharing.unmarked())));
        rows.add(new PolicyRow("Passed on (re-share): from → to", map(sharing.reShare())));
        rows.add(new PolicyRow("Accepted when relayed: from → created by", map(sharing.acceptRelayed())));
        return rows;
    }

    private static String list(List<String> values) {
        return values.isEmpty() ? "nobody" : String.join(", ", values);
    }

    private static String map(Map<String, List<String>> values) {
        if (values.isEmpty()) {
            return "none";
        }
        return values.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> e.getKey() + " → " + String.join(", ", e.getValue())).collect(Collectors.joining("; "));
    }

    private List<PolicyRow> requestDeadlines() {
        List<PolicyRow> rows = new ArrayList<>();
        RequestDeadlinePolicy policy = requests.policy();
        for (Urgency urgency : Urgency.values()) {
            RequestDeadlinePolicy.Periods p = policy.periods(urgency);
            rows.add(new PolicyRow(urgency.name(), "acknowledge within " + Durations.readable(p.acknowledgement()) + ", answer within "
                    + Durations.readable(p.answer()) + ", report progress every " + Durations.readable(p.progress())));
        }
        return rows;
    }

    private List<PolicyRow> acknowledgementDeadlines() {
        List<PolicyRow> rows = new ArrayList<>();
        for (Priority priority : Priority.values()) {
            rows.add(new PolicyRow(priority.name(), "acknowledge within " + Durations.readable(acknowledgement.deadline(priority))));
        }
        return rows;
    }

    private PairRules noticeRules(Partner partner) {
        NoticeRules pair = rules.between(self.party().code(), partner.code());
        List<PolicyRow> rows = new ArrayList<>();
        for (NoticePolicy policy : pair.policies()) {
            rows.add(new PolicyRow(policy.name(), parameters(policy)));
        }
        String zone = "operations within " + km(pair.zone().km()) + " of the border need notice"
                + (pair.zone().missileFlightsAlways() ? "; missile flights always do" : "");
        String code = partner.code().value();
        String basis = pair.agreement() != null
                ? "Agreement " + pair.agreement().version() + ", signed by both sides, in force since " + shown(pair.agreement().inForceSince()) + "."
                : "Set in concord.yml (concord.deconfliction.rules." + code + "; the defaults otherwise), which " + code
                        + " never signed. Propose them below so that both sides sign the same rules.";
        List<AgreementRow> listed = agreements.with(partner.code()).stream().map(a -> new AgreementRow(a.id(), a.version(),
                stateText(a), a.proposedBy().value() + ", " + shown(a.proposedAt()), a.signedAt() == null ? "" : shown(a.signedAt()),
                String.join("; ", a.terms()), a.state() == org.concord.deconfliction.Agreements.State.AWAITING_OUR_SIGNATURE)).toList();
        NoticeRules.Change now = NoticeRules.Change.of(pair);
        ProposalForm form = new ProposalForm(number(now.notificationZoneKm()), now.missileFlightsAlways(),
                hours(now.minimumNotice()), hours(now.maximumWindow()), number(now.launchPointKm()), number(now.impactAreaKm()),
                number(now.trajectoryKm()), now.trajectoryMayCross());
        return new PairRules(code, zone, rows, basis, listed, form);
    }

    private static String stateText(org.concord.deconfliction.Agreements.Agreement a) {
        return switch (a.state()) {
            case AWAITING_THEIR_SIGNATURE -> "signed by us only: awaiting " + a.partner() + "'s signature";
            case AWAITING_OUR_SIGNATURE -> "signed by " + a.partner() + " only: awaiting ours";
            case IN_FORCE -> "in force";
            case SUPERSEDED -> "superseded";
            case LAPSED -> "lapsed unsigned";
            case DECLINED -> a.proposedBy().equals(a.partner()) ? "declined by us" : "declined by " + a.partner();
        };
    }

    /** A form field's value: the number without trailing zeros, or empty for a rule the pair does not have. */
    private static String number(Double value) {
        return value == null ? "" : java.math.BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    private static String hours(Duration value) {
        return value == null ? "" : number(value.toMinutes() / 60.0);
    }

    /**
     * Proposes the form's rules to a partner, as {@code POST /api/deconfliction/agreements} does: signed
     * by this node and sent; in force once the partner's administrator signs it too. Audited.
     */
    @PostMapping("/console/admin/agreements")
    @PreAuthorize("hasRole('ADMIN')")
    String propose(@RequestParam(name = "partner", required = false) String partner,
            @RequestParam(name = "notificationZoneKm", required = false) String zoneKm,
            @RequestParam(name = "missileFlightsAlways", required = false) String missileFlightsAlways,
            @RequestParam(name = "minimumNoticeHours", required = false) String minimumNoticeHours,
            @RequestParam(name = "maximumWindowHours", required = false) String maximumWindowHours,
            @RequestParam(name = "launchPointKm", required = false) String launchPointKm,
            @RequestParam(name = "impactAreaKm", required = false) String impactAreaKm,
            @RequestParam(name = "trajectoryKm", required = false) String trajectoryKm,
            @RequestParam(name = "trajectoryMayCross", required = false) String trajectoryMayCross,
            Authentication user, RedirectAttributes redirect) {
        try {
            // whether it is paired is the proposal's own check (Agreements.propose), as for the API
            org.concord.party.PartyCode to = org.concord.party.PartyCode.of(partner == null ? "" : partner);
            NoticeRules proposed = new NoticeRules.Change(decimal("notificationZoneKm", zoneKm), missileFlightsAlways != null,
                    duration("minimumNoticeHours", minimumNoticeHours), duration("maximumWindowHours", maximumWindowHours),
                    decimal("launchPointKm", launchPointKm), decimal("impactAreaKm", impactAreaKm), decimal("trajectoryKm", trajectoryKm),
                    trajectoryMayCross != null).applyTo(rules.between(self.party().code(), to), "");
            org.concord.deconfliction.Agreements.Agreement a = agreements.propose(to, proposed, Callers.of(user).auditName());
            redirect.addFlashAttribute("notice", "Agreement " + a.version() + " proposed to " + a.partner() + " and signed by this node: "
                    + String.join("; ", a.terms()) + ". The rules in force change when " + a.partner() + "'s administrator signs it.");
        } catch (InvalidInput e) {
            redirect.addFlashAttribute("agreementError", "Not proposed. " + e.getMessage() + " (rule " + e.rule() + ")");
        } catch (org.concord.node.Conflict | IllegalArgumentException e) {
            redirect.addFlashAttribute("agreementError", "Not proposed. " + e.getMessage());
        }
        return "redirect:/console/admin#agreements-title";
    }

    /** Declines the partner's proposal, as {@code POST /api/deconfliction/agreements/{id}/decline} does. */
    @PostMapping("/console/admin/agreements/{id}/decline")
    @PreAuthorize("hasRole('ADMIN')")
    String decline(@PathVariable String id, Authentication user, RedirectAttributes redirect) {
        try {
            org.concord.deconfliction.Agreements.Agreement a = agreements.decline(id, Callers.of(user).auditName());
            redirect.addFlashAttribute("notice", "Agreement " + a.version() + " with " + a.partner() + " declined: it will not be in "
                    + "force, and " + a.partner() + " is told. The rules in force stay as they are.");
        } catch (org.concord.node.Conflict | NotFound e) {
            redirect.addFlashAttribute("agreementError", "Not declined. " + e.getMessage());
        }
        return "redirect:/console/admin#agreements-title";
    }

    /** Signs the partner's proposal, as {@code POST /api/deconfliction/agreements/{id}/sign} does. */
    @PostMapping("/console/admin/agreements/{id}/sign")
    @PreAuthorize("hasRole('ADMIN')")
    String sign(@PathVariable String id, Authentication user, RedirectAttributes redirect) {
        try {
            org.concord.deconfliction.Agreements.Agreement a = agreements.sign(id, Callers.of(user).auditName());
            redirect.addFlashAttribute("notice", "Agreement " + a.version() + " with " + a.partner() + " signed: in force here from "
                    + shown(a.signedAt()) + ", and at " + a.partner() + " when the signature arrives.");
        } catch (org.concord.node.Conflict | NotFound e) {
            redirect.addFlashAttribute("agreementError", "Not signed. " + e.getMessage());
        }
        return "redirect:/console/admin#agreements-title";
    }

    private static Double decimal(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Double.parseDouble(value.trim());
        } catch (NumberFormatException e) {
            throw new InvalidInput(field, "number", "'" + value + "' is not a number of kilometres");
        }
    }

    private static Duration duration(String field, String hours) {
        Double h = decimal(field, hours);
        if (h == null) {
            return null;
        }
        if (!Double.isFinite(h) || h <= 0 || h > 24 * 365) {
            throw new InvalidInput(field, "hours-range", "must be more than 0 and at most a year of hours, got " + hours);
        }
        return Duration.ofMinutes(Math.round(h * 60));
    }

    /** A rule's parameters as its record states them ({@code lead=PT72H}), durations made readable. */
    private static String parameters(NoticePolicy policy) {
        if (!policy.getClass().isRecord()) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        for (var component : policy.getClass().getRecordComponents()) {
            try {
                Object value = component.getAccessor().invoke(policy);
                String shown = value instanceof Duration d ? Durations.readable(d) : value instanceof Double km ? km(km) : String.valueOf(value);
                parts.add(component.getName().equals("km") ? shown : component.getName() + " " + shown);
            } catch (ReflectiveOperationException e) {
                parts.add(component.getName());
            }
        }
        return parts.isEmpty() ? "applies" : String.join(", ", parts);
    }

    private static String km(double km) {
        return (km == Math.rint(km) ? String.valueOf((long) km) : String.valueOf(km)) + " km";
    }

    private void fillSchedule(Model model) {
        var call = schedules.current();
        var source = schedules.source();
        model.addAttribute("testCall", call.orElse(null));
        if (call.isPresent()) {
            WeeklyTestCall c = call.get();
            model.addAttribute("testCallRows", List.of(
                    new PolicyRow("When", c.day() + " " + c.time() + " (" + c.zone().getId() + ")"),
                    new PolicyRow("Answered within", Durations.readable(c.tolerance())),
                    new PolicyRow("Caller", official(c.caller())),
                    new PolicyRow("Answerer", official(c.answerer()))));
        }
        model.addAttribute("testCallConfigured", source.map(TestCallSchedules.Source::configured).orElse(false));
        model.addAttribute("testCallSetBy", source.filter(s -> !s.configured()).map(s -> s.setBy() + " at " + shown(s.setAt())).orElse(null));
    }

    /** An instant as the page shows it, to the minute in UTC; null stays null. */
    static String shown(Instant at) {
        return at == null ? null : SHOWN.format(at);
    }

    private static String official(Official o) {
        return o.name() + ", " + o.post() + " (" + o.party().value() + ")";
    }
}
