package org.concord.ledger.internal;

import java.util.List;

import org.concord.ledger.tree.Hash;
import org.concord.ledger.tree.MerkleLog;
import org.concord.ledger.tree.NodeHash;
import org.concord.ledger.tree.NodeId;
import org.concord.ledger.tree.TreeStore;
import org.springframework.stereotype.Component;

/**
 * The committed log, read from the database: roots and proofs for any size up to the committed
 * one, each from O(log size) stored hashes read in one query by primary key ({@link LogTables#nodes}),
 * plus one for the size. Only {@link GroupCommit} writes; this view refuses to. The proof
 * endpoints read through {@link LogProofs}, which reads the size once per request.
 */
@Component
class StoredTree implements TreeStore {

    private final LogTables tables;
    private final MerkleLog log;

    StoredTree(LogTables tables) {
        this.tables = tables;
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
    public Hash node(NodeId id) {
        return tables.nodes(List.of(id)).get(0);
    }

    @Override
    public List<Hash> nodes(List<NodeId> ids) {
        return tables.nodes(ids);
    }

    @Override
    public void append(long expectedSize, long newSize, List<NodeHash> nodes) {
        throw new UnsupportedOperationException("the ledger is appended to through its group commit only");
    }
}
