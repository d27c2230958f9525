package org.concord.party.web;

import java.time.Duration;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.concord.node.InvalidInput;
import org.concord.party.ApiTokens;
import org.concord.party.Caller;
import org.concord.party.Callers;
import org.concord.party.Role;
import org.concord.party.UserAccounts;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Users ({@code ADMIN} only) and bearer tokens (every user, for itself).
 * {@code POST /api/users} takes {@code {"username", "roles": [...], "password"?}}; without a
 * password one is generated and returned once. {@code POST /api/tokens} takes
 * {@code {"label", "hours"?}} and returns the token once.
 */
@RestController
class UsersController {

    private final UserAccounts accounts;
    private final ApiTokens tokens;

    UsersController(UserAccounts accounts, ApiTokens tokens) {
        this.accounts = accounts;
        this.tokens = tokens;
    }

    record NewUser(String username, List<String> roles, String password) {
    }

    record NewToken(String label, Integer hours) {
    }

    @GetMapping("/api/users")
    @PreAuthorize("hasRole('ADMIN')")
    List<UserAccounts.Account> all() {
        return accounts.all();
    }

    @PostMapping("/api/users")
    @PreAuthorize("hasRole('ADMIN')")
    @ResponseStatus(HttpStatus.CREATED)
    Map<String, Object> add(@RequestBody NewUser body, Authentication authentication) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        if (body.roles() != null) {
            for (int i = 0; i < body.roles().size(); i++) {
                roles.add(Role.parse("roles[" + i + "]", String.valueOf(body.roles().get(i))));
            }
        }
        UserAccounts.Added added = accounts.add(body.username(), roles, body.password(), Callers.of(authentication).auditName());
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("username", added.account().username());
        answer.put("roles", added.account().roles().stream().map(Enum::name).sorted().toList());
        if (added.generatedPassword() != null) {
            answer.put("password", added.generatedPassword());
        }
        return answer;
    }

    @PostMapping("/api/tokens")
    @ResponseStatus(HttpStatus.CREATED)
    Map<String, Object> token(@RequestBody NewToken body, Authentication authentication) {
        if (!(Callers.of(authentication) instanceof Caller.User user)) {
            throw new IllegalStateException("only users hold tokens");
        }
        int hours = body.hours() == null ? 24 : body.hours();
        if (hours < 1) {
            throw new InvalidInput("hours", "range", "a token lives at least 1 hour");
        }
        ApiTokens.Issued issued = tokens.issue(user.username(), body.label(), Duration.ofHours(hours));
        return Map.of("token", issued.token(), "label", issued.label(), "expiresAt", issued.expiresAt().toString());
    }
}
