package org.concord.console;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * {@code GET /login}: the console's login form (the party it names comes from {@link ConsolePage});
 * {@code POST /login} and {@code /logout} are Spring Security's (party.security.ConsoleSecurity).
 */
@Controller
class LoginController {

    @GetMapping("/login")
    String login() {
        return "console/login";
    }
}
