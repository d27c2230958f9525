package org.concord.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import org.concord.ledger.Direction;
import org.concord.ledger.LedgerEntry;
import org.concord.ledger.ObjectDigest;
import org.concord.ledger.Receipt;
import org.concord.ledger.ReceiptException;
import org.concord.ledger.tree.Checkpoint;
import org.concord.ledger.tree.CompactRange;
import org.concord.ledger.tree.Hash;
import org.concord.ledger.tree.NoteException;
import org.concord.ledger.tree.ProofException;
import org.concord.ledger.tree.Proofs;
import org.concord.ledger.tree.SignedNote;
import org.concord.ledger.tree.VerifiedSignature;
import org.concord.ledger.tree.VerifierKey;
import org.concord.node.InvalidInput;
import org.concord.party.PairingRecord;
import org.concord.party.PartyCode;
import org.concord.party.SigningKey;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Offline verification of ledger evidence: receipts, checkpoints, entry exports and proofs, from
 * files alone, without a node or a database, so that a third party (a mediator, a court) can check
 * a claim. Every failure is one line naming its kind ({@code BadSignature}, {@code AlteredObject},
 * {@code WrongProofSize}, {@code UnknownKey}, ...) and exits with 1; bad input exits with 2.
 */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = "Checks ledger receipts and logs offline (no node, no database).",
        subcommands = {VerifyCommand.ReceiptCheck.class, VerifyCommand.LogCheck.class})
class VerifyCommand extends CommandGroup {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** Verification failed: the evidence does not prove the claim. The message is one line, led by the kind. */
    static final class Failed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Failed(GeneralSecurityException cause) {
            // No cause: the command prints the innermost message, and this one names the kind.
            super(cause.getClass().getSimpleName() + ": " + cause.getMessage());
        }

