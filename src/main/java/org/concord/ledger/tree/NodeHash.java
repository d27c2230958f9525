package org.concord.ledger.tree;

import java.util.Objects;

/**
 * The hash of one complete subtree, as a {@link TreeStore} keeps it: a row
 * {@code (level, index) -> hash}.
 *
 * @param id   which subtree
 * @param hash its Merkle tree hash
 */
public record NodeHash(NodeId id, Hash hash) {

    /** Both parts are required. */
    public NodeHash {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(hash, "hash");
    }
}
