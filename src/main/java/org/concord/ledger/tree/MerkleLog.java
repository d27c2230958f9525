package org.concord.ledger.tree;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An append-only RFC 9162 Merkle log over a {@link TreeStore}: appends batches of leaves and
 * produces roots, inclusion proofs and consistency proofs for the current or any past size.
 *
 * <p>The log holds no state of its own: every call reads what it needs from the store, at
 * most O(log size) node hashes, and a batch append writes the leaves and every subtree they
 * complete in one atomic {@link TreeStore#append}. Several writers on one store are safe in
 * the sense that the loser of a race gets a {@link TreeStore.ConcurrentAppendException} and
 * nothing is written; callers that want no retries serialise appends (a database lock).
 *
 * <p>Proofs are lists of hashes ordered from the leaf upwards, as in RFC 9162 and as
 * {@link Proofs} expects them.
 */
public final class MerkleLog {

    private final TreeStore store;

    /** A log whose nodes live in {@code store}. */
    public MerkleLog(TreeStore store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    /** The leaves a batch occupies: {@code [firstIndex, newSize)}. */
    public record Appended(long firstIndex, long newSize) {

        /** Validates the range. */
        public Appended {
            if (firstIndex < 0 || newSize < firstIndex) {
                throw new IllegalArgumentException("bad leaf range [" + firstIndex + ", " + newSize + ")");
            }
        }
    }

    /** Number of leaves in the log. */
    public long size() {
        return store.size();
    }

    /** Appends entries (hashed as RFC 9162 leaves) in one atomic batch. */
    public Appended append(List<byte[]> entries) {
        List<Hash> leafHashes = new ArrayList<>(entries.size());
        for (byte[] entry : entries) {
            leafHashes.add(Rfc9162Hasher.leaf(entry));
        }
        return appendLeafHashes(leafHashes);
    }

    /** Appends leaves already hashed with {@link Rfc9162Hasher#leaf} in one atomic batch. */
    public Appended appendLeafHashes(List<Hash> leafHashes) {
        Objects.requireNonNull(leafHashes, "leafHashes");
        long size = store.size();
        // The right border of the tree: the complete subtree at each level whose bit is set in size.
        Hash[] border = new Hash[64];
        List<NodeId> borderIds = new ArrayList<>();
        for (int level = 62; level >= 0; level--) {
            if ((size >>> level & 1) == 1) {
                borderIds.add(new NodeId(level, (size >>> level) - 1));
            }
        }
        List<Hash> borderHashes = store.nodes(borderIds);
        for (int i = 0; i < borderIds.size(); i++) {
            border[borderIds.get(i).level()] = borderHashes.get(i);
        }
        List<NodeHash> written = new ArrayList<>(2 * leafHashes.size() + 64);
        long n = size;
        for (Hash leaf : leafHashes) {
            Objects.requireNonNull(leaf, "leaf hash");
            written.add(new NodeHash(new NodeId(0, n), leaf));
            Hash carry = leaf;
            int level = 0;
            while ((n >>> level & 1) == 1) {
                carry = Rfc9162Hasher.node(border[level], carry);
                border[level] = null;
                level++;
                written.add(new NodeHash(new NodeId(level, ((n + 1) >>> level) - 1), carry));
            }
            border[level] = carry;
            n++;
        }
        store.append(size, n, written);
        return new Appended(size, n);
    }

    /** The hash of leaf {@code index}. */
    public Hash leafHash(long index) {
        long size = store.size();
        if (index < 0 || index >= size) {
            throw new IllegalArgumentException("leaf index " + index + " is outside a log of size " + size);
        }
        return store.node(new NodeId(0, index));
    }

    /** The root of the log as it is now. */
    public Hash root() {
        return root(store.size());
    }

    /** The root the log had when it had {@code size} leaves. */
    public Hash root(long size) {
        requireSize(size);
        if (size == 0) {
            return Rfc9162Hasher.emptyRoot();
        }
        List<NodeId> pieces = cover(0, size);
        return fold(store.nodes(pieces), 0, pieces.size());
    }

    /** The inclusion proof of leaf {@code index} in the tree of {@code size} leaves. */
    public List<Hash> inclusionProof(long index, long size) {
        requireSize(size);
        if (index < 0 || index >= size) {
            throw new IllegalArgumentException("leaf index " + index + " is outside a tree of size " + size);
        }
        return resolve(path(0, index, size, new ArrayList<>()));
    }

    /** A leaf's hash and its inclusion proof in the tree of {@code size} leaves. */
    public record Inclusion(long index, long size, Hash leaf, List<Hash> proof) {

        /** Both parts are required. */
        public Inclusion {
            Objects.requireNonNull(leaf, "leaf");
            proof = List.copyOf(proof);
        }
    }

    /**
     * The hash of leaf {@code index} and its inclusion proof in the tree of {@code size} leaves, as
     * {@link #leafHash} and {@link #inclusionProof} give them, read from the store in one
     * {@link TreeStore#nodes} call.
     */
    public Inclusion inclusion(long index, long size) {
        requireSize(size);
        if (index < 0 || index >= size) {
            throw new IllegalArgumentException("leaf index " + index + " is outside a tree of size " + size);
        }
        List<List<NodeId>> elements = new ArrayList<>();
        elements.add(List.of(new NodeId(0, index)));
        List<Hash> leafAndProof = resolve(path(0, index, size, elements));
        return new Inclusion(index, size, leafAndProof.get(0), leafAndProof.subList(1, leafAndProof.size()));
    }

    /** The consistency proof from the tree of {@code size1} leaves to the tree of {@code size2}. */
    public List<Hash> consistencyProof(long size1, long size2) {
        requireSize(size2);
        if (size1 < 0 || size1 > size2) {
            throw new IllegalArgumentException("need 0 <= size1 <= size2, got " + size1 + " and " + size2);
        }
        if (size1 == 0 || size1 == size2) {
            return List.of();
        }
        // The largest complete subtree ending at size1, then its path up the tree of size2.
        int level = Long.numberOfTrailingZeros(size1);
        long index = (size1 - 1) >>> level;
        List<List<NodeId>> elements = new ArrayList<>();
        if (index != 0) {
            // Unless it is the whole first tree, whose root the verifier already has.
            elements.add(List.of(new NodeId(level, index)));
        }
        return resolve(path(level, index, size2, elements));
    }

    /**
     * Appends to {@code elements} the proof path of node {@code (level, index)} in the tree of
     * {@code size} leaves. Each element is the list of complete subtrees whose fold is that
     * proof hash: one subtree, except for a sibling on the right border that is not complete.
     */
    private static List<List<NodeId>> path(int level, long index, long size, List<List<NodeId>> elements) {
        long last = (size - 1) >>> level;
        int inner = 64 - Long.numberOfLeadingZeros(index ^ last);
        for (int i = 0; i < inner; i++) {
            int l = level + i;
            long sibling = (index >>> i) ^ 1;
            long begin = sibling << l;
            long end = Math.min(begin + (1L << l), size);
            elements.add(cover(begin, end));
        }
        for (int i = inner; (index >>> i) != 0; i++) {
            if ((index >>> i & 1) == 1) {
                elements.add(List.of(new NodeId(level + i, (index >>> i) - 1)));
            }
        }
        return elements;
    }

    /** The complete subtrees that tile {@code [begin, end)}, left to right, largest first. */
    private static List<NodeId> cover(long begin, long end) {
        List<NodeId> pieces = new ArrayList<>(4);
        long at = begin;
        while (at < end) {
            int byAlignment = at == 0 ? 62 : Long.numberOfTrailingZeros(at);
            int byLength = 63 - Long.numberOfLeadingZeros(end - at);
            int level = Math.min(byAlignment, byLength);
            pieces.add(new NodeId(level, at >>> level));
            at += 1L << level;
        }
        return pieces;
    }

    /** Reads every node of every element in one batch, then folds each element to one hash. */
    private List<Hash> resolve(List<List<NodeId>> elements) {
        List<NodeId> all = new ArrayList<>();
        for (List<NodeId> element : elements) {
            all.addAll(element);
        }
        List<Hash> hashes = store.nodes(all);
        List<Hash> proof = new ArrayList<>(elements.size());
        int at = 0;
        for (List<NodeId> element : elements) {
            proof.add(fold(hashes, at, at + element.size()));
            at += element.size();
        }
        return List.copyOf(proof);
    }

    /** The RFC 9162 hash of adjacent complete subtrees {@code hashes[from, to)}: folded from the right. */
    private static Hash fold(List<Hash> hashes, int from, int to) {
        Hash hash = hashes.get(to - 1);
        for (int i = to - 2; i >= from; i--) {
            hash = Rfc9162Hasher.node(hashes.get(i), hash);
        }
        return hash;
    }

    private void requireSize(long size) {
        long current = store.size();
        if (size < 0 || size > current) {
            throw new IllegalArgumentException("tree size " + size + " is outside [0, " + current + "]");
        }
    }
}
