package org.concord.screening.web;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.concord.node.InvalidInput;
import org.concord.screening.WatchlistFormatError;
import org.concord.screening.Watchlists;
import org.springframework.http.MediaType;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Screening over the REST API for this node's users: searching the watchlists for a name, optionally
 * with a date of birth and a nationality (every user role, as every role may read intel), and
 * importing lists (ANALYST, who works on intelligence, as for an intel bundle): a UN consolidated list
 * or a CSV file as the body, or the intel store's groups and persons. The partner node may do none
 * of it (it learns of matches only through the exchange). A list's body is held to
 * {@code concord.screening.max-import-bytes} (256 MiB), not the API's 1 MiB: the UN's list alone is 1.6 MB.
 */
@RestController
class ScreeningController {

    private final Watchlists watchlists;

    ScreeningController(Watchlists watchlists) {
        this.watchlists = watchlists;
    }

    /**
     * The matches (MATCH and REVIEW bands), best first, each with its score, band and why, and the
     * marking and origin of its entry when it has them; among the entries of one kind when {@code kind} is
     * {@code INDIVIDUAL} or {@code ENTITY}. A bad parameter is a 400 problem naming the
     * field and its rule.
     */
    @GetMapping(value = "/api/screening/search", produces = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("hasAnyRole('ADMIN', 'ANALYST', 'LIAISON', 'VIEWER')")
    Map<String, Object> search(@RequestParam(required = false) String name, @RequestParam(required = false) String dob,
            @RequestParam(required = false) String nationality, @RequestParam(required = false) String kind,
            @RequestParam(defaultValue = "20") int limit) {
        List<Watchlists.Match> matches = watchlists.search(name, dob, nationality, kind, limit);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("query", name);
        if (kind != null && !kind.isBlank()) {
            // which entries "no match" is about
            body.put("kind", kind.strip().toUpperCase(java.util.Locale.ROOT));
        }
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
            if (!m.marking().isEmpty()) {
                match.put("marking", m.marking());
            }
            if (!m.origin().isEmpty()) {
                match.put("origin", m.origin());
            }
            return match;
        }).toList());
        // which lists "no match" is about: an empty answer from a node with no list says nothing of the name
        List<Watchlists.Source> lists = watchlists.searched();
        body.put("lists", lists.stream().map(l -> {
            Map<String, Object> list = new LinkedHashMap<>();
            list.put("source", l.source());
            list.put("listed", l.listed());
            list.put("generated", l.generated());
            list.put("lastImported", l.lastImported());
            return list;
        }).toList());
        if (lists.isEmpty()) {
            body.put("note", "no watchlist is loaded on this node: no name can be found until an analyst imports one");
        }
        return body;
    }

    /** The watchlists this node holds: entries listed and delisted, the last import. */
    @GetMapping(value = "/api/screening/lists", produces = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("hasAnyRole('ADMIN', 'ANALYST', 'LIAISON', 'VIEWER')")
    Map<String, Object> lists() {
        return Map.of("lists", watchlists.sources());
    }

    /**
     * Imports the body as the list {@code source}: a UN consolidated list ({@code application/xml} or
     * {@code text/xml}) or a CSV watchlist ({@code text/csv}, docs/screening.md). The body is read only
     * once the caller is known to be an analyst: a caller who may not import learns nothing of it.
     */
    @PostMapping(value = "/api/screening/lists/{source}", produces = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("hasRole('ANALYST')")
    Map<String, Object> importFile(@PathVariable String source, HttpServletRequest request) throws IOException {
        Watchlists.Format format = Watchlists.Format.ofContentType(request.getContentType());
        try (InputStream in = request.getInputStream()) {
            return imported(watchlists.importList(source, format, in));
        } catch (WatchlistFormatError e) {
            throw new InvalidInput("body", format.rule(), e.getMessage());
        }
    }

    /**
     * Imports the intel store's identity, threat-actor and intrusion-set objects as the list
     * {@code source}: {@code from} {@code all} (the default), {@code own}, or a paired partner's code.
     */
    @PostMapping(value = "/api/screening/lists/{source}/intel", produces = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("hasRole('ANALYST')")
    Map<String, Object> importIntel(@PathVariable String source, @RequestParam(defaultValue = "all") String from) {
        return imported(watchlists.importIntel(source, from));
    }

    private static Map<String, Object> imported(Watchlists.Imported imported) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("source", imported.source());
        body.put("generated", imported.generated());
        body.put("entries", imported.entries());
        body.put("added", imported.added());
        body.put("changed", imported.changed());
        body.put("delisted", imported.delisted());
        body.put("relisted", imported.relisted());
        body.put("skipped", imported.skipped());
        return body;
    }
}
