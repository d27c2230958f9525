package org.concord.ledger.tree;

import java.security.GeneralSecurityException;

/**
 * A Merkle proof that does not prove what it was presented for. Thrown by {@link Proofs};
 * each subtype names one way a proof can fail, and its message is one line naming the
 * sizes and hashes involved, fit for an alarm or a log line.
 */
public abstract sealed class ProofException extends GeneralSecurityException {

    private static final long serialVersionUID = 1L;

    ProofException(String message) {
        super(message);
    }

    /** A leaf index that is negative or not below the tree size. */
    public static final class IndexOutOfRange extends ProofException {
        private static final long serialVersionUID = 1L;
        private final long index;
        private final long size;

        IndexOutOfRange(long index, long size) {
            super("leaf index " + index + " is outside a tree of size " + size);
            this.index = index;
            this.size = size;
        }

        /** The index that was asked for. */
        public long index() {
            return index;
        }

        /** The tree size it was asked for in. */
        public long size() {
            return size;
        }
    }

    /** Two tree sizes that are not {@code 0 <= size1 <= size2}: a log may only grow. */
    public static final class SizesOutOfOrder extends ProofException {
        private static final long serialVersionUID = 1L;
        private final long size1;
        private final long size2;

        SizesOutOfOrder(long size1, long size2) {
            super("tree size " + size2 + " cannot extend tree size " + size1 + " (need 0 <= size1 <= size2)");
            this.size1 = size1;
            this.size2 = size2;
        }

        /** The earlier size. */
        public long size1() {
            return size1;
        }

        /** The later size. */
        public long size2() {
            return size2;
        }
    }

    /** A proof with more or fewer hashes than its sizes (and index) call for. */
    public static final class WrongProofSize extends ProofException {
        private static final long serialVersionUID = 1L;
        private final int actual;
        private final int expected;

        WrongProofSize(String claim, int actual, int expected) {
            super(claim + ": proof has " + actual + " hashes, expected " + expected);
            this.actual = actual;
            this.expected = expected;
        }

        /** Number of hashes in the proof presented. */
        public int actual() {
            return actual;
        }

        /** Number of hashes a proof for these sizes has. */
        public int expected() {
            return expected;
        }
    }

    /** The proof, hashed up, gives another root than the one it should prove. */
    public static final class RootMismatch extends ProofException {
        private static final long serialVersionUID = 1L;
        private final transient Hash expected;
        private final transient Hash calculated;

        RootMismatch(String claim, Hash expected, Hash calculated) {
            super(claim + ": proof yields root " + calculated.hex() + " but expected " + expected.hex());
            this.expected = expected;
            this.calculated = calculated;
        }

        /** The root the caller claimed. */
        public Hash expected() {
            return expected;
        }

        /** The root the proof leads to. */
        public Hash calculated() {
            return calculated;
        }
    }
}
