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
 * HTTPS only: the node's one connector speaks TLS 1.2/1.3 with this node's certificate and asks
 * every client for a certificate without requiring one ({@code want}); a certificate that is sent
 * must be pinned for a partner ({@link PinnedPartnerTrustManager}). The SSL context is built here
 * rather than from key store files so that the trust decision reads the live partner table.
 */
@Component
@ConditionalOnWebApplication
class HttpsServer implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {

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
