package org.concord.ledger.tree;

import java.util.Objects;
import java.util.OptionalLong;

/**
 * A signature that verified, with the key that made it and, for a cosignature, the time the
 * cosigner says it signed (POSIX seconds).
 *
 * @param key        the known key whose signature held
 * @param cosignedAt the cosignature timestamp; empty for a plain Ed25519 note signature
 */
public record VerifiedSignature(VerifierKey key, OptionalLong cosignedAt) {

    /** Both parts are required; a timestamp exactly when the key is a cosignature key. */
    public VerifiedSignature {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(cosignedAt, "cosignedAt");
        if (cosignedAt.isPresent() != (key.type() == VerifierKey.COSIGNATURE_V1)) {
            throw new IllegalArgumentException("a timestamp comes with, and only with, a cosignature key");
        }
    }
}
