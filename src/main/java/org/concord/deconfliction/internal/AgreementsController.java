package org.concord.deconfliction.internal;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;

import org.concord.deconfliction.Agreements;
import org.concord.deconfliction.NoticeRules;
import org.concord.deconfliction.RulesInForce;
import org.concord.node.InvalidInput;
import org.concord.node.NotFound;
import org.concord.party.Callers;
import org.concord.party.Partner;
import org.concord.party.PartyCode;
import org.concord.party.Partners;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The notice rules each pair signed ({@link Agreements}): every user role reads them and the rules
 * in force for each partner; an ADMIN proposes new rules to a partner and signs the partner's
 * proposals, at run time, audited. Partners reach none of this: their proposals and signatures
 * arrive through the inbox.
 */
@RestController
@RequestMapping("/api/deconfliction/agreements")
@Tag(name = "Deconfliction", description = "Operation notices near the border, protected sites, conflicts, and map layers")
class AgreementsController {

    private final Agreements agreements;
    private final RulesInForce rules;
    private final Partners partners;
    private final DeconflictionConfiguration.OwnParty own;

    AgreementsController(Agreements agreements, RulesInForce rules, Partners partners, DeconflictionConfiguration.OwnParty own) {
        this.agreements = agreements;
        this.rules = rules;
        this.partners = partners;
        this.own = own;
    }

    @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("hasAnyRole('ADMIN', 'ANALYST', 'LIAISON', 'VIEWER')")
    @Operation(summary = "The rules in force with each partner and every agreement",
            description = "Per partner (or only ?partner=IR): the rules notices are evaluated under now (basis agreement, or "
                    + "configured: this node's concord.yml, which the partner never signed) and every agreement, newest first, "
                    + "with its state: AWAITING_THEIR_SIGNATURE, AWAITING_OUR_SIGNATURE, IN_FORCE, SUPERSEDED, LAPSED.")
    ObjectNode list(@RequestParam(required = false) String partner) {
        ObjectNode out = NoticeJson.JSON.createObjectNode();
        var list = out.putArray("partners");
        for (Partner p : partner == null ? partners.all() : List.of(paired(partner, "partner"))) {
            ObjectNode one = list.addObject();
            one.put("partner", p.code().value());
            one.set("rulesInForce", EvaluationJson.rules(rules.between(own.code(), p.code())));
            var all = one.putArray("agreements");
            agreements.with(p.code()).forEach(a -> all.add(json(a)));
        }
        return out;
    }

