package org.concord.party.security;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authorization.AuthorityAuthorizationDecision;
import org.springframework.security.authorization.AuthorizationDeniedException;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.authorization.ExpressionAuthorizationDecision;
import org.springframework.security.core.GrantedAuthority;

/**
 * The roles a refused caller would have needed, read from the decision that refused it: the
 * authorities of a rule of {@link WebSecurity} ({@code hasAnyRole(...)}), or the roles an
 * {@code @PreAuthorize} expression names ({@code hasRole('LIAISON')}). A 403 lists them, so an
 * officer learns whom to ask. {@code PARTNER} is the partner node's certificate, not a user role.
 */
final class RequiredRoles {

    private static final Pattern ROLE_CALL = Pattern.compile("has(?:Any)?(?:Role|Authority)\\(([^)]*)\\)");
    private static final Pattern QUOTED = Pattern.compile("'([^']+)'");

    private RequiredRoles() {
    }

    /** The roles, without {@code ROLE_}, in the order the rule names them; empty when no role would do (denyAll). */
    static List<String> of(AccessDeniedException denied) {
        if (!(denied instanceof AuthorizationDeniedException refused)) {
            return List.of();
        }
        AuthorizationResult result = refused.getAuthorizationResult();
        Set<String> roles = new LinkedHashSet<>();
        if (result instanceof AuthorityAuthorizationDecision authorities) {
            for (GrantedAuthority authority : authorities.getAuthorities()) {
                roles.add(strip(authority.getAuthority()));
            }
        } else if (result instanceof ExpressionAuthorizationDecision expression) {
            Matcher call = ROLE_CALL.matcher(expression.getExpression().getExpressionString());
            while (call.find()) {
                Matcher quoted = QUOTED.matcher(call.group(1));
                while (quoted.find()) {
                    roles.add(strip(quoted.group(1)));
                }
            }
        }
        return new ArrayList<>(roles);
    }

    /**
     * The detail of a 403 that needs {@code roles}: the refusal's own reason when it gives one
     * ("log in with your password, not a token, to change it"), then the roles that would do.
     */
    static String detail(AccessDeniedException denied, List<String> roles) {
        String message = denied.getMessage();
        String reason = message == null || message.isBlank() || message.equals("Access Denied") ? "the caller may not do this" : message;
        if (roles.isEmpty()) {
            return denied instanceof AuthorizationDeniedException && reason.equals("the caller may not do this")
                    ? reason + "; no role allows it" : reason;
        }
        return reason + "; it needs " + (roles.size() == 1 ? "the role " + roles.get(0) : "one of the roles " + String.join(", ", roles));
    }

    private static String strip(String authority) {
        return authority.startsWith("ROLE_") ? authority.substring(5) : authority;
    }
}
