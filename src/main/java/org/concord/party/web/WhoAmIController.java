package org.concord.party.web;

import java.util.LinkedHashMap;
import java.util.Map;

import org.concord.party.Caller;
import org.concord.party.Callers;
import org.concord.party.NodeIdentity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/whoami}: who this node takes the caller for. A partner sees its own party as
 * this node pinned it, which is how two officers check a pairing end to end.
 */
@RestController
class WhoAmIController {

    private final NodeIdentity self;

    WhoAmIController(NodeIdentity self) {
        this.self = self;
    }

    @GetMapping("/api/whoami")
    Map<String, Object> whoami(Authentication authentication) {
        Map<String, Object> answer = new LinkedHashMap<>();
        Caller caller = Callers.of(authentication);
        if (caller instanceof Caller.User user) {
            answer.put("kind", "user");
            answer.put("username", user.username());
            answer.put("roles", user.roles().stream().sorted().map(Enum::name).toList());
            answer.put("authentication", user.authentication());
        } else if (caller instanceof Caller.PartnerNode partner) {
            answer.put("kind", "partner");
            answer.put("party", partner.partner().code().value());
            answer.put("name", partner.partner().party().name());
            answer.put("certificateFingerprint", partner.partner().fingerprint().toString());
            answer.put("authentication", "mutual-tls");
        }
        Map<String, Object> node = new java.util.LinkedHashMap<>(); // party first, always (Map.of's order varies from run to run)
        node.put("party", self.party().code().value());
        node.put("name", self.party().name());
        answer.put("node", node);
        return answer;
    }
}
