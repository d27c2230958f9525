package org.concord.party;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.net.http.HttpResponse;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.concord.node.InvalidInput;
import org.concord.testing.Https;
import org.concord.testing.TestNode;
import org.concord.testing.TwoNodes;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A pairing record whose certificate has expired, or is not valid yet, is refused at pairing,
 * naming {@code certificate} and the validity window; nothing is pinned.
 */
class CertificatesOutsideTheirValidityAreNotPairedTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** A record of a party "AF" that is otherwise sound, with a certificate valid from {@code from} to {@code until}. */
    private static PairingRecord record(TestNode donor, Instant from, Instant until) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair keys = generator.generateKeyPair();
        X500Name name = new X500Name("CN=Concord node AF, C=AF");
        X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(new JcaX509v3CertificateBuilder(name,
                BigInteger.valueOf(System.nanoTime()), Date.from(from), Date.from(until), name, keys.getPublic())
                .build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate())));
        PairingRecord base = donor.identity().pairingRecord();
        return new PairingRecord(new Party(PartyCode.of("AF"), "Afghanistan"), base.url(), base.identity(), certificate,
                PairingRecord.fingerprintOf(certificate), base.signingKey());
    }

    @Test
    void an_expired_certificate_is_refused_naming_the_validity_window() throws Exception {
        TestNode pk = TwoNodes.shared().pk;
        Instant now = Instant.now();
        PairingRecord expired = record(TwoNodes.shared().ir, now.minus(Duration.ofDays(400)), now.minus(Duration.ofDays(35)));

        assertThatThrownBy(() -> pk.bean(Pairing.class).pair(expired, "test", false))
                .isInstanceOfSatisfying(InvalidInput.class, e -> {
                    assertThat(e.field()).isEqualTo("certificate");
                    assertThat(e.rule()).isEqualTo("validity-period");
                    assertThat(e.getMessage()).contains("expired").contains(expired.certificate().getNotAfter().toInstant().toString());
                });
        assertThat(pk.bean(Partners.class).byCode(PartyCode.of("AF"))).isEmpty();
    }

    @Test
    void a_certificate_not_valid_yet_is_refused_over_the_api_too() throws Exception {
        TestNode pk = TwoNodes.shared().pk;
        Instant now = Instant.now();
        PairingRecord early = record(TwoNodes.shared().ir, now.plus(Duration.ofDays(30)), now.plus(Duration.ofDays(400)));

        String[] admin = Https.basic(pk.username(Role.ADMIN), pk.password(Role.ADMIN));
        HttpResponse<String> response = Https.to(pk).send("POST", "/api/partners", early.toJson(), admin[0], admin[1],
                "Content-Type", "application/json");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.path("field").asString()).isEqualTo("certificate");
        assertThat(problem.path("rule").asString()).isEqualTo("validity-period");
        assertThat(problem.path("detail").asString()).contains("not valid yet")
                .contains(early.certificate().getNotBefore().toInstant().toString());
        assertThat(pk.bean(Partners.class).byCode(PartyCode.of("AF"))).isEmpty();
    }
}
