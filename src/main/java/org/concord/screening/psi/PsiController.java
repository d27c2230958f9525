package org.concord.screening.psi;

import java.util.Map;

import org.concord.party.Caller;
import org.concord.party.Callers;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Private set intersection sessions: people request, accept, decline and read them under
 * {@code /api/screening/psi/sessions}; the partner node's half runs under {@code /psi/sessions}
 * (partner certificate only, party's WebSecurity).
 */
@RestController
class PsiController {

    private final PsiSessions sessions;
    private final PsiTranscript transcript;

    PsiController(PsiSessions sessions, PsiTranscript transcript) {
        this.sessions = sessions;
        this.transcript = transcript;
    }

    /** What a person sends to request a session. */
    record NewSession(String partner, String list) {
    }

    /** What a person sends to accept one. */
    record Acceptance(String list) {
    }

    @PostMapping("/api/screening/psi/sessions")
    @PreAuthorize("hasAnyRole('LIAISON', 'ANALYST')")
    @ResponseStatus(HttpStatus.CREATED)
    PsiSessions.SessionView request(@RequestBody NewSession body, Authentication authentication) {
        return sessions.request(user(authentication), body.partner(), body.list());
    }

    @PostMapping("/api/screening/psi/sessions/{id}/accept")
    @PreAuthorize("hasAnyRole('LIAISON', 'ANALYST')")
    PsiSessions.SessionView accept(@PathVariable String id, @RequestBody Acceptance body, Authentication authentication) {
        return sessions.accept(user(authentication), id, body.list());
    }

    /**
     * Declines a session the partner requested and that waits here (the role that may accept): it ends {@code DECLINED}
     * here and leaves the desk; the partner is not told (the protocol has no message for it) and its invitation lapses.
     * No body is needed.
     */
    @PostMapping("/api/screening/psi/sessions/{id}/decline")
    @PreAuthorize("hasAnyRole('LIAISON', 'ANALYST')")
    PsiSessions.SessionView decline(@PathVariable String id, Authentication authentication) {
        return sessions.decline(user(authentication), id);
    }

    /**
     * This node's sessions, newest first, of either role (every user role, as for one session): how an officer learns
     * of a request waiting for their acceptance ({@code RESPONDER}, {@code REQUESTED}). Without each session's matches,
     * which {@code GET /api/screening/psi/sessions/{id}} gives; {@code matchedEntries} says how many.
     */
    @GetMapping("/api/screening/psi/sessions")
    Map<String, Object> list(@RequestParam(defaultValue = "20") int limit) {
        return Map.of("sessions", sessions.recent(org.concord.node.Limits.range("limit", limit, 100)));
    }

    @GetMapping("/api/screening/psi/sessions/{id}")
    PsiSessions.SessionView read(@PathVariable String id) {
        return sessions.view(id);
    }

    @PostMapping(value = "/psi/sessions", produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    String invited(@RequestBody(required = false) String body, Authentication authentication) {
        String answer = sessions.invited(partner(authentication), body);
        transcript.record("/psi/sessions", body, answer);
        return answer;
    }

    @PostMapping(value = "/psi/sessions/{id}/declined", produces = MediaType.APPLICATION_JSON_VALUE)
    String declined(@PathVariable String id, @RequestBody(required = false) String body, Authentication authentication) {
        String answer = sessions.declinedByPartner(partner(authentication), id);
        transcript.record("/psi/sessions/" + id + "/declined", body, answer);
        return answer;
    }

    @PostMapping(value = "/psi/sessions/{id}/blinded", produces = MediaType.APPLICATION_JSON_VALUE)
    String announced(@PathVariable String id, @RequestBody(required = false) String body, Authentication authentication) {
        String answer = sessions.announced(partner(authentication), id, body);
        transcript.record("/psi/sessions/" + id + "/blinded", body, answer);
        return answer;
    }

    @PostMapping(value = "/psi/sessions/{id}/blinded/{chunk}", produces = MediaType.APPLICATION_JSON_VALUE)
    String blinded(@PathVariable String id, @PathVariable String chunk, @RequestBody(required = false) String body,
            Authentication authentication) {
        String answer = sessions.blindedChunk(partner(authentication), id, chunk, body);
        transcript.record("/psi/sessions/" + id + "/blinded/" + chunk, body, answer);
        return answer;
    }

    @PostMapping(value = "/psi/sessions/{id}/answer/{chunk}", produces = MediaType.APPLICATION_JSON_VALUE)
    String answer(@PathVariable String id, @PathVariable String chunk, @RequestBody(required = false) String body,
            Authentication authentication) {
        String answer = sessions.answerChunk(partner(authentication), id, chunk, body);
        transcript.record("/psi/sessions/" + id + "/answer/" + chunk, body, answer);
        return answer;
    }

    @PostMapping(value = "/psi/sessions/{id}/reblinded/{chunk}", produces = MediaType.APPLICATION_JSON_VALUE)
    String reblinded(@PathVariable String id, @PathVariable String chunk, @RequestBody(required = false) String body,
            Authentication authentication) {
        String answer = sessions.reblindedChunk(partner(authentication), id, chunk, body);
        transcript.record("/psi/sessions/" + id + "/reblinded/" + chunk, body, answer);
        return answer;
    }

    private static Caller.User user(Authentication authentication) {
        if (Callers.of(authentication) instanceof Caller.User user) {
            return user;
        }
        throw new AccessDeniedException("only a person may request or accept a PSI session");
    }

    private static Caller.PartnerNode partner(Authentication authentication) {
        if (Callers.of(authentication) instanceof Caller.PartnerNode partner) {
            return partner;
        }
        throw new AccessDeniedException("only the partner node calls /psi/sessions");
    }
}
