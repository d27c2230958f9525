package org.concord.ledger.internal;

import java.util.List;

import org.concord.ledger.tree.Hash;
import org.concord.ledger.tree.NodeId;
import org.concord.ledger.tree.TreeStore;

/**
 * The tree's stored subtrees as {@link LogTables} holds them, read by primary key in one query for
 * any number of them; what each view adds is its size and whether and how it appends (the ledger's
 * read view, the group commit's locked view, a proof's view at one committed size).
 */
abstract class TableTreeStore implements TreeStore {

    final LogTables tables;

    TableTreeStore(LogTables tables) {
        this.tables = tables;
    }

    @Override
    public final Hash node(NodeId id) {
        return tables.nodes(List.of(id)).get(0);
    }

    @Override
    public final List<Hash> nodes(List<NodeId> ids) {
        return tables.nodes(ids);
    }
}
