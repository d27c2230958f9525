package org.concord.testing;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.NamedParameterSpec;
import java.util.Arrays;

/**
 * Ed25519 key pairs that are the same on every run, so that committed fuzzing inputs (signed
 * notes, receipts) stay signed by the keys the fuzz tests trust. Test keys only.
 */
public final class FixedKeys {

    private FixedKeys() {
    }

    /** The key pair whose 32-byte seed is {@code n} repeated. */
    public static KeyPair ed25519(int n) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("Ed25519");
            generator.initialize(NamedParameterSpec.ED25519, new SecureRandom() {
                @Override
                public void nextBytes(byte[] bytes) {
                    Arrays.fill(bytes, (byte) n);
                }
            });
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
