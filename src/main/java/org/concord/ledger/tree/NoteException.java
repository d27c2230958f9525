package org.concord.ledger.tree;

import java.security.GeneralSecurityException;

/**
 * A signed note, checkpoint or key that must not be trusted. Thrown by {@link SignedNote},
 * {@link Checkpoint} and {@link VerifierKey}; each subtype is one way a note can fail, with a
 * one-line message naming the key or line at fault.
 */
public abstract sealed class NoteException extends GeneralSecurityException {

    private static final long serialVersionUID = 1L;

    NoteException(String message) {
        super(message);
    }

    /** Text that is not a well-formed signed note or checkpoint (C2SP signed-note, tlog-checkpoint). */
    public static final class MalformedNote extends NoteException {
        private static final long serialVersionUID = 1L;

        MalformedNote(String message) {
            super("malformed note: " + message);
        }
    }

    /** A verifier or signer key string that is not well-formed, or keys that cannot be told apart. */
    public static final class MalformedKey extends NoteException {
        private static final long serialVersionUID = 1L;

        MalformedKey(String message) {
            super("malformed key: " + message);
        }
    }

    /** A note with no signature from any key the verifier knows. */
    public static final class UnknownKey extends NoteException {
        private static final long serialVersionUID = 1L;

        UnknownKey(String message) {
            super(message);
        }
    }

    /** A signature from a known key that does not verify: the note was altered or forged. */
    public static final class BadSignature extends NoteException {
        private static final long serialVersionUID = 1L;

        BadSignature(String message) {
            super(message);
        }
    }

    /** A well-signed checkpoint from another log than the one expected. */
    public static final class UnexpectedOrigin extends NoteException {
        private static final long serialVersionUID = 1L;

        UnexpectedOrigin(String actual, String expected) {
            super("checkpoint origin is " + actual + ", expected " + expected);
        }
    }
}
