package org.concord.exchange.taxii;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.concord.party.NodeIdentity;

/**
 * The TAXII {@code next} values this node hands out: the position to continue after, sealed with
 * AES-GCM so that a caller can neither read it nor make one up. A partner's page may end past rows
 * it may not read ({@code IntelStore.find}); a readable position would tell it how many rows lie
 * between two of its pages, and so roughly how much is withheld.
 *
 * <p>The key is derived from this node's Ed25519 signature of a fixed label (RFC 8032 signatures
 * are deterministic): every instance of the node derives the same key, it survives restarts, and
 * nobody without the node's signing key can derive it. A value from before a key change, or from
 * another node, is refused with a 400 naming {@code next}; the pull client then starts again from
 * its {@code added_after}.
 */
final class NextTokens {

    private static final byte[] LABEL = "concord/taxii/next-token/v1".getBytes(StandardCharsets.US_ASCII);
    private static final int NONCE = 12;
    private static final int TAG_BITS = 128;

    private final NodeIdentity self;
    private final SecureRandom random = new SecureRandom();
    private volatile SecretKeySpec key;

    NextTokens(NodeIdentity self) {
        this.self = self;
    }

    /** A sealed {@code next} value for the position after row {@code seq}. */
    String seal(long seq) {
        try {
            byte[] nonce = new byte[NONCE];
            random.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key(), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(LABEL);
            byte[] sealed = cipher.doFinal(ByteBuffer.allocate(Long.BYTES).putLong(seq).array());
            return Base64.getUrlEncoder().withoutPadding().encodeToString(ByteBuffer.allocate(NONCE + sealed.length).put(nonce).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot seal a next value", e);
        }
    }

    /** The position a value this node sealed stands for; a 400 naming {@code next} for anything else. */
    long open(String token) {
        try {
            byte[] bytes = Base64.getUrlDecoder().decode(token);
            if (bytes.length == NONCE + Long.BYTES + TAG_BITS / 8) {
                Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
                cipher.init(Cipher.DECRYPT_MODE, key(), new GCMParameterSpec(TAG_BITS, bytes, 0, NONCE));
                cipher.updateAAD(LABEL);
                long seq = ByteBuffer.wrap(cipher.doFinal(bytes, NONCE, bytes.length - NONCE)).getLong();
                if (seq >= 0) {
                    return seq;
                }
            }
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            // falls through: not a value this node sealed
        }
        throw TaxiiException.badRequest("next: '" + token + "' is not a 'next' value this server gave out");
    }

    private SecretKeySpec key() throws GeneralSecurityException {
        SecretKeySpec known = key;
        if (known == null) {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(self.sign(LABEL));
            known = new SecretKeySpec(digest, "AES");
            key = known;
        }
        return known;
    }
}
