package org.concord.party;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import org.concord.audit.AuditEntry;
import org.concord.audit.AuditLog;
import org.concord.testing.Https;
import org.concord.testing.TwoNodes;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A user's roles are listed in the order the API documents them, ADMIN, LIAISON, ANALYST, VIEWER
 * ({@link Role}'s), by {@code GET /api/users} and in the audit trail: the same in every process, not
 * in the order of {@code Set.copyOf}, which changes with every JVM start.
 */
class RolesAreListedInTheirDocumentedOrderTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final List<String> IN_ORDER = List.of("ADMIN", "LIAISON", "ANALYST", "VIEWER");
    private final TwoNodes nodes = TwoNodes.shared();

    @Test
    void a_user_with_every_role_has_them_listed_in_the_documented_order() throws Exception {
        String[] admin = Https.basic(nodes.pk.username(Role.ADMIN), nodes.pk.password(Role.ADMIN));
        Https https = Https.to(nodes.pk);
        String[] json = {admin[0], admin[1], "Content-Type", "application/json"};
        HttpResponse<String> added = https.send("POST", "/api/users",
                "{\"username\":\"every-role\",\"roles\":[\"VIEWER\",\"ANALYST\",\"LIAISON\",\"ADMIN\"],\"password\":\"every-role-password-1\"}",
                json);
        assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
        // the answer to the POST, and the user's own whoami, list them in the same order as the list of users
        assertThat(rolesOf(JSON.readTree(added.body()))).isEqualTo(IN_ORDER);
        try {
            HttpResponse<String> whoami = https.get("/api/whoami", Https.basic("every-role", "every-role-password-1"));
            assertThat(whoami.statusCode()).as(whoami.body()).isEqualTo(200);
            assertThat(rolesOf(JSON.readTree(whoami.body()))).as(whoami.body()).isEqualTo(IN_ORDER);
            HttpResponse<String> all = https.get("/api/users", admin);
            assertThat(all.statusCode()).as(all.body()).isEqualTo(200);
            JsonNode user = null;
            for (JsonNode each : JSON.readTree(all.body())) {
                if (each.path("username").asString().equals("every-role")) {
                    user = each;
                }
            }
            assertThat(user).as(all.body()).isNotNull();
            assertThat(rolesOf(user)).isEqualTo(IN_ORDER);
        } finally {
            HttpResponse<String> removed = https.send("DELETE", "/api/users/every-role", null, admin);
            assertThat(removed.statusCode()).as(removed.body()).isEqualTo(204);
        }
        List<AuditEntry> trail = nodes.pk.bean(AuditLog.class).recent(1000);
        assertThat(trail).filteredOn(e -> e.action().equals("user.added") && e.subject().equals("every-role"))
                .singleElement().satisfies(e -> assertThat(e.detail()).isEqualTo("roles [ADMIN, LIAISON, ANALYST, VIEWER]"));
        assertThat(trail).filteredOn(e -> e.action().equals("user.removed") && e.subject().equals("every-role"))
                .singleElement().satisfies(e -> assertThat(e.detail()).startsWith("roles [ADMIN, LIAISON, ANALYST, VIEWER];"));
    }

    private static List<String> rolesOf(JsonNode user) {
        List<String> roles = new ArrayList<>();
        user.path("roles").forEach(role -> roles.add(role.asString()));
        return roles;
    }
}
