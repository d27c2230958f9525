package org.concord.ledger;

import java.security.GeneralSecurityException;

/**
 * A receipt that does not prove what it claims. Each subtype is one way a receipt fails, with a
 * one-line message naming the key, object, sizes or hashes at fault; {@link Receipt#verify} throws
 * it instead of returning {@code false}, so it cannot be ignored.
 */
public abstract sealed class ReceiptException extends GeneralSecurityException {

    private static final long serialVersionUID = 1L;

    ReceiptException(String message) {
        super(message);
    }

    /** Not a receipt in the concord-receipt/1 format. */
    public static final class Malformed extends ReceiptException {
        private static final long serialVersionUID = 1L;

        Malformed(String message) {
            super("malformed receipt: " + message);
        }
    }

    /** Signed by another key than the one the verifier trusts for that party. */
    public static final class UnknownKey extends ReceiptException {
        private static final long serialVersionUID = 1L;

        UnknownKey(String message) {
            super(message);
        }
    }

    /** The signature (of the receipt or of its checkpoint) does not verify: altered or forged. */
    public static final class BadSignature extends ReceiptException {
        private static final long serialVersionUID = 1L;

        BadSignature(String message) {
            super(message);
        }
    }

    /** The object presented is not the one the receipt acknowledges. */
    public static final class AlteredObject extends ReceiptException {
        private static final long serialVersionUID = 1L;

        AlteredObject(String message) {
            super(message);
        }
    }

    /** The leaf the receipt names is not the hash of the entry it describes. */
    public static final class AlteredEntry extends ReceiptException {
        private static final long serialVersionUID = 1L;

        AlteredEntry(String message) {
            super(message);
        }
    }

    /** The inclusion proof does not put the entry into the checkpoint's tree. */
    public static final class BadProof extends ReceiptException {
        private static final long serialVersionUID = 1L;

        BadProof(String message) {
            super(message);
        }
    }
}
