package org.concord.ledger.internal;

import java.util.List;

import org.concord.ledger.tree.Hash;
import org.concord.ledger.tree.NodeId;
import org.concord.ledger.tree.TreeStore;

/**
 * The tree's stored subtrees as {@link LogTables} holds them, read by primary key in one query for
 * any number of them; what each view adds is its size, whether it reads tiles, and whether and how
 * it appends (the ledger's read view, the group commit's locked view, a proof's view at one
 * committed size, which reads tiles).
 */
abstract class TableTreeStore implements TreeStore {

    final LogTables tables;

    TableTreeStore(LogTables tables) {
        this.tables = tables;
    }

    /**
     * A size at which every complete tile is stored, so that nodes under those tiles are hashed from
     * them ({@link LogTables#nodes(List, long)}); 0 reads every node from its own row.
     */
    long tiled() {
        return 0;
    }

    @Override
    public final Hash node(NodeId id) {
        return tables.nodes(List.of(id), tiled()).get(0);
    }

    @Override
    public final List<Hash> nodes(List<NodeId> ids) {
        return tables.nodes(ids, tiled());
    }
}
