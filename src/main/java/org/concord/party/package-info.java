/**
 * Who is who: the state this node speaks for, the partner nodes it is paired with (each pinned by
 * its TLS certificate and its Ed25519 signing key), the people who log in and their roles, and the
 * mutual-TLS and password checks that decide who a caller is.
 *
 * <p>The API is the few public types of this package: values ({@link org.concord.party.PartyCode},
 * {@link org.concord.party.Fingerprint}, {@link org.concord.party.PairingRecord}, ...), the ports
 * {@link org.concord.party.Partners} and {@link org.concord.party.NodeIdentity}, and the use cases
 * {@link org.concord.party.Pairing} and {@link org.concord.party.UserAccounts}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Parties, keys and users",
        allowedDependencies = {"node", "audit"})
package org.concord.party;
