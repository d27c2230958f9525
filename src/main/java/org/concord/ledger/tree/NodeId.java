package org.concord.ledger.tree;

/**
 * The position of a complete (perfect) subtree of the log: {@code level} 0 is a leaf, and the
 * node at {@code (level, index)} covers the leaves {@code [index * 2^level, (index + 1) * 2^level)}.
 *
 * @param level height above the leaves, 0 to 62
 * @param index position among the nodes of that level, from 0
 */
public record NodeId(int level, long index) {

    /** Validates the ranges. */
    public NodeId {
        if (level < 0 || level > 62) {
            throw new IllegalArgumentException("node level must be in [0, 62], got " + level);
        }
        if (index < 0 || index > (Long.MAX_VALUE >>> level)) {
            throw new IllegalArgumentException("node index out of range at level " + level + ": " + index);
        }
    }

    /** Index of the first leaf under this node. */
    public long firstLeaf() {
        return index << level;
    }

    /** Index one past the last leaf under this node. */
    public long endLeaf() {
        return (index + 1) << level;
    }

    @Override
    public String toString() {
        return "(" + level + "," + index + ")";
    }
}
