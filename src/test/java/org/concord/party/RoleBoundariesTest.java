package org.concord.party;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.concord.testing.Https;
import org.concord.testing.TwoNodes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every endpoint that exists, called by every kind of caller: nobody, the partner, and a user of
 * each role. Each row says what that caller gets; a refusal changes nothing.
 */
class RoleBoundariesTest {

    enum Who { NOBODY, PARTNER, ADMIN, LIAISON, ANALYST, VIEWER }

    static final AtomicInteger UNIQUE = new AtomicInteger();
    static final String BUNDLE = "{\"type\":\"bundle\",\"id\":\"bundle--6b4e2f57-%d-4a43-8c1e-0d6f0f1c2a3b\",\"objects\":[{"
            + "\"type\":\"intrusion-set\",\"spec_version\":\"2.1\",\"id\":\"intrusion-set--0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d\","
            + "\"created\":\"2024-01-16T00:00:00.000Z\",\"modified\":\"2024-01-16T00:00:00.000Z\",\"name\":\"Jaish al-Adl\"}]}";

    record Call(String method, String path, String body) {
        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    /** Expected status per caller, in the order NOBODY, PARTNER, ADMIN, LIAISON, ANALYST, VIEWER. */
    static Stream<Arguments> matrix() {
        String irRecord = TwoNodes.shared().ir.identity().pairingRecord().toJson();
        Map<Call, int[]> rows = new java.util.LinkedHashMap<>();
        rows.put(new Call("GET", "/api/whoami", null), new int[] {401, 200, 200, 200, 200, 200});
        rows.put(new Call("GET", "/api/pairing", null), new int[] {401, 403, 200, 200, 200, 200});
        rows.put(new Call("GET", "/api/partners", null), new int[] {401, 403, 200, 200, 200, 200});
        rows.put(new Call("GET", "/api/partners/IR", null), new int[] {401, 403, 200, 200, 200, 200});
        rows.put(new Call("POST", "/api/partners", irRecord), new int[] {401, 403, 200, 403, 403, 403});
        rows.put(new Call("DELETE", "/api/partners/AF", null), new int[] {401, 403, 404, 403, 403, 403});
        rows.put(new Call("GET", "/api/users", null), new int[] {401, 403, 200, 403, 403, 403});
        rows.put(new Call("POST", "/api/users", "{\"username\":\"new-user-%d\",\"roles\":[\"VIEWER\"]}"), new int[] {401, 403, 201, 403, 403, 403});
        rows.put(new Call("POST", "/api/tokens", "{\"label\":\"script\"}"), new int[] {401, 403, 201, 201, 201, 201});
        rows.put(new Call("GET", "/api/tokens", null), new int[] {401, 403, 200, 200, 200, 200});
        rows.put(new Call("GET", "/api/tokens?user=pk-viewer", null), new int[] {401, 403, 200, 403, 403, 200});
        rows.put(new Call("DELETE", "/api/tokens/999999999", null), new int[] {401, 403, 404, 404, 404, 404});
        rows.put(new Call("DELETE", "/api/users/nobody-here", null), new int[] {401, 403, 404, 403, 403, 403});
        rows.put(new Call("POST", "/api/users/nobody-here/disable", null), new int[] {401, 403, 404, 403, 403, 403});
        rows.put(new Call("POST", "/api/users/nobody-here/enable", null), new int[] {401, 403, 404, 403, 403, 403});
        rows.put(new Call("PUT", "/api/users/nobody-here/password", null), new int[] {401, 403, 404, 403, 403, 403});
        rows.put(new Call("GET", "/api/audit", null), new int[] {401, 403, 200, 403, 403, 403});
        rows.put(new Call("GET", "/api/intel/objects", null), new int[] {401, 403, 200, 200, 200, 200});
        rows.put(new Call("GET", "/api/intel/export", null), new int[] {401, 403, 200, 200, 200, 200});
        rows.put(new Call("POST", "/api/intel/bundle", BUNDLE), new int[] {401, 403, 403, 403, 200, 403});
        rows.put(new Call("GET", "/api/intel/alarms", null), new int[] {401, 403, 200, 200, 200, 200});
        rows.put(new Call("GET", "/taxii2/", null), new int[] {401, 200, 200, 200, 200, 200});
        rows.put(new Call("GET", "/api/exchange/outbox?partner=IR", null), new int[] {401, 403, 200, 200, 200, 200});
        rows.put(new Call("GET", "/v3/api-docs", null), new int[] {200, 200, 200, 200, 200, 200});
        rows.put(new Call("GET", "/actuator/prometheus", null), new int[] {401, 403, 200, 403, 403, 403});
        rows.put(new Call("GET", "/actuator/health", null), new int[] {200, 200, 200, 200, 200, 200});
        rows.put(new Call("GET", "/not-an-endpoint", null), new int[] {401, 403, 403, 403, 403, 403});
        List<Arguments> cases = new ArrayList<>();
        rows.forEach((call, statuses) -> {
            for (Who who : Who.values()) {
                cases.add(Arguments.of(call, who, statuses[who.ordinal()]));
            }
        });
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} by {1} -> {2}")
    @MethodSource("matrix")
    void eachCallerGetsWhatItsRoleAllows(Call call, Who who, int expected) throws Exception {
        var nodes = TwoNodes.shared();
        String body = call.body() == null ? null : call.body().contains("%d")
                ? call.body().replace("%d", String.format("%04d", UNIQUE.incrementAndGet() % 10000)) : call.body();
        Https client = who == Who.PARTNER ? Https.asPartner(nodes.ir, nodes.pk) : Https.to(nodes.pk);
        List<String> headers = new ArrayList<>();
        if (who.ordinal() >= Who.ADMIN.ordinal()) {
            Role role = Role.valueOf(who.name());
            headers.addAll(List.of(Https.basic(nodes.pk.username(role), nodes.pk.password(role))));
        }
        if (body != null) {
            headers.addAll(List.of("Content-Type", "application/json"));
        }
        var response = client.send(call.method(), call.path(), body, headers.toArray(String[]::new));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(expected);
        if (expected == 401 || expected == 403) {
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).contains("json"));
        }
    }

    @Test
    void aBundleWithAnInvalidObjectIs422NamingItAndOneOverTheLimitIs413() throws Exception {
        var nodes = TwoNodes.shared();
        String[] analyst = Https.basic("pk-analyst", nodes.pk.password(Role.ANALYST));
        String invalid = BUNDLE.replace("%d", "0001").replace("\"name\":\"Jaish al-Adl\"", "\"name\":\"x\",\"modified\":\"2020-01-01T00:00:00.000Z\"")
                .replace("0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d", "1a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d");
        var refused = Https.to(nodes.pk).send("POST", "/api/intel/bundle", invalid, analyst[0], analyst[1], "Content-Type", "application/json");
        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(refused.body()).contains("intrusion-set--1a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d").contains("$.modified");
        var notABundle = Https.to(nodes.pk).send("POST", "/api/intel/bundle", "[1,2]", analyst[0], analyst[1], "Content-Type", "application/json");
        assertThat(notABundle.statusCode()).isEqualTo(400);
        assertThat(notABundle.body()).contains("\"field\":\"bundle.type\"");
    }

    @Test
    void aRefusedWriteStoresNothing() throws Exception {
        var nodes = TwoNodes.shared();
        var response = Https.to(nodes.pk).send("POST", "/api/users", "{\"username\":\"sneaky-admin\",\"roles\":[\"ADMIN\"]}",
                "Authorization", Https.basic("pk-liaison", nodes.pk.password(Role.LIAISON))[1], "Content-Type", "application/json");
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(nodes.pk.bean(UserAccounts.class).exists("sneaky-admin")).isFalse();
        var unpair = Https.asPartner(nodes.ir, nodes.pk).send("DELETE", "/api/partners/IR", null);
        assertThat(unpair.statusCode()).isEqualTo(403);
        assertThat(nodes.pk.bean(Partners.class).byCode(PartyCode.of("IR"))).isPresent();
    }

    @Test
    void badInputOverTheApiNamesTheFieldAndTheRule() throws Exception {
        var nodes = TwoNodes.shared();
        String[] admin = Https.basic("pk-admin", nodes.pk.password(Role.ADMIN));
        var malformed = Https.to(nodes.pk).send("POST", "/api/partners", "{\"format\":", admin[0], admin[1], "Content-Type", "application/json");
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(malformed.body()).contains("\"field\":\"record\"").contains("\"rule\":\"json\"");
        var badRole = Https.to(nodes.pk).send("POST", "/api/users", "{\"username\":\"someone\",\"roles\":[\"GENERAL\"]}",
                admin[0], admin[1], "Content-Type", "application/json");
        assertThat(badRole.statusCode()).isEqualTo(400);
        assertThat(badRole.body()).contains("\"field\":\"roles[0]\"").contains("\"rule\":\"one-of\"").contains("\"allowed\":[\"ADMIN\",\"LIAISON\",\"ANALYST\",\"VIEWER\"]");
        assertThat(nodes.pk.bean(UserAccounts.class).exists("someone")).isFalse();
    }
}
