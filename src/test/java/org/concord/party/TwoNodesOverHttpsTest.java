package org.concord.party;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

import org.concord.node.NodeSettings;
import org.concord.party.keys.FileNodeIdentity;
import org.concord.testing.Https;
import org.concord.testing.Postgres;
import org.concord.testing.TestNode;
import org.concord.testing.TwoNodes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Two real nodes on the real PostgreSQL, over real HTTPS: each recognises the other by its pinned
 * certificate and nobody else.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TwoNodesOverHttpsTest {

    static final JsonMapper JSON = JsonMapper.builder().build();
    TwoNodes nodes;
    Path rogue;

    @BeforeAll
    void pairedNodesAndAStranger() throws Exception {
        nodes = TwoNodes.startPaired();
        rogue = Files.createTempDirectory("concord-rogue-");
        FileNodeIdentity.loadOrCreate(new NodeSettings(new NodeSettings.PartySettings("AF", "Stranger"),
                URI.create("https://localhost:9999"), rogue, null), Clock.systemUTC());
    }

    @AfterAll
    void stop() {
        nodes.pk.close();
        nodes.ir.close();
        Postgres.dropSchema(nodes.pk.schema());
        Postgres.dropSchema(nodes.ir.schema());
    }

    @Test
    void aPartnerPresentingItsPinnedCertificateIsRecognisedAsThatParty() throws Exception {
        var response = Https.asPartner(nodes.pk, nodes.ir).get("/api/whoami");
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.path("kind").asString()).isEqualTo("partner");
        assertThat(body.path("party").asString()).isEqualTo("PK");
        assertThat(body.path("certificateFingerprint").asString()).isEqualTo(nodes.pk.identity().fingerprint().toString());
        assertThat(body.path("node").path("party").asString()).isEqualTo("IR");

        var back = Https.asPartner(nodes.ir, nodes.pk).get("/api/whoami");
        assertThat(JSON.readTree(back.body()).path("party").asString()).isEqualTo("IR");
    }

    @Test
    void aFreshUnpairedCertificateIsRefusedAtTheHandshake() {
        Https stranger = Https.to(nodes.ir, rogue.resolve("keys/tls.crt"), rogue.resolve("keys/tls.key"));
        assertThatThrownBy(() -> stranger.get("/api/whoami")).isInstanceOf(IOException.class);
    }

    @Test
    void aPartnersCertificateIsNotAcceptedByANodeItIsNotPairedWith() throws Exception {
        try (TestNode af = TestNode.start("AF", "A third party", TestNode.Store.POSTGRES)) {
            assertThatThrownBy(() -> Https.asPartner(nodes.pk, af).get("/api/whoami")).isInstanceOf(IOException.class);
            Postgres.dropSchema(af.schema());
        }
    }

    @Test
    void aCallerWithoutCertificateOrPasswordGets401() throws Exception {
        var response = Https.to(nodes.ir).get("/api/whoami");
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).contains("Basic"));
    }

    @Test
    void aUserLogsInWithAPasswordAndSeesItsRoles() throws Exception {
        var response = Https.to(nodes.pk).get("/api/whoami", Https.basic(nodes.pk.username(Role.LIAISON), nodes.pk.password(Role.LIAISON)));
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.path("kind").asString()).isEqualTo("user");
        assertThat(body.path("username").asString()).isEqualTo("pk-liaison");
        assertThat(body.path("roles").get(0).asString()).isEqualTo("LIAISON");
    }

    @Test
    void aWrongPasswordGets401() throws Exception {
        var response = Https.to(nodes.pk).get("/api/whoami", Https.basic("pk-admin", "not-the-password"));
        assertThat(response.statusCode()).isEqualTo(401);
    }

    @Test
    void aUserObtainsABearerTokenAndScriptsUseIt() throws Exception {
        Https pk = Https.to(nodes.pk);
        var issued = pk.send("POST", "/api/tokens", "{\"label\":\"nightly export\",\"hours\":2}",
                concat(Https.basic("pk-analyst", nodes.pk.password(Role.ANALYST)), "Content-Type", "application/json"));
        assertThat(issued.statusCode()).isEqualTo(201);
        String token = JSON.readTree(issued.body()).path("token").asString();
        var whoami = pk.get("/api/whoami", "Authorization", "Bearer " + token);
        assertThat(JSON.readTree(whoami.body()).path("authentication").asString()).isEqualTo("token");
        assertThat(JSON.readTree(whoami.body()).path("username").asString()).isEqualTo("pk-analyst");
        assertThat(pk.get("/api/whoami", "Authorization", "Bearer " + token + "tampered").statusCode()).isEqualTo(401);
    }

    @Test
    void aPartnerUnpairedWhileConnectedIsRefusedWith403() throws Exception {
        TwoNodes pair = TwoNodes.startPaired();
        try {
            Https pkToIr = Https.asPartner(pair.pk, pair.ir);
            assertThat(pkToIr.get("/api/whoami").statusCode()).isEqualTo(200);
            pair.ir.bean(Pairing.class).unpair(PartyCode.of("PK"), "test");
            // The same keep-alive TLS connection: the handshake is not repeated, the HTTP check refuses.
            var refused = pkToIr.get("/api/whoami");
            assertThat(refused.statusCode()).isEqualTo(403);
            assertThat(refused.body()).contains("is not pinned for any partner");
        } finally {
            pair.pk.close();
            pair.ir.close();
            Postgres.dropSchema(pair.pk.schema());
            Postgres.dropSchema(pair.ir.schema());
        }
    }

    @Test
    void aPartnerCannotAlsoClaimToBeAUser() throws Exception {
        var response = Https.asPartner(nodes.pk, nodes.ir).get("/api/whoami", Https.basic("ir-admin", nodes.ir.password(Role.ADMIN)));
        assertThat(response.statusCode()).isEqualTo(400);
    }

    @Test
    void pairingOverTheApiPrintsTheFingerprintsAndAHealthEndpointAnswersEveryone() throws Exception {
        assertThat(Https.to(nodes.pk).get("/actuator/health").statusCode()).isEqualTo(200);
        var partners = Https.to(nodes.pk).get("/api/partners", Https.basic("pk-viewer", nodes.pk.password(Role.VIEWER)));
        JsonNode list = JSON.readTree(partners.body());
        assertThat(list.get(0).path("party").asString()).isEqualTo("IR");
        assertThat(list.get(0).path("certificateFingerprint").asString()).isEqualTo(nodes.ir.identity().fingerprint().toString());
    }

    static String[] concat(String[] first, String... rest) {
        String[] all = java.util.Arrays.copyOf(first, first.length + rest.length);
        System.arraycopy(rest, 0, all, first.length, rest.length);
        return all;
    }
}
