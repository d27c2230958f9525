package org.concord.requests.web;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import org.concord.intel.stix.Tlp;
import org.concord.node.InvalidInput;
import org.concord.node.Limits;
import org.concord.party.Callers;
import org.concord.party.PartyCode;
import org.concord.requests.CounterProposal;
import org.concord.requests.DeclineReason;
import org.concord.requests.EvidenceRef;
import org.concord.requests.Outcome;
import org.concord.requests.RequestForAction;
import org.concord.requests.RequestMessage;
import org.concord.requests.RequestedAction;
import org.concord.requests.Urgency;
import org.concord.requests.RequestType;
import org.concord.workflow.CaseView;
import org.concord.workflow.CaseViews;
import org.concord.workflow.Workflow;
import org.concord.workflow.Envelope;
import org.concord.workflow.EscalationLevel;
import org.concord.workflow.StixId;
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

/**
 * Requests for action over the REST API: every user role reads; {@code LIAISON} sends. Partners
 * have no access here (they send through the TAXII inbox). Field names are those of the STIX
 * extension object {@code x-concord-request-message}; a refused message is an RFC 9457 problem
 * naming the field and the rule (400 for a missing or malformed field, 409 for a rule of the case's
 * state), and nothing is stored.
 */
@RestController
@Tag(name = "Requests for action", description = "Ask the partner to act against a target in its territory instead of striking it")
class RequestsController {

    private final Workflow workflow;
    private final CaseViews views;
    private final RequestType type;

    RequestsController(Workflow workflow, CaseViews views, RequestType type) {
        this.workflow = workflow;
        this.views = views;
        this.type = type;
    }

    /** The substance of a request (or an amendment). */
    record Terms(List<String> targets, List<Evidence> evidence, Action action, String urgency, String text) {
    }

    record Evidence(String ref, List<String> markings) {
    }

    record Action(String kind, String detail) {
    }

    /** A new request: the terms, the addressee and the marking of the case (GREEN by default, or AMBER). */
    record NewRequest(String addressee, List<String> targets, List<Evidence> evidence, Action action, String urgency,
            String text, String tlp) {
    }

    record Proposal(String kind, String text) {
    }

    /**
     * A message about an open case. {@code messageType}: acknowledge, accept (termsRef, text), decline
     * (reason, text), counterPropose (proposal), amend (revised), progressUpdate (text), close
     * (outcome, text), escalate (toLevel, reason). In camelCase, as every REST body: the STIX object's
     * spellings ({@code message_type}, {@code counter_propose}) are refused as unknown.
     */
    record NewMessage(String messageType, String termsRef, String text, String reason, Proposal proposal, Terms revised,
            String outcome, String toLevel) {
    }

    @GetMapping("/api/requests")
    @Operation(summary = "Every case this node holds, each folded from its messages")
    List<CaseView> list() {
        return views.all(type);
    }

    @GetMapping("/api/requests/{caseId}")
    @Operation(summary = "One case: state, rung, terms, history, refused and waiting messages")
    CaseView one(@PathVariable String caseId) {
        return views.view(type, caseId);
    }

    @PostMapping("/api/requests")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasRole('LIAISON')")
    @Operation(summary = "Ask the partner to act (LIAISON)")
    CaseView open(@RequestBody NewRequest body, Authentication caller) {
        Limits.name("addressee", body.addressee());
        Limits.name("tlp", body.tlp());
        if (body.addressee() == null || body.addressee().isBlank()) {
            throw new InvalidInput("addressee", "FIELD_REQUIRED", "the party asked to act is required, e.g. IR");
        }
        PartyCode addressee;
        try {
            addressee = PartyCode.of(body.addressee());
        } catch (InvalidInput e) {
            throw new InvalidInput("addressee", "iso-3166-alpha-2", e.getMessage());
        }
        Tlp tlp = body.tlp() == null ? Tlp.GREEN : enumOf(body.tlp(), "tlp", Tlp.class);
        RequestForAction request = terms(new Terms(body.targets(), body.evidence(), body.action(), body.urgency(), body.text()),
                "");
        if (tlp != Tlp.GREEN && tlp != Tlp.AMBER) {
            throw new InvalidInput("tlp", "green-or-amber", "a request is marked GREEN or AMBER, not " + tlp.name());
        }
        RequestMessage.Request message = RequestMessage.Request.of(StixId.random(type.stixType()), workflow.self(), addressee,
                workflow.now(), request);
        return views.view(type, workflow.open(type, message, addressee, "addressee", tlp, Callers.of(caller).auditName()));
    }

    @PostMapping("/api/requests/{caseId}/messages")
    @PreAuthorize("hasRole('LIAISON')")
    @Operation(summary = "Answer, amend, report on, close or escalate a case (LIAISON)")
    CaseView send(@PathVariable String caseId, @RequestBody NewMessage body, Authentication caller) {
        limits(body);
        Function<Envelope, RequestMessage> build = message(body);
        return views.view(type, workflow.answer(type, caseId, build, Callers.of(caller).auditName()));
    }

