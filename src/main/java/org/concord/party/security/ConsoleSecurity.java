package org.concord.party.security;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.concord.party.UserAccounts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Who may open the web console (module {@code console}, docs/console.md): people with a user
 * account, through a form login, and nobody else. A chain of its own, matched before the API's
 * ({@link WebSecurity}), on the console's paths only, so that the API stays as it was: stateless,
 * no cookies, no CSRF.
 *
 * <ul>
 * <li>Form login at {@code /login} against the same accounts and password hashes as the API's
 * HTTP Basic, throttled the same way ({@link LoginThrottle}): a blocked account or address is sent
 * back to the login page before any password is checked.</li>
 * <li>A session cookie (Secure, HttpOnly, SameSite=Strict: application.yml) that carries a
 * {@link UserAccounts.SessionStamp}: the session ends as soon as the user's password changes or
 * the user is disabled or removed.</li>
 * <li>CSRF protection on every request that changes anything, the token in each form and in the
 * {@code X-CSRF-TOKEN} header htmx sends; logout ({@code POST /logout}) invalidates the session.</li>
 * <li>A partner node, known by its TLS client certificate, gets nothing here (403).</li>
 * <li>An API token ({@code Authorization: Bearer}) opens nothing here either: 401, with the advice to
 * log in. (HTTP Basic is ignored rather than refused, because a browser that used Swagger UI sends
 * it on its own; without a session it leads to the login page like no credentials at all.)</li>
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class ConsoleSecurity {

    private static final Logger log = LoggerFactory.getLogger(ConsoleSecurity.class);

    /** The paths the console's chain answers; every other path stays with the API's chain. */
    static final String[] PATHS = {"/", "/console", "/console/**", "/login", "/logout"};
    private static final String[] USER_ROLES = {"ADMIN", "LIAISON", "ANALYST", "VIEWER"};
    /** What the browser may load and run on a console page: only the node's own files. */
    private static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; "
            + "form-action 'self'; frame-ancestors 'none'";

    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE + 10)
    SecurityFilterChain consoleFilterChain(HttpSecurity http, UserAccounts accounts, LoginThrottle throttle,
            UserDetailsService userDetails, PasswordEncoder passwords) throws Exception {
        DaoAuthenticationProvider provider = new DaoAuthenticationProvider(userDetails);
        provider.setPasswordEncoder(passwords);
        http.securityMatcher(PATHS)
                .authenticationManager(new ProviderManager(provider))
                .addFilterBefore(new NoPartners(), CsrfFilter.class)
                .addFilterBefore(new NoTokens(), CsrfFilter.class)
                .addFilterBefore(new WebSecurity.SessionCredentialsFilter(accounts,
                        (request, response) -> response.sendRedirect(request.getContextPath() + "/login?ended")),
                        UsernamePasswordAuthenticationFilter.class)
                .addFilterBefore(new ThrottledFormLogin(throttle), UsernamePasswordAuthenticationFilter.class)
                .formLogin(form -> form.loginPage("/login").permitAll()
                        .successHandler((request, response, authentication) -> {
                            throttle.succeeded(authentication.getName());
                            request.getSession().setAttribute(WebSecurity.SESSION_STAMP,
                                    accounts.sessionStamp(authentication.getName()));
                            response.sendRedirect(request.getContextPath() + "/console/desk");
                        })
                        .failureHandler((request, response, failed) -> {
                            if (org.concord.node.DatabaseUnavailable.is(failed)) {
                                throw failed;
                            }
                            String account = request.getParameter("username");
                            throttle.failed(account == null ? "" : account, request.getRemoteAddr(), "password");
                            response.sendRedirect(request.getContextPath() + "/login?failed");
                        }))
                .logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl("/login?loggedOut")
                        .invalidateHttpSession(true).clearAuthentication(true))
                .requestCache(cache -> cache.disable())
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER)))
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/console/assets/**").permitAll()
                        .requestMatchers("/login").permitAll()
                        .requestMatchers("/", "/console", "/console/**").hasAnyRole(USER_ROLES)
                        .anyRequest().denyAll());
        return http.build();
    }

    /** The console is for people: a caller presenting a TLS client certificate (a partner node) is refused. */
    static final class NoPartners extends OncePerRequestFilter {
        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            Object certificates = request.getAttribute("jakarta.servlet.request.X509Certificate");
            if (certificates instanceof java.security.cert.X509Certificate[] presented && presented.length > 0) {
                log.warn("refused {} {} from {}: the console is not for partner nodes", request.getMethod(),
                        request.getRequestURI(), request.getRemoteAddr());
                Problem.write(request, response, 403, "Forbidden", "the web console is for people who log in, not for partner nodes");
                return;
            }
            chain.doFilter(request, response);
        }
    }

    /** API tokens are for scripts calling the API: the console refuses them (401) rather than silently ignoring them. */
    static final class NoTokens extends OncePerRequestFilter {
        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            String header = request.getHeader("Authorization");
            if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
                response.setHeader("WWW-Authenticate", "Bearer realm=\"Concord console\", error=\"invalid_token\", "
                        + "error_description=\"the web console takes no API token; log in at /login\"");
                Problem.write(request, response, 401, "Unauthorized",
                        "the web console takes no API token; log in with your password at /login (tokens are for /api)");
                return;
            }
            chain.doFilter(request, response);
        }
    }

    /** A login attempt for a blocked account or from a blocked address goes back to the login page, its password unchecked. */
    static final class ThrottledFormLogin extends OncePerRequestFilter {
        private final LoginThrottle throttle;

        ThrottledFormLogin(LoginThrottle throttle) {
            this.throttle = throttle;
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            if ("POST".equals(request.getMethod()) && "/login".equals(request.getServletPath())) {
                LoginThrottle.Standing standing = throttle.standing(request.getParameter("username"), request.getRemoteAddr());
                if (standing.isBlocked()) {
                    response.setHeader("Retry-After", String.valueOf(standing.retryAfterSeconds()));
                    response.sendRedirect(request.getContextPath() + "/login?blocked=" + standing.retryAfterSeconds());
                    return;
                }
            }
            chain.doFilter(request, response);
        }
    }
}
