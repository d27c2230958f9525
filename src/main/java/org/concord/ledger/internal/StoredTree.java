package org.concord.ledger.internal;

import java.util.List;

import org.concord.ledger.tree.MerkleLog;
import org.concord.ledger.tree.NodeHash;
import org.springframework.stereotype.Component;

/**
 * The committed log, read from the database: roots and proofs for any size up to the committed
 * one, each from O(log size) stored hashes read in one query by primary key ({@link LogTables#nodes}),
 * plus one for the size. Only {@link GroupCommit} writes; this view refuses to. The proof
 * endpoints read through {@link LogProofs}, which reads the size once per request.
 */
@Component
class StoredTree extends TableTreeStore {

    private final MerkleLog log;

    StoredTree(LogTables tables) {
        super(tables);
        this.log = new MerkleLog(this);
    }

    MerkleLog log() {
        return log;
    }

    @Override
    public long size() {
        return tables.size();
    }

    @Override
    public void append(long expectedSize, long newSize, List<NodeHash> nodes) {
        throw new UnsupportedOperationException("the ledger is appended to through its group commit only");
    }
}
