package org.concord.ledger.internal;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.concord.ledger.LedgerEntry;
import org.concord.ledger.Receipts;
import org.concord.ledger.tree.Hash;
import org.concord.ledger.tree.MerkleLog;
import org.concord.node.InvalidInput;
import org.concord.node.NotFound;
import org.concord.party.Caller;
import org.concord.party.Callers;
import org.concord.party.PartyCode;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The ledger over HTTPS, for partners (their pinned certificate) and for every user role: the
 * signed checkpoint, proofs, entries, cosignatures, alarms and receipts are read by all of them;
 * only a partner posts a cosignature (the filter chain in {@code party.security} says so).
 *
 * <p>A partner sees the fields of the entries it is party to; of the others (messages with a third
 * party) only the index and leaf hash, which is all it needs to check the tree.
 */
@RestController
class LedgerController {

    private static final int MAX_PAGE = 10_000;
    private final StoredTree tree;
    private final LogProofs proofs;
    private final LogTables tables;
    private final Checkpoints checkpoints;
    private final WitnessTable witness;
    private final LogIdentity identity;
    private static final int MAX_NOTE = 2_000;
    private final Receipts receipts;
    private final org.concord.audit.AuditLog audit;
    private final java.time.Clock clock;

    LedgerController(StoredTree tree, LogProofs proofs, LogTables tables, Checkpoints checkpoints, WitnessTable witness, LogIdentity identity,
            Receipts receipts, org.concord.audit.AuditLog audit, java.time.Clock clock) {
        this.tree = tree;
        this.proofs = proofs;
        this.tables = tables;
        this.checkpoints = checkpoints;
        this.witness = witness;
        this.identity = identity;
        this.receipts = receipts;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * The newest checkpoint of a partner's log this node accepted as its witness, cosigned by this
     * node (C2SP cosignature/v1, timestamped when it was accepted). A partner gets the one of its own
     * log, and compares it with its log to find out whether it was rolled back; a user names the
     * partner with {@code partner}. 404 if none was accepted yet.
     */
    @GetMapping(value = "/ledger/witnessed", produces = "text/plain;charset=UTF-8")
    String witnessed(@RequestParam(required = false) String partner, Authentication authentication) {
        PartyCode of;
        if (Callers.of(authentication) instanceof Caller.PartnerNode caller) {
            of = caller.partner().code();
            if (partner != null && !partner.equals(of.value())) {
                throw new InvalidInput("partner", "own-log", "a partner asks only for the checkpoint of its own log");
            }
        } else if (partner == null) {
            throw new InvalidInput("partner", "required", "the partner whose log is meant, e.g. PK");
        } else {
            try {
                of = PartyCode.of(partner);
            } catch (IllegalArgumentException e) {
                throw new InvalidInput("partner", "party-code", e.getMessage());
            }
        }
        WitnessTable.Accepted accepted = witness.accepted(of)
                .orElseThrow(() -> NotFound.of("partner", "this node has accepted no checkpoint of " + of + "'s log"));
        try {
            return identity.signer().cosign(org.concord.ledger.tree.SignedNote.parse(accepted.note()),
                    accepted.acceptedAt().getEpochSecond()).encode();
        } catch (org.concord.ledger.tree.NoteException e) {
            throw new IllegalStateException("the accepted checkpoint of " + of + " no longer parses", e);
        }
    }

    /**
     * An administrator acknowledges an alarm once people have looked at it: it stays listed with its
     * evidence and the acknowledgement, and no longer counts as open (health, metrics). Audited.
     */
    @PostMapping(value = "/ledger/alarms/{id}/acknowledgement", consumes = MediaType.APPLICATION_JSON_VALUE)
    @org.springframework.security.access.prepost.PreAuthorize("hasRole('ADMIN')")
    Map<String, Object> acknowledge(@org.springframework.web.bind.annotation.PathVariable long id,
            @RequestBody Map<String, Object> body, Authentication authentication) {
        Object note = body == null ? null : body.get("note");
        if (!(note instanceof String text) || text.isBlank()) {
            throw new InvalidInput("note", "required", "say what was found and done, e.g. the partner restored a backup on ...");
        }
        if (text.length() > MAX_NOTE) {
            throw new InvalidInput("note", "max-length", "at most " + MAX_NOTE + " characters, got " + text.length());
        }
        WitnessTable.Alarm alarm = witness.alarm(id).orElseThrow(() -> NotFound.of("id", "no ledger alarm " + id));
        if (alarm.acknowledgement() != null) {
            throw new org.concord.node.Conflict("id", "ALREADY_ACKNOWLEDGED: alarm " + id + " was acknowledged by "
                    + alarm.acknowledgement().by() + " at " + LedgerEntry.formatTime(alarm.acknowledgement().at()));
        }
        Caller caller = Callers.of(authentication);
        String by = caller instanceof Caller.User user ? user.username() : caller.auditName();
        witness.acknowledge(id, by, text, clock.instant());
        audit.record(caller.auditName(), "ledger.alarm.acknowledged", "alarm " + id, alarm.kind() + ": " + text);
        return alarm(witness.alarm(id).orElseThrow());
    }

    /** The newest signed checkpoint, as a C2SP signed note. */
    @GetMapping(value = "/ledger/checkpoint", produces = "text/plain;charset=UTF-8")
    String checkpoint() {
        return checkpoints.current().note();
    }

    /** Inclusion proof of the leaf at {@code index}, or of the leaf with hash {@code leaf} (hex), in the tree of {@code size}. */
    @GetMapping("/ledger/proof/inclusion")
    Map<String, Object> inclusion(@RequestParam(required = false) Long index, @RequestParam(required = false) String leaf,
            @RequestParam(required = false) Long size) {
        long treeSize = size != null ? size : checkpoints.current().size();
        LogProofs.Sized sized = proofs.atSize("size", treeSize);
        long at;
        if (index != null && leaf == null) {
            at = index;
        } else if (leaf != null && index == null) {
            Hash hash;
            try {
                hash = Hash.ofHex(leaf);
            } catch (IllegalArgumentException e) {
                throw new InvalidInput("leaf", "sha256-hex", e.getMessage());
            }
            at = tables.indexOfLeaf(hash).orElseThrow(() -> NotFound.of("leaf", "no leaf " + leaf + " in this log"));
        } else {
            throw new InvalidInput("index", "index-or-leaf", "give index or leaf, one of the two");
        }
        MerkleLog.Inclusion proof = sized.inclusion(at);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("index", proof.index());
        body.put("size", proof.size());
        body.put("leaf", proof.leaf().hex());
        body.put("proof", base64(proof.proof()));
        return body;
    }

    /** Consistency proof between two sizes. */
    @GetMapping("/ledger/proof/consistency")
    Map<String, Object> consistency(@RequestParam long from, @RequestParam long to) {
        List<Hash> proof = proofs.atSize("to", to).consistencyFrom(from);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("from", from);
        body.put("to", to);
        body.put("proof", base64(proof));
        return body;
    }

    /** Entries from index {@code from}, at most {@code limit} for an auditor, in the export format of docs/ledger.md. */
    @GetMapping("/ledger/entries")
    Map<String, Object> entries(@RequestParam(defaultValue = "0") long from, @RequestParam(defaultValue = "1000") int limit,
            Authentication authentication) {
        if (from < 0) {
            throw new InvalidInput("from", "range", "must be at least 0, got " + from);
        }
        if (limit < 1 || limit > MAX_PAGE) {
            throw new InvalidInput("limit", "range", "must be between 1 and " + MAX_PAGE + ", got " + limit);
        }
        Caller caller = Callers.of(authentication);
        PartyCode onlyFieldsOf = caller instanceof Caller.PartnerNode partner ? partner.partner().code() : null;
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("format", "concord-ledger-entries/1");
        body.put("origin", identity.origin());
        body.put("size", tree.size());
        body.put("from", from);
        body.put("entries", tables.entries(from, limit).stream().map(e -> entry(e, onlyFieldsOf)).toList());
        return body;
    }

    /** A partner returns its cosignature of one of this node's checkpoints. */
    @PostMapping(value = "/ledger/cosignatures", consumes = MediaType.TEXT_PLAIN_VALUE)
    ResponseEntity<Map<String, Object>> cosign(@RequestBody String note, Authentication authentication) {
        if (!(Callers.of(authentication) instanceof Caller.PartnerNode partner)) {
            throw new InvalidInput("caller", "partner", "only a partner node returns cosignatures");
        }
        Checkpoints.Cosignature stored = checkpoints.acceptCosignature(partner.partner(), note);
        return ResponseEntity.status(HttpStatus.CREATED).body(cosignature(stored));
    }

    /** The cosignatures partners returned, newest first. */
    @GetMapping("/ledger/cosignatures")
    List<Map<String, Object>> cosignatures(@RequestParam(defaultValue = "100") int limit) {
        if (limit < 1 || limit > MAX_PAGE) {
            throw new InvalidInput("limit", "range", "must be between 1 and " + MAX_PAGE + ", got " + limit);
        }
        return checkpoints.cosignatures(limit).stream().map(LedgerController::cosignature).toList();
    }

    /** Alarms raised while witnessing partners' logs, newest first, with the evidence. */
    @GetMapping("/ledger/alarms")
    List<Map<String, Object>> alarms(@RequestParam(defaultValue = "100") int limit) {
        if (limit < 1 || limit > MAX_PAGE) {
            throw new InvalidInput("limit", "range", "must be between 1 and " + MAX_PAGE + ", got " + limit);
        }
        return witness.alarms(limit).stream().map(LedgerController::alarm).toList();
    }

    /**
     * The receipt for an object this node received from {@code sender}, completed with a checkpoint.
     * A partner may only ask for what it sent itself.
     */
    @GetMapping(value = "/ledger/receipts", produces = MediaType.APPLICATION_JSON_VALUE)
    String receipt(@RequestParam(required = false) String sender, @RequestParam String object, @RequestParam String modified,
            Authentication authentication) {
        Caller caller = Callers.of(authentication);
        PartyCode from;
        if (caller instanceof Caller.PartnerNode partner) {
            from = partner.partner().code();
            if (sender != null && !sender.equals(from.value())) {
                throw NotFound.of("object", "no receipt for " + object + " from " + sender);
            }
        } else if (sender != null) {
            from = PartyCode.of(sender);
        } else {
            throw new InvalidInput("sender", "required", "the party the object came from, e.g. PK");
        }
        Instant time = LedgerEntry.parseTime(modified);
        if (time == null) {
            throw new InvalidInput("modified", "timestamp", "is not an RFC 3339 UTC time: " + modified);
        }
        return receipts.receipt(from, object, time)
                .orElseThrow(() -> NotFound.of("object", "no object " + object + " modified " + modified + " was received from " + from))
                .toJson();
    }

    /** The most objects one {@code POST /ledger/receipts} asks for: an outbox delivery's worth. */
    static final int MOST_RECEIPTS_AT_ONCE = 500;

    /** One object asked for: its id and modified time, as {@code GET /ledger/receipts} takes them. */
    record AskedObject(String object, String modified) {
    }

    /** The objects whose receipts are asked for, and (for a user, not a partner) the party they came from. */
    record AskedReceipts(String sender, List<AskedObject> objects) {
    }

    /**
     * The receipts of several objects this node received from {@code sender}, each completed with a checkpoint
     * and all signed as one batch ({@code concord-receipt/2}): {@code {"receipts": [receipt, ...]}} in the order
     * asked, {@code null} where no such object was received from that sender. A partner may only ask for what it
     * sent itself: naming another sender answers 404, as the single receipt does.
     */
    @PostMapping(value = "/ledger/receipts", produces = MediaType.APPLICATION_JSON_VALUE)
    String receipts(@RequestBody(required = false) AskedReceipts body, Authentication authentication) {
        Caller caller = Callers.of(authentication);
        String sender = body == null ? null : body.sender();
        PartyCode from;
        if (caller instanceof Caller.PartnerNode partner) {
            from = partner.partner().code();
            if (sender != null && !sender.equals(from.value())) {
                throw NotFound.of("sender", "no receipts for objects from " + sender);
            }
        } else if (sender != null) {
            from = PartyCode.required(sender, "sender");
        } else {
            throw new InvalidInput("sender", "required", "the party the objects came from, e.g. PK");
        }
        if (body == null || body.objects() == null || body.objects().isEmpty()) {
            throw new InvalidInput("objects", "required", "name at least one object: {object, modified}");
        }
        if (body.objects().size() > MOST_RECEIPTS_AT_ONCE) {
            throw new InvalidInput("objects", "max-items", "has " + body.objects().size() + " entries; at most "
                    + MOST_RECEIPTS_AT_ONCE + " are allowed");
        }
        List<Receipts.Asked> asked = new java.util.ArrayList<>(body.objects().size());
        for (int i = 0; i < body.objects().size(); i++) {
            AskedObject object = body.objects().get(i);
            if (object == null || object.object() == null || object.object().isBlank()) {
                throw new InvalidInput("objects[" + i + "].object", "required", "the STIX id of the object");
            }
            Instant time = object.modified() == null ? null : LedgerEntry.parseTime(object.modified());
            if (time == null) {
                throw new InvalidInput("objects[" + i + "].modified", "timestamp", "is not an RFC 3339 UTC time: " + object.modified());
            }
            asked.add(new Receipts.Asked(object.object(), time));
        }
        StringBuilder out = new StringBuilder("{\"receipts\":[");
        List<java.util.Optional<org.concord.ledger.Receipt>> found = receipts.receiptsTogether(from, asked);
        for (int i = 0; i < found.size(); i++) {
            out.append(i == 0 ? "" : ",").append(found.get(i).map(org.concord.ledger.Receipt::toJson).orElse("null"));
        }
        return out.append("]}").toString();
    }

    private static Map<String, Object> entry(LogTables.StoredEntry stored, PartyCode onlyFieldsOf) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("index", stored.index());
        json.put("leaf", stored.leafHash().hex());
        LedgerEntry e = stored.entry();
        if (onlyFieldsOf == null || onlyFieldsOf.equals(e.partner())) {
            json.put("direction", e.direction().name());
            json.put("partner", e.partner().value());
            json.put("object", e.objectId());
            json.put("modified", e.modifiedText());
            json.put("sha256", e.sha256().hex());
            json.put("recorded", e.recordedText());
        }
        return json;
    }

