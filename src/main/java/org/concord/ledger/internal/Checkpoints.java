package org.concord.ledger.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.concord.audit.AuditLog;
import org.concord.ledger.tree.Checkpoint;
import org.concord.ledger.tree.Hash;
import org.concord.ledger.tree.NoteException;
import org.concord.ledger.tree.SignedNote;
import org.concord.ledger.tree.VerifiedSignature;
import org.concord.node.InvalidInput;
import org.concord.party.Partner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;

/**
 * This node's signed checkpoints ({@code ledger_checkpoint}) and the cosignatures partners return
 * for them ({@code ledger_cosignature}). A new checkpoint is signed when the log has grown, every
 * {@code concord.ledger.checkpoint-interval}, and on demand when a receipt needs one.
 */
@Component
class Checkpoints {

    private static final Logger log = LoggerFactory.getLogger(Checkpoints.class);
    private final JdbcClient jdbc;
    private final StoredTree tree;
    private final LogIdentity identity;
    private final AuditLog audit;
    private final Clock clock;

    Checkpoints(JdbcClient jdbc, StoredTree tree, LogIdentity identity, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.tree = tree;
        this.identity = identity;
        this.audit = audit;
        this.clock = clock;
    }

    /** A cosignature a partner returned. */
    record Cosignature(long size, String witness, Instant cosignedAt, String note, Instant receivedAt) {
    }

    Optional<SignedCheckpoint> latest() {
        return jdbc.sql("select size, root, signed_at, note from ledger_checkpoint order by size desc limit 1")
                .query(Checkpoints::row).optional();
    }

    /** This node's checkpoints, largest first, at most {@code limit} (for people to read: {@code LedgerRecords}). */
    List<SignedCheckpoint> recent(int limit) {
        return jdbc.sql("select size, root, signed_at, note from ledger_checkpoint order by size desc limit ?").param(limit)
                .query(Checkpoints::row).list();
    }

    Optional<SignedCheckpoint> at(long size) {
        return jdbc.sql("select size, root, signed_at, note from ledger_checkpoint where size = ?").param(size)
                .query(Checkpoints::row).optional();
    }

    /** The newest checkpoint, signing one first if the log has grown since (or none exists). */
    SignedCheckpoint current() {
        publish();
        return latest().orElseThrow();
    }

    /** Signs a checkpoint of the committed log if it has grown since the newest one. */
    @Scheduled(fixedDelayString = "${concord.ledger.checkpoint-interval:PT10S}", initialDelayString = "PT5S")
    @SchedulerLock(name = "ledger.checkpoint", lockAtMostFor = "PT1M")
    public void publish() {
        long size = tree.size();
        Optional<SignedCheckpoint> latest = latest();
        if (latest.isPresent() && latest.get().size() >= size) {
            return;
        }
        Hash root = tree.log().root(size);
        Instant now = SignedCheckpoint.timeFrom(clock);
        if (latest.isPresent() && now.isBefore(latest.get().signedAt())) {
            now = latest.get().signedAt(); // never sign a checkpoint that looks older than the last one
        }
        Checkpoint body = SignedCheckpoint.body(identity.origin(), size, root, now);
        String note = body.sign(identity.signer()).encode();
        try {
            jdbc.sql("insert into ledger_checkpoint (size, root, note, signed_at) values (?, ?, ?, ?)")
                    .params(size, root.bytes(), note, Timestamp.from(now)).update();
            log.debug("signed checkpoint of size {} root {}", size, root.hex());
        } catch (DuplicateKeyException e) {
            // another instance signed this size first; its checkpoint stands
        }
    }

    /** The cosignatures received for checkpoints, newest first. */
    List<Cosignature> cosignatures(int limit) {
        return jdbc.sql("select size, witness, cosigned_at, note, received_at from ledger_cosignature"
                + " order by size desc, witness limit ?").param(limit)
                .query((rs, n) -> new Cosignature(rs.getLong("size"), rs.getString("witness"),
                        rs.getTimestamp("cosigned_at").toInstant(), rs.getString("note"), rs.getTimestamp("received_at").toInstant()))
                .list();
    }

    /**
     * Keeps a partner's cosignature of one of this node's checkpoints: the note must be a checkpoint
     * this node signed (same text, this node's signature holding) and carry a cosignature/v1 by the
     * partner's pinned key.
     *
     * @throws InvalidInput naming what is wrong; nothing is stored then
     */
    @Transactional
    Cosignature acceptCosignature(Partner witness, String cosignedNote) {
        SignedNote note;
        Checkpoint checkpoint;
        VerifiedSignature cosignature;
        try {
            note = SignedNote.parse(cosignedNote);
            checkpoint = Checkpoint.open(note, identity.origin(), List.of(identity.verifierKey()));
            cosignature = note.verify(List.of(LogIdentity.cosignatureKey(witness))).get(0);
        } catch (NoteException e) {
            throw new InvalidInput("note", "cosigned-checkpoint", e.getMessage());
        }
        SignedCheckpoint ours = at(checkpoint.size())
                .orElseThrow(() -> new InvalidInput("note", "own-checkpoint", "this node signed no checkpoint of size " + checkpoint.size()));
        if (!ours.root().equals(checkpoint.root())) {
            throw new InvalidInput("note", "own-checkpoint", "checkpoint of size " + checkpoint.size() + " has root "
                    + checkpoint.root().hex() + ", this node signed root " + ours.root().hex());
        }
        Instant cosignedAt = Instant.ofEpochSecond(cosignature.cosignedAt().getAsLong());
        Instant now = clock.instant();
        int stored = jdbc.sql("update ledger_cosignature set cosigned_at = ?, note = ?, received_at = ?"
                + " where size = ? and witness = ? and cosigned_at < ?")
                .params(Timestamp.from(cosignedAt), cosignedNote, Timestamp.from(now), checkpoint.size(), witness.code().value(),
                        Timestamp.from(cosignedAt))
                .update();
        boolean exists = jdbc.sql("select count(*) from ledger_cosignature where size = ? and witness = ?")
                .params(checkpoint.size(), witness.code().value()).query(Long.class).single() > 0;
        if (!exists) {
            jdbc.sql("insert into ledger_cosignature (size, witness, cosigned_at, note, received_at) values (?, ?, ?, ?, ?)")
                    .params(checkpoint.size(), witness.code().value(), Timestamp.from(cosignedAt), cosignedNote, Timestamp.from(now))
                    .update();
            stored = 1;
        }
        if (stored > 0) {
            audit.record("partner:" + witness.code(), "ledger.cosignature", "checkpoint " + checkpoint.size(),
                    "root " + checkpoint.root().hex() + " cosigned at " + cosignedAt);
        }
        return new Cosignature(checkpoint.size(), witness.code().value(), cosignedAt, cosignedNote, now);
    }

    private static SignedCheckpoint row(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new SignedCheckpoint(rs.getLong("size"), new Hash(rs.getBytes("root")), rs.getTimestamp("signed_at").toInstant(),
                rs.getString("note"));
    }
}
