package org.concord.console;

import org.concord.workflow.Workflow;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** {@code GET /login}: the console's login form; {@code POST /login} and {@code /logout} are Spring Security's (party.security.ConsoleSecurity). */
@Controller
class LoginController {

    private final Workflow workflow;

    LoginController(Workflow workflow) {
        this.workflow = workflow;
    }

    @GetMapping("/login")
    String login(Model model) {
        model.addAttribute("party", workflow.self().value());
        return "console/login";
    }
}
