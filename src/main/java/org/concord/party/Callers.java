package org.concord.party;

import java.util.EnumSet;
import java.util.Set;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

/** Turns Spring Security's authentication of a request into a {@link Caller}. */
public final class Callers {

    private Callers() {
    }

    public static Caller of(Authentication authentication) {
        if (authentication == null || !authentication.isAuthenticated()) {
            throw new IllegalStateException("the request is not authenticated");
        }
        if (authentication.getPrincipal() instanceof Caller.PartnerNode partner) {
            return partner;
        }
        if (authentication.getPrincipal() instanceof Caller.User user) {
            return user;
        }
        String username = authentication.getPrincipal() instanceof UserDetails details ? details.getUsername() : authentication.getName();
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (GrantedAuthority authority : authentication.getAuthorities()) {
            for (Role role : Role.values()) {
                if (role.authority().equals(authority.getAuthority())) {
                    roles.add(role);
                }
            }
        }
        return new Caller.User(username, roles, "password");
    }
}
