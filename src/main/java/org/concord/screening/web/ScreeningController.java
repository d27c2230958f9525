package org.concord.screening.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.concord.screening.Watchlists;
import org.springframework.http.MediaType;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Screening over the REST API for this node's users: searching the watchlists for a name, optionally
 * with a date of birth and a nationality. Every user role may search, as every role may read intel;
 * the partner node may not (it learns of matches only through the exchange).
 */
@RestController
class ScreeningController {

    private final Watchlists watchlists;

    ScreeningController(Watchlists watchlists) {
        this.watchlists = watchlists;
    }

    /**
     * The matches (MATCH and REVIEW bands), best first, each with its score, band and why. A bad
     * parameter is a 400 problem naming the field and its rule.
     */
    @GetMapping(value = "/api/screening/search", produces = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("hasAnyRole('ADMIN', 'ANALYST', 'LIAISON', 'VIEWER')")
    Map<String, Object> search(@RequestParam(required = false) String name, @RequestParam(required = false) String dob,
            @RequestParam(required = false) String nationality, @RequestParam(defaultValue = "20") int limit) {
        List<Watchlists.Match> matches = watchlists.search(name, dob, nationality, limit);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("query", name);
        body.put("matches", matches.stream().map(m -> {
            Map<String, Object> match = new LinkedHashMap<>();
            match.put("source", m.source());
            match.put("reference", m.reference());
            match.put("kind", m.kind());
            match.put("name", m.name());
            match.put("matched_name", m.matchedName());
            match.put("score", m.score());
            match.put("band", m.band());
            match.put("why", m.why());
            return match;
        }).toList());
        return body;
    }
}
