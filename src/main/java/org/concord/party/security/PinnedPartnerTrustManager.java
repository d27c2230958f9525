package org.concord.party.security;

import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;

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
 * <p>It names no acceptable issuers ({@link OneSidedTrustManager}): listing the partners' certificates
 * in the TLS CertificateRequest would tell any anonymous client who this node is paired with.
 */
final class PinnedPartnerTrustManager extends OneSidedTrustManager {

    private static final Logger log = LoggerFactory.getLogger(PinnedPartnerTrustManager.class);
    private final Partners partners;

    PinnedPartnerTrustManager(Partners partners) {
        super(Side.CLIENTS);
        this.partners = partners;
    }

    @Override
    protected void check(X509Certificate[] chain, String peer) throws CertificateException {
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
}
