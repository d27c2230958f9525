package org.concord.ledger.internal;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.concord.ledger.Direction;
import org.concord.ledger.LedgerEntry;
import org.concord.ledger.tree.Checkpoint;
import org.concord.ledger.tree.CompactRange;
import org.concord.ledger.tree.Hash;
import org.concord.ledger.tree.NoteException;
import org.concord.ledger.tree.ProofException;
import org.concord.ledger.tree.Proofs;
import org.concord.ledger.tree.SignedNote;
import org.concord.party.Partner;
import org.concord.party.PartnerConnections;
import org.concord.party.Partners;
import org.concord.party.PartyCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Witnessing the partners' logs. For each partner, each run: fetch its checkpoint over the pinned
 * HTTPS connection; check the signature with the partner's pinned key and the origin; refuse a
 * smaller, older or forked checkpoint; check the consistency proof from the last accepted
 * checkpoint; fetch the new entries, recompute each leaf this node can (entries with this node as
 * partner) and check that they extend the last compact range to the signed root; re-audit up to
 * {@code concord.ledger.reaudit-per-run} older entries against the leaves kept before; then store
 * the checkpoint, cosign it (C2SP tlog-cosignature) and POST the cosignature back.
 *
 * <p>Anything that does not check out raises an alarm: a row with both signed checkpoints as
 * evidence and a WARN log line naming sizes and hashes. The accepted state does not move past an
 * alarm, so the next run raises it again until people have looked (the same alarm is stored once).
 */
@Component
class Witnessing {

