package org.concord.party.security;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

import org.concord.party.Fingerprint;
import org.concord.party.PairingRecord;
import org.concord.party.Partners;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server side of mutual TLS: a client certificate is accepted only if its SHA-256 fingerprint is
 * pinned for a partner, and refused at the handshake otherwise, with the reason logged. No
 * certificate authority is trusted, not even the JDK's: pairing is the only way in. Clients without
 * a certificate (people with passwords or tokens) pass the handshake and authenticate in HTTP.
 *
 * <p>{@link #getAcceptedIssuers()} is empty on purpose: listing the partners' certificates in the TLS
 * CertificateRequest would tell any anonymous client who this node is paired with.
 */
final class PinnedPartnerTrustManager extends X509ExtendedTrustManager {

    private static final Logger log = LoggerFactory.getLogger(PinnedPartnerTrustManager.class);
    private final Partners partners;

    PinnedPartnerTrustManager(Partners partners) {
        this.partners = partners;
    }

    void checkPinned(X509Certificate[] chain, String peer) throws CertificateException {
        if (chain == null || chain.length == 0) {
            throw new CertificateException("no client certificate");
        }
        X509Certificate presented = chain[0];
        Fingerprint fingerprint = PairingRecord.fingerprintOf(presented);
        var partner = partners.byFingerprint(fingerprint);
        if (partner.isEmpty()) {
            log.warn("refused TLS client {}: certificate SHA-256 {} ({}) is not pinned for any partner", peer, fingerprint,
                    presented.getSubjectX500Principal().getName());
            throw new CertificateException("client certificate " + fingerprint + " is not pinned for any partner");
        }
        try {
            presented.checkValidity();
        } catch (CertificateException e) {
            log.warn("refused TLS client {}: pinned certificate of partner {} is outside its validity period: {}", peer,
                    partner.get().code(), e.getMessage());
            throw e;
        }
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        checkPinned(chain, engine == null || engine.getPeerHost() == null ? "(address unknown)" : engine.getPeerHost() + ":" + engine.getPeerPort());
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        checkPinned(chain, socket == null ? "?" : String.valueOf(socket.getRemoteSocketAddress()));
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        checkPinned(chain, "(address unknown)");
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        throw new CertificateException("this trust manager only checks clients");
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        throw new CertificateException("this trust manager only checks clients");
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("this trust manager only checks clients");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
    }
}
