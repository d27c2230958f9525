package org.concord.ledger.tree;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.OptionalLong;

import org.concord.testing.FixedKeys;
import org.junit.jupiter.api.Test;

/**
 * Found by SignedNoteFuzzTest: a partner's cosignature that verifies, dated after the last instant
 * Java or a SQL timestamp holds (any POSIX time up to 2^63-1 was accepted), made {@code
 * Checkpoints.acceptCosignature} throw {@code DateTimeException}, a 500 at {@code POST
 * /ledger/cosignatures}. Rule: a cosignature's time is at most 9999-12-31T23:59:59Z; a later one is
 * refused as a bad signature, naming the time.
 */
class CosignatureTimesBeyondYear9999AreRefusedTest {

    static final String ORIGIN = "concord.IR/identity--6b1c0b4e-3a8c-4a4e-9b53-5a0cfa9a6c11";
    static final NoteSigner LOG = NoteSigner.of(ORIGIN, FixedKeys.ed25519(1));
    static final NoteSigner WITNESS = NoteSigner.of("concord.PK/witness", FixedKeys.ed25519(2));
    static final SignedNote CHECKPOINT = new Checkpoint(ORIGIN, 1, new Hash(new byte[32])).sign(LOG);

    @Test
    void aCosignatureDatedAfterYear9999IsRefusedNamingItsTime() throws NoteException {
        for (long time : new long[] {SignedNote.LAST_COSIGNATURE_TIME + 1, 31_556_889_864_403_200L, Long.MAX_VALUE}) {
            SignedNote received = SignedNote.parse(WITNESS.cosign(CHECKPOINT, time).encode());
            assertThatThrownBy(() -> received.verify(List.of(WITNESS.cosignatureVerifierKey())))
                    .isInstanceOf(NoteException.BadSignature.class)
                    .hasMessageContaining("timestamp " + time + ", after 9999-12-31T23:59:59Z");
        }
    }

    @Test
    void aCosignatureDatedInYear9999StillVerifies() throws NoteException {
        SignedNote received = SignedNote.parse(WITNESS.cosign(CHECKPOINT, SignedNote.LAST_COSIGNATURE_TIME).encode());
        assertThat(received.verify(List.of(WITNESS.cosignatureVerifierKey())))
                .containsExactly(new VerifiedSignature(WITNESS.cosignatureVerifierKey(), OptionalLong.of(SignedNote.LAST_COSIGNATURE_TIME)));
    }
}
