package org.concord.party;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

import org.concord.node.InvalidInput;
import org.concord.node.NodeSettings;
import org.concord.party.keys.FileNodeIdentity;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** A pairing record is read only when everything in it checks out; each refusal names the field and the rule. */
class PairingRecordTest {

    static String valid;
    static final JsonMapper JSON = JsonMapper.builder().build();

    @BeforeAll
    static void aNodeExportsItsRecord() throws Exception {
        Path dir = Files.createTempDirectory("concord-record-");
        var settings = new NodeSettings(new NodeSettings.PartySettings("IR", "Iran"), java.net.URI.create("https://ir.example:8442"), dir, null);
        valid = FileNodeIdentity.loadOrCreate(settings, Clock.systemUTC()).pairingRecord().toJson();
    }

    @Test
    void theExportedRecordReadsBackWithTheSameFingerprintsAndNoSecret() {
        PairingRecord record = PairingRecord.parse(valid);
        assertThat(record.party().code().value()).isEqualTo("IR");
        assertThat(record.url().toString()).isEqualTo("https://ir.example:8442");
        assertThat(record.fingerprint()).isEqualTo(PairingRecord.fingerprintOf(record.certificate()));
        assertThat(PairingRecord.parse(record.toJson())).isEqualTo(record);
        assertThat(valid).doesNotContain("PRIVATE KEY");
    }

    @Test
    void malformedJsonIsRefusedWithItsPosition() {
        assertRefused(valid.substring(0, 40), "record", "json");
        assertThatThrownBy(() -> PairingRecord.parse("{\"format\": ")).hasMessageContaining("line 1");
    }

    @Test
    void aFingerprintThatIsNotTheCertificatesIsRefused() {
        ObjectNode node = (ObjectNode) JSON.readTree(valid);
        node.put("fingerprint", "00".repeat(32));
        assertRefused(node.toString(), "fingerprint", "matches-certificate");
    }

    @Test
    void aSigningKeyFingerprintThatIsNotTheKeysIsRefused() {
        ObjectNode node = (ObjectNode) JSON.readTree(valid);
        node.put("signingKeyFingerprint", "11".repeat(32));
        assertRefused(node.toString(), "signingKeyFingerprint", "matches-signing-key");
    }

    @Test
    void eachMissingFieldIsNamed() {
        for (String field : new String[] {"url", "certificate", "fingerprint", "signingKey"}) {
            ObjectNode node = (ObjectNode) JSON.readTree(valid);
            node.remove(field);
            assertRefused(node.toString(), field, "required");
        }
        ObjectNode node = (ObjectNode) JSON.readTree(valid);
        ((ObjectNode) node.get("party")).remove("code");
        assertRefused(node.toString(), "party.code", "required");
    }

    @Test
    void aPlainHttpUrlIsRefused() {
        ObjectNode node = (ObjectNode) JSON.readTree(valid);
        node.put("url", "http://ir.example:8442");
        assertRefused(node.toString(), "url", "https-url");
    }

    @Test
    void aPartyCodeThatIsNotIso3166IsRefused() {
        ObjectNode node = (ObjectNode) JSON.readTree(valid);
        ((ObjectNode) node.get("party")).put("code", "Iran");
        assertRefused(node.toString(), "party.code", "iso-3166-alpha-2");
    }

    @Test
    void aCertificateThatIsNotOneIsRefused() {
        ObjectNode node = (ObjectNode) JSON.readTree(valid);
        node.put("certificate", "-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydGlmaWNhdGU=\n-----END CERTIFICATE-----");
        assertRefused(node.toString(), "certificate", "x509-pem");
    }

    @Test
    void aSigningKeyOfTheWrongLengthIsRefused() {
        ObjectNode node = (ObjectNode) JSON.readTree(valid);
        node.put("signingKey", "AAAA");
        node.remove("signingKeyFingerprint");
        assertRefused(node.toString(), "signingKey", "ed25519-public-key");
    }

    @Test
    void anUnknownFormatIsRefused() {
        ObjectNode node = (ObjectNode) JSON.readTree(valid);
        node.put("format", "something-else/9");
        assertRefused(node.toString(), "format", "known-format");
    }

    private static void assertRefused(String json, String field, String rule) {
        assertThatThrownBy(() -> PairingRecord.parse(json))
                .isInstanceOfSatisfying(InvalidInput.class, e -> {
                    assertThat(e.field()).isEqualTo(field);
                    assertThat(e.rule()).isEqualTo(rule);
                    assertThat(e.getMessage()).doesNotContain("\n").startsWith(field + ": ");
                });
    }
}
