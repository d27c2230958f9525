package org.concord.ledger.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.concord.ledger.LedgerRecords;
import org.concord.ledger.ObjectDigest;
import org.concord.ledger.Receipt;
import org.concord.ledger.ReceiptException;
import org.concord.ledger.Receipts;
import org.concord.ledger.tree.Checkpoint;
import org.concord.ledger.tree.NoteException;
import org.concord.ledger.tree.SignedNote;
import org.concord.node.InvalidInput;
import org.concord.node.NotFound;
import org.concord.party.Partner;
import org.concord.party.Partners;
import org.concord.party.PartyCode;
import org.springframework.stereotype.Service;

/**
 * {@link LedgerRecords}: the ledger's tables read for people, through the same classes as
 * {@code LedgerController} reads them for the REST API, and a receipt checked by {@link Receipt#verify}
 * (a partner's through {@link Receipts#verify}, as the exchange checks the receipts it is given).
 */
@Service
class LedgerReading implements LedgerRecords {

    /** The checks of {@link Receipt#verify} and {@link Receipts#verify}, in their order. */
    private static final List<String[]> CHECKS = List.of(
            new String[] {"Malformed", "the receipt is a concord-receipt/1 document"},
            new String[] {"UnknownKey", "it is signed by the key pinned for its receiver"},
            new String[] {"BadSignature", "its signature holds: nothing in it was changed"},
            new String[] {"AlteredEntry", "its leaf is the hash of the entry it describes"},
            new String[] {"AlteredObject", "the message is the object it acknowledges (id, modified, canonical SHA-256)"},
            new String[] {"Checkpoint", "the receiver's checkpoint in it is signed by the receiver"},
            new String[] {"BadProof", "the inclusion proof puts the entry into that checkpoint"},
            new String[] {"Parties", "it names this node as the sender (or receiver) and the receiver's log"});

    private final Checkpoints checkpoints;
    private final WitnessTable witness;
    private final LogIdentity identity;
    private final Partners partners;
    private final Receipts receipts;

    LedgerReading(Checkpoints checkpoints, WitnessTable witness, LogIdentity identity, Partners partners, Receipts receipts) {
        this.checkpoints = checkpoints;
        this.witness = witness;
        this.identity = identity;
        this.partners = partners;
        this.receipts = receipts;
    }

    @Override
    public List<OwnCheckpoint> checkpoints(int limit) {
        return checkpoints.recent(limit).stream().map(c -> new OwnCheckpoint(c.size(), c.root().hex(), c.signedAt(), c.note()))
                .toList();
    }

    @Override
    public List<Cosignature> cosignatures(int limit) {
        List<Cosignature> all = new ArrayList<>();
        for (Checkpoints.Cosignature c : checkpoints.cosignatures(limit)) {
            String problem = cosignatureProblem(c);
            all.add(new Cosignature(c.size(), c.witness(), c.cosignedAt(), c.receivedAt(), problem == null, problem, c.note()));
        }
        return all;
    }

    /** Why a stored cosignature no longer verifies, or {@code null} if it does. */
    private String cosignatureProblem(Checkpoints.Cosignature c) {
        Optional<Partner> partner = partners.byCode(PartyCode.of(c.witness()));
        if (partner.isEmpty()) {
            return "no partner " + c.witness() + " is paired with this node now";
        }
        try {
            SignedNote note = SignedNote.parse(c.note());
            Checkpoint checkpoint = Checkpoint.open(note, identity.origin(), List.of(identity.verifierKey()));
            note.verify(List.of(LogIdentity.cosignatureKey(partner.get())));
            if (checkpoint.size() != c.size()) {
                return "the cosigned checkpoint has size " + checkpoint.size() + ", not " + c.size();
            }
            return null;
        } catch (NoteException e) {
            return e.getMessage();
        }
    }

    @Override
    public List<Witnessed> witnessed() {
        Map<PartyCode, java.time.Instant> good = new LinkedHashMap<>();
        witness.checkedTimes().forEach(c -> good.put(c.partner(), c.at()));
        List<Witnessed> all = new ArrayList<>();
        for (Partner partner : partners.all()) {
            Optional<WitnessTable.Accepted> accepted = witness.accepted(partner.code());
            all.add(accepted.map(a -> new Witnessed(partner.code().value(), a.size(), a.root().hex(), a.checkpointTime(),
                    a.acceptedAt(), good.getOrDefault(partner.code(), a.acceptedAt()), a.note()))
                    .orElse(new Witnessed(partner.code().value(), null, null, null, null, partner.pairedAt(), null)));
        }
        return all;
    }

