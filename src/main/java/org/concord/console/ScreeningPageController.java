package org.concord.console;

import java.util.List;

import org.concord.node.InvalidInput;
import org.concord.screening.Watchlists;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The screening page ({@code /console/screening}), read-only for every role: a search of this node's
 * watchlists by a name in any script, with a date of birth and nationality when known, showing each
 * match's band, score and explanation. It goes through {@link Watchlists#search(String, String, String, int)}
 * as the REST API does; a refused parameter is shown next to its field.
 */
@Controller
class ScreeningPageController {

    /** The most matches shown. */
    static final int SHOWN = 20;

    private final Watchlists watchlists;

    ScreeningPageController(Watchlists watchlists) {
        this.watchlists = watchlists;
    }

    @GetMapping("/console/screening")
    String page(@RequestParam(required = false) String name, @RequestParam(required = false) String dob,
            @RequestParam(required = false) String nationality, Model model) {
        model.addAttribute("name", name == null ? "" : name);
        model.addAttribute("dob", dob == null ? "" : dob);
        model.addAttribute("nationality", nationality == null ? "" : nationality);
        List<Watchlists.Match> matches = null;
        if (name != null) {
            try {
                matches = watchlists.search(name, dob, nationality, SHOWN);
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
