package org.concord.ledger.tree;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * A {@link TreeStore} in memory, for tests, benchmarks and the offline verifier.
 *
 * <p>Each level keeps its hashes back to back in fixed-size byte chunks (about 64 bytes a
 * leaf in all, without per-hash objects), so ten million leaves fit in some 640 MiB.
 * Thread-safe: reads and appends synchronise on the store.
 */
public final class InMemoryTreeStore implements TreeStore {

    private static final int CHUNK_SHIFT = 15;
    private static final int CHUNK_HASHES = 1 << CHUNK_SHIFT;
    private static final int CHUNK_MASK = CHUNK_HASHES - 1;

    private final List<Level> levels = new ArrayList<>();
    private long size;

    @Override
    public synchronized long size() {
        return size;
    }

    @Override
    public synchronized Hash node(NodeId id) {
        if (id.level() >= levels.size() || id.index() >= levels.get(id.level()).count) {
            throw new NoSuchElementException("no complete subtree " + id + " in a log of size " + size);
        }
        return levels.get(id.level()).get(id.index());
    }

    @Override
    public synchronized List<Hash> nodes(List<NodeId> ids) {
        List<Hash> hashes = new ArrayList<>(ids.size());
        for (NodeId id : ids) {
            hashes.add(node(id));
        }
        return hashes;
    }

    @Override
    public synchronized void append(long expectedSize, long newSize, List<NodeHash> nodes) {
        if (expectedSize != size) {
            throw new ConcurrentAppendException(expectedSize, size);
        }
        if (newSize < size) {
            throw new IllegalArgumentException("a log cannot shrink from " + size + " to " + newSize);
        }
        // Validate the whole batch before touching anything, so that a bad batch leaves no trace.
        long[] counts = new long[64];
        for (int level = 0; level < levels.size(); level++) {
            counts[level] = levels.get(level).count;
        }
        for (NodeHash node : nodes) {
            NodeId id = node.id();
            if (id.index() != counts[id.level()]) {
                throw new IllegalArgumentException("node " + id + " is not the next one on its level (expected index "
                        + counts[id.level()] + ")");
            }
            if (id.endLeaf() > newSize) {
                throw new IllegalArgumentException("node " + id + " is not complete at size " + newSize);
            }
            counts[id.level()]++;
        }
        for (NodeHash node : nodes) {
            while (levels.size() <= node.id().level()) {
                levels.add(new Level());
            }
            levels.get(node.id().level()).add(node.hash());
        }
        size = newSize;
    }

    /** The hashes of one level, back to back in chunks that never move once allocated. */
    private static final class Level {
        private final List<byte[]> chunks = new ArrayList<>();
        private long count;

        Hash get(long index) {
            byte[] chunk = chunks.get((int) (index >>> CHUNK_SHIFT));
            int offset = (int) (index & CHUNK_MASK) * Hash.SIZE;
            byte[] bytes = new byte[Hash.SIZE];
            System.arraycopy(chunk, offset, bytes, 0, Hash.SIZE);
            return new Hash(bytes);
        }

        void add(Hash hash) {
            int slot = (int) (count & CHUNK_MASK);
            if (slot == 0) {
                chunks.add(new byte[16 * Hash.SIZE]);
            }
            int last = chunks.size() - 1;
            byte[] chunk = chunks.get(last);
            if (slot * Hash.SIZE == chunk.length) {
                // Only the last chunk grows, doubling up to its full size; small logs stay small.
                chunk = Arrays.copyOf(chunk, Math.min(2 * chunk.length, CHUNK_HASHES * Hash.SIZE));
                chunks.set(last, chunk);
            }
            System.arraycopy(hash.raw(), 0, chunk, slot * Hash.SIZE, Hash.SIZE);
            count++;
        }
    }
}
