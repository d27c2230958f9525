package org.concord.hotline.web;

import java.util.List;

import org.concord.hotline.Official;
import org.concord.hotline.Priority;
import org.concord.hotline.TestAlarm;
import org.concord.hotline.HotlineType;
import org.concord.hotline.internal.HotlineTable;
import org.concord.hotline.internal.HotlineService;
import org.concord.node.InvalidInput;
import org.concord.node.Limits;
import org.concord.party.Callers;
import org.concord.party.NodeIdentity;
import org.concord.party.PartyCode;
import org.concord.workflow.CaseView;
import org.concord.workflow.CaseViews;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** The hotline over the REST API: every user role reads, {@code LIAISON} sends and acknowledges; partners none. */
@RestController
@Tag(name = "Hotline", description = "Prioritised messages between named officials, with acknowledgement deadlines")
class HotlineController {

    private final HotlineService hotline;
    private final HotlineTable table;
    private final NodeIdentity identity;
    private final CaseViews views;
    private final HotlineType type;

    HotlineController(HotlineService hotline, HotlineTable table, NodeIdentity identity, CaseViews views, HotlineType type) {
        this.hotline = hotline;
        this.table = table;
        this.identity = identity;
        this.views = views;
        this.type = type;
    }

    /** An official: name and post (the party is this node's for the sender, the partner's for the addressee). */
    record Person(String name, String post) {
    }

    record NewCall(Person from, String addressee, Person to, String priority, String text) {
    }

    record Acknowledgement(Person by) {
    }

    /** Why this node takes its call back; may be empty. */
    record Withdrawal(String reason) {
    }

    @GetMapping("/api/hotline/calls")
    @Operation(summary = "Every hotline call this node holds")
    List<CaseView> list() {
        return views.all(type);
    }

    @GetMapping("/api/hotline/calls/{callId}")
    @Operation(summary = "One hotline call")
    CaseView one(@PathVariable String callId) {
        return views.view(type, callId);
    }

    @GetMapping("/api/hotline/alarms")
    @Operation(summary = "Alarms of scheduled tests: a test call not sent, or not answered in time")
    List<TestAlarm> alarms() {
        return table.alarms();
    }

    @PostMapping("/api/hotline/calls")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasRole('LIAISON')")
    @Operation(summary = "Send a hotline message to the partner's official (LIAISON)")
    CaseView send(@RequestBody NewCall body, Authentication caller) {
        Limits.name("addressee", body.addressee());
        Limits.name("priority", body.priority());
        Limits.text("text", body.text());
        PartyCode addressee = party(body.addressee(), "addressee");
        Official from = official(identity.party().code(), body.from(), "from");
        Official to = official(addressee, body.to(), "to");
        Priority priority = null;
        if (body.priority() != null) {
            priority = InvalidInput.oneOf("priority", body.priority(), Priority.class);
        }
        return views.view(type, hotline.send(from, to, priority, body.text(), null, Callers.of(caller).auditName()));
    }

    @PostMapping("/api/hotline/calls/{callId}/acknowledge")
    @PreAuthorize("hasRole('LIAISON')")
    @Operation(summary = "Acknowledge the partner's hotline message (LIAISON)")
    CaseView acknowledge(@PathVariable String callId, @RequestBody Acknowledgement body, Authentication caller) {
        Official by = official(identity.party().code(), body.by(), "by");
        return views.view(type, hotline.acknowledge(callId, by, Callers.of(caller).auditName()));
    }

    @PostMapping("/api/hotline/calls/{callId}/withdraw")
    @PreAuthorize("hasRole('LIAISON')")
    @Operation(summary = "Take back this node's call before the partner acknowledged it (LIAISON); the withdrawal travels like any message")
    CaseView withdraw(@PathVariable String callId, @RequestBody(required = false) Withdrawal body, Authentication caller) {
        String reason = body == null ? null : body.reason();
        Limits.text("reason", reason);
        return views.view(type, hotline.withdraw(callId, reason, Callers.of(caller).auditName()));
    }

    private static PartyCode party(String code, String field) {
        if (code == null) {
            throw new InvalidInput(field, "FIELD_REQUIRED", "the partner's party code is required, e.g. IR");
        }
        try {
            return PartyCode.of(code);
        } catch (InvalidInput e) {
            throw new InvalidInput(field, "iso-3166-alpha-2", e.getMessage());
        }
    }

    private static Official official(PartyCode party, Person person, String field) {
        if (person != null) {
            Limits.name(field + ".name", person.name());
            Limits.name(field + ".post", person.post());
        }
        if (person == null || person.name() == null || person.name().isBlank()) {
            throw new InvalidInput(field + ".name", "FIELD_REQUIRED", "the official's name is required");
        }
        if (person.post() == null || person.post().isBlank()) {
            throw new InvalidInput(field + ".post", "FIELD_REQUIRED", "the official's post is required");
        }
        return new Official(party, person.name(), person.post());
    }

}
