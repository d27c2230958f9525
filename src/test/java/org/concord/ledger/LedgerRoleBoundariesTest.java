package org.concord.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import org.concord.party.PartyCode;
import org.concord.party.Role;
import org.concord.testing.Https;
import org.concord.testing.TwoNodes;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every ledger endpoint of PK, called by nobody, by the partner IR and by a user of each role: the
 * partner and every role read; only the partner posts a cosignature; nothing else is reachable.
 * A partner sees the fields of its own entries only, and receipts only for what it sent.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LedgerRoleBoundariesTest {

    enum Who { NOBODY, PARTNER, ADMIN, LIAISON, ANALYST, VIEWER }

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final PartyCode IR = PartyCode.of("IR");
    static final PartyCode AF = PartyCode.of("AF");
    static ObjectDigest fromIr;
    static ObjectDigest fromAf;

    record Call(String method, String path, String body) {
        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    static ObjectDigest anyObject() {
        return ObjectDigest.of("{\"type\":\"report\",\"id\":\"report--" + UUID.randomUUID()
                + "\",\"created\":\"2024-01-29T10:00:00.000Z\",\"modified\":\"2024-01-29T10:00:00.000Z\",\"name\":\"visit\"}");
    }

    @BeforeAll
    void pkHasEntriesWithIrAndWithAThirdParty() {
        var pk = TwoNodes.shared().pk;
        fromIr = anyObject();
        fromAf = anyObject();
        pk.bean(Receipts.class).issue(IR, fromIr);
        pk.bean(Receipts.class).issue(AF, fromAf);
        pk.bean(Ledger.class).append(LedgerEntry.of(Direction.SENT, IR, anyObject(), Instant.now()));
    }

    static Stream<Arguments> matrix() {
        String receipt = "/ledger/receipts?sender=IR&object=" + fromIr.id() + "&modified=" + LedgerEntry.formatTime(fromIr.modified());
        Map<Call, int[]> rows = new LinkedHashMap<>();
        int[] everyoneReads = {401, 200, 200, 200, 200, 200};
        rows.put(new Call("GET", "/ledger/checkpoint", null), everyoneReads);
        rows.put(new Call("GET", "/ledger/proof/inclusion?index=0&size=2", null), everyoneReads);
        rows.put(new Call("GET", "/ledger/proof/consistency?from=1&to=2", null), everyoneReads);
        rows.put(new Call("GET", "/ledger/entries?from=0&limit=10", null), everyoneReads);
        rows.put(new Call("GET", "/ledger/cosignatures", null), everyoneReads);
        rows.put(new Call("GET", "/ledger/alarms", null), everyoneReads);
        rows.put(new Call("GET", receipt, null), everyoneReads);
        rows.put(new Call("POST", "/ledger/cosignatures", "not a note\n"), new int[] {401, 400, 403, 403, 403, 403});
        rows.put(new Call("DELETE", "/ledger/entries", null), new int[] {401, 403, 403, 403, 403, 403});
        rows.put(new Call("PUT", "/ledger/checkpoint", "x\n"), new int[] {401, 403, 403, 403, 403, 403});
        rows.put(new Call("POST", "/ledger/alarms", "{}"), new int[] {401, 403, 403, 403, 403, 403});
        // issue 9: the checkpoint of a partner's log this node holds (a partner only its own: IR asks for AF's -> 400;
        // users -> 404, nothing of AF accepted), and acknowledging an alarm (ADMIN only: 404, there is no such alarm)
        rows.put(new Call("GET", "/ledger/witnessed?partner=AF", null), new int[] {401, 400, 404, 404, 404, 404});
        rows.put(new Call("POST", "/ledger/alarms/999999/acknowledgement", "{\"note\":\"seen\"}"),
                new int[] {401, 403, 404, 403, 403, 403});
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
        String[] headers = headers(who, call.body() != null);
        if (call.body() != null && call.body().startsWith("{\"")) {
            headers[headers.length - 1] = "application/json";
        }
        var response = client(who).send(call.method(), call.path(), call.body(), headers);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(expected);
    }

    @Test
    void aRefusedCosignatureStoresNothing() throws Exception {
        var nodes = TwoNodes.shared();
        String checkpoint = client(Who.VIEWER).get("/ledger/checkpoint", headers(Who.VIEWER, false)).body();
        // a user replays the checkpoint as if cosigned: refused before any check
        var byUser = client(Who.ADMIN).send("POST", "/ledger/cosignatures", checkpoint, headers(Who.ADMIN, true));
        assertThat(byUser.statusCode()).isEqualTo(403);
        // the partner posts the checkpoint without its cosignature: refused, naming the rule
        var withoutCosignature = client(Who.PARTNER).send("POST", "/ledger/cosignatures", checkpoint, headers(Who.PARTNER, true));
        assertThat(withoutCosignature.statusCode()).isEqualTo(400);
        assertThat(withoutCosignature.body()).contains("\"field\":\"note\"");
        var stored = client(Who.VIEWER).get("/ledger/cosignatures", headers(Who.VIEWER, false));
        assertThat(JSON.readTree(stored.body()).size()).isZero();
        assertThat(nodes.pk.bean(Ledger.class).size()).isGreaterThanOrEqualTo(3);
    }

    @Test
    void aPartnerSeesTheFieldsOfItsOwnEntriesOnlyAndReceiptsOnlyForWhatItSent() throws Exception {
        JsonNode asPartner = JSON.readTree(client(Who.PARTNER).get("/ledger/entries?limit=100").body()).path("entries");
        JsonNode asUser = JSON.readTree(client(Who.VIEWER).get("/ledger/entries?limit=100", headers(Who.VIEWER, false)).body())
                .path("entries");
        assertThat(asPartner.size()).isEqualTo(asUser.size());
        for (int i = 0; i < asUser.size(); i++) {
            JsonNode user = asUser.get(i);
            JsonNode partner = asPartner.get(i);
            assertThat(partner.path("leaf").asString()).isEqualTo(user.path("leaf").asString());
            if (user.path("partner").asString().equals("IR")) {
                assertThat(partner.path("object").asString()).isEqualTo(user.path("object").asString());
            } else {
                assertThat(partner.has("object")).as("third-party entry shown to IR: " + partner).isFalse();
            }
        }
        String afReceipt = "/ledger/receipts?sender=AF&object=" + fromAf.id() + "&modified=" + LedgerEntry.formatTime(fromAf.modified());
        assertThat(client(Who.PARTNER).get(afReceipt).statusCode()).isEqualTo(404);
        assertThat(client(Who.VIEWER).get(afReceipt, headers(Who.VIEWER, false)).statusCode()).isEqualTo(200);
    }

    private static Https client(Who who) {
        var nodes = TwoNodes.shared();
        return who == Who.PARTNER ? Https.asPartner(nodes.ir, nodes.pk) : Https.to(nodes.pk);
    }

    private static String[] headers(Who who, boolean body) {
        var nodes = TwoNodes.shared();
        List<String> headers = new ArrayList<>();
        if (who.ordinal() >= Who.ADMIN.ordinal()) {
            Role role = Role.valueOf(who.name());
            headers.addAll(List.of(Https.basic(nodes.pk.username(role), nodes.pk.password(role))));
        }
        if (body) {
            headers.addAll(List.of("Content-Type", "text/plain"));
        }
        return headers.toArray(String[]::new);
    }
}