    @GetMapping(value = "/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("hasAnyRole('ADMIN', 'ANALYST', 'LIAISON', 'VIEWER')")
    @Operation(summary = "One agreement")
    @ApiResponse(responseCode = "404", description = "no such agreement at this node")
    ObjectNode get(@PathVariable String id) {
        return json(agreements.find(id).orElseThrow(() -> NotFound.of("id", "no agreement " + id + " at this node")));
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(summary = "Propose notice rules to a partner",
            description = "Body {\"partner\": \"IR\", \"rules\": {\"notificationZoneKm\": 60, \"minimumNotice\": \"PT48H\"}}; every rule "
                    + "left out keeps the value in force. Signed by this node and sent to the partner; nothing changes until the "
                    + "partner's administrator signs it, and until then both desks show the alarm of an agreement signed by one side only.")
    @ApiResponse(responseCode = "201", description = "proposed, signed by this node and queued for the partner")
    @ApiResponse(responseCode = "400", description = "partner (required, paired), rules.* (unknown-property, a number, an ISO 8601 "
            + "duration, true or false, a value out of the rule's range), rules (changes-something: the agreement in force already says this)")
    ResponseEntity<ObjectNode> propose(@RequestBody JsonNode body, Authentication authentication) {
        InvalidInput.onlyProperties("", body, List.of("partner", "rules"));
        if (!body.path("partner").isString()) {
            throw new InvalidInput("partner", "required", "the partner the rules are proposed to, e.g. \"IR\"");
        }
        Partner partner = paired(body.path("partner").asString(), "partner");
        NoticeRules proposed = rules(rules.between(own.code(), partner.code()), body.path("rules"));
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(json(agreements.propose(partner.code(), proposed, Callers.of(authentication).auditName())));
    }

    @PostMapping(value = "/{id}/sign", produces = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(summary = "Sign the partner's proposal",
            description = "The agreement comes into force here now, and at the partner when the signature arrives; from then "
                    + "notices between the two are evaluated under it, and every evaluation names it.")
    @ApiResponse(responseCode = "200", description = "signed: in force here, the signature queued for the partner")
    @ApiResponse(responseCode = "404", description = "no such agreement at this node")
    @ApiResponse(responseCode = "409", description = "field id: own-proposal (the partner signs it), already-signed, lapsed")
    ObjectNode sign(@PathVariable String id, Authentication authentication) {
        return json(agreements.sign(id, Callers.of(authentication).auditName()));
    }

    @PostMapping(value = "/{id}/decline", produces = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(summary = "Decline the partner's proposal",
            description = "It will never be in force; the refusal, signed, goes to the partner, and the alarm of an agreement "
                    + "signed by one side only clears on both sides. The rules in force do not change.")
    @ApiResponse(responseCode = "200", description = "declined: the refusal queued for the partner")
    @ApiResponse(responseCode = "404", description = "no such agreement at this node")
    @ApiResponse(responseCode = "409", description = "field id: own-proposal, already-signed, lapsed, already-declined")
    ObjectNode decline(@PathVariable String id, Authentication authentication) {
        return json(agreements.decline(id, Callers.of(authentication).auditName()));
    }

    private Partner paired(String code, String field) {
        PartyCode party;
        try {
            party = PartyCode.of(code);
        } catch (RuntimeException e) {
            throw new InvalidInput(field, "party-code", "'" + code + "' is not a two-letter party code");
        }
        return partners.byCode(party).orElseThrow(() -> new InvalidInput(field, "paired", "this node is not paired with " + party));
    }

    static ObjectNode json(Agreements.Agreement a) {
        ObjectNode out = NoticeJson.JSON.createObjectNode();
        out.put("id", a.id());
        out.put("partner", a.partner().value());
        out.put("version", a.version());
        out.put("state", a.state().name());
        out.put("proposedBy", a.proposedBy().value());
        out.put("proposedAt", a.proposedAt().toString());
        if (a.signedAt() != null) {
            out.put("signedAt", a.signedAt().toString());
        }
        a.terms().forEach(out.putArray("terms")::add);
        return out;
    }

    /**
     * {@code current} (without its agreement) changed by {@code body}'s rules: every field left out
     * keeps its value. Each fault names {@code rules.<field>} and its rule.
     */
    static NoticeRules rules(NoticeRules current, JsonNode body) {
        if (body == null || body.isMissingNode() || body.isNull()) {
            return new NoticeRules.Change(null, null, null, null, null, null, null, null).applyTo(current, "rules.");
        }
        if (!body.isObject()) {
            throw new InvalidInput("rules", "object", "the rules are an object of " + String.join(", ", NoticeRules.Change.FIELDS));
        }
        InvalidInput.onlyProperties("rules.", body, NoticeRules.Change.FIELDS);
        return new NoticeRules.Change(km(body, "notificationZoneKm"), bool(body, "missileFlightsAlways"), duration(body, "minimumNotice"),
                duration(body, "maximumWindow"), km(body, "launchPointKm"), km(body, "impactAreaKm"), km(body, "trajectoryKm"),
                bool(body, "trajectoryMayCross")).applyTo(current, "rules.");
    }

    private static Double km(JsonNode body, String field) {
        JsonNode v = body.path(field);
        if (v.isMissingNode() || v.isNull()) {
            return null;
        }
        if (!v.isNumber()) {
            throw new InvalidInput("rules." + field, "number", "is a number of kilometres, e.g. 50");
        }
        return v.asDouble();
    }

    private static Boolean bool(JsonNode body, String field) {
        JsonNode v = body.path(field);
        if (v.isMissingNode() || v.isNull()) {
            return null;
        }
        if (!v.isBoolean()) {
            throw new InvalidInput("rules." + field, "boolean", "is true or false");
        }
        return v.asBoolean();
    }

    private static Duration duration(JsonNode body, String field) {
        JsonNode v = body.path(field);
        if (v.isMissingNode() || v.isNull()) {
            return null;
        }
        try {
            if (!v.isString()) {
                throw new DateTimeParseException("", "", 0);
            }
            return Duration.parse(v.asString());
        } catch (DateTimeParseException e) {
            throw new InvalidInput("rules." + field, "iso-8601-duration", "is an ISO 8601 duration, e.g. \"PT72H\" or \"P5D\"");
        }
    }
}