    private static final Logger log = LoggerFactory.getLogger(Witnessing.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final Partners partners;
    private final PartnerConnections connections;
    private final WitnessTable table;
    private final LogIdentity identity;
    private final LedgerSettings settings;
    private final TransactionTemplate transactions;
    private final AlarmRaising raising;
    private final Clock clock;

    Witnessing(Partners partners, PartnerConnections connections, WitnessTable table, LogIdentity identity,
            LedgerSettings settings, org.springframework.transaction.PlatformTransactionManager transactionManager,
            AlarmRaising raising, Clock clock) {
        this.partners = partners;
        this.connections = connections;
        this.table = table;
        this.identity = identity;
        this.settings = settings;
        this.transactions = new TransactionTemplate(transactionManager);
        this.raising = raising;
        this.clock = clock;
    }

    /** Every partner, one after the other, under one database lock so that one instance runs it. */
    @Scheduled(fixedDelayString = "${concord.ledger.witness-interval:PT1M}", initialDelayString = "PT30S")
    @SchedulerLock(name = "ledger.witness", lockAtMostFor = "PT1M")
    public void witnessAll() {
        for (Partner partner : partners.all()) {
            try {
                witness(partner.code());
            } catch (RuntimeException e) {
                log.warn("witnessing {} failed: {}", partner.code(), e.toString());
            }
        }
    }

    /** One witness run of one partner's log. */
    WitnessOutcome witness(PartyCode code) {
        PartnerConnections.Connection connection = connections.to(code);
        Partner partner = connection.partner();
        String origin = LogIdentity.originOf(partner);
        WitnessTable.Accepted accepted = table.accepted(code).orElse(null);
        String noteText;
        try {
            noteText = get(connection, "/ledger/checkpoint");
        } catch (Unreachable e) {
            return new WitnessOutcome.Unreachable(e.getMessage());
        }
        SignedNote note;
        Checkpoint checkpoint;
        try {
            note = SignedNote.parse(noteText);
            checkpoint = Checkpoint.open(note, origin, List.of(LogIdentity.checkpointKey(partner)));
        } catch (NoteException.BadSignature | NoteException.UnknownKey e) {
            return alarm(partner, AlarmKind.BAD_SIGNATURE, "checkpoint of " + code + " is not signed by its pinned key "
                    + LogIdentity.checkpointKey(partner).label() + ": " + e.getMessage(), accepted, null, null, noteText);
        } catch (NoteException.UnexpectedOrigin e) {
            return alarm(partner, AlarmKind.WRONG_ORIGIN, e.getMessage(), accepted, null, null, noteText);
        } catch (NoteException e) {
            return alarm(partner, AlarmKind.MALFORMED, "checkpoint of " + code + ": " + e.getMessage(), accepted, null, null, noteText);
        }
        long size = checkpoint.size();
        Hash root = checkpoint.root();
        Instant time = SignedCheckpoint.timeOf(checkpoint);
        if (time == null) {
            return alarm(partner, AlarmKind.MALFORMED, "checkpoint of " + code + " size " + size + " root " + root.hex()
                    + " has no time line", accepted, size, root, noteText);
        }
        long from = 0;
        CompactRange range = CompactRange.empty();
        if (accepted != null) {
            if (size < accepted.size()) {
                return alarm(partner, AlarmKind.SMALLER, code + " signed size " + size + " root " + root.hex()
                        + ", smaller than the accepted size " + accepted.size() + " root " + accepted.root().hex(),
                        accepted, size, root, noteText);
            }
            if (time.isBefore(accepted.checkpointTime())) {
                return alarm(partner, AlarmKind.OLDER, code + " signed size " + size + " root " + root.hex() + " at " + time
                        + ", older than the accepted size " + accepted.size() + " root " + accepted.root().hex() + " signed at "
                        + accepted.checkpointTime(), accepted, size, root, noteText);
            }
            if (size == accepted.size() && !root.equals(accepted.root())) {
                return alarm(partner, AlarmKind.FORK, code + " signed two trees of size " + size + ": root " + root.hex()
                        + " now, root " + accepted.root().hex() + " accepted before", accepted, size, root, noteText);
            }
            WitnessOutcome reaudit = reaudit(connection, accepted, noteText, size, root);
            if (reaudit != null) {
                return reaudit;
            }
            if (size == accepted.size()) {
                table.checked(code, clock.instant());
                return new WitnessOutcome.Unchanged(size);
            }
            try {
                List<Hash> proof = hashes(JSON.readTree(get(connection, "/ledger/proof/consistency?from=" + accepted.size()
                        + "&to=" + size)).path("proof"));
                Proofs.verifyConsistency(accepted.size(), size, proof, accepted.root(), root);
            } catch (Unreachable e) {
                if (!e.refused) {
                    return new WitnessOutcome.Unreachable(e.getMessage());
                }
                return alarm(partner, AlarmKind.INCONSISTENT, code + " gave no consistency proof from size " + accepted.size()
                        + " root " + accepted.root().hex() + " to size " + size + " root " + root.hex() + ": " + e.getMessage(),
                        accepted, size, root, noteText);
            } catch (ProofException e) {
                return alarm(partner, AlarmKind.INCONSISTENT, code + " size " + size + " root " + root.hex()
                        + " is not consistent with the accepted size " + accepted.size() + " root " + accepted.root().hex()
                        + ": " + e.getMessage(), accepted, size, root, noteText);
            }
            from = accepted.size();
            range = accepted.range();
        }
        List<Hash> leaves = new ArrayList<>();
        try {
            for (long at = from; at < size;) {
                JsonNode page = JSON.readTree(get(connection, "/ledger/entries?from=" + at + "&limit="
                        + Math.min(settings.pageSize(), size - at))).path("entries");
                if (page.isEmpty()) {
                    throw new Unreachable(code + " served no entries from " + at + " though its checkpoint has size " + size, true);
                }
                for (JsonNode entry : page) {
                    if (at == size) {
                        break;
                    }
                    Hash leaf = leafOf(entry, at);
                    leaves.add(leaf);
                    at++;
                }
            }
        } catch (Unreachable e) {
            if (!e.refused) {
                return new WitnessOutcome.Unreachable(e.getMessage());
            }
            return alarm(partner, AlarmKind.ENTRIES_MISMATCH, e.getMessage(), accepted, size, root, noteText);
        } catch (EntryMismatch e) {
            return alarm(partner, AlarmKind.ENTRIES_MISMATCH, e.getMessage(), accepted, size, root, noteText);
        }
        CompactRange extended = range.append(leaves);
        if (!extended.root().equals(root)) {
            return alarm(partner, AlarmKind.ENTRIES_MISMATCH, code + " entries [" + from + ", " + size + ") extend the accepted"
                    + " tree to root " + extended.root().hex() + ", but its checkpoint of size " + size + " says root " + root.hex(),
                    accepted, size, root, noteText);
        }
        WitnessTable.Accepted next = new WitnessTable.Accepted(code, size, root, time, noteText, extended,
                accepted == null ? 0 : accepted.reauditFrom(), clock.instant());
        long first = from;
        transactions.executeWithoutResult(status -> {
            table.keepLeaves(code, first, leaves);
            table.accept(next);
        });
        boolean delivered = returnCosignature(connection, note);
        log.info("witnessed {}: size {} root {}{}", code, size, root.hex(), delivered ? ", cosignature returned" : "");
        return new WitnessOutcome.Accepted(size, root, delivered);
    }

    /** Re-audits a window of already audited entries; an alarm outcome, or {@code null} if they are unchanged. */
    private WitnessOutcome reaudit(PartnerConnections.Connection connection, WitnessTable.Accepted accepted, String noteText,
            long size, Hash root) {
        PartyCode code = connection.partner().code();
        int window = (int) Math.min(settings.reauditPerRun(), accepted.size());
        if (window == 0) {
            return null;
        }
        long start = accepted.reauditFrom() >= accepted.size() ? 0 : accepted.reauditFrom();
        long end = Math.min(accepted.size(), start + window);
        try {
            for (long at = start; at < end;) {
                List<Hash> kept = table.leaves(code, at, (int) Math.min(settings.pageSize(), end - at));
                JsonNode page = JSON.readTree(get(connection, "/ledger/entries?from=" + at + "&limit=" + kept.size()))
                        .path("entries");
                int i = 0;
                for (JsonNode entry : page) {
                    if (i == kept.size()) {
                        break;
                    }
                    Hash served;
                    try {
                        served = leafOf(entry, at);
                    } catch (EntryMismatch e) {
                        throw new ChangedEntry(code + " " + e.getMessage() + "; it was audited with leaf " + kept.get(i).hex()
                                + " when accepted at size " + accepted.size() + " root " + accepted.root().hex());
                    }
                    if (!served.equals(kept.get(i))) {
                        throw new ChangedEntry(code + " entry " + at + " changed: its leaf was " + kept.get(i).hex()
                                + " when accepted at size " + accepted.size() + " root " + accepted.root().hex() + ", now "
                                + served.hex());
                    }
                    i++;
                    at++;
                }
                if (i < kept.size()) {
                    throw new ChangedEntry(code + " no longer serves entry " + at + " it had when accepted at size "
                            + accepted.size() + " root " + accepted.root().hex());
                }
            }
        } catch (Unreachable e) {
            return new WitnessOutcome.Unreachable("cannot re-audit " + code + ": " + e.getMessage());
        } catch (ChangedEntry e) {
            return alarm(connection.partner(), AlarmKind.ENTRY_CHANGED, e.getMessage(), accepted, size, root, noteText);
        }
        table.setReauditFrom(code, end >= accepted.size() ? 0 : end);
        return null;
    }

    /** The leaf hash of a served entry at {@code index}, recomputed from its fields when the partner shows them. */
    private Hash leafOf(JsonNode entry, long index) throws EntryMismatch {
        if (entry.path("index").asLong(-1) != index) {
            throw new EntryMismatch("partner served entry " + entry.path("index") + " where entry " + index + " belongs");
        }
        Hash served;
        try {
            served = Hash.ofHex(entry.path("leaf").asString());
        } catch (RuntimeException e) {
            throw new EntryMismatch("entry " + index + " has no valid leaf hash");
        }
        if (entry.has("object")) {
            LedgerEntry fields;
            try {
                fields = new LedgerEntry(Direction.valueOf(entry.path("direction").asString()),
                        PartyCode.of(entry.path("partner").asString()), entry.path("object").asString(),
                        LedgerEntry.parseTime(entry.path("modified").asString()), Hash.ofHex(entry.path("sha256").asString()),
                        LedgerEntry.parseTime(entry.path("recorded").asString()));
            } catch (RuntimeException e) {
                throw new EntryMismatch("entry " + index + " is malformed: " + e.getMessage());
            }
            Hash recomputed = fields.leafHash();
            if (!recomputed.equals(served)) {
                throw new EntryMismatch("entry " + index + " (" + fields.direction() + " " + fields.objectId() + ") hashes to leaf "
                        + recomputed.hex() + " but is served with leaf " + served.hex());
            }
        }
        return served;
    }

    private boolean returnCosignature(PartnerConnections.Connection connection, SignedNote note) {
        String cosigned = identity.signer().cosign(note, clock.instant().getEpochSecond()).encode();
        try {
            HttpResponse<String> response = connection.client().send(HttpRequest.newBuilder(uri(connection, "/ledger/cosignatures"))
                    .timeout(Duration.ofSeconds(30)).header("Content-Type", "text/plain; charset=utf-8")
                    .POST(HttpRequest.BodyPublishers.ofString(cosigned, StandardCharsets.UTF_8)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                log.warn("{} refused this node's cosignature with HTTP {}: {}", connection.partner().code(), response.statusCode(),
                        response.body());
                return false;
            }
            return true;
        } catch (IOException e) {
            log.warn("cannot return the cosignature to {}: {}", connection.partner().code(), e.toString());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private WitnessOutcome alarm(Partner partner, AlarmKind kind, String detail, WitnessTable.Accepted accepted,
            Long offendingSize, Hash offendingRoot, String offendingNote) {
        var last = table.lastAlarm(partner.code());
        if (last.isPresent() && last.get().kind() == kind && last.get().detail().equals(detail)) {
            log.warn("ledger alarm {} for {} (still): {}", kind, partner.code(), detail);
            return new WitnessOutcome.Alarmed(last.get());
        }
        return new WitnessOutcome.Alarmed(raising.raise(partner.code(), kind, detail, () -> table.raise(partner.code(), kind, detail, accepted,
                offendingSize, offendingRoot, offendingNote, null, clock.instant())));
    }

    private String get(PartnerConnections.Connection connection, String path) throws Unreachable {
        try {
            HttpResponse<String> response = connection.client().send(HttpRequest.newBuilder(uri(connection, path))
                    .timeout(Duration.ofSeconds(60)).GET().build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            if (response.statusCode() != 200) {
                throw new Unreachable("GET " + path + " answered HTTP " + response.statusCode() + ": "
                        + response.body().lines().findFirst().orElse(""), response.statusCode() / 100 == 4);
            }
            return response.body();
        } catch (IOException e) {
            throw new Unreachable("GET " + path + " failed: " + e, false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unreachable("interrupted", false);
        }
    }

    private static URI uri(PartnerConnections.Connection connection, String path) {
        String base = connection.partner().url().toString();
        return URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + path);
    }

    private static List<Hash> hashes(JsonNode array) {
        List<Hash> hashes = new ArrayList<>();
        for (JsonNode h : array) {
            hashes.add(Hash.ofBase64(h.asString()));
        }
        return hashes;
    }

    /** A call that brought no answer to check; {@code refused} if the partner answered with a 4xx status. */
    private static final class Unreachable extends Exception {
        private static final long serialVersionUID = 1L;
        private final boolean refused;

        Unreachable(String message, boolean refused) {
            super(message);
            this.refused = refused;
        }
    }

    private static final class EntryMismatch extends Exception {
        private static final long serialVersionUID = 1L;

        EntryMismatch(String message) {
            super(message);
        }
    }

    private static final class ChangedEntry extends Exception {
        private static final long serialVersionUID = 1L;

        ChangedEntry(String message) {
            super(message);
        }
    }
}
