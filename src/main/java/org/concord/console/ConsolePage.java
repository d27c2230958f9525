package org.concord.console;

import java.util.List;

import org.concord.workflow.Workflow;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * What every page of the console shows in its header ({@code console/fragments :: header}): this
 * node's party, the user and the user's roles. One place, so that a new page only names itself.
 */
@ControllerAdvice(basePackageClasses = ConsolePage.class)
class ConsolePage {

    private final Workflow workflow;

    ConsolePage(Workflow workflow) {
        this.workflow = workflow;
    }

    @ModelAttribute("party")
    String party() {
        return workflow.self().value();
    }

    @ModelAttribute("user")
    String user(Authentication user) {
        return user == null ? null : user.getName();
    }

    @ModelAttribute("roles")
    List<String> roles(Authentication user) {
        return user == null ? List.of() : DeskController.roles(user);
    }
}
