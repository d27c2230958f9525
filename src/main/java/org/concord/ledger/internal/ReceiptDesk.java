package org.concord.ledger.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.concord.ledger.Direction;
import org.concord.ledger.Ledger;
import org.concord.ledger.LedgerEntry;
import org.concord.ledger.ObjectDigest;
import org.concord.ledger.Receipt;
import org.concord.ledger.ReceiptException;
import org.concord.ledger.Receipts;
import org.concord.ledger.tree.Hash;
import org.concord.node.NotFound;
import org.concord.party.Partner;
import org.concord.party.Partners;
import org.concord.party.PartyCode;
import org.springframework.stereotype.Service;

/**
 * Receipts: the receiver records the object in its ledger and signs what it recorded; a complete
 * receipt carries the signed checkpoint that includes the entry and the inclusion proof, a promise
 * carries the deadline by which such a checkpoint will exist (recording time plus
 * {@code concord.ledger.receipt-deadline}, never less than the checkpoint interval). Asking for the
 * receipt again ({@link #receipt}) completes it.
 */
@Service
class ReceiptDesk implements Receipts {

    private final Ledger ledger;
    private final LogTables tables;
    private final StoredTree tree;
    private final Checkpoints checkpoints;
    private final LogIdentity identity;
    private final Partners partners;
    private final LedgerSettings settings;
    private final Clock clock;

