package org.concord.party;

import java.net.URI;
import java.security.cert.X509Certificate;

/**
 * This node: the party it speaks for, where partners reach it, its TLS certificate and its signing
 * key. Private keys stay behind this interface: {@link #sign} signs without handing them out.
 */
public interface NodeIdentity {

    Party party();

    URI url();

    X509Certificate certificate();

    Fingerprint fingerprint();

    SigningKey signingKey();

    /** This node's STIX 2.1 {@code identity} object, as JSON. */
    String stixIdentity();

    /** The {@code id} of {@link #stixIdentity()}. */
    String stixIdentityId();

    /** An Ed25519 signature (RFC 8032) of {@code message} with this node's signing key. */
    byte[] sign(byte[] message);

    default PairingRecord pairingRecord() {
        return new PairingRecord(party(), url(), stixIdentity(), certificate(), fingerprint(), signingKey());
    }
}
