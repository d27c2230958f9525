/**
 * The pure core of the ledger: an append-only Merkle log with RFC 9162 (Certificate
 * Transparency 2.0) hashing, inclusion and consistency proofs and their verification,
 * and the C2SP text formats in which tree heads travel between nodes (signed notes,
 * checkpoints, Ed25519 cosignatures).
 *
 * <p>Nothing here knows Spring, a database, the network or the clock: storage is the
 * {@link org.concord.ledger.tree.TreeStore} port, times are passed in. Every verification
 * either returns normally or throws a typed, sealed exception
 * ({@link org.concord.ledger.tree.ProofException}, {@link org.concord.ledger.tree.NoteException});
 * none returns a boolean that a caller could forget to check.
 *
 * <p>Other parts of the {@code ledger} module (persistence, endpoints, witnessing) and the
 * offline verifier build on this named interface.
 */
@org.springframework.modulith.NamedInterface("tree")
package org.concord.ledger.tree;
