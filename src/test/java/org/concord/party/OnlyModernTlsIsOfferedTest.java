package org.concord.party;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;

import org.concord.testing.RawHttps;
import org.concord.testing.TestNode;
import org.concord.testing.TwoNodes;
import org.junit.jupiter.api.Test;

/**
 * The node's HTTPS port offers TLS 1.3, and TLS 1.2 only with ECDHE and an AEAD cipher (AES-GCM or
 * ChaCha20-Poly1305): a real JDK client that offers nothing but a legacy CBC suite is refused at
 * the handshake.
 */
class OnlyModernTlsIsOfferedTest {

    private static SSLSocket socket(TestNode node, String protocol, String... suites) throws Exception {
        SSLSocket socket = (SSLSocket) RawHttps.trusting(node).getSocketFactory().createSocket("localhost", node.port());
        socket.setSoTimeout(20_000);
        socket.setEnabledProtocols(new String[] {protocol});
        if (suites.length > 0) {
            socket.setEnabledCipherSuites(suites);
        }
        return socket;
    }

    @Test
    void a_client_offering_only_tls12_cbc_sha_suites_is_refused() throws Exception {
        TestNode node = TwoNodes.shared().pk;
        for (String legacy : new String[] {"TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA", "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA",
            "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256", "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384", "TLS_RSA_WITH_AES_128_CBC_SHA"}) {
            try (SSLSocket socket = socket(node, "TLSv1.2", legacy)) {
                assertThatThrownBy(socket::startHandshake).as(legacy).isInstanceOf(SSLHandshakeException.class);
            }
        }
    }

    @Test
    void a_tls13_client_gets_tls13() throws Exception {
        try (SSLSocket socket = socket(TwoNodes.shared().pk, "TLSv1.3")) {
            socket.startHandshake();
            assertThat(socket.getSession().getProtocol()).isEqualTo("TLSv1.3");
            assertThat(socket.getSession().getCipherSuite()).matches("TLS_(AES_(128|256)_GCM|CHACHA20_POLY1305)_SHA(256|384)");
        }
    }

    @Test
    void a_tls12_client_offering_everything_gets_ecdhe_with_aead() throws Exception {
        try (SSLSocket socket = socket(TwoNodes.shared().pk, "TLSv1.2")) {
            socket.setEnabledCipherSuites(socket.getSupportedCipherSuites());
            socket.startHandshake();
            assertThat(socket.getSession().getProtocol()).isEqualTo("TLSv1.2");
            assertThat(socket.getSession().getCipherSuite()).startsWith("TLS_ECDHE_").matches(".*_(GCM_SHA(256|384)|CHACHA20_POLY1305_SHA256)");
        }
    }
}
