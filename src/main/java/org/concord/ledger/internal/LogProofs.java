package org.concord.ledger.internal;

import java.util.List;

import org.concord.ledger.tree.Hash;
import org.concord.ledger.tree.MerkleLog;
import org.concord.ledger.tree.NodeHash;
import org.concord.node.InvalidInput;
import org.springframework.stereotype.Component;

/**
 * The proofs {@code GET /ledger/proof/inclusion} and {@code /ledger/proof/consistency} serve, read
 * from the stored tree: the size checked against the committed log once (a 400 naming the field
 * and the rule, read with the size up to which tiles are stored), then the leaf and the RFC 9162
 * proof hashes in one query of the stored tiles and subtrees ({@link LogTables#nodes(List, long)}):
 * two round trips a proof, and about one row per five levels of the tree. The controller answers with these; the
 * benchmark of proofs at 10M leaves ({@code LedgerProofsBenchmark}) measures these same calls.
 */
@Component
class LogProofs {

    private final LogTables tables;

    LogProofs(LogTables tables) {
        this.tables = tables;
    }

    /**
     * The committed tree as it was at {@code size} leaves, or a 400 naming {@code field} if the log
     * has fewer. Reads the committed size once; the proofs of the answer read no size again (the log
     * only grows, so a size committed once stays committed).
     */
    Sized atSize(String field, long size) {
        LogTables.Head head = tables.head();
        long committed = head.size();
        if (size < 0 || size > committed) {
            throw new InvalidInput(field, "range", "tree size " + size + " is outside [0, " + committed + "]");
        }
        return new Sized(size, committed, Math.min(head.tiled(), committed));
    }

    /** The tree at a checked size, for the proofs of one request. */
    final class Sized {
        private final long size;
        private final MerkleLog log;

        private Sized(long size, long committed, long tiled) {
            this.size = size;
            this.log = new MerkleLog(new Committed(committed, tiled));
        }

        /** The leaf at {@code index} and its inclusion proof in this tree. */
        MerkleLog.Inclusion inclusion(long index) {
            if (index < 0 || index >= size) {
                throw new InvalidInput("index", "range", "leaf index " + index + " is outside a tree of size " + size);
            }
            return log.inclusion(index, size);
        }

        /** The consistency proof from the tree of {@code from} leaves to this one. */
        List<Hash> consistencyFrom(long from) {
            if (from < 0 || from > size) {
                throw new InvalidInput("from", "range", "need 0 <= from <= to, got from " + from + " and to " + size);
            }
            return log.consistencyProof(from, size);
        }
    }

    /** The stored tree at a committed size read once, for reading only. */
    private final class Committed extends TableTreeStore {
        private final long size;
        private final long tiled;

        Committed(long size, long tiled) {
            super(LogProofs.this.tables);
            this.size = size;
            this.tiled = tiled;
        }

        @Override
        public long size() {
            return size;
        }

        @Override
        long tiled() {
            return tiled;
        }

        @Override
        public void append(long expectedSize, long newSize, List<NodeHash> nodes) {
            throw new UnsupportedOperationException("proofs only read the log");
        }
    }
}