    ReceiptDesk(Ledger ledger, LogTables tables, StoredTree tree, Checkpoints checkpoints, LogIdentity identity,
            Partners partners, LedgerSettings settings, Clock clock) {
        this.ledger = ledger;
        this.tables = tables;
        this.tree = tree;
        this.checkpoints = checkpoints;
        this.identity = identity;
        this.partners = partners;
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public Receipt issue(PartyCode sender, ObjectDigest object) {
        String modified = LedgerEntry.formatTime(object.modified());
        LogTables.StoredEntry stored = tables.received(sender, object, modified).orElseGet(() -> {
            LedgerEntry entry = LedgerEntry.of(Direction.RECEIVED, sender, object, clock.instant());
            long index = ledger.append(entry);
            return new LogTables.StoredEntry(index, entry, entry.leafHash());
        });
        Optional<SignedCheckpoint> latest = checkpoints.latest().filter(c -> c.size() > stored.index());
        return sign(stored, latest);
    }

    @Override
    public java.util.List<Receipt> issueAll(PartyCode sender, java.util.List<ObjectDigest> objects) {
        return unsigned(sender, objects).stream().map(r -> r.signedWith(identity.node()::sign)).toList();
    }

    @Override
    public java.util.List<Receipt> issueBatch(PartyCode sender, java.util.List<ObjectDigest> objects) {
        return Receipt.signedTogether(unsigned(sender, objects), identity.node()::sign);
    }

    /**
     * The receipts of {@code objects}, not signed yet: each object's first RECEIVED entry from
     * {@code sender}, read in a few queries, and the entries of those not held yet appended in one
     * ledger commit; complete where the newest checkpoint includes the entry, otherwise a promise.
     */
    private java.util.List<Receipt> unsigned(PartyCode sender, java.util.List<ObjectDigest> objects) {
        java.util.Map<String, LogTables.StoredEntry> stored = new java.util.HashMap<>(tables.receivedAll(sender, objects));
        java.util.List<LedgerEntry> fresh = new java.util.ArrayList<>();
        java.util.List<String> freshKeys = new java.util.ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (ObjectDigest object : objects) {
            String key = LogTables.receivedKey(object);
            if (stored.containsKey(key) || !seen.add(key)) {
                continue;
            }
            fresh.add(LedgerEntry.of(Direction.RECEIVED, sender, object, clock.instant()));
            freshKeys.add(key);
        }
        if (!fresh.isEmpty()) {
            java.util.List<Long> indexes = ledger.appendAll(fresh);
            for (int i = 0; i < fresh.size(); i++) {
                stored.put(freshKeys.get(i), new LogTables.StoredEntry(indexes.get(i), fresh.get(i), fresh.get(i).leafHash()));
            }
        }
        Optional<SignedCheckpoint> latest = checkpoints.latest();
        java.util.List<Receipt> receipts = new java.util.ArrayList<>(objects.size());
        for (ObjectDigest object : objects) {
            LogTables.StoredEntry entry = stored.get(LogTables.receivedKey(object));
            receipts.add(unsigned(entry, latest.filter(c -> c.size() > entry.index())));
        }
        return receipts;
    }

    @Override
    public Optional<Receipt> receipt(PartyCode sender, String objectId, Instant modified) {
        Optional<LogTables.StoredEntry> stored = tables.received(sender, objectId, LedgerEntry.formatTime(modified));
        if (stored.isEmpty()) {
            return Optional.empty();
        }
        SignedCheckpoint latest = checkpoints.latest().filter(c -> c.size() > stored.get().index())
                .orElseGet(checkpoints::current);
        return Optional.of(sign(stored.get(), Optional.of(latest)));
    }

    @Override
    public java.util.List<Optional<Receipt>> receiptsTogether(PartyCode sender, java.util.List<Asked> asked) {
        // every object asked in one query (per 500 ids), each its first RECEIVED entry of that id and modified time
        java.util.Map<String, LogTables.StoredEntry> held = tables.receivedVersions(sender,
                asked.stream().map(Asked::objectId).toList());
        java.util.List<Optional<LogTables.StoredEntry>> stored = asked.stream()
                .map(a -> Optional.ofNullable(held.get(LogTables.versionKey(a.objectId(), LedgerEntry.formatTime(a.modified())))))
                .toList();
        if (stored.stream().allMatch(Optional::isEmpty)) {
            return stored.stream().map(e -> Optional.<Receipt>empty()).toList();
        }
        Optional<SignedCheckpoint> latest = checkpoints.latest();
        boolean beyond = stored.stream().flatMap(Optional::stream)
                .anyMatch(e -> latest.isEmpty() || latest.get().size() <= e.index());
        // one checkpoint for all: the newest, or a new one when the newest does not include them all
        SignedCheckpoint checkpoint = beyond ? checkpoints.current() : latest.get();
        java.util.List<Receipt> unsigned = stored.stream().flatMap(Optional::stream)
                .map(e -> unsigned(e, Optional.of(checkpoint))).toList();
        java.util.Iterator<Receipt> signed = Receipt.signedTogether(unsigned, identity.node()::sign).iterator();
        return stored.stream().map(e -> e.map(found -> signed.next())).toList();
    }

    @Override
    public Receipt verify(PartyCode receiver, String receiptJson, ObjectDigest object) throws ReceiptException {
        return checker(receiver).verify(receiptJson, object);
    }

    @Override
    public Checker checker(PartyCode receiver) {
        Partner partner = partners.byCode(receiver)
                .orElseThrow(() -> NotFound.of("receiver", "no partner " + receiver + " is paired with this node"));
        Receipt.Verifier verifier = new Receipt.Verifier(partner.signingKey());
        PartyCode self = identity.node().party().code();
        String origin = LogIdentity.originOf(partner);
        return (receiptJson, object) -> {
            Receipt receipt = verifier.verify(Receipt.parse(receiptJson), object);
            if (!receipt.receiver().equals(receiver) || !receipt.sender().equals(self) || !receipt.origin().equals(origin)) {
                throw new org.concord.node.InvalidInput("receipt", "parties", "receipt says " + receipt.receiver() + " ("
                        + receipt.origin() + ") received from " + receipt.sender() + ", expected " + receiver + " ("
                        + origin + ") receiving from " + self);
            }
            return receipt;
        };
    }

    private Receipt sign(LogTables.StoredEntry stored, Optional<SignedCheckpoint> checkpoint) {
        return unsigned(stored, checkpoint).signedWith(identity.node()::sign);
    }

    private Receipt unsigned(LogTables.StoredEntry stored, Optional<SignedCheckpoint> checkpoint) {
        LedgerEntry entry = stored.entry();
        Instant now = clock.instant();
        String note = null;
        List<Hash> inclusion = List.of();
        Instant deadline = null;
        if (checkpoint.isPresent()) {
            note = checkpoint.get().note();
            inclusion = tree.log().inclusionProof(stored.index(), checkpoint.get().size());
        } else {
            deadline = settings.promiseDeadline(entry.recordedAt());
        }
        return new Receipt(identity.node().party().code(), identity.origin(), identity.node().signingKey(),
                entry.partner(), entry.object(), stored.index(), entry.recordedAt(), stored.leafHash(), now, note, inclusion,
                deadline, null);
    }
}