    private static Map<String, Object> cosignature(Checkpoints.Cosignature c) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("size", c.size());
        json.put("witness", c.witness());
        json.put("cosignedAt", LedgerEntry.formatTime(c.cosignedAt()));
        json.put("receivedAt", LedgerEntry.formatTime(c.receivedAt()));
        json.put("note", c.note());
        return json;
    }

    private static Map<String, Object> alarm(WitnessTable.Alarm a) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", a.id());
        json.put("partner", a.partner().value());
        json.put("kind", a.kind().name());
        json.put("detail", a.detail());
        json.put("raisedAt", LedgerEntry.formatTime(a.raisedAt()));
        Map<String, Object> accepted = new LinkedHashMap<>();
        accepted.put("size", a.acceptedSize());
        accepted.put("root", a.acceptedRoot() == null ? null : a.acceptedRoot().hex());
        accepted.put("checkpoint", a.acceptedNote());
        json.put("accepted", accepted);
        Map<String, Object> offending = new LinkedHashMap<>();
        offending.put("size", a.offendingSize());
        offending.put("root", a.offendingRoot() == null ? null : a.offendingRoot().hex());
        offending.put("checkpoint", a.offendingNote());
        json.put("offending", offending);
        if (a.promise() != null) {
            json.put("promise", a.promise());
        }
        json.put("log", a.kind() == AlarmKind.ROLLED_BACK ? "own" : "partner");
        if (a.acknowledgement() != null) {
            Map<String, Object> acknowledged = new LinkedHashMap<>();
            acknowledged.put("by", a.acknowledgement().by());
            acknowledged.put("at", LedgerEntry.formatTime(a.acknowledgement().at()));
            acknowledged.put("note", a.acknowledgement().note());
            json.put("acknowledged", acknowledged);
        }
        return json;
    }

    private static List<String> base64(List<Hash> hashes) {
        return hashes.stream().map(Hash::base64).toList();
    }
}
