package org.concord.ledger;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.UnaryOperator;

import org.concord.ledger.tree.Checkpoint;
import org.concord.ledger.tree.Hash;
import org.concord.ledger.tree.NoteException;
import org.concord.ledger.tree.ProofException;
import org.concord.ledger.tree.Proofs;
import org.concord.ledger.tree.Rfc9162Hasher;
import org.concord.ledger.tree.VerifierKey;
import org.concord.party.PartyCode;
import org.concord.party.SigningKey;
import org.erdtman.jcs.JsonCanonicalizer;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A receiver's signed acknowledgement that it recorded an object in its ledger: the object (id,
 * modified, canonical SHA-256), the entry's leaf index and hash, and either the receiver's signed
 * checkpoint that includes the entry with the inclusion proof, or a promise to include it by a
 * deadline. The JSON format {@code concord-receipt/1} is defined in docs/ledger.md; the signature
 * is Ed25519 over {@code "concord-receipt/1\n"} followed by the RFC 8785 canonical JSON of the
 * receipt without its {@code signature} member.
 *
 * <p>A receiver that accepts many objects at once signs them as one batch ({@link #signedTogether}):
 * each receipt is then a {@code concord-receipt/2}, the same document with a {@code batch} member
 * (the batch's size, the receipt's position in it and its inclusion path), and the signature is over
 * the root of an RFC 9162 Merkle tree whose leaves are the batch's receipts. One signature makes a
 * whole TAXII POST's receipts, yet each receipt still proves on its own, offline, that the receiver
 * recorded exactly that object at that ledger index: its own fields, its path and the signed root
 * are all it takes.
 *
 * @param receiver    the party that received the object and signs the receipt
 * @param origin      the receiver's log origin, {@code concord.<party>/<STIX identity id>}
 * @param receiverKey the receiver's Ed25519 signing key
 * @param sender      the party the object came from
 * @param object      what was received
 * @param index       the entry's leaf index in the receiver's log
 * @param recordedAt  when the receiver recorded it (part of the entry)
 * @param leaf        the entry's leaf hash
 * @param issuedAt    when this receipt was signed
 * @param checkpoint  the receiver's signed checkpoint including the entry; {@code null} for a promise
 * @param inclusion   the inclusion proof of the leaf in that checkpoint; empty for a promise
 * @param deadline    by when a promise will be kept; {@code null} for a complete receipt
 * @param signature   Ed25519 signature (of the receipt, or of its batch's root); {@code null} until signed
 * @param batch       where the receipt stands in the batch signed with it; {@code null} for a receipt signed alone
 */
public record Receipt(PartyCode receiver, String origin, SigningKey receiverKey, PartyCode sender, ObjectDigest object,
        long index, Instant recordedAt, Hash leaf, Instant issuedAt, String checkpoint, List<Hash> inclusion,
        Instant deadline, byte[] signature, Batch batch) {

    /** The format tag of a receipt signed alone, also its signature's domain separator. */
    public static final String FORMAT = "concord-receipt/1";
    /** The format tag of a receipt signed in a batch, also the prefix of its leaf in the batch's tree. */
    public static final String BATCHED = "concord-receipt/2";
    /**
     * The HTTP request header in which a sending node lists the receipt formats it reads, e.g.
     * {@code concord-receipt/1, concord-receipt/2}, when it posts to a partner's inbox. A receiver signs
     * receipts in batches only for a sender that lists {@link #BATCHED}; without the header every receipt
     * is signed alone ({@link #FORMAT}), which every node reads.
     */
    public static final String FORMATS_HEADER = "X-Concord-Receipt-Formats";
    /** The domain separator of a batch's signature. */
    public static final String BATCH_SIGNATURE = "concord-receipt-batch/1";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** Checks the parts that make a receipt either complete or a promise. */
    public Receipt {
        Objects.requireNonNull(receiver, "receiver");
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(receiverKey, "receiverKey");
        Objects.requireNonNull(sender, "sender");
        Objects.requireNonNull(object, "object");
        Objects.requireNonNull(recordedAt, "recordedAt");
        Objects.requireNonNull(leaf, "leaf");
        Objects.requireNonNull(issuedAt, "issuedAt");
        inclusion = List.copyOf(inclusion);
        if ((checkpoint == null) == (deadline == null)) {
            throw new IllegalArgumentException("a receipt has either a checkpoint or a promise deadline");
        }
        if (index < 0) {
            throw new IllegalArgumentException("leaf index must be at least 0, got " + index);
        }
        signature = signature == null ? null : signature.clone();
    }

    /** A receipt signed alone ({@code concord-receipt/1}), or not signed yet. */
    public Receipt(PartyCode receiver, String origin, SigningKey receiverKey, PartyCode sender, ObjectDigest object,
            long index, Instant recordedAt, Hash leaf, Instant issuedAt, String checkpoint, List<Hash> inclusion,
            Instant deadline, byte[] signature) {
        this(receiver, origin, receiverKey, sender, object, index, recordedAt, leaf, issuedAt, checkpoint, inclusion, deadline,
                signature, null);
    }

    /**
     * Where a receipt stands in its batch: the batch's receipts are the leaves of an RFC 9162 Merkle tree,
     * in the order they were signed, each leaf {@code SHA-256(0x00 || "concord-receipt/2\n" || JCS(receipt
     * without batch and signature))}; the receiver signs the tree's root.
     *
     * @param size  how many receipts the batch holds
     * @param index this receipt's leaf, from 0
     * @param path  the inclusion proof of that leaf in the batch's tree (RFC 9162 2.1.3), from the leaf up
     */
    public record Batch(int size, int index, List<Hash> path) {
        public Batch {
            if (size < 1 || index < 0 || index >= size) {
                throw new IllegalArgumentException("a batch of " + size + " has no receipt " + index);
            }
            path = List.copyOf(path);
        }
    }

    /** The format this receipt is written in: {@link #FORMAT} alone, {@link #BATCHED} in a batch. */
    public String format() {
        return batch == null ? FORMAT : BATCHED;
    }

    /** True while the receipt only promises a checkpoint. */
    public boolean isPromise() {
        return checkpoint == null;
    }

    /** The ledger entry this receipt acknowledges, as the receiver recorded it. */
    public LedgerEntry entry() {
        return LedgerEntry.of(Direction.RECEIVED, sender, object, recordedAt);
    }

    /** A copy of the signature. */
    @Override
    public byte[] signature() {
        return signature == null ? null : signature.clone();
    }

    /** This receipt signed alone with {@code ed25519}, which signs bytes with the receiver's private key. */
    public Receipt signedWith(UnaryOperator<byte[]> ed25519) {
        return new Receipt(receiver, origin, receiverKey, sender, object, index, recordedAt, leaf, issuedAt, checkpoint,
                inclusion, deadline, ed25519.apply(signedBytes(FORMAT, body(FORMAT))), null);
    }

    /**
     * {@code unsigned} receipts signed as one batch with one signature by {@code ed25519}: each returned
     * receipt, in the same order, is a {@code concord-receipt/2} carrying its inclusion path in the batch's
     * tree and the signature of the tree's root, so that it verifies on its own.
     */
    public static List<Receipt> signedTogether(List<Receipt> unsigned, UnaryOperator<byte[]> ed25519) {
        if (unsigned.isEmpty()) {
            return List.of();
        }
        List<Hash> leaves = new ArrayList<>(unsigned.size());
        for (Receipt receipt : unsigned) {
            leaves.add(receipt.batchLeaf());
        }
        BatchTree tree = new BatchTree(leaves);
        byte[] signature = ed25519.apply(batchSignedBytes(leaves.size(), tree.root()));
        List<Receipt> signed = new ArrayList<>(unsigned.size());
        for (int i = 0; i < unsigned.size(); i++) {
            Receipt r = unsigned.get(i);
            signed.add(new Receipt(r.receiver, r.origin, r.receiverKey, r.sender, r.object, r.index, r.recordedAt, r.leaf, r.issuedAt,
                    r.checkpoint, r.inclusion, r.deadline, signature, new Batch(leaves.size(), i, tree.path(i))));
        }
        return signed;
    }

    /** The JSON document, signature included. */
    public String toJson() {
        if (signature == null) {
            throw new IllegalStateException("an unsigned receipt is not handed out");
        }
        ObjectNode json = body(format());
        if (batch != null) {
            ObjectNode in = json.putObject("batch");
            in.put("size", batch.size());
            in.put("index", batch.index());
            ArrayNode path = in.putArray("path");
            batch.path().forEach(h -> path.add(h.base64()));
        }
        json.put("signature", Base64.getEncoder().encodeToString(signature));
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(json) + "\n";
    }

    /** The document without {@code batch} and {@code signature}: what a signature (alone) or a batch leaf covers. */
    private ObjectNode body(String format) {
        ObjectNode json = JSON.createObjectNode();
        json.put("format", format);
        ObjectNode by = json.putObject("receiver");
        by.put("party", receiver.value());
        by.put("origin", origin);
        by.put("key", receiverKey.base64());
        json.put("sender", sender.value());
        ObjectNode what = json.putObject("object");
        what.put("id", object.id());
        what.put("modified", LedgerTime.format(object.modified()));
        what.put("sha256", object.sha256().hex());
        ObjectNode entry = json.putObject("entry");
        entry.put("index", index);
        entry.put("recorded", LedgerTime.format(recordedAt));
        entry.put("leaf", leaf.hex());
        json.put("issued", LedgerTime.format(issuedAt));
        if (checkpoint != null) {
            json.put("checkpoint", checkpoint);
            ArrayNode proof = json.putArray("inclusion");
            inclusion.forEach(h -> proof.add(h.base64()));
        } else {
            json.putObject("promise").put("deadline", LedgerTime.format(deadline));
        }
        return json;
    }

    /** What the signature covers: the document alone, or the root of the batch this receipt's leaf and path lead to. */
    private byte[] signedBytes() throws ReceiptException.Malformed {
        if (batch == null) {
            return signedBytes(FORMAT, body(FORMAT));
        }
        Hash root;
        try {
            root = Proofs.rootFromInclusionProof(batch.index(), batch.size(), batchLeaf(), batch.path());
        } catch (ProofException e) {
            throw new ReceiptException.Malformed("batch.path: " + e.getMessage());
        }
        return batchSignedBytes(batch.size(), root);
    }

    /** This receipt's leaf in a batch's tree: {@code SHA-256(0x00 || "concord-receipt/2\n" || JCS(body))}. */
    private Hash batchLeaf() {
        return Rfc9162Hasher.leaf(signedBytes(BATCHED, body(BATCHED)));
    }

    /** What a batch's signature covers: {@code "concord-receipt-batch/1\n" <size> "\n" <base64 root> "\n"}. */
    static byte[] batchSignedBytes(int size, Hash root) {
        return (BATCH_SIGNATURE + "\n" + size + "\n" + root.base64() + "\n").getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] signedBytes(String format, ObjectNode body) {
        try {
            byte[] canonical = new JsonCanonicalizer(JSON.writeValueAsString(body)).getEncodedUTF8();
            byte[] prefix = (format + "\n").getBytes(StandardCharsets.UTF_8);
            byte[] all = new byte[prefix.length + canonical.length];
            System.arraycopy(prefix, 0, all, 0, prefix.length);
            System.arraycopy(canonical, 0, all, prefix.length, canonical.length);
            return all;
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot canonicalise a receipt", e);
        }
    }

    /**
     * Reads a receipt document, checking its shape but not yet its signature.
     *
     * @throws ReceiptException.Malformed naming the member at fault
     */
    public static Receipt parse(String json) throws ReceiptException.Malformed {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (RuntimeException e) {
            throw new ReceiptException.Malformed("not JSON: " + e.getMessage().lines().findFirst().orElse(""));
        }
        if (root == null || !root.isObject()) {
            throw new ReceiptException.Malformed("not a JSON object");
        }
        String format = text(root, "format");
        if (!FORMAT.equals(format) && !BATCHED.equals(format)) {
            throw new ReceiptException.Malformed("format is " + format + ", expected " + FORMAT + " or " + BATCHED);
        }
        try {
            PartyCode receiver = PartyCode.of(text(root.path("receiver"), "party"));
            String origin = required(root.path("receiver"), "receiver.origin", "origin");
            SigningKey key = SigningKey.parse("receiver.key", required(root.path("receiver"), "receiver.key", "key"));
            PartyCode sender = PartyCode.of(text(root, "sender"));
            JsonNode object = root.path("object");
            ObjectDigest digest = new ObjectDigest(text(object, "id"),
                    time(object, "object.modified", "modified"), hex(object, "object.sha256", "sha256"));
            JsonNode entry = root.path("entry");
            if (!entry.path("index").canConvertToLong()) {
                throw new ReceiptException.Malformed("entry.index is not a whole number");
            }
            long index = entry.path("index").asLong();
            Instant recorded = time(entry, "entry.recorded", "recorded");
            Hash leaf = hex(entry, "entry.leaf", "leaf");
            Instant issued = time(root, "issued", "issued");
            String checkpoint = text(root, "checkpoint");
            List<Hash> inclusion = new ArrayList<>();
            Instant deadline = null;
            if (checkpoint != null) {
                JsonNode proof = root.path("inclusion");
                if (!proof.isArray()) {
                    throw new ReceiptException.Malformed("inclusion is missing: a receipt with a checkpoint carries its proof");
                }
                for (JsonNode h : proof) {
                    inclusion.add(Hash.ofBase64(h.asString()));
                }
            } else {
                deadline = time(root.path("promise"), "promise.deadline", "deadline");
            }
            Batch batch = null;
            if (BATCHED.equals(format)) {
                batch = batch(root.path("batch"));
            } else if (root.has("batch")) {
                throw new ReceiptException.Malformed("batch is not part of " + FORMAT + ": a receipt signed in a batch is a " + BATCHED);
            }
            String signature = required(root, "signature", "signature");
            return new Receipt(receiver, origin, key, sender, digest, index, recorded, leaf, issued, checkpoint, inclusion,
                    deadline, Base64.getDecoder().decode(signature), batch);
        } catch (ReceiptException.Malformed e) {
            throw e;
        } catch (RuntimeException e) {
            throw new ReceiptException.Malformed(e.getMessage());
        }
    }

    private static Batch batch(JsonNode batch) throws ReceiptException.Malformed {
        if (!batch.isObject()) {
            throw new ReceiptException.Malformed("batch is missing: a " + BATCHED + " carries its place in the batch signed with it");
        }
        if (!batch.path("size").canConvertToInt() || !batch.path("index").canConvertToInt()) {
            throw new ReceiptException.Malformed("batch.size and batch.index must be whole numbers");
        }
        int size = batch.path("size").asInt();
        int index = batch.path("index").asInt();
        if (size < 1 || index < 0 || index >= size) {
            throw new ReceiptException.Malformed("batch.index " + index + " is not inside a batch of " + size);
        }
        if (!batch.path("path").isArray()) {
            throw new ReceiptException.Malformed("batch.path is missing");
        }
        List<Hash> path = new ArrayList<>();
        for (JsonNode h : batch.path("path")) {
            path.add(Hash.ofBase64(h.asString()));
        }
        return new Batch(size, index, path);
    }

    /**
     * Verifies this receipt as issued by the holder of {@code receiverKey}: the key it names, its
     * signature (for a batched receipt: the signature of the root its path leads to), that its leaf is
     * the hash of the entry it describes, that {@code object} (if given) is the object it acknowledges,
     * and, for a complete receipt, the checkpoint's signature and the inclusion proof. Returns normally
     * only if all of these hold; a promise verifies as a promise.
     *
     * @throws ReceiptException naming the first check that failed
     */
    public Receipt verify(SigningKey trustedKey, ObjectDigest presented) throws ReceiptException {
        return verify(new Verifier(trustedKey), presented);
    }

    /**
     * Checks many receipts of one receiver, as {@link Receipt#verify(SigningKey, ObjectDigest)} checks one,
     * each signature only once however many receipts share it: a batch's root, a checkpoint. What it
     * remembers is only what it has verified itself; keep one for a delivery, not for ever.
     */
    public static final class Verifier {
        private final SigningKey trustedKey;
        private final Set<String> signatures = new HashSet<>();
        private final Map<String, Checkpoint> checkpoints = new HashMap<>();

        public Verifier(SigningKey trustedKey) {
            this.trustedKey = Objects.requireNonNull(trustedKey, "trustedKey");
        }

        /** Verifies {@code receipt} for {@code presented} (if not null); see {@link Receipt#verify(SigningKey, ObjectDigest)}. */
        public Receipt verify(Receipt receipt, ObjectDigest presented) throws ReceiptException {
            return receipt.verify(this, presented);
        }

        boolean holds(byte[] message, byte[] signature) {
            String key = Rfc9162Hasher.leaf(message).hex() + Base64.getEncoder().encodeToString(signature);
            if (signatures.contains(key)) {
                return true;
            }
            if (!ed25519Holds(trustedKey, message, signature)) {
                return false;
            }
            signatures.add(key);
            return true;
        }
    }

    private Receipt verify(Verifier verifier, ObjectDigest presented) throws ReceiptException {
        SigningKey trustedKey = verifier.trustedKey;
        if (signature == null) {
            throw new ReceiptException.Malformed("unsigned");
        }
        if (!receiverKey.equals(trustedKey)) {
            throw new ReceiptException.UnknownKey("receipt is signed by key " + receiverKey.fingerprint() + " of "
                    + receiver + ", not by the trusted key " + trustedKey.fingerprint());
        }
        if (!verifier.holds(signedBytes(), signature)) {
            throw new ReceiptException.BadSignature("receipt signature does not verify with the key of " + receiver
                    + " (" + trustedKey.fingerprint() + "): the receipt was altered or forged");
        }
        Hash expectedLeaf = entry().leafHash();
        if (!expectedLeaf.equals(leaf)) {
            throw new ReceiptException.AlteredEntry("receipt names leaf " + leaf.hex() + " but its entry hashes to "
                    + expectedLeaf.hex());
        }
        if (presented != null) {
            if (!presented.id().equals(object.id()) || !presented.modified().equals(object.modified())) {
                throw new ReceiptException.AlteredObject("object is " + presented.id() + " modified "
                        + LedgerTime.format(presented.modified()) + " but the receipt is for " + object.id() + " modified "
                        + LedgerTime.format(object.modified()));
            }
            if (!presented.sha256().equals(object.sha256())) {
                throw new ReceiptException.AlteredObject("object " + object.id() + " has canonical SHA-256 "
                        + presented.sha256().hex() + " but the receipt acknowledges " + object.sha256().hex());
            }
        }
        if (checkpoint == null) {
            return this;
        }
        VerifierKey logKey;
        try {
            logKey = VerifierKey.ed25519(origin, trustedKey.publicKey());
        } catch (IllegalArgumentException e) {
            // Found by ReceiptFuzzTest: a signed receipt whose origin is no log name escaped as a 500.
            throw new ReceiptException.Malformed("receiver.origin: '" + origin + "' is not a log name: " + e.getMessage());
        }
        String opened = origin + "\n" + checkpoint;
        Checkpoint head = verifier.checkpoints.get(opened);
        if (head == null) {
            try {
                head = Checkpoint.open(checkpoint, origin, logKey);
            } catch (NoteException.BadSignature e) {
                throw new ReceiptException.BadSignature("checkpoint: " + e.getMessage());
            } catch (NoteException.UnknownKey e) {
                throw new ReceiptException.UnknownKey("checkpoint: " + e.getMessage());
            } catch (NoteException e) {
                throw new ReceiptException.Malformed("checkpoint: " + e.getMessage());
            }
            verifier.checkpoints.put(opened, head);
        }
        try {
            Proofs.verifyInclusion(index, head.size(), leaf, inclusion, head.root());
        } catch (ProofException e) {
            throw new ReceiptException.BadProof(e.getMessage());
        }
        return this;
    }

    /** The checkpoint of a complete receipt, parsed (after {@link #verify}). */
    public Checkpoint checkpointBody() {
        try {
            return Checkpoint.parse(org.concord.ledger.tree.SignedNote.parse(checkpoint).text());
        } catch (NoteException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    static boolean ed25519Holds(SigningKey key, byte[] message, byte[] signature) {
        return org.concord.node.Ed25519Signatures.verify(key.raw(), message, signature);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isString() ? value.asString() : null;
    }

    private static String required(JsonNode node, String path, String field) throws ReceiptException.Malformed {
        String value = text(node, field);
        if (value == null) {
            throw new ReceiptException.Malformed(path + " is missing");
        }
        return value;
    }

    private static Instant time(JsonNode node, String path, String field) throws ReceiptException.Malformed {
        Instant time = LedgerTime.parse(required(node, path, field));
        if (time == null) {
            throw new ReceiptException.Malformed(path + " is not an RFC 3339 UTC time");
        }
        return time;
    }

    private static Hash hex(JsonNode node, String path, String field) throws ReceiptException.Malformed {
        try {
            return Hash.ofHex(required(node, path, field));
        } catch (IllegalArgumentException e) {
            throw new ReceiptException.Malformed(path + ": " + e.getMessage());
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Receipt that && toComparable().equals(that.toComparable());
    }

    @Override
    public int hashCode() {
        return toComparable().hashCode();
    }

    private String toComparable() {
        return JSON.writeValueAsString(body(format())) + (batch == null ? "" : batch.size() + "/" + batch.index() + batch.path())
                + (signature == null ? "" : Base64.getEncoder().encodeToString(signature));
    }

    @Override
    public String toString() {
        return "Receipt[" + receiver + " received " + object.id() + " from " + sender + " at index " + index
                + (isPromise() ? ", promised by " + deadline : ", in checkpoint")
                + (batch == null ? "" : ", " + (batch.index() + 1) + " of a batch of " + batch.size()) + "]";
    }

    /**
     * The RFC 9162 Merkle tree of one batch's leaves, built bottom up: a node without a right sibling is
     * carried up unchanged, which gives the tree of RFC 9162 2.1.1 (split at the largest power of two)
     * and its inclusion paths (2.1.3), from the leaf up.
     */
    static final class BatchTree {
        private final List<List<Hash>> levels = new ArrayList<>();

        BatchTree(List<Hash> leaves) {
            if (leaves.isEmpty()) {
                throw new IllegalArgumentException("a batch holds at least one receipt");
            }
            List<Hash> level = List.copyOf(leaves);
            levels.add(level);
            while (level.size() > 1) {
                List<Hash> up = new ArrayList<>((level.size() + 1) / 2);
                for (int i = 0; i < level.size(); i += 2) {
                    up.add(i + 1 < level.size() ? Rfc9162Hasher.node(level.get(i), level.get(i + 1)) : level.get(i));
                }
                levels.add(up);
                level = up;
            }
        }

        Hash root() {
            return levels.get(levels.size() - 1).get(0);
        }

        List<Hash> path(int index) {
            List<Hash> path = new ArrayList<>();
            int i = index;
            for (int l = 0; l < levels.size() - 1; l++) {
                List<Hash> level = levels.get(l);
                int sibling = i ^ 1;
                if (sibling < level.size()) {
                    path.add(level.get(sibling));
                }
                i /= 2;
            }
            return path;
        }
    }
}
