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
import org.concord.node.NotFound;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * Users ({@code ADMIN} only) and bearer tokens (every user, for itself).
 * {@code POST /api/users} takes {@code {"username", "roles": [...], "password"?}}; without a
 * password one is generated and returned once. {@code DELETE /api/users/{username}},
 * {@code POST /api/users/{username}/disable|enable} (ADMIN) and
 * {@code PUT /api/users/{username}/password} (ADMIN, or the user itself logged in with its
 * password) end the user's tokens and sessions. {@code POST /api/tokens} takes
 * {@code {"label", "hours"?}} and returns the token once; a token may not mint one that outlives
 * it. {@code GET /api/tokens} lists the caller's live tokens ({@code ?user=} another's, ADMIN);
 * {@code DELETE /api/tokens/{id}} revokes one: its owner or an ADMIN, anyone else gets 404, so
 * that the ids of others' tokens are not revealed.
 */
@RestController
@Tag(name = "Users and tokens", description = "Who may log in with which roles (ADMIN), and API tokens for scripts (every user)")
class UsersController {

    private final UserAccounts accounts;
    private final ApiTokens tokens;

    UsersController(UserAccounts accounts, ApiTokens tokens) {
        this.accounts = accounts;
        this.tokens = tokens;
    }

    record NewUser(
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "alice",
                    description = "2 to 64 characters of a-z, 0-9, '.', '_' or '-'") String username,
            @ArraySchema(arraySchema = @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "at least one role"),
                    schema = @Schema(allowableValues = {"ADMIN", "LIAISON", "ANALYST", "VIEWER"}, example = "LIAISON")) List<String> roles,
            @Schema(description = "12 to 200 characters; left out, one is generated and answered once") String password) {
    }

    record NewToken(
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "nightly export",
                    description = "what the token is for, 1 to 100 characters") String label,
            @Schema(description = "its lifetime in hours (default 24); a token may not mint one that outlives it",
                    example = "24", minimum = "1") Integer hours) {
    }

    record NewPassword(@Schema(description = "12 to 200 characters; left out, one is generated and answered once") String password) {
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
        answer.put("roles", added.account().roles().stream().sorted().map(Enum::name).toList());
        if (added.generatedPassword() != null) {
            answer.put("password", added.generatedPassword());
        }
        return answer;
    }

    @DeleteMapping("/api/users/{username}")
    @PreAuthorize("hasRole('ADMIN')")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void remove(@PathVariable String username, Authentication authentication) {
        accounts.remove(username, Callers.of(authentication).auditName());
    }

    @PostMapping("/api/users/{username}/disable")
    @PreAuthorize("hasRole('ADMIN')")
    UserAccounts.Account disable(@PathVariable String username, Authentication authentication) {
        accounts.disable(username, Callers.of(authentication).auditName());
        return account(username);
    }

    @PostMapping("/api/users/{username}/enable")
    @PreAuthorize("hasRole('ADMIN')")
    UserAccounts.Account enable(@PathVariable String username, Authentication authentication) {
        accounts.enable(username, Callers.of(authentication).auditName());
        return account(username);
    }

    /** ADMIN sets anyone's; a user its own, but only when logged in with its password, not with a token. */
    @PutMapping("/api/users/{username}/password")
    @PreAuthorize("hasRole('ADMIN') or #username == authentication.name")
    Map<String, Object> password(@PathVariable String username, @RequestBody(required = false) NewPassword body,
            Authentication authentication) {
        Caller.User caller = user(authentication);
        if (!caller.roles().contains(Role.ADMIN) && !"password".equals(caller.authentication())) {
            throw new AccessDeniedException("log in with your password, not a token, to change it");
        }
        String generated = accounts.setPassword(username, body == null ? null : body.password(), caller.auditName());
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("username", username);
        if (generated != null) {
            answer.put("password", generated);
        }
        return answer;
    }

    private UserAccounts.Account account(String username) {
        return accounts.all().stream().filter(a -> a.username().equals(username)).findFirst()
                .orElseThrow(() -> NotFound.of("username", "no user '" + username + "'"));
    }

    @PostMapping("/api/tokens")
    @PreAuthorize("hasAnyRole('ADMIN', 'LIAISON', 'ANALYST', 'VIEWER')")
    @ResponseStatus(HttpStatus.CREATED)
    Map<String, Object> token(@RequestBody NewToken body, Authentication authentication) {
        Caller.User user = user(authentication);
        int hours = body.hours() == null ? 24 : body.hours();
        if (hours < 1) {
            throw new InvalidInput("hours", "range", "a token lives at least 1 hour");
        }
        ApiTokens.Presented presented = authentication.getDetails() instanceof ApiTokens.Presented p ? p : null;
        ApiTokens.Issued issued = tokens.issue(user.username(), body.label(), Duration.ofHours(hours), presented);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("id", issued.id());
        answer.put("token", issued.token());
        answer.put("label", issued.label());
        answer.put("expiresAt", issued.expiresAt().toString());
        return answer;
    }

    /** The caller's live tokens, or (ADMIN) another user's. */
    @GetMapping("/api/tokens")
    @PreAuthorize("hasAnyRole('ADMIN', 'LIAISON', 'ANALYST', 'VIEWER')")
    List<Map<String, Object>> tokens(@RequestParam(name = "user", required = false) String other, Authentication authentication) {
        Caller.User caller = user(authentication);
        String whose = other == null || other.isBlank() ? caller.username() : other;
        if (!whose.equals(caller.username())) {
            if (!caller.roles().contains(Role.ADMIN)) {
                throw new org.springframework.security.authorization.AuthorizationDeniedException(
                        "only an ADMIN may list another user's tokens",
                        new org.springframework.security.authorization.AuthorityAuthorizationDecision(false,
                                List.of(new org.springframework.security.core.authority.SimpleGrantedAuthority(Role.ADMIN.authority()))));
            }
            if (!accounts.exists(whose)) {
                throw NotFound.of("user", "no user '" + whose + "'");
            }
        }
        return tokens.of(whose).stream().map(UsersController::describe).toList();
    }

    /** Revokes a token: its owner or an ADMIN; for anyone else the token does not exist (404). */
    @DeleteMapping("/api/tokens/{id}")
    @PreAuthorize("hasAnyRole('ADMIN', 'LIAISON', 'ANALYST', 'VIEWER')")
    Map<String, Object> revoke(@PathVariable String id, Authentication authentication) {
        Caller.User caller = user(authentication);
        long parsed;
        try {
            parsed = Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw new InvalidInput("id", "number", "a token id is a number, as GET /api/tokens lists it; got '" + id + "'");
        }
        ApiTokens.Token revoked = tokens.revoke(parsed, caller.username(), caller.roles().contains(Role.ADMIN), caller.auditName());
        Map<String, Object> answer = describe(revoked);
        answer.put("revoked", true);
        return answer;
    }

    static Map<String, Object> describe(ApiTokens.Token token) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("id", token.id());
        answer.put("username", token.username());
        answer.put("label", token.label());
        answer.put("createdAt", token.createdAt().toString());
        answer.put("expiresAt", token.expiresAt().toString());
        if (token.lastUsedAt() != null) {
            answer.put("lastUsedAt", token.lastUsedAt().toString());
        }
        return answer;
    }

    private static Caller.User user(Authentication authentication) {
        if (!(Callers.of(authentication) instanceof Caller.User user)) {
            throw new AccessDeniedException("only users hold tokens and passwords");
        }
        return user;
    }
}
