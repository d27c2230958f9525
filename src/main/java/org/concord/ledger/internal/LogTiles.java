package org.concord.ledger.internal;

import java.util.Arrays;

import org.concord.ledger.tree.Hash;
import org.concord.ledger.tree.NodeId;
import org.concord.ledger.tree.Rfc9162Hasher;

/**
 * Where the tiles of {@code ledger_tile} sit in the tree (C2SP tlog-tiles with tiles of height
 * {@value #HEIGHT}): tile {@code (t, n)} holds the {@value #WIDTH} hashes of tree level
 * {@code HEIGHT * t} from node {@code n * WIDTH} on, leaf hashes at {@code t = 0}. A complete
 * subtree at a level from {@code HEIGHT * t} to {@code HEIGHT * t + HEIGHT - 1} is the fold of a
 * run of one tile's hashes; a tile exists once the tree has all its hashes, and never changes.
 */
final class LogTiles {

    /** Tree levels one tile covers. */
    static final int HEIGHT = 5;
    /** Hashes in one tile. */
    static final int WIDTH = 1 << HEIGHT;
    /** Bytes of one tile row. */
    static final int BYTES = WIDTH * Hash.SIZE;

    private LogTiles() {
    }

    /** A tile's place: tile level {@code level} (tree level {@code HEIGHT * level}) and index. */
    record TileId(int level, long index) {
    }

    /** The tile whose hashes fold to the node {@code id}. */
    static TileId tileOf(NodeId id) {
        int t = id.level() / HEIGHT;
        int above = id.level() % HEIGHT;
        return new TileId(t, (id.index() << above) >>> HEIGHT);
    }

    /** Whether {@code tile} is complete in the tree of {@code size} leaves. */
    static boolean complete(TileId tile, long size) {
        int shift = HEIGHT * tile.level() + HEIGHT;
        return shift < 63 && (size >>> shift) > tile.index();
    }

    /** How many tiles of tile level {@code t} are complete in the tree of {@code size} leaves. */
    static long completeTiles(int t, long size) {
        int shift = HEIGHT * t + HEIGHT;
        return shift < 63 ? size >>> shift : 0;
    }

    /** The hash of node {@code id} from the row of {@link #tileOf its tile}. */
    static Hash node(NodeId id, byte[] tile) {
        if (tile.length != BYTES) {
            throw new IllegalStateException("a ledger tile has " + BYTES + " bytes, got " + tile.length);
        }
        int above = id.level() % HEIGHT;
        int count = 1 << above;
        int from = (int) ((id.index() << above) & (WIDTH - 1));
        Hash[] hashes = new Hash[count];
        for (int k = 0; k < count; k++) {
            int at = (from + k) * Hash.SIZE;
            hashes[k] = new Hash(Arrays.copyOfRange(tile, at, at + Hash.SIZE));
        }
        for (; count > 1; count /= 2) {
            for (int k = 0; k < count / 2; k++) {
                hashes[k] = Rfc9162Hasher.node(hashes[2 * k], hashes[2 * k + 1]);
            }
        }
        return hashes[0];
    }
}
