package org.concord.ledger.internal;

import java.util.List;

import org.concord.ledger.tree.Hash;
import org.concord.node.InvalidInput;
import org.springframework.stereotype.Component;

/**
 * The proofs {@code GET /ledger/proof/inclusion} and {@code /ledger/proof/consistency} serve, read
 * from the stored tree: the sizes checked against the committed log (a 400 naming the field and the
 * rule), then the leaf and the RFC 9162 proof hashes. The controller answers with these; the
 * benchmark of proofs at 10M leaves ({@code LedgerProofsBenchmark}) measures these same calls.
 */
@Component
class LogProofs {

    private final StoredTree tree;

    LogProofs(StoredTree tree) {
        this.tree = tree;
    }

    /** An inclusion proof with the leaf it is for. */
    record Inclusion(long index, long size, Hash leaf, List<Hash> proof) {
    }

    /** The committed size, refusing a {@code size} beyond it; {@code field} names the parameter in the refusal. */
    long requireSize(String field, long size) {
        long committed = tree.size();
        if (size < 0 || size > committed) {
            throw new InvalidInput(field, "range", "tree size " + size + " is outside [0, " + committed + "]");
        }
        return committed;
    }

    /**
     * The leaf at {@code index} and its inclusion proof in the tree of {@code size} leaves, a size
     * the caller has checked with {@link #requireSize} (before it looked the leaf up, so that a bad
     * size is the error a caller sees first).
     */
    Inclusion inclusion(long index, long size) {
        if (index < 0 || index >= size) {
            throw new InvalidInput("index", "range", "leaf index " + index + " is outside a tree of size " + size);
        }
        return new Inclusion(index, size, tree.log().leafHash(index), tree.log().inclusionProof(index, size));
    }

    /** The consistency proof from the tree of {@code from} leaves to the tree of {@code to}. */
    List<Hash> consistency(long from, long to) {
        requireSize("to", to);
        if (from < 0 || from > to) {
            throw new InvalidInput("from", "range", "need 0 <= from <= to, got from " + from + " and to " + to);
        }
        return tree.log().consistencyProof(from, to);
    }
}
