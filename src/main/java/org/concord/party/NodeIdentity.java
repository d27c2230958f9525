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

    /**
     * The identity the node of {@code settings} keeps in its data directory, loaded, or created there
     * if it has none, exactly as the node does when it starts; for commands that need a node's keys
     * without starting it.
     */
    static NodeIdentity inDataDirectory(org.concord.node.NodeSettings settings, java.time.Clock clock) {
        return org.concord.party.keys.FileNodeIdentity.loadOrCreate(settings, clock);
    }

    /** Where the node whose data directory is {@code dataDir} keeps its key files ({@code tls.crt}, {@code tls.key}, ...). */
    static java.nio.file.Path keyDirectory(java.nio.file.Path dataDir) {
        return org.concord.party.keys.FileNodeIdentity.keyDirectory(dataDir);
    }
}
