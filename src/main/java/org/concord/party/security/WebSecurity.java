package org.concord.party.security;

import java.io.IOException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Set;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.concord.party.ApiTokens;
import org.concord.party.Caller;
import org.concord.party.Fingerprint;
import org.concord.party.PairingRecord;
import org.concord.party.Partners;
import org.concord.party.Role;
import org.concord.party.persistence.UserTable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Who may call what. Three ways in, each checked before any controller runs:
 *
 * <ul>
 * <li>a partner node: its TLS client certificate, pinned at pairing (checked at the handshake by
 * {@link PinnedPartnerTrustManager} and here again, so that a partner unpaired while a TLS session
 * is still cached is refused with 403 and a logged reason);</li>
 * <li>a person or script: HTTP Basic with a password (the TAXII 2.1 specification expects Basic);</li>
 * <li>a script: {@code Authorization: Bearer} with a token from {@code POST /api/tokens}.</li>
 * </ul>
 *
 * Partners reach only the endpoints made for partners ({@code /api/whoami}, the TAXII server under
 * {@code /taxii2}, which decides per collection what each caller may do, the ledger's reads and
 * {@code POST /ledger/cosignatures}, which only a partner may call); every other
 * {@code /api} endpoint needs a user role, and controllers narrow it further with
 * {@code @PreAuthorize}. Anything not listed is denied. There are no sessions and no cookies, so
 * there is nothing for cross-site request forgery to ride on.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
@EnableWebSecurity
@EnableMethodSecurity
class WebSecurity {

    private static final Logger log = LoggerFactory.getLogger(WebSecurity.class);
    static final String PARTNER = "ROLE_PARTNER";
    private static final String[] USER_ROLES = {"ADMIN", "LIAISON", "ANALYST", "VIEWER"};
    /** The ledger is read by the partner (it witnesses this node's log) and by every user role. */
    private static final String[] LEDGER_READERS = {PARTNER, "ROLE_ADMIN", "ROLE_LIAISON", "ROLE_ANALYST", "ROLE_VIEWER"};

    @Bean
    SecurityFilterChain filterChain(HttpSecurity http, Partners partners, ApiTokens tokens, UserTable users) throws Exception {
        http.csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .httpBasic(basic -> basic.realmName("Concord").authenticationEntryPoint(Problem::unauthorized))
                .exceptionHandling(errors -> errors.authenticationEntryPoint(Problem::unauthorized)
                        .accessDeniedHandler((request, response, denied) -> Problem.write(request, response, 403, "Forbidden",
                                "the caller may not do this")))
                .addFilterBefore(new PartnerCertificateFilter(partners), BasicAuthenticationFilter.class)
                .addFilterBefore(new BearerTokenFilter(tokens, users), BasicAuthenticationFilter.class)
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/actuator/health", "/actuator/health/**").permitAll()
                        .requestMatchers("/actuator/**").hasRole("ADMIN")
                        .requestMatchers(HttpMethod.GET, "/api/whoami").authenticated()
                        .requestMatchers("/taxii2", "/taxii2/**").authenticated()
                        .requestMatchers(HttpMethod.POST, "/ledger/cosignatures").hasAuthority(PARTNER)
                        .requestMatchers(HttpMethod.GET, "/ledger/checkpoint", "/ledger/proof/inclusion",
                                "/ledger/proof/consistency", "/ledger/entries", "/ledger/cosignatures", "/ledger/alarms",
                                "/ledger/receipts").hasAnyAuthority(LEDGER_READERS)
                        .requestMatchers(HttpMethod.GET, "/ledger/witnessed").hasAnyAuthority(LEDGER_READERS)
                        .requestMatchers(HttpMethod.POST, "/ledger/alarms/*/acknowledgement").hasRole("ADMIN")
                        .requestMatchers("/api/**", "/v3/api-docs", "/v3/api-docs/**").hasAnyRole(USER_ROLES)
                        .requestMatchers("/error").permitAll()
                        .anyRequest().denyAll());
        return http.build();
    }

    @Bean
    UserDetailsService userDetailsService(UserTable users) {
        return username -> users.find(username)
                .map(user -> User.withUsername(user.username())
                        .password(user.passwordHash())
                        .disabled(!user.enabled())
                        .authorities(user.roles().stream().map(Role::authority).toArray(String[]::new))
                        .build())
                .orElseThrow(() -> new UsernameNotFoundException("no such user"));
    }

    /** A partner node, authenticated by its pinned certificate. */
    static final class PartnerAuthentication extends AbstractAuthenticationToken {
        private final Caller.PartnerNode partner;

        PartnerAuthentication(Caller.PartnerNode partner) {
            super(List.of(new SimpleGrantedAuthority(PARTNER)));
            this.partner = partner;
            setAuthenticated(true);
        }

        @Override
        public Object getCredentials() {
            return null;
        }

        @Override
        public Object getPrincipal() {
            return partner;
        }

        @Override
        public String getName() {
            return partner.auditName();
        }
    }

    /** A user, authenticated by a bearer token. */
    static final class TokenAuthentication extends AbstractAuthenticationToken {
        private final Caller.User user;

        TokenAuthentication(Caller.User user) {
            super(user.roles().stream().map(role -> new SimpleGrantedAuthority(role.authority())).toList());
            this.user = user;
            setAuthenticated(true);
        }

        @Override
        public Object getCredentials() {
            return null;
        }

        @Override
        public Object getPrincipal() {
            return user;
        }

        @Override
        public String getName() {
            return user.username();
        }
    }

    static final class PartnerCertificateFilter extends OncePerRequestFilter {
        private final Partners partners;

        PartnerCertificateFilter(Partners partners) {
            this.partners = partners;
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            X509Certificate[] chainPresented = (X509Certificate[]) request.getAttribute("jakarta.servlet.request.X509Certificate");
            if (chainPresented == null || chainPresented.length == 0) {
                chain.doFilter(request, response);
                return;
            }
            Fingerprint fingerprint = PairingRecord.fingerprintOf(chainPresented[0]);
            var partner = partners.byFingerprint(fingerprint);
            if (partner.isEmpty()) {
                log.warn("refused {} {} from {}: client certificate SHA-256 {} is not pinned for any partner",
                        request.getMethod(), request.getRequestURI(), request.getRemoteAddr(), fingerprint);
                Problem.write(request, response, 403, "Forbidden", "client certificate " + fingerprint + " is not pinned for any partner");
                return;
            }
            if (request.getHeader("Authorization") != null) {
                Problem.write(request, response, 400, "Ambiguous caller",
                        "send either a partner certificate or user credentials, not both");
                return;
            }
            SecurityContextHolder.getContext().setAuthentication(new PartnerAuthentication(new Caller.PartnerNode(partner.get())));
            chain.doFilter(request, response);
        }
    }

    static final class BearerTokenFilter extends OncePerRequestFilter {
        private final ApiTokens tokens;
        private final UserTable users;

        BearerTokenFilter(ApiTokens tokens, UserTable users) {
            this.tokens = tokens;
            this.users = users;
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            String header = request.getHeader("Authorization");
            if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
                chain.doFilter(request, response);
                return;
            }
            var user = tokens.owner(header.substring(7).trim()).flatMap(users::find).filter(UserTable.StoredUser::enabled);
            if (user.isEmpty()) {
                Problem.unauthorized(request, response, null);
                return;
            }
            Set<Role> roles = user.get().roles();
            SecurityContextHolder.getContext().setAuthentication(
                    new TokenAuthentication(new Caller.User(user.get().username(), roles, "token")));
            chain.doFilter(request, response);
        }
    }
}
