package org.concord.ledger.tree;

import java.time.Instant;
import java.util.List;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

import org.concord.testing.FixedKeys;

/**
 * C2SP signed notes, checkpoints and cosignatures, as a node reads them from its partner: the
 * partner's signed checkpoint ({@code Witnessing}), the partner's cosignature of one of ours
 * ({@code Checkpoints.acceptCosignature}, {@code POST /ledger/cosignatures}), and {@code concord
 * verify}. Reading and verifying either succeeds or throws a {@link NoteException} (which the node
 * turns into a 400 or an alarm); the time of a cosignature that verifies becomes an {@link Instant}
 * and a SQL timestamp, as {@code Checkpoints} stores it.
 *
 * <p>A partner is authenticated but not trusted: it holds its own keys and may sign anything. So
 * besides notes from raw bytes (mode 0), the harness signs fuzzed checkpoint texts with the log's
 * key (mode 1) and cosigns fuzzed checkpoints at fuzzed times with the witness's key (mode 2), to
 * reach what happens after a signature holds.
 */
class SignedNoteFuzzTest {

    static final String ORIGIN = "concord.IR/identity--6b1c0b4e-3a8c-4a4e-9b53-5a0cfa9a6c11";
    static final NoteSigner LOG = NoteSigner.of(ORIGIN, FixedKeys.ed25519(1));
    static final NoteSigner WITNESS = NoteSigner.of("concord.PK/identity--0b7e3c5a-91d2-4f6e-8a3b-2c4d5e6f7a8b", FixedKeys.ed25519(2));

    @FuzzTest(maxDuration = "10s")
    void aNoteIsReadAndVerifiedOrRefusedAsNoteException(FuzzedDataProvider data) {
        int mode = data.consumeInt(0, 2);
        SignedNote note;
        try {
            if (mode == 0) {
                note = SignedNote.parse(data.consumeRemainingAsBytes());
            } else if (mode == 1) {
                String text = data.consumeRemainingAsString();
                if (SignedNote.textProblem(text) != null) {
                    return; // this node never signs such a text; the partner's is read in mode 0
                }
                note = SignedNote.parse(LOG.sign(SignedNote.unsigned(text)).encode());
            } else {
                long timestamp = data.consumeLong() & Long.MAX_VALUE; // any POSIX time a signer can write
                long size = data.consumeLong() & Long.MAX_VALUE;
                byte[] root = data.consumeBytes(32);
                if (root.length != 32) {
                    return;
                }
                List<String> extensions = data.consumeBoolean() ? List.of() : List.of(data.consumeRemainingAsAsciiString());
                Checkpoint checkpoint;
                try {
                    checkpoint = new Checkpoint(ORIGIN, size, new Hash(root), extensions);
                } catch (IllegalArgumentException notACheckpoint) {
                    return; // the harness made no checkpoint; the partner's is read in mode 0
                }
                note = SignedNote.parse(WITNESS.cosign(checkpoint.sign(LOG), timestamp).encode());
            }
            read(note);
        } catch (NoteException refused) {
            // the documented refusal: a 400 or a witnessing alarm
        }
    }

    private static void read(SignedNote note) throws NoteException {
        try {
            Checkpoint.parse(note.text());
        } catch (NoteException.MalformedNote notACheckpoint) {
            // the body is checked again by open
        }
        Checkpoint.open(note, ORIGIN, List.of(LOG.verifierKey()));
        for (VerifiedSignature cosignature : note.verify(List.of(WITNESS.cosignatureVerifierKey()))) {
            // as Checkpoints.acceptCosignature keeps it
            cosignature.cosignedAt().ifPresent(seconds -> java.sql.Timestamp.from(Instant.ofEpochSecond(seconds)));
        }
    }
}
