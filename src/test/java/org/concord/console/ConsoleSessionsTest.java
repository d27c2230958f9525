package org.concord.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.concord.party.Role;
import org.concord.party.UserAccounts;
import org.concord.testing.Https;
import org.concord.testing.TestNode;
import org.concord.testing.TwoNodes;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The console's login over plain HTTPS, the way a browser does it: a form, a session cookie, a
 * CSRF token. What the browser test cannot easily show: a session ends when the password changes,
 * and a login without the page's token is refused.
 */
class ConsoleSessionsTest {

    static TestNode ir;
    static Https https;

    @BeforeAll
    static void start() {
        ir = TwoNodes.shared().ir;
        https = Https.to(ir);
    }

    @Test
    void aSessionEndsWhenTheUsersPasswordChanges() throws Exception {
        // given an officer logged in to the console
        String username = "console-" + System.nanoTime();
        UserAccounts accounts = ir.bean(UserAccounts.class);
        accounts.add(username, Set.of(Role.VIEWER), "first-password-0123456789", "test");
        String session = logIn(username, "first-password-0123456789");
        assertThat(https.get("/console/desk", "Cookie", session).statusCode()).isEqualTo(200);

        // when the password is changed (by an administrator, or by the officer elsewhere)
        accounts.setPassword(username, "second-password-0123456789", "test");

        // then the session is over: the next page sends the browser to log in again
        HttpResponse<String> after = https.get("/console/desk", "Cookie", session);
        assertThat(after.statusCode()).isEqualTo(302);
        assertThat(after.headers().firstValue("Location").orElse("")).endsWith("/login?ended");
    }

    @Test
    void aLoginWithoutThePagesCsrfTokenIsRefused() throws Exception {
        HttpResponse<String> forged = https.send("POST", "/login", form(ir.username(Role.ADMIN), ir.password(Role.ADMIN), null),
                "Content-Type", "application/x-www-form-urlencoded");
        assertThat(forged.statusCode()).isEqualTo(403);
        // whatever cookie came with the refusal opens nothing
        String cookie = forged.headers().firstValue("Set-Cookie").map(c -> c.substring(0, c.indexOf(';'))).orElse("none=none");
        assertThat(https.get("/console/desk", "Cookie", cookie).statusCode()).isEqualTo(302);
    }

    @Test
    void aWrongPasswordLeadsBackToTheLoginPageWithoutASession() throws Exception {
        HttpResponse<String> page = https.get("/login");
        String cookie = cookie(page);
        HttpResponse<String> wrong = https.send("POST", "/login", form(ir.username(Role.VIEWER), "not-the-password", csrf(page.body())),
                "Content-Type", "application/x-www-form-urlencoded", "Cookie", cookie);
        assertThat(wrong.statusCode()).isEqualTo(302);
        assertThat(wrong.headers().firstValue("Location").orElse("")).endsWith("/login?failed");
        assertThat(https.get("/console/desk", "Cookie", cookie).statusCode()).isEqualTo(302);
    }

    /** Logs in through the form; returns the session's Cookie header. */
    static String logIn(String username, String password) throws Exception {
        HttpResponse<String> page = https.get("/login");
        assertThat(page.statusCode()).isEqualTo(200);
        HttpResponse<String> in = https.send("POST", "/login", form(username, password, csrf(page.body())),
                "Content-Type", "application/x-www-form-urlencoded", "Cookie", cookie(page));
        assertThat(in.statusCode()).isEqualTo(302);
        assertThat(in.headers().firstValue("Location").orElse("")).endsWith("/console/desk");
        String setCookie = in.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(setCookie).contains("Secure").contains("HttpOnly").containsIgnoringCase("SameSite=Strict");
        return setCookie.substring(0, setCookie.indexOf(';'));
    }

    static String cookie(HttpResponse<String> response) {
        String setCookie = response.headers().firstValue("Set-Cookie").orElseThrow();
        return setCookie.substring(0, setCookie.indexOf(';'));
    }

    static String csrf(String html) {
        Matcher m = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(html);
        assertThat(m.find()).as("the login form carries a CSRF token").isTrue();
        return m.group(1);
    }

    static String form(String username, String password, String csrf) {
        String body = "username=" + enc(username) + "&password=" + enc(password);
        return csrf == null ? body : body + "&_csrf=" + enc(csrf);
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