    /** The size limits of a message's fields ({@link Limits}), before anything else is read. */
    private static void limits(NewMessage b) {
        Limits.name("messageType", b.messageType());
        Limits.name("termsRef", b.termsRef());
        Limits.text("text", b.text());
        Limits.text("reason", b.reason());
        Limits.name("outcome", b.outcome());
        Limits.name("toLevel", b.toLevel());
        if (b.proposal() != null) {
            Limits.name("proposal.kind", b.proposal().kind());
            Limits.text("proposal.text", b.proposal().text());
        }
    }

    private static Function<Envelope, RequestMessage> message(NewMessage b) {
        String type = b.messageType() == null ? "" : b.messageType();
        switch (type) {
            case "acknowledge":
                return RequestMessage.Acknowledge::new;
            case "accept": {
                StixId terms = b.termsRef() == null ? null : stixId(b.termsRef(), "termsRef");
                return env -> new RequestMessage.Accept(env, terms, b.text());
            }
            case "decline": {
                DeclineReason reason = b.reason() == null ? null : enumOf(b.reason(), "reason", DeclineReason.class);
                return env -> new RequestMessage.Decline(env, reason, b.text());
            }
            case "counterPropose": {
                CounterProposal proposal = b.proposal() == null ? new CounterProposal(null, "")
                        : new CounterProposal(b.proposal().kind() == null ? null
                                : enumOf(b.proposal().kind(), "proposal.kind", CounterProposal.Kind.class), b.proposal().text());
                return env -> new RequestMessage.CounterPropose(env, proposal);
            }
            case "amend": {
                RequestForAction revised = terms(b.revised(), "revised");
                return env -> new RequestMessage.Amend(env, revised);
            }
            case "progressUpdate":
                return env -> new RequestMessage.ProgressUpdate(env, b.text());
            case "close": {
                Outcome outcome = b.outcome() == null ? null : enumOf(b.outcome(), "outcome", Outcome.class);
                return env -> new RequestMessage.Close(env, outcome, b.text());
            }
            case "escalate": {
                EscalationLevel to = b.toLevel() == null ? null : enumOf(b.toLevel(), "toLevel", EscalationLevel.class);
                return env -> new RequestMessage.Escalate(env, to, env.sentAt(), b.reason());
            }
            default:
                throw InvalidInput.notOneOf("messageType", type,
                        List.of("acknowledge", "accept", "decline", "counterPropose", "amend", "progressUpdate", "close", "escalate"));
        }
    }

    private static RequestForAction terms(Terms t, String path) {
        if (t == null) {
            return new RequestForAction(List.of(), List.of(), null, null, "");
        }
        Limits.items(prefix(path) + "targets", t.targets());
        Limits.items(prefix(path) + "evidence", t.evidence());
        Limits.text(prefix(path) + "text", t.text());
        Limits.name(prefix(path) + "urgency", t.urgency());
        if (t.action() != null) {
            Limits.name(prefix(path) + "action.kind", t.action().kind());
            Limits.text(prefix(path) + "action.detail", t.action().detail());
        }
        List<StixId> targets = new ArrayList<>();
        if (t.targets() != null) {
            t.targets().forEach(id -> targets.add(stixId(id, prefix(path) + "targets")));
        }
        List<EvidenceRef> evidence = new ArrayList<>();
        if (t.evidence() != null) {
            for (Evidence e : t.evidence()) {
                if (e == null) {
                    throw new InvalidInput(prefix(path) + "evidence", "FIELD_REQUIRED", "each evidence entry is an object {ref, markings}");
                }
                Limits.items(prefix(path) + "evidence.markings", e.markings());
                List<StixId> markings = new ArrayList<>();
                if (e.markings() != null) {
                    e.markings().forEach(m -> markings.add(stixId(m, prefix(path) + "evidence.markings")));
                }
                evidence.add(new EvidenceRef(stixId(e.ref(), prefix(path) + "evidence.ref"), markings));
            }
        }
        RequestedAction action = t.action() == null || t.action().kind() == null ? null
                : new RequestedAction(enumOf(t.action().kind(), prefix(path) + "action.kind", RequestedAction.Kind.class),
                        t.action().detail());
        Urgency urgency = t.urgency() == null ? null : enumOf(t.urgency(), prefix(path) + "urgency", Urgency.class);
        return new RequestForAction(targets, evidence, action, urgency, t.text());
    }

    /** Where a request's terms sit in the body: at top level when it opens the case, under {@code revised} in an amendment. */
    private static String prefix(String path) {
        return path.isEmpty() ? "" : path + ".";
    }

    private static StixId stixId(String value, String field) {
        Limits.name(field, value);
        try {
            return StixId.of(value);
        } catch (RuntimeException e) {
            throw new InvalidInput(field, "stix-identifier", "'" + value + "' is not a STIX identifier (type--UUID)");
        }
    }

    private static <E extends Enum<E>> E enumOf(String value, String field, Class<E> type) {
        return InvalidInput.oneOf(field, value, type);
    }
}
