package org.concord.party.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.concord.audit.AuditEntry;
import org.concord.audit.AuditLog;
import org.concord.party.ApiTokens;
import org.concord.party.Role;
import org.concord.party.UserAccounts;
import org.concord.testing.Https;
import org.concord.testing.MovableClock;
import org.concord.testing.Postgres;
import org.concord.testing.TestNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 9, defect 3, from the seat of an administrator who must contain a leaked credential and of
 * the thief who holds it: tokens are listed by id and revoked, a token cannot renew itself beyond
 * its own life, and a password change, disabling or removing a user ends its tokens and sessions.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CredentialsCanBeContainedTest {

    static final JsonMapper JSON = JsonMapper.builder().build();
    MovableClock clock;
    TestNode pk;
    Https https;

    @BeforeAll
    void start() {
        clock = new MovableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
        pk = TestNode.start("PK", "Pakistan", TestNode.Store.POSTGRES, null, null, Map.of(), clock);
        https = Https.to(pk);
    }

    @AfterAll
    void stop() {
        pk.close();
        Postgres.dropSchema(pk.schema());
    }

    String[] basic(Role role, String... more) {
        return concat(Https.basic(pk.username(role), pk.password(role)), more);
    }

    static String[] bearer(String token, String... more) {
        return concat(new String[] {"Authorization", "Bearer " + token}, more);
    }

    JsonNode issue(String[] credentials, String label, int hours) throws Exception {
        var issued = https.send("POST", "/api/tokens", "{\"label\":\"" + label + "\",\"hours\":" + hours + "}",
                concat(credentials, "Content-Type", "application/json"));
        assertThat(issued.statusCode()).as(issued.body()).isEqualTo(201);
        return JSON.readTree(issued.body());
    }

    int whoami(String token) throws Exception {
        return https.get("/api/whoami", bearer(token)).statusCode();
    }

    List<AuditEntry> audit(String action) {
        return pk.bean(AuditLog.class).recent(1000).stream().filter(e -> e.action().equals(action)).toList();
    }

    @Test
    void theOwnerListsItsTokensByIdWithoutTheirSecretsAndRevokesOne() throws Exception {
        JsonNode nightly = issue(basic(Role.ANALYST), "nightly export", 48);
        JsonNode weekly = issue(basic(Role.ANALYST), "weekly report", 48);
        assertThat(nightly.path("id").asLong()).isNotEqualTo(weekly.path("id").asLong());

        var listed = https.get("/api/tokens", bearer(weekly.path("token").asString()));
        assertThat(listed.statusCode()).isEqualTo(200);
        JsonNode tokens = JSON.readTree(listed.body());
        assertThat(tokens.findValuesAsString("label")).contains("nightly export", "weekly report");
        assertThat(tokens.findValuesAsString("username")).containsOnly("pk-analyst");
        assertThat(listed.body()).doesNotContain(nightly.path("token").asString()).doesNotContain(weekly.path("token").asString())
                .doesNotContain(ApiTokens.class.getSimpleName());
        for (JsonNode token : tokens) {
            assertThat(token.has("token")).isFalse();
            assertThat(token.path("expiresAt").asString()).isNotBlank();
            assertThat(token.path("createdAt").asString()).isNotBlank();
        }
        JsonNode used = find(tokens, weekly.path("id").asLong());
        assertThat(used.path("lastUsedAt").asString()).as("the token that just listed was used").isNotBlank();

        var revoked = https.send("DELETE", "/api/tokens/" + nightly.path("id").asLong(), null, bearer(weekly.path("token").asString()));
        assertThat(revoked.statusCode()).as(revoked.body()).isEqualTo(200);
        assertThat(whoami(nightly.path("token").asString())).isEqualTo(401);
        assertThat(whoami(weekly.path("token").asString())).isEqualTo(200);
        assertThat(https.send("DELETE", "/api/tokens/" + nightly.path("id").asLong(), null, basic(Role.ANALYST)).statusCode())
                .as("revoking twice").isEqualTo(404);
        assertThat(audit("token.revoked")).anySatisfy(e -> {
            assertThat(e.actor()).isEqualTo("user:pk-analyst");
            assertThat(e.detail()).contains("token " + nightly.path("id").asLong()).contains("nightly export");
        });
    }

    @Test
    void anotherUserCannotSeeOrRevokeATokenButAnAdministratorCan() throws Exception {
        JsonNode liaisons = issue(basic(Role.LIAISON), "liaison script", 10);
        long id = liaisons.path("id").asLong();

        var byViewer = https.send("DELETE", "/api/tokens/" + id, null, basic(Role.VIEWER));
        assertThat(byViewer.statusCode()).as("another user's token id is not revealed").isEqualTo(404);
        assertThat(byViewer.body()).contains("no live token " + id + " of yours");
        assertThat(https.send("DELETE", "/api/tokens/" + (id + 100000), null, basic(Role.VIEWER)).body()
                .replace(String.valueOf(id + 100000), String.valueOf(id)))
                .as("the same answer as for a token that does not exist").isEqualTo(byViewer.body());
        assertThat(whoami(liaisons.path("token").asString())).isEqualTo(200);
        var listByViewer = https.get("/api/tokens?user=pk-liaison", basic(Role.VIEWER));
        assertThat(listByViewer.statusCode()).isEqualTo(403);
        assertThat(https.get("/api/tokens", basic(Role.VIEWER)).body()).doesNotContain("liaison script");

        var listByAdmin = https.get("/api/tokens?user=pk-liaison", basic(Role.ADMIN));
        assertThat(listByAdmin.statusCode()).isEqualTo(200);
        assertThat(listByAdmin.body()).contains("liaison script");
        assertThat(https.get("/api/tokens?user=nobody-here", basic(Role.ADMIN)).statusCode()).isEqualTo(404);
        var byAdmin = https.send("DELETE", "/api/tokens/" + id, null, basic(Role.ADMIN));
        assertThat(byAdmin.statusCode()).isEqualTo(200);
        assertThat(whoami(liaisons.path("token").asString())).isEqualTo(401);
        assertThat(audit("token.revoked")).anySatisfy(e -> {
            assertThat(e.actor()).isEqualTo("user:pk-admin");
            assertThat(e.subject()).isEqualTo("pk-liaison");
        });
        var notANumber = https.send("DELETE", "/api/tokens/abc", null, basic(Role.ADMIN));
        assertThat(notANumber.statusCode()).isEqualTo(400);
        assertThat(notANumber.body()).contains("\"field\":\"id\"");
    }

    @Test
    void aTokenCannotMintATokenThatOutlivesIt() throws Exception {
        JsonNode parent = issue(basic(Role.VIEWER), "short-lived", 3);
        String token = parent.path("token").asString();
        var tooLong = https.send("POST", "/api/tokens", "{\"label\":\"renewal\",\"hours\":2160}",
                bearer(token, "Content-Type", "application/json"));
        assertThat(tooLong.statusCode()).isEqualTo(400);
        JsonNode problem = JSON.readTree(tooLong.body());
        assertThat(problem.path("field").asString()).isEqualTo("hours");
        assertThat(problem.path("rule").asString()).isEqualTo("within-calling-token");
        assertThat(problem.path("detail").asString()).contains("may not mint a token that outlives it").contains("at most 3 hours");
        assertThat(https.send("POST", "/api/tokens", "{\"label\":\"renewal\"}", bearer(token, "Content-Type", "application/json"))
                .statusCode()).as("the default of 24 hours outlives it too").isEqualTo(400);

        JsonNode child = issue(bearer(token), "child", 3);
        assertThat(Instant.parse(child.path("expiresAt").asString())).isBeforeOrEqualTo(Instant.parse(parent.path("expiresAt").asString()));

        clock.advance(Duration.ofMinutes(150));
        var nothingLeft = https.send("POST", "/api/tokens", "{\"label\":\"last\",\"hours\":1}", bearer(token, "Content-Type", "application/json"));
        assertThat(nothingLeft.statusCode()).isEqualTo(400);
        assertThat(nothingLeft.body()).contains("less than 1 hour left");
        clock.advance(Duration.ofMinutes(31));
        var expired = https.get("/api/whoami", bearer(token));
        assertThat(expired.statusCode()).isEqualTo(401);
        assertThat(expired.body()).contains("expired at " + parent.path("expiresAt").asString());
        assertThat(whoami(child.path("token").asString())).isEqualTo(401);
        // A password still gives the longest token.
        assertThat(issue(basic(Role.VIEWER), "quarterly", 2160).path("expiresAt").asString()).isNotBlank();
    }

    @Test
    void aPasswordChangeDisablingAndRemovalEndTheUsersTokensAndSessions() throws Exception {
        UserAccounts accounts = pk.bean(UserAccounts.class);
        String password = "first-password-0123456789";
        accounts.add("leaky", Set.of(Role.ANALYST), password, "test");
        String[] leaky = Https.basic("leaky", password);
        String first = issue(leaky, "laptop", 24).path("token").asString();
        UserAccounts.SessionStamp session = accounts.sessionStamp("leaky");
        assertThat(accounts.sessionIsCurrent(session)).isTrue();

        var changed = https.send("PUT", "/api/users/leaky/password", null, basic(Role.ADMIN));
        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
        String newPassword = JSON.readTree(changed.body()).path("password").asString();
        assertThat(newPassword).hasSize(20);
        assertThat(whoami(first)).as("the token ended with the password").isEqualTo(401);
        assertThat(accounts.sessionIsCurrent(session)).as("a session begun before the change").isFalse();
        assertThat(https.get("/api/whoami", leaky).statusCode()).isEqualTo(401);
        leaky = Https.basic("leaky", newPassword);
        assertThat(https.get("/api/whoami", leaky).statusCode()).isEqualTo(200);
        assertThat(audit("user.password-set")).anySatisfy(e -> assertThat(e.detail()).contains("1 token ended"));

        String second = issue(leaky, "laptop again", 24).path("token").asString();
        session = accounts.sessionStamp("leaky");
        var disabled = https.send("POST", "/api/users/leaky/disable", null, basic(Role.ADMIN));
        assertThat(disabled.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(disabled.body()).path("enabled").asBoolean()).isFalse();
        assertThat(whoami(second)).isEqualTo(401);
        assertThat(https.get("/api/whoami", leaky).statusCode()).isEqualTo(401);
        assertThat(accounts.sessionIsCurrent(session)).isFalse();
        assertThat(https.send("POST", "/api/users/leaky/enable", null, basic(Role.ADMIN)).statusCode()).isEqualTo(200);
        assertThat(https.get("/api/whoami", leaky).statusCode()).isEqualTo(200);
        assertThat(whoami(second)).as("enabling again does not bring tokens back").isEqualTo(401);
        assertThat(accounts.sessionIsCurrent(session)).as("nor sessions").isFalse();

        String third = issue(leaky, "one more", 24).path("token").asString();
        assertThat(https.send("DELETE", "/api/users/leaky", null, basic(Role.LIAISON)).statusCode()).isEqualTo(403);
        assertThat(https.send("DELETE", "/api/users/leaky", null, basic(Role.ADMIN)).statusCode()).isEqualTo(204);
        assertThat(whoami(third)).isEqualTo(401);
        assertThat(https.get("/api/whoami", leaky).statusCode()).isEqualTo(401);
        assertThat(accounts.exists("leaky")).isFalse();
        assertThat(https.send("DELETE", "/api/users/leaky", null, basic(Role.ADMIN)).statusCode()).isEqualTo(404);
        assertThat(audit("user.disabled")).anySatisfy(e -> assertThat(e.subject()).isEqualTo("leaky"));
        assertThat(audit("user.enabled")).anySatisfy(e -> assertThat(e.subject()).isEqualTo("leaky"));
        assertThat(audit("user.removed")).anySatisfy(e -> {
            assertThat(e.actor()).isEqualTo("user:pk-admin");
            assertThat(e.detail()).contains("[ANALYST]").contains("1 token ended");
        });
    }

    @Test
    void aSessionBegunBeforeThePasswordChangedIsEndedAtItsNextRequest() throws Exception {
        UserAccounts accounts = pk.bean(UserAccounts.class);
        accounts.add("console-user", Set.of(Role.VIEWER), "console-password-0123", "test");
        var filter = new WebSecurity.SessionCredentialsFilter(accounts, WebSecurity.SessionCredentialsFilter.API);
        MockHttpSession session = new MockHttpSession();
        session.setAttribute(WebSecurity.SESSION_STAMP, accounts.sessionStamp("console-user"));

        MockHttpServletResponse before = run(filter, session);
        assertThat(before.getStatus()).as("the session is current").isEqualTo(200);
        assertThat(session.isInvalid()).isFalse();

        accounts.setPassword("console-user", "console-password-changed", "test");
        MockHttpServletResponse after = run(filter, session);
        assertThat(after.getStatus()).isEqualTo(401);
        assertThat(after.getContentType()).contains("application/problem+json");
        assertThat(after.getContentAsString()).contains("this session ended");
        assertThat(session.isInvalid()).isTrue();
    }

    @Test
    void aUserChangesItsOwnPasswordOnlyWithItsPasswordAndNobodyElses() throws Exception {
        UserAccounts accounts = pk.bean(UserAccounts.class);
        accounts.add("self-service", Set.of(Role.VIEWER), "self-password-0123456", "test");
        String[] self = Https.basic("self-service", "self-password-0123456");
        String token = issue(self, "script", 5).path("token").asString();
        String body = "{\"password\":\"self-password-changed\"}";
        var byToken = https.send("PUT", "/api/users/self-service/password", body, bearer(token, "Content-Type", "application/json"));
        assertThat(byToken.statusCode()).as("a stolen token cannot turn itself into a password").isEqualTo(403);
        assertThat(https.send("PUT", "/api/users/pk-viewer/password", body, concat(self, "Content-Type", "application/json"))
                .statusCode()).isEqualTo(403);
        var tooShort = https.send("PUT", "/api/users/self-service/password", "{\"password\":\"short\"}",
                concat(self, "Content-Type", "application/json"));
        assertThat(tooShort.statusCode()).isEqualTo(400);
        assertThat(tooShort.body()).contains("\"field\":\"password\"");
        var bySelf = https.send("PUT", "/api/users/self-service/password", body, concat(self, "Content-Type", "application/json"));
        assertThat(bySelf.statusCode()).isEqualTo(200);
        assertThat(bySelf.body()).doesNotContain("self-password-changed");
        assertThat(https.get("/api/whoami", Https.basic("self-service", "self-password-changed")).statusCode()).isEqualTo(200);
        assertThat(whoami(token)).isEqualTo(401);
    }

    @Test
    void theLastEnabledAdministratorCanBeNeitherDisabledNorRemoved() throws Exception {
        var removed = https.send("DELETE", "/api/users/pk-admin", null, basic(Role.ADMIN));
        assertThat(removed.statusCode()).isEqualTo(409);
        assertThat(removed.body()).contains("last enabled ADMIN");
        assertThat(https.send("POST", "/api/users/pk-admin/disable", null, basic(Role.ADMIN)).statusCode()).isEqualTo(409);
        assertThat(https.get("/api/whoami", basic(Role.ADMIN)).statusCode()).isEqualTo(200);
        assertThat(https.send("POST", "/api/users/nobody-here/disable", null, basic(Role.ADMIN)).statusCode()).isEqualTo(404);
    }

    static MockHttpServletResponse run(WebSecurity.SessionCredentialsFilter filter, MockHttpSession session) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/whoami");
        request.setSession(session);
        MockHttpServletResponse response = new MockHttpServletResponse();
        filter.doFilter(request, response, new MockFilterChain());
        return response;
    }

    static JsonNode find(JsonNode tokens, long id) {
        for (JsonNode token : tokens) {
            if (token.path("id").asLong() == id) {
                return token;
            }
        }
        throw new AssertionError("no token " + id + " in " + tokens);
    }

    static String[] concat(String[] first, String... rest) {
        String[] all = java.util.Arrays.copyOf(first, first.length + rest.length);
        System.arraycopy(rest, 0, all, first.length, rest.length);
        return all;
    }
}
