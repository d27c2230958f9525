package org.concord.party.security;

import java.io.IOException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Set;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.concord.party.ApiTokens;
import org.concord.party.Caller;
import org.concord.party.Fingerprint;
import org.concord.party.PairingRecord;
import org.concord.party.Partners;
import org.concord.party.Role;
import org.concord.party.UserAccounts;
import org.concord.party.persistence.UserTable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.authentication.www.BasicAuthenticationConverter;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
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
 * {@code POST /ledger/cosignatures}, which only a partner may call, and the private set
 * intersection's {@code POST /psi/sessions/**} steps, screening.md); every other
 * {@code /api} endpoint needs a user role, and controllers narrow it further with
 * {@code @PreAuthorize}. Anything not listed is denied. There are no sessions and no cookies, so
 * there is nothing for cross-site request forgery to ride on.
 *
 * <p>Failed logins, by password or token, are counted per account and per address
 * ({@link LoginThrottle}); a blocked attempt gets 429 with {@code Retry-After} before any password
 * is checked. A session (only the web console has them, through its own chain and form login,
 * {@link ConsoleSecurity}) that carries a
 * {@link UserAccounts.SessionStamp} under {@link #SESSION_STAMP} ends as soon as the user's
 * password changes or the user is disabled or removed ({@link SessionCredentialsFilter}).
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

    /** The session attribute the web console's form login ({@link ConsoleSecurity}) stores its {@link UserAccounts.SessionStamp} under. */
    public static final String SESSION_STAMP = "org.concord.party.session-stamp";

    @Bean
    SecurityFilterChain filterChain(HttpSecurity http, Partners partners, ApiTokens tokens, UserTable users,
            UserAccounts accounts, LoginThrottle throttle, UserDetailsService userDetails, PasswordEncoder passwords)
            throws Exception {
        // HTTP Basic's user comes with the throttle's rows in one round trip (ThrottledBasicFilter), read from the request
        PreloadedUsers preloaded = new PreloadedUsers(userDetails);
        DaoAuthenticationProvider provider = new DaoAuthenticationProvider(preloaded);
        provider.setPasswordEncoder(passwords);
        http.csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .exceptionHandling(errors -> errors.authenticationEntryPoint(Problem::unauthorized)
                        .accessDeniedHandler((request, response, denied) -> {
                            // name the role needed, so the officer knows whom to ask (RequiredRoles)
                            java.util.List<String> roles = RequiredRoles.of(denied);
                            Problem.write(request, response, 403, "Forbidden", RequiredRoles.detail(denied, roles),
                                    roles.isEmpty() ? java.util.Map.of("rule", "forbidden")
                                            : java.util.Map.of("rule", "role", "requiredRoles", roles));
                        }))
                .addFilterBefore(new SessionCredentialsFilter(accounts, SessionCredentialsFilter.API), BasicAuthenticationFilter.class)
                .addFilterBefore(new PartnerCertificateFilter(partners), BasicAuthenticationFilter.class)
                .addFilterBefore(new BearerTokenFilter(tokens, throttle), BasicAuthenticationFilter.class)
                .addFilterAt(new ThrottledBasicFilter(new ProviderManager(provider), throttle, users, preloaded), BasicAuthenticationFilter.class)
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/actuator/health", "/actuator/health/**").permitAll()
                        .requestMatchers("/actuator/**").hasRole("ADMIN")
                        .requestMatchers(HttpMethod.GET, "/api/whoami").authenticated()
                        .requestMatchers("/taxii2", "/taxii2/**").authenticated()
                        .requestMatchers(HttpMethod.POST, "/ledger/cosignatures").hasAuthority(PARTNER)
                        // private set intersection (screening): the partner node's half of a session; people use /api/screening/psi
                        .requestMatchers(HttpMethod.POST, "/psi/sessions", "/psi/sessions/*/declined", "/psi/sessions/*/blinded", "/psi/sessions/*/blinded/*",
                                "/psi/sessions/*/answer/*", "/psi/sessions/*/reblinded/*").hasAuthority(PARTNER)
                        .requestMatchers(HttpMethod.GET, "/ledger/checkpoint", "/ledger/proof/inclusion",
                                "/ledger/proof/consistency", "/ledger/entries", "/ledger/cosignatures", "/ledger/alarms",
                                "/ledger/receipts").hasAnyAuthority(LEDGER_READERS)
                        .requestMatchers(HttpMethod.GET, "/ledger/witnessed").hasAnyAuthority(LEDGER_READERS)
                        // several receipts at once (a partner completing the promises of a delivery): a read, as the GET
                        .requestMatchers(HttpMethod.POST, "/ledger/receipts").hasAnyAuthority(LEDGER_READERS)
                        .requestMatchers(HttpMethod.POST, "/ledger/alarms/*/acknowledgement").hasRole("ADMIN")
                        // The OpenAPI document describes the API, not its data: anyone may read it (docs/api.md).
                        .requestMatchers(HttpMethod.GET, "/v3/api-docs", "/v3/api-docs/**", "/v3/api-docs.yaml").permitAll()
                        // Swagger UI (springdoc's) for people who may use the API: log in with Basic or a token.
                        .requestMatchers(HttpMethod.GET, "/swagger-ui", "/swagger-ui/**", "/swagger-ui.html").hasAnyRole(USER_ROLES)
                        .requestMatchers("/api/**").hasAnyRole(USER_ROLES)
                        .requestMatchers("/error").permitAll()
                        .anyRequest().denyAll());
        return http.build();
    }

    @Bean
    UserDetailsService userDetailsService(UserTable users) {
        return username -> users.find(username).map(WebSecurity::details).orElseThrow(() -> new UsernameNotFoundException("no such user"));
    }

    /** A stored user as Spring Security checks a password against it. */
    static UserDetails details(UserTable.StoredUser user) {
        return User.withUsername(user.username())
                .password(user.passwordHash())
                .disabled(!user.enabled())
                .authorities(user.roles().stream().map(Role::authority).toArray(String[]::new))
                .build();
    }

    /**
     * The users HTTP Basic checks a password against: the one {@link ThrottledBasicFilter} read for this request with the
     * throttle's rows, else (another name asked for, or no request under way on this thread) the database's.
     */
    static final class PreloadedUsers implements UserDetailsService {
        /** The user named in a request's Authorization header as read, or none if no such user is stored. */
        record Preloaded(String username, java.util.Optional<UserTable.StoredUser> user) {
        }

        private final ThreadLocal<Preloaded> current = new ThreadLocal<>();
        private final UserDetailsService database;

        PreloadedUsers(UserDetailsService database) {
            this.database = database;
        }

        @Override
        public UserDetails loadUserByUsername(String username) {
            Preloaded preloaded = current.get();
            if (preloaded != null && preloaded.username().equals(username)) {
                return preloaded.user().map(WebSecurity::details).orElseThrow(() -> new UsernameNotFoundException("no such user"));
            }
            return database.loadUserByUsername(username);
        }
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

    /** A user, authenticated by a bearer token; its details are the token ({@link ApiTokens.Presented}). */
    static final class TokenAuthentication extends AbstractAuthenticationToken {
        private final Caller.User user;

        TokenAuthentication(Caller.User user, ApiTokens.Presented token) {
            super(user.roles().stream().map(role -> new SimpleGrantedAuthority(role.authority())).toList());
            this.user = user;
            setDetails(token);
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
        private final LoginThrottle throttle;

        BearerTokenFilter(ApiTokens tokens, LoginThrottle throttle) {
            this.tokens = tokens;
            this.throttle = throttle;
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            String header = request.getHeader("Authorization");
            if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
                chain.doFilter(request, response);
                return;
            }
            // The address's failed-login row comes with the token, in one query; a blocked address is
            // refused before anything about the token is used or written.
            var lookup = tokens.lookUp(header.substring(7).trim(), LoginThrottle.addressSubject(request.getRemoteAddr()));
            LoginThrottle.Standing standing = throttle.standing(lookup.throttle().stream().toList());
            if (standing.isBlocked()) {
                tooManyFailures(request, response, standing);
                return;
            }
            ApiTokens.Check check = tokens.check(lookup);
            if (check.expiredAt() != null) {
                // The caller holds a real secret that has run out: not a guess, so not counted as one.
                response.setHeader("WWW-Authenticate", "Bearer realm=\"Concord\", error=\"invalid_token\"");
                Problem.write(request, response, 401, "Unauthorized", "this token expired at " + check.expiredAt()
                        + "; log in with your password and ask for a new one (POST /api/tokens)");
                return;
            }
            var user = java.util.Optional.ofNullable(check.live()).map(token -> check.owner())
                    .filter(UserTable.StoredUser::enabled);
            if (user.isEmpty()) {
                throttle.failed(null, request.getRemoteAddr(), "token");
                Problem.unauthorized(request, response, null);
                return;
            }
            Set<Role> roles = user.get().roles();
            SecurityContextHolder.getContext().setAuthentication(
                    new TokenAuthentication(new Caller.User(user.get().username(), roles, "token"), check.live()));
            chain.doFilter(request, response);
        }
    }

    /**
     * HTTP Basic, throttled: an attempt for a blocked account or from a blocked address is refused
     * with 429 before its password is checked; a failure is counted, a success clears the account.
     */
    static final class ThrottledBasicFilter extends BasicAuthenticationFilter {
        private static final String ACCOUNT = ThrottledBasicFilter.class.getName() + ".account";
        private static final String STANDING = ThrottledBasicFilter.class.getName() + ".standing";
        private final LoginThrottle throttle;
        private final UserTable users;
        private final PreloadedUsers preloaded;
        private final BasicAuthenticationConverter converter = new BasicAuthenticationConverter();

        ThrottledBasicFilter(AuthenticationManager manager, LoginThrottle throttle, UserTable users, PreloadedUsers preloaded) {
            super(manager, Problem::unauthorized);
            this.throttle = throttle;
            this.users = users;
            this.preloaded = preloaded;
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws IOException, ServletException {
            String header = request.getHeader("Authorization");
            if (header != null && header.regionMatches(true, 0, "Basic ", 0, 6)) {
                String account = null;
                try {
                    var given = converter.convert(request);
                    account = given == null ? null : given.getName();
                } catch (AuthenticationException malformed) {
                    // The parent refuses it with 401 and it is counted as a failure of the address.
                }
                // the throttle's rows and the user named, in one round trip; the password is then checked against that user
                UserTable.UserLookup lookup = users.userWithThrottle(account == null ? "" : account,
                        LoginThrottle.subjects(account, request.getRemoteAddr()));
                LoginThrottle.Standing standing = throttle.standing(lookup.throttle());
                if (standing.isBlocked()) {
                    tooManyFailures(request, response, standing);
                    return;
                }
                request.setAttribute(ACCOUNT, account);
                request.setAttribute(STANDING, standing);
                preloaded.current.set(new PreloadedUsers.Preloaded(account == null ? "" : account, lookup.user()));
                try {
                    super.doFilterInternal(request, response, chain);
                } finally {
                    preloaded.current.remove();
                }
                return;
            }
            super.doFilterInternal(request, response, chain);
        }

        @Override
        protected void onSuccessfulAuthentication(HttpServletRequest request, HttpServletResponse response,
                Authentication authentication) {
            // read for the password's check only: the request goes on without it
            preloaded.current.remove();
            if (request.getAttribute(STANDING) instanceof LoginThrottle.Standing standing && standing.accountHasFailures()) {
                throttle.succeeded(authentication.getName());
            }
        }

        @Override
        protected void onUnsuccessfulAuthentication(HttpServletRequest request, HttpServletResponse response,
                AuthenticationException failed) {
            preloaded.current.remove();
            if (org.concord.node.DatabaseUnavailable.is(failed)) {
                // not a wrong password: the users table could not be read. Not counted; answered 503 (node.ErrorDocuments).
                throw failed;
            }
            throttle.failed((String) request.getAttribute(ACCOUNT), request.getRemoteAddr(), "password");
        }
    }

    static void tooManyFailures(HttpServletRequest request, HttpServletResponse response, LoginThrottle.Standing standing)
            throws IOException {
        long seconds = standing.retryAfterSeconds();
        response.setHeader("Retry-After", String.valueOf(seconds));
        Problem.write(request, response, 429, "Too Many Requests", "too many failed logins " + ("account".equals(standing.blocked())
                ? "for this account" : "from this address") + "; no login is checked for " + seconds
                + " seconds (Retry-After), and every further failure doubles the wait");
    }

    /**
     * A session that began under an earlier credentials epoch of its user (the password changed,
     * the user was disabled or removed since) is ended, and the request answered as the chain it
     * guards answers the logged-out: the API with 401, the console by sending the browser to log in.
     */
    static final class SessionCredentialsFilter extends OncePerRequestFilter {

        /** How the chain answers a request whose session was just ended. */
        @FunctionalInterface
        interface Ended {
            void answer(HttpServletRequest request, HttpServletResponse response) throws IOException;
        }

        /** The API's answer: 401 with the schemes it takes and a problem document. */
        static final Ended API = (request, response) -> {
            response.setHeader("WWW-Authenticate", "Basic realm=\"Concord\", Bearer realm=\"Concord\"");
            Problem.write(request, response, 401, "Unauthorized",
                    "this session ended: the password was changed or the user disabled or removed since it began; log in again");
        };

        private final UserAccounts accounts;
        private final Ended ended;

        SessionCredentialsFilter(UserAccounts accounts, Ended ended) {
            this.accounts = accounts;
            this.ended = ended;
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            HttpSession session = request.getSession(false);
            if (session != null && session.getAttribute(SESSION_STAMP) instanceof UserAccounts.SessionStamp stamp
                    && !accounts.sessionIsCurrent(stamp)) {
                session.invalidate();
                SecurityContextHolder.clearContext();
                log.info("ended a session of '{}' at {}: its credentials changed since it began", stamp.username(),
                        request.getRequestURI());
                ended.answer(request, response);
                return;
            }
            chain.doFilter(request, response);
        }
    }
}
