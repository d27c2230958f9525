package org.concord.ledger;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyPair;
import java.security.Signature;
import java.time.Instant;
import java.util.List;

import org.concord.ledger.tree.Checkpoint;
import org.concord.ledger.tree.Hash;
import org.concord.ledger.tree.NoteSigner;
import org.concord.party.PartyCode;
import org.concord.party.SigningKey;
import org.concord.testing.FixedKeys;
import org.junit.jupiter.api.Test;

/**
 * Found by ReceiptFuzzTest: a receipt the partner signed with its own key, complete with a
 * checkpoint, but whose {@code receiver.origin} is no log name (a space, a '+'), made {@link
 * Receipt#verify} throw {@link IllegalArgumentException} instead of a {@link ReceiptException}: the
 * sender's receipt completion failed on it unexplained. Rule: such a receipt is refused as
 * malformed, naming {@code receiver.origin}.
 */
class ReceiptsWhoseOriginIsNoLogNameAreRefusedTest {

    @Test
    void aSignedReceiptWithAnOriginThatIsNoLogNameIsMalformed() throws Exception {
        KeyPair ir = FixedKeys.ed25519(3);
        SigningKey key = SigningKey.of(ir.getPublic());
        LedgerEntry entry = LedgerEntry.of(Direction.RECEIVED, PartyCode.of("PK"),
                ObjectDigest.of("{\"type\":\"note\",\"id\":\"note--6b1c0b4e-3a8c-4a4e-9b53-5a0cfa9a6c11\",\"created\":\"2024-01-26T00:00:00Z\"}"),
                Instant.parse("2024-01-26T00:00:01Z"));
        String checkpoint = new Checkpoint("concord.IR", 1, entry.leafHash(), List.of()).sign(NoteSigner.of("concord.IR", ir)).encode();
        for (String origin : List.of("concord IR", "concord+IR", "")) {
            String json = new Receipt(PartyCode.of("IR"), origin, key, PartyCode.of("PK"), entry.object(), 0, entry.recordedAt(),
                    entry.leafHash(), Instant.parse("2024-01-26T00:02:00Z"), checkpoint, List.<Hash>of(), null, null)
                    .signedWith(message -> sign(ir, message)).toJson();
            assertThatThrownBy(() -> Receipt.parse(json).verify(key, null))
                    .isInstanceOf(ReceiptException.Malformed.class)
                    .hasMessageContaining("receiver.origin");
        }
    }

    static byte[] sign(KeyPair keys, byte[] message) {
        try {
            Signature signature = Signature.getInstance("Ed25519");
            signature.initSign(keys.getPrivate());
            signature.update(message);
            return signature.sign();
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
