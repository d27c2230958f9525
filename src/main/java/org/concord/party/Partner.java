package org.concord.party;

import java.net.URI;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Objects;

/** A party this node is paired with, pinned by its TLS certificate and its signing key. */
public record Partner(Party party, URI url, String identity, X509Certificate certificate,
        Fingerprint fingerprint, SigningKey signingKey, Instant pairedAt) {

    public Partner {
        Objects.requireNonNull(party, "party");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(fingerprint, "fingerprint");
        Objects.requireNonNull(signingKey, "signingKey");
        Objects.requireNonNull(pairedAt, "pairedAt");
    }

    public PartyCode code() {
        return party.code();
    }

    /** True when the record names the same party with the same keys and URL: pairing again changes nothing. */
    public boolean sameAs(PairingRecord record) {
        return party.equals(record.party()) && url.equals(record.url()) && fingerprint.equals(record.fingerprint())
                && signingKey.equals(record.signingKey());
    }
}
