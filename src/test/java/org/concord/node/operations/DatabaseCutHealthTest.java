package org.concord.node.operations;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import org.concord.party.Role;
import org.concord.testing.Eventually;
import org.concord.testing.Https;
import org.concord.testing.Postgres;
import org.concord.testing.TestNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 9, defect 7: while the database was down, health hung instead of saying DOWN. A node here
 * reaches PostgreSQL through a TCP proxy the test cuts (connections closed, new ones refused) and
 * stalls (connections open, no byte through) — the shared PostgreSQL itself is never stopped.
 * Readiness must answer 503 DOWN (the HTTP client here gives up after 30 s, so a hang fails the
 * test), liveness stays UP (restarting the process would not bring the database back), and both
 * recover when the database is back. Open health shows the status only; ADMIN sees the details.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DatabaseCutHealthTest {

    static final JsonMapper JSON = JsonMapper.builder().build();
    CuttableProxy proxy;
    TestNode node;
    String schema;

    @BeforeAll
    void start() throws Exception {
        proxy = new CuttableProxy("127.0.0.1", 5432);
        schema = Postgres.newSchema("pk");
        String url = Postgres.URL.replace("127.0.0.1:5432", "127.0.0.1:" + proxy.port());
        node = TestNode.start("PK", "Pakistan", TestNode.Store.POSTGRES, null, schema,
                Map.of("concord.database.url", url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema));
    }

    @AfterAll
    void stop() throws Exception {
        proxy.open();
        node.close();
        proxy.close();
        Postgres.dropSchema(schema);
    }

    @Test
    void openHealthShowsTheStatusOnlyAndAdminSeesTheDetails() throws Exception {
        JsonNode open = health(null, "/actuator/health", 200);
        assertThat(open.path("status").asString()).isEqualTo("UP");
        assertThat(open.has("components")).isFalse();
        JsonNode viewer = health(Role.VIEWER, "/actuator/health", 200);
        assertThat(viewer.has("components")).as("details are for ADMIN only").isFalse();
        JsonNode admin = health(Role.ADMIN, "/actuator/health", 200);
        assertThat(admin.path("components").path("db").path("status").asString()).isEqualTo("UP");
        assertThat(admin.path("components").path("db").path("details").path("database").asString()).isEqualTo("PostgreSQL");
        assertThat(admin.path("components").path("ledger").path("status").asString()).isEqualTo("UP");
        assertThat(admin.path("components").path("hotline").path("status").asString()).isEqualTo("UP");
        JsonNode readiness = health(Role.ADMIN, "/actuator/health/readiness", 200);
        assertThat(readiness.path("components").properties().stream().map(Map.Entry::getKey).toList())
                .as("only the database takes a node out of its load balancer").containsExactlyInAnyOrder("db", "readinessState");
        assertThat(health(null, "/actuator/health/liveness", 200).path("status").asString()).isEqualTo("UP");
        assertThat(health(Role.ADMIN, "/actuator/health/alarms", 200).path("components").has("ledger")).isTrue();
    }

    @Test
    void aCutDatabaseMakesReadinessDownWithinSecondsAndItRecovers() throws Exception {
        assertThat(health(null, "/actuator/health/readiness", 200).path("status").asString()).isEqualTo("UP");
        proxy.cut();
        try {
            assertThat(health(null, "/actuator/health/readiness", 503).path("status").asString()).isEqualTo("DOWN");
            assertThat(health(null, "/actuator/health", 503).path("status").asString())
                    .as("the whole health answers too, every database reading bounded").isEqualTo("DOWN");
            assertThat(health(null, "/actuator/health/liveness", 200).path("status").asString()).isEqualTo("UP");
        } finally {
            proxy.open();
        }
        awaitReadiness("UP", 200);
    }

    @Test
    void anOfficerWhoseNodeLostItsDatabaseIsToldToTryAgainNotThatTheNodeBroke() throws Exception {
        String[] viewer = Https.basic(node.username(Role.VIEWER), node.password(Role.VIEWER));
        String token = JSON.readTree(Https.to(node).send("POST", "/api/tokens", "{\"label\":\"during the cut\",\"hours\":1}",
                "Content-Type", "application/json", viewer[0], viewer[1]).body()).path("token").asString();
        String[] bearer = {"Authorization", "Bearer " + token};
        proxy.cut();
        try {
            for (String[] auth : java.util.List.of(bearer, viewer)) {
                HttpResponse<String> response = Https.to(node).get("/api/whoami", auth);
                assertThat(response.statusCode()).as("a token or a password while the database is cut: " + response.body()).isEqualTo(503);
                assertThat(response.headers().firstValue("Retry-After")).hasValue("5");
                assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
                assertThat(JSON.readTree(response.body()).path("detail").asString()).contains("cannot reach its database");
            }
        } finally {
            proxy.open();
        }
        awaitReadiness("UP", 200);
        assertThat(Https.to(node).get("/api/whoami", bearer).statusCode()).as("the same token once it is back").isEqualTo(200);
    }

    @Test
    void aStalledDatabaseMakesReadinessDownWithinSecondsAndItRecovers() throws Exception {
        assertThat(health(null, "/actuator/health/readiness", 200).path("status").asString()).isEqualTo("UP");
        proxy.stall();
        try {
            assertThat(health(null, "/actuator/health/readiness", 503).path("status").asString()).isEqualTo("DOWN");
            assertThat(health(null, "/actuator/health/readiness", 503).path("status").asString())
                    .as("asked again while the first check still hangs").isEqualTo("DOWN");
            assertThat(health(null, "/actuator/health/liveness", 200).path("status").asString()).isEqualTo("UP");
        } finally {
            proxy.open();
        }
        awaitReadiness("UP", 200);
    }

    JsonNode health(Role role, String path, int status) throws Exception {
        HttpResponse<String> response = role == null ? Https.to(node).get(path)
                : Https.to(node).get(path, Https.basic(node.username(role), node.password(role)));
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(status);
        return JSON.readTree(response.body());
    }

    /** The pool reconnects on its own; waits for it, giving up after two minutes. */
    void awaitReadiness(String status, int code) throws Exception {
        HttpResponse<String> response = Eventually.value("readiness answers " + code, Duration.ofMinutes(2), Duration.ofMillis(500),
                () -> Https.to(node).get("/actuator/health/readiness"), r -> r.statusCode() == code);
        assertThat(JSON.readTree(response.body()).path("status").asString()).isEqualTo(status);
    }
}