        Failed(String kind, String message) {
            super(kind + ": " + message);
        }
    }

    @Command(name = "receipt", mixinStandardHelpOptions = true,
            description = {"Checks a receipt (concord-receipt/1, or /2 signed in a batch; docs/ledger.md): the receiver's",
                "signature with its key (of a batch: of the root the receipt's path leads to), that the entry hashes",
                "to the leaf, the receiver's checkpoint signature and the inclusion proof; with --object, that the",
                "object is the one acknowledged."})
    static class ReceiptCheck implements Callable<Integer> {

        @Parameters(paramLabel = "FILE", description = "The receipt (JSON).")
        Path file;

        @Option(names = "--partner-key", required = true, paramLabel = "KEY",
                description = "The receiver's Ed25519 key: base64 as in its pairing record, or the pairing record file.")
        String key;

        @Option(names = "--object", paramLabel = "FILE", description = "The STIX object (JSON) the receipt should acknowledge.")
        Path object;

        @Override
        public Integer call() {
            SigningKey trusted = signingKey("--partner-key", key);
            ObjectDigest presented = object == null ? null : ObjectDigest.of(read("--object", object));
            Receipt receipt;
            try {
                receipt = Receipt.parse(read("FILE", file)).verify(trusted, presented);
            } catch (ReceiptException e) {
                throw new Failed(e);
            }
            System.out.println("OK: " + receipt.receiver() + " received " + receipt.object().id() + " (modified "
                    + LedgerEntry.formatTime(receipt.object().modified()) + ", sha256 " + receipt.object().sha256().hex()
                    + ") from " + receipt.sender() + " as entry " + receipt.index() + " of log " + receipt.origin());
            if (receipt.batch() != null) {
                System.out.println("SIGNED: in a batch of " + receipt.batch().size() + " receipts (" + (receipt.batch().index() + 1)
                        + " of " + receipt.batch().size() + ") with one signature over the batch's root");
            }
            if (receipt.isPromise()) {
                System.out.println("PROMISE: not yet in a checkpoint; the receiver promised one by "
                        + LedgerEntry.formatTime(receipt.deadline()));
            } else {
                Checkpoint head = receipt.checkpointBody();
                System.out.println("INCLUDED: in the signed checkpoint of size " + head.size() + " root " + head.root().hex());
            }
            if (presented == null) {
                System.out.println("(the object itself was not checked: give it with --object)");
            }
            return 0;
        }
    }

    @Command(name = "log", mixinStandardHelpOptions = true,
            description = {"Checks a log's signed checkpoint with the log's key; with --entries, that the exported entries",
                "hash to its root; with --previous and --consistency, that it extends an earlier checkpoint;",
                "with --witness-key, that a witness cosigned it."})
    static class LogCheck implements Callable<Integer> {

        @Parameters(paramLabel = "CHECKPOINT", description = "The signed checkpoint (C2SP signed note), as GET /ledger/checkpoint serves it.")
        Path checkpointFile;

        @Option(names = "--log-key", required = true, paramLabel = "KEY",
                description = "The log owner's Ed25519 key: base64 as in its pairing record, or the pairing record file.")
        String key;

        @Option(names = "--origin", paramLabel = "ORIGIN", description = "The log's expected origin (default: the checkpoint's own).")
        String origin;

        @Option(names = "--entries", paramLabel = "FILE",
                description = "Entries export (concord-ledger-entries/1, GET /ledger/entries) from index 0; several files in order allowed.")
        List<Path> entries = new ArrayList<>();

        @Option(names = "--previous", paramLabel = "CHECKPOINT", description = "An earlier signed checkpoint of the same log.")
        Path previous;

        @Option(names = "--consistency", paramLabel = "FILE",
                description = "Consistency proof from --previous to CHECKPOINT (JSON, GET /ledger/proof/consistency).")
        Path consistency;

        @Option(names = "--witness-key", paramLabel = "RECORD",
                description = "A witness's pairing record file; its cosignature on CHECKPOINT must verify.")
        List<Path> witnesses = new ArrayList<>();

        @Override
        public Integer call() {
            SigningKey logKey = signingKey("--log-key", key);
            String noteText = read("CHECKPOINT", checkpointFile);
            Checkpoint head = open(noteText, logKey);
            System.out.println("OK: checkpoint of " + head.origin() + " size " + head.size() + " root " + head.root().hex()
                    + " is signed by the log key " + logKey.fingerprint());
            for (Path witness : witnesses) {
                PairingRecord record = PairingRecord.parse(read("--witness-key", witness));
                String name = "concord." + record.party().code().value() + "/"
                        + JSON.readTree(record.identity()).path("id").asString();
                try {
                    List<VerifiedSignature> held = SignedNote.parse(noteText)
                            .verify(List.of(VerifierKey.cosignatureV1(name, record.signingKey().publicKey())));
                    System.out.println("OK: cosigned by " + record.party().code() + " at POSIX time " + held.get(0).cosignedAt().getAsLong());
                } catch (NoteException e) {
                    throw new Failed(e);
                }
            }
            if (previous != null || consistency != null) {
                if (previous == null || consistency == null) {
                    throw new InvalidInput("--consistency", "together", "--previous and --consistency go together");
                }
                Checkpoint earlier = open(read("--previous", previous), logKey);
                if (!earlier.origin().equals(head.origin())) {
                    throw new Failed("UnexpectedOrigin", "--previous is of log " + earlier.origin() + ", not " + head.origin());
                }
                JsonNode proof = json("--consistency", consistency);
                if (proof.path("from").asLong(-1) != earlier.size() || proof.path("to").asLong(-1) != head.size()) {
                    throw new Failed("WrongProofSizes", "the consistency proof is from size " + proof.path("from") + " to "
                            + proof.path("to") + ", but the checkpoints have sizes " + earlier.size() + " and " + head.size());
                }
                try {
                    Proofs.verifyConsistency(earlier.size(), head.size(), hashes(proof.path("proof")), earlier.root(), head.root());
                } catch (ProofException e) {
                    throw new Failed(e);
                }
                System.out.println("OK: size " + head.size() + " extends size " + earlier.size() + " root " + earlier.root().hex());
            }
            if (!entries.isEmpty()) {
                verifyEntries(head);
            }
            return 0;
        }

        private Checkpoint open(String note, SigningKey logKey) {
            try {
                SignedNote parsed = SignedNote.parse(note);
                String expected = origin != null ? origin : Checkpoint.parse(parsed.text()).origin();
                return Checkpoint.open(parsed, expected, List.of(VerifierKey.ed25519(expected, logKey.publicKey())));
            } catch (NoteException e) {
                throw new Failed(e);
            }
        }

        private void verifyEntries(Checkpoint head) {
            List<Hash> leaves = new ArrayList<>();
            long recomputed = 0;
            for (Path file : entries) {
                JsonNode export = json("--entries", file);
                if (!"concord-ledger-entries/1".equals(export.path("format").asString(""))) {
                    throw new InvalidInput("--entries", "format", file + " is not a concord-ledger-entries/1 export");
                }
                for (JsonNode entry : export.path("entries")) {
                    long index = entry.path("index").asLong(-1);
                    if (index < leaves.size()) {
                        continue; // overlapping pages
                    }
                    if (index != leaves.size()) {
                        throw new Failed("MissingEntries", "the export jumps from entry " + (leaves.size() - 1) + " to " + index);
                    }
                    if (leaves.size() == head.size()) {
                        break;
                    }
                    Hash leaf = Hash.ofHex(entry.path("leaf").asString());
                    if (entry.has("object")) {
                        LedgerEntry fields = new LedgerEntry(Direction.valueOf(entry.path("direction").asString()),
                                PartyCode.of(entry.path("partner").asString()), entry.path("object").asString(),
                                LedgerEntry.parseTime(entry.path("modified").asString()), Hash.ofHex(entry.path("sha256").asString()),
                                LedgerEntry.parseTime(entry.path("recorded").asString()));
                        if (!fields.leafHash().equals(leaf)) {
                            throw new Failed("AlteredEntry", "entry " + index + " (" + fields.objectId() + ") hashes to leaf "
                                    + fields.leafHash().hex() + " but the export says leaf " + leaf.hex());
                        }
                        recomputed++;
                    }
                    leaves.add(leaf);
                }
            }
            if (leaves.size() < head.size()) {
                throw new Failed("MissingEntries", "the export has " + leaves.size() + " entries, the checkpoint " + head.size());
            }
            Hash root = CompactRange.empty().append(leaves).root();
            if (!root.equals(head.root())) {
                throw new Failed("RootMismatch", "the " + leaves.size() + " entries hash to root " + root.hex()
                        + " but the checkpoint of size " + head.size() + " says root " + head.root().hex());
            }
            System.out.println("OK: the " + leaves.size() + " entries hash to the checkpoint's root (" + recomputed
                    + " recomputed from their fields, " + (leaves.size() - recomputed) + " shown as leaf hashes only)");
        }
    }

    /** A key given as base64 (32 raw bytes) or as a file holding a pairing record or that base64. */
    static SigningKey signingKey(String field, String value) {
        Path path = Path.of(value);
        if (Files.isRegularFile(path)) {
            String text = read(field, path).trim();
            if (text.startsWith("{")) {
                return PairingRecord.parse(text).signingKey();
            }
            return SigningKey.parse(field, text);
        }
        return SigningKey.parse(field, value);
    }

    static String read(String field, Path file) {
        try {
            return Files.readString(file);
        } catch (java.io.IOException e) {
            throw new InvalidInput(field, "file-exists", "cannot read " + file.toAbsolutePath() + ": " + e.getMessage());
        }
    }

    static JsonNode json(String field, Path file) {
        try {
            return JSON.readTree(read(field, file));
        } catch (RuntimeException e) {
            throw new InvalidInput(field, "json", file + " is not JSON: " + e.getMessage().lines().findFirst().orElse(""));
        }
    }

    static List<Hash> hashes(JsonNode array) {
        List<Hash> hashes = new ArrayList<>();
        for (JsonNode h : array) {
            hashes.add(Hash.ofBase64(h.asString()));
        }
        return hashes;
    }
}
