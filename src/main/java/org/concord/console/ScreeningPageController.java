package org.concord.console;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.concord.node.Conflict;
import org.concord.node.InvalidInput;
import org.concord.screening.WatchlistFormatError;
import org.concord.screening.Watchlists;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.unit.DataSize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The screening page ({@code /console/screening}): a search of this node's watchlists by a name in any
 * script, with a date of birth and nationality when known, showing each match's band, score and
 * explanation, for every role. It goes through {@link Watchlists#search(String, String, String, int)}
 * as the REST API does; a refused parameter is shown next to its field. An {@code ANALYST}, who may
 * import a list over the API, also imports one here: {@code POST /console/screening/lists/{source}}
 * takes the file as the body (a UN consolidated list as XML, or CSV, by its media type; up to
 * {@code concord.screening.max-import-bytes}) through {@link Watchlists#importList}, and answers what
 * the API answers: the counts added, changed, delisted, or the refusal naming the field and rule.
 */
@Controller
class ScreeningPageController {

    /** The most matches shown. */
    static final int SHOWN = 20;

    private final Watchlists watchlists;
    private final long maxImportBytes;

    ScreeningPageController(Watchlists watchlists,
            @Value("${concord.screening.max-import-bytes:256MB}") DataSize maxImport) {
        this.watchlists = watchlists;
        this.maxImportBytes = maxImport.toBytes();
    }

    @PostMapping(value = "/console/screening/lists/{source}", produces = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("hasRole('ANALYST')")
    @ResponseBody
    ResponseEntity<Object> importList(@PathVariable String source, HttpServletRequest request) throws IOException {
        try {
            Watchlists.Format format = Watchlists.Format.ofContentType(request.getContentType());
            try (InputStream in = request.getInputStream()) {
                return ResponseEntity.ok(watchlists.importList(source, format, in));
            } catch (WatchlistFormatError e) {
                return refused(400, "file", format.rule(), e.getMessage());
            }
        } catch (InvalidInput e) {
            return refused(400, "Content-Type".equals(e.field()) ? "file" : e.field(), e.rule(), e.getMessage());
        } catch (Conflict e) {
            return refused(409, e.field(), e.rule(), e.explanation());
        }
    }

    private static ResponseEntity<Object> refused(int status, String field, String rule, String detail) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("field", field);
        body.put("rule", rule);
        body.put("detail", detail);
        return ResponseEntity.status(status).body(body);
    }

    @GetMapping("/console/screening")
    String page(@RequestParam(required = false) String name, @RequestParam(required = false) String dob,
            @RequestParam(required = false) String nationality, @RequestParam(required = false) String kind, Model model,
            Authentication user) {
        model.addAttribute("mayImport", DeskController.roles(user).contains("ANALYST"));
        model.addAttribute("maxImport", maxImportBytes);
        model.addAttribute("name", name == null ? "" : name);
        model.addAttribute("dob", dob == null ? "" : dob);
        model.addAttribute("nationality", nationality == null ? "" : nationality);
        model.addAttribute("kind", kind == null ? "" : kind.strip().toUpperCase(java.util.Locale.ROOT));
        List<Watchlists.Match> matches = null;
        if (name != null) {
            try {
                matches = watchlists.search(name, dob, nationality, kind, SHOWN);
            } catch (InvalidInput e) {
                model.addAttribute("errorField", e.field());
                model.addAttribute("errorRule", e.rule());
                model.addAttribute("errorText", e.getMessage());
            }
        }
        model.addAttribute("matches", matches);
        model.addAttribute("lists", watchlists.searched());
        return "console/screening";
    }
}
