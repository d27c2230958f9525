package org.concord.party.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.concord.node.NotFound;
import org.concord.party.Callers;
import org.concord.party.NodeIdentity;
import org.concord.party.Pairing;
import org.concord.party.PairingRecord;
import org.concord.party.Partner;
import org.concord.party.Partners;
import org.concord.party.PartyCode;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Pairing over the REST API: this node's own record ({@code GET /api/pairing}), the partners
 * ({@code GET /api/partners}), pairing ({@code POST /api/partners}, a pairing record as the body)
 * and unpairing ({@code DELETE /api/partners/{code}}). Reading is for every user role; changing
 * is for {@code ADMIN}.
 */
@RestController
class PartnersController {

    private final Partners partners;
    private final Pairing pairing;
    private final NodeIdentity self;

    PartnersController(Partners partners, Pairing pairing, NodeIdentity self) {
        this.partners = partners;
        this.pairing = pairing;
        this.self = self;
    }

    @GetMapping(value = "/api/pairing", produces = MediaType.APPLICATION_JSON_VALUE)
    String ownRecord() {
        return self.pairingRecord().toJson();
    }

    @GetMapping("/api/partners")
    List<Map<String, Object>> all() {
        return partners.all().stream().map(PartnersController::view).toList();
    }

    @GetMapping("/api/partners/{code}")
    Map<String, Object> one(@PathVariable String code) {
        return partners.byCode(PartyCode.of(code)).map(PartnersController::view)
                .orElseThrow(() -> NotFound.of("code", "no partner " + code + " is paired with this node"));
    }

    @PostMapping(value = "/api/partners", consumes = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("hasRole('ADMIN')")
    ResponseEntity<Map<String, Object>> pair(@RequestBody String record, @RequestParam(defaultValue = "false") boolean replace,
            Authentication authentication) {
        Pairing.Result result = pairing.pair(PairingRecord.parse(record), Callers.of(authentication).auditName(), replace);
        Map<String, Object> body = view(result.partner());
        body.put("outcome", result.outcome().name());
        return ResponseEntity.status(result.outcome() == Pairing.Outcome.ALREADY_PAIRED ? HttpStatus.OK : HttpStatus.CREATED)
                .body(body);
    }

    @DeleteMapping("/api/partners/{code}")
    @PreAuthorize("hasRole('ADMIN')")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void unpair(@PathVariable String code, Authentication authentication) {
        pairing.unpair(PartyCode.of(code), Callers.of(authentication).auditName());
    }

    private static Map<String, Object> view(Partner partner) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("party", partner.code().value());
        view.put("name", partner.party().name());
        view.put("url", partner.url().toString());
        view.put("certificateFingerprint", partner.fingerprint().toString());
        view.put("signingKey", partner.signingKey().base64());
        view.put("signingKeyFingerprint", partner.signingKey().fingerprint().toString());
        view.put("pairedAt", partner.pairedAt().toString());
        return view;
    }
}
