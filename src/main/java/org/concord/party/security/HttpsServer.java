package org.concord.party.security;

import java.security.SecureRandom;

import javax.net.ssl.SSLContext;

import org.apache.coyote.http11.AbstractHttp11Protocol;
import org.apache.tomcat.util.net.SSLHostConfig;
import org.apache.tomcat.util.net.SSLHostConfigCertificate;
import org.apache.tomcat.util.net.SSLUtil;
import org.concord.party.Partners;
import org.concord.party.keys.FileNodeIdentity;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.stereotype.Component;

/**
 * HTTPS only: the node's one connector speaks TLS 1.3, and TLS 1.2 with forward-secret AEAD suites
 * only ({@link #CIPHERS}: ECDHE with AES-GCM or ChaCha20-Poly1305; no CBC, no SHA-1 MACs, no static
 * RSA), with this node's certificate and asks
 * every client for a certificate without requiring one ({@code want}); a certificate that is sent
 * must be pinned for a partner ({@link PinnedPartnerTrustManager}). The SSL context is built here
 * rather than from key store files so that the trust decision reads the live partner table.
 */
@Component
@ConditionalOnWebApplication
class HttpsServer implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {

    /** TLS 1.3's suites (all AEAD). */
    static final String[] TLS13_SUITES = {"TLS_AES_256_GCM_SHA384", "TLS_AES_128_GCM_SHA256", "TLS_CHACHA20_POLY1305_SHA256"};
    /** TLS 1.2's suites offered, strongest first: ECDHE with AES-GCM or ChaCha20-Poly1305. */
    static final String[] CIPHERS = {
        "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
        "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
        "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
        "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256"};

    private final FileNodeIdentity identity;
    private final Partners partners;

    HttpsServer(FileNodeIdentity identity, Partners partners) {
        this.identity = identity;
        this.partners = partners;
    }

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        factory.addConnectorCustomizers(connector -> {
            connector.setScheme("https");
            connector.setSecure(true);
            // TAXII 2.1 filters are named match[id], match[type], ...; clients often send the brackets unencoded.
            connector.setProperty("relaxedQueryChars", "[]");
            AbstractHttp11Protocol<?> protocol = (AbstractHttp11Protocol<?>) connector.getProtocolHandler();
            protocol.setSSLEnabled(true);
            SSLHostConfig host = new SSLHostConfig();
            host.setHostName(protocol.getDefaultSSLHostConfigName());
            host.setCertificateVerification("optional");
            host.setProtocols("TLSv1.2+TLSv1.3");
            host.setCiphers(String.join(",", CIPHERS));
            host.setCipherSuites(String.join(":", TLS13_SUITES));
            host.setHonorCipherOrder(true);
            SSLHostConfigCertificate certificate = new SSLHostConfigCertificate(host, SSLHostConfigCertificate.Type.UNDEFINED);
            certificate.setSslContext(SSLUtil.createSSLContext(sslContext(), identity.keyManager(),
                    new PinnedPartnerTrustManager(partners)));
            host.addCertificate(certificate);
            protocol.addSslHostConfig(host);
        });
    }

    private SSLContext sslContext() {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(new javax.net.ssl.KeyManager[] {identity.keyManager()},
                    new javax.net.ssl.TrustManager[] {new PinnedPartnerTrustManager(partners)}, new SecureRandom());
            return context;
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("cannot set up TLS: " + e.getMessage(), e);
        }
    }
}
