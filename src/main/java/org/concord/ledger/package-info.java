/**
 * The ledger: a tamper-evident record of every message this node sends or receives, that both
 * sides of a pairing can check.
 *
 * <p>Every message becomes one entry of an append-only Merkle log (RFC 9162 hashing) kept in the
 * node's database: the SHA-256 of the object's RFC 8785 canonical JSON plus its metadata
 * (direction, partner, STIX id and modified, time), see {@link org.concord.ledger.LedgerEntry}.
 * Appends from concurrent callers are committed together in one transaction (group commit), and
 * nobody is told an index before that transaction has committed. The node signs its tree head as a
 * C2SP checkpoint; each partner fetches it on a schedule, checks it against the last one it
 * accepted, cosigns it and sends the cosignature back, so neither side can rewrite its history
 * unnoticed. A receiver answers each delivery with a signed {@link org.concord.ledger.Receipt}
 * that anyone can check offline ({@code concord verify receipt}).
 *
 * <p>The API is the ports {@link org.concord.ledger.Ledger} (append) and
 * {@link org.concord.ledger.Receipts} (issue and verify receipts), {@link org.concord.ledger.LedgerRecords}
 * (checkpoints, cosignatures, witnessed partners and alarms read for people, and a receipt checked
 * with the failed check named; the console's ledger page), the values they take and give,
 * and the Spring-free core {@code ledger.tree}. Formats: {@code docs/ledger.md}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Ledger",
        allowedDependencies = {"node", "party", "audit"})
package org.concord.ledger;
