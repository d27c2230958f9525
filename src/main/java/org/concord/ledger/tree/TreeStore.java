package org.concord.ledger.tree;

import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * The storage port of the Merkle log: the hashes of every complete subtree, by
 * {@code (level, index)}, and the number of leaves.
 *
 * <p>A store is append-only. {@link MerkleLog} is its only writer and writes, for each
 * batch, the new leaves and every subtree they complete; with these rows every root,
 * inclusion proof and consistency proof of any past size needs O(log size) reads. The
 * in-memory implementation is {@link InMemoryTreeStore}; the database implementation
 * keeps the same rows in a table.
 */
public interface TreeStore {

    /** Number of leaves committed so far. */
    long size();

    /**
     * The hash of a committed complete subtree.
     *
     * @throws NoSuchElementException if that subtree is not complete in the committed tree
     */
    Hash node(NodeId id);

    /**
     * The hashes of several committed subtrees, in the order asked; a database implementation
     * answers in one round trip.
     *
     * @throws NoSuchElementException if one of them is not complete in the committed tree
     */
    default List<Hash> nodes(List<NodeId> ids) {
        List<Hash> hashes = new ArrayList<>(ids.size());
        for (NodeId id : ids) {
            hashes.add(node(id));
        }
        return hashes;
    }

    /**
     * Commits a batch atomically: all of {@code nodes} and the new size, or nothing.
     *
     * @param expectedSize the size the writer based the batch on
     * @param newSize      the size after the batch
     * @param nodes        every subtree that is complete at {@code newSize} but was not at
     *                     {@code expectedSize}, in increasing order of index within each level
     * @throws ConcurrentAppendException if the size is no longer {@code expectedSize}
     */
    void append(long expectedSize, long newSize, List<NodeHash> nodes);

    /** Another writer appended first; the batch was not written and may be retried. */
    final class ConcurrentAppendException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        /** Names both sizes. */
        public ConcurrentAppendException(long expectedSize, long actualSize) {
            super("log size is " + actualSize + ", batch was built on size " + expectedSize);
        }
    }
}
