package org.concord.party;

import java.net.http.HttpClient;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.net.ssl.SSLContext;

import org.concord.node.NotFound;
import org.concord.party.keys.FileNodeIdentity;
import org.springframework.stereotype.Component;

/**
 * HTTPS clients for calling partners. A client presents this node's certificate and accepts, as
 * the server, only the one certificate pinned for that partner: no certificate authority and no
 * host name are trusted instead. A client is rebuilt when the partner's pinned certificate
 * changes (re-pairing).
 */
@Component
public class PartnerConnections {

    private final Partners partners;
    private final FileNodeIdentity self;
    private final Map<PartyCode, Cached> clients = new ConcurrentHashMap<>();

    PartnerConnections(Partners partners, FileNodeIdentity self) {
        this.partners = partners;
        this.self = self;
    }

    private record Cached(Fingerprint pinned, HttpClient client) {
    }

    /** The partner and a client pinned to it; {@link NotFound} if this node is not paired with {@code code}. */
    public Connection to(PartyCode code) {
        Partner partner = partners.byCode(code).orElseThrow(() -> NotFound.of("code", "no partner " + code + " is paired with this node"));
        Cached cached = clients.compute(code, (c, old) -> old != null && old.pinned().equals(partner.fingerprint())
                ? old : new Cached(partner.fingerprint(), build(partner)));
        return new Connection(partner, cached.client());
    }

    /** A partner and the client to call it with. */
    public record Connection(Partner partner, HttpClient client) {
    }

    private HttpClient build(Partner partner) {
        try {
            SSLContext ssl = SSLContext.getInstance("TLS");
            ssl.init(new javax.net.ssl.KeyManager[] {self.keyManager()},
                    new javax.net.ssl.TrustManager[] {new PinnedServer(partner)}, new SecureRandom());
            return HttpClient.newBuilder().sslContext(ssl).connectTimeout(Duration.ofSeconds(10))
                    .version(HttpClient.Version.HTTP_1_1).build();
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("cannot set up TLS towards " + partner.code() + ": " + e.getMessage(), e);
        }
    }

    /** Accepts exactly the partner's pinned certificate as the server's. */
    private static final class PinnedServer extends org.concord.party.security.OneSidedTrustManager {
        private final Partner partner;

        PinnedServer(Partner partner) {
            super(Side.SERVERS);
            this.partner = partner;
        }

        @Override
        protected void check(X509Certificate[] chain, String peer) throws CertificateException {
            if (chain == null || chain.length == 0) {
                throw new CertificateException("the server sent no certificate");
            }
            Fingerprint presented = PairingRecord.fingerprintOf(chain[0]);
            if (!presented.equals(partner.fingerprint())) {
                throw new CertificateException("the server at " + partner.url() + " presented certificate " + presented
                        + ", not the one pinned for " + partner.code() + " (" + partner.fingerprint() + ")");
            }
            chain[0].checkValidity();
        }
    }
}
