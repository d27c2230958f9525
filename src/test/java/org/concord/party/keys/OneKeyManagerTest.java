package org.concord.party.keys;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;

import org.junit.jupiter.api.Test;
import org.mockito.Mockito;

/**
 * The node's key is offered to TLS for its own type only, server side and client side, with its
 * certificate; any other key type or alias gets nothing, so the JDK falls back as it would with no key.
 */
class OneKeyManagerTest {

    @Test
    void theEcKeyIsOfferedForEcAndForTls12sEcKeyExchangesAndNothingElse() throws Exception {
        KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
        ec.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair keys = ec.generateKeyPair();
        X509Certificate certificate = Mockito.mock(X509Certificate.class);
        Mockito.when(certificate.getSigAlgName()).thenReturn("SHA256withECDSA");
        OneKeyManager manager = new OneKeyManager(keys.getPrivate(), certificate);
        SSLEngine engine = SSLContext.getDefault().createSSLEngine();

        assertThat(manager.chooseEngineServerAlias("EC", null, engine)).isEqualTo("node");
        assertThat(manager.chooseServerAlias("EC_EC", null, null)).isEqualTo("node");
        // TLS 1.2's static ECDH suites signed by RSA: not this self-signed EC certificate
        assertThat(manager.chooseServerAlias("EC_RSA", null, null)).isNull();
        assertThat(manager.getServerAliases("EC_RSA", null)).isNull();
        assertThat(manager.chooseEngineServerAlias("RSA", null, engine)).isNull();
        assertThat(manager.chooseEngineServerAlias("RSASSA-PSS", null, engine)).isNull();
        assertThat(manager.chooseEngineServerAlias(null, null, engine)).isNull();
        assertThat(manager.chooseEngineClientAlias(new String[] {"RSA", "EC"}, null, engine)).isEqualTo("node");
        assertThat(manager.chooseClientAlias(new String[] {"RSA", "DSA"}, null, null)).isNull();
        assertThat(manager.getServerAliases("EC", null)).containsExactly("node");
        assertThat(manager.getClientAliases("RSA", null)).isNull();

        assertThat(manager.getPrivateKey("node")).isSameAs(keys.getPrivate());
        assertThat(manager.getCertificateChain("node")).containsExactly(certificate);
        assertThat(manager.getPrivateKey("other")).isNull();
        assertThat(manager.getCertificateChain("other")).isNull();
    }
}
