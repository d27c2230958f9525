package org.concord.ledger;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;

import org.concord.ledger.tree.Checkpoint;
import org.concord.ledger.tree.Hash;
import org.concord.ledger.tree.NoteException;
import org.concord.ledger.tree.ProofException;
import org.concord.ledger.tree.Proofs;
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
 * @param signature   Ed25519 signature; {@code null} until signed
 */
public record Receipt(PartyCode receiver, String origin, SigningKey receiverKey, PartyCode sender, ObjectDigest object,
        long index, Instant recordedAt, Hash leaf, Instant issuedAt, String checkpoint, List<Hash> inclusion,
        Instant deadline, byte[] signature) {

    /** The format tag, also the signature's domain separator. */
    public static final String FORMAT = "concord-receipt/1";
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

    /** This receipt signed with {@code ed25519}, which signs bytes with the receiver's private key. */
    public Receipt signedWith(UnaryOperator<byte[]> ed25519) {
        return new Receipt(receiver, origin, receiverKey, sender, object, index, recordedAt, leaf, issuedAt, checkpoint,
                inclusion, deadline, ed25519.apply(signedBytes()));
    }

    /** The JSON document, signature included. */
    public String toJson() {
        if (signature == null) {
            throw new IllegalStateException("an unsigned receipt is not handed out");
        }
        ObjectNode json = body();
        json.put("signature", Base64.getEncoder().encodeToString(signature));
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(json) + "\n";
    }

    private ObjectNode body() {
        ObjectNode json = JSON.createObjectNode();
        json.put("format", FORMAT);
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

    private byte[] signedBytes() {
        return signedBytes(JSON.writeValueAsString(body()));
    }

    private static byte[] signedBytes(String bodyJson) {
        try {
            byte[] canonical = new JsonCanonicalizer(bodyJson).getEncodedUTF8();
            byte[] prefix = (FORMAT + "\n").getBytes(StandardCharsets.UTF_8);
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
        if (!FORMAT.equals(text(root, "format"))) {
            throw new ReceiptException.Malformed("format is " + text(root, "format") + ", expected " + FORMAT);
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
            String signature = required(root, "signature", "signature");
            return new Receipt(receiver, origin, key, sender, digest, index, recorded, leaf, issued, checkpoint, inclusion,
                    deadline, Base64.getDecoder().decode(signature));
        } catch (ReceiptException.Malformed e) {
            throw e;
        } catch (RuntimeException e) {
            throw new ReceiptException.Malformed(e.getMessage());
        }
    }

    /**
     * Verifies this receipt as issued by the holder of {@code receiverKey}: the key it names, its
     * signature, that its leaf is the hash of the entry it describes, that {@code object} (if given)
     * is the object it acknowledges, and, for a complete receipt, the checkpoint's signature and the
     * inclusion proof. Returns normally only if all of these hold; a promise verifies as a promise.
     *
     * @throws ReceiptException naming the first check that failed
     */
    public Receipt verify(SigningKey trustedKey, ObjectDigest presented) throws ReceiptException {
        Objects.requireNonNull(trustedKey, "trustedKey");
        if (signature == null) {
            throw new ReceiptException.Malformed("unsigned");
        }
        if (!receiverKey.equals(trustedKey)) {
            throw new ReceiptException.UnknownKey("receipt is signed by key " + receiverKey.fingerprint() + " of "
                    + receiver + ", not by the trusted key " + trustedKey.fingerprint());
        }
        if (!ed25519Holds(trustedKey, signedBytes(), signature)) {
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
        Checkpoint head;
        try {
            head = Checkpoint.open(checkpoint, origin, logKey);
        } catch (NoteException.BadSignature e) {
            throw new ReceiptException.BadSignature("checkpoint: " + e.getMessage());
        } catch (NoteException.UnknownKey e) {
            throw new ReceiptException.UnknownKey("checkpoint: " + e.getMessage());
        } catch (NoteException e) {
            throw new ReceiptException.Malformed("checkpoint: " + e.getMessage());
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
        try {
            Signature verifier = Signature.getInstance("Ed25519");
            verifier.initVerify(key.publicKey());
            verifier.update(message);
            return verifier.verify(signature);
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
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
        return JSON.writeValueAsString(body()) + (signature == null ? "" : Base64.getEncoder().encodeToString(signature));
    }

    @Override
    public String toString() {
        return "Receipt[" + receiver + " received " + object.id() + " from " + sender + " at index " + index
                + (isPromise() ? ", promised by " + deadline : ", in checkpoint") + "]";
    }
}