    @Override
    public List<Alarm> alarms(int limit) {
        return witness.alarms(limit).stream().map(a -> new Alarm(a.id(), a.partner().value(), a.kind().name(),
                a.kind() == AlarmKind.ROLLED_BACK ? "own" : "partner", a.detail(), a.raisedAt(), a.acceptedSize(),
                a.acceptedRoot() == null ? null : a.acceptedRoot().hex(), a.acceptedNote(), a.offendingSize(),
                a.offendingRoot() == null ? null : a.offendingRoot().hex(), a.offendingNote(),
                a.acknowledgement() == null ? null : a.acknowledgement().by(),
                a.acknowledgement() == null ? null : a.acknowledgement().at(),
                a.acknowledgement() == null ? null : a.acknowledgement().note(), a.promise())).toList();
    }

    @Override
    public ReceiptCheck verify(String receiptJson, String objectJson) {
        Receipt parsed;
        try {
            parsed = Receipt.parse(receiptJson == null ? "" : receiptJson);
        } catch (ReceiptException.Malformed e) {
            return failed("Malformed", e.getMessage(), null);
        }
        ObjectDigest object = null;
        if (objectJson != null && !objectJson.isBlank()) {
            try {
                object = ObjectDigest.of(objectJson);
            } catch (InvalidInput e) {
                return failed("AlteredObject", "the message is no STIX object: " + e.getMessage(), parsed);
            }
        }
        PartyCode self = identity.node().party().code();
        try {
            Receipt receipt;
            if (parsed.receiver().equals(self)) {
                receipt = parsed.verify(identity.node().signingKey(), object);
                if (!receipt.origin().equals(identity.origin())) {
                    return failed("Parties", "receipt names log " + receipt.origin() + ", this node's log is " + identity.origin(),
                            receipt);
                }
            } else {
                receipt = receipts.verify(parsed.receiver(), receiptJson, object);
            }
            List<Check> checks = new ArrayList<>();
            for (String[] check : CHECKS) {
                boolean skipped = ("AlteredObject".equals(check[0]) && object == null)
                        || (receipt.isPromise() && ("Checkpoint".equals(check[0]) || "BadProof".equals(check[0])));
                checks.add(new Check(check[0], check[1], skipped ? "NOT_CHECKED" : "PASSED"));
            }
            return new ReceiptCheck(true, null, proves(receipt, object != null), checks, receipt);
        } catch (ReceiptException e) {
            String kind = e.getClass().getSimpleName();
            String text = e.getMessage();
            boolean checkpoint = text.startsWith("checkpoint:") || text.startsWith("malformed receipt: checkpoint:")
                    || text.startsWith("malformed receipt: receiver.origin");
            return failed(checkpoint ? "Checkpoint" : kind, kind + ": " + e.getMessage(), parsed);
        } catch (NotFound e) {
            return failed("UnknownKey", "UnknownKey: " + e.getMessage(), parsed);
        } catch (InvalidInput e) {
            return failed("Parties", e.getMessage(), parsed);
        }
    }

    private static String proves(Receipt r, boolean objectChecked) {
        return r.receiver() + " received " + r.object().id() + " (modified " + org.concord.ledger.LedgerEntry.formatTime(r.object().modified())
                + ", sha256 " + r.object().sha256().hex() + ") from " + r.sender() + " as entry " + r.index() + " of log " + r.origin()
                + (r.isPromise() ? "; not yet in a checkpoint: the receiver promised one by "
                        + org.concord.ledger.LedgerEntry.formatTime(r.deadline())
                        : "; included in its signed checkpoint of size " + r.checkpointBody().size())
                + (objectChecked ? "" : " (the message itself was not checked)");
    }

    private static ReceiptCheck failed(String check, String message, Receipt receipt) {
        List<Check> checks = new ArrayList<>();
        boolean before = true;
        for (String[] c : CHECKS) {
            if (c[0].equals(check)) {
                checks.add(new Check(c[0], c[1], "FAILED"));
                before = false;
            } else {
                checks.add(new Check(c[0], c[1], before ? "PASSED" : "NOT_CHECKED"));
            }
        }
        return new ReceiptCheck(false, check, message, checks, receipt);
    }
}
