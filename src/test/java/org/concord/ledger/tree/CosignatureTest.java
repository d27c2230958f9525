package org.concord.ledger.tree;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/**
 * Witness cosignatures (C2SP tlog-cosignature, cosignature/v1, type 0x04): the example of
 * C2SP/C2SP {@code tlog-cosignature.md}, the vectors of github.com/transparency-dev/formats
 * {@code note/note_cosigv1_test.go} (TestCoSigV1NewVerifier, TestCoSigV1Timestamp), and
 * round trips between a log and a witness.
 */
class CosignatureTest {

    static final String SPEC_NOTE = CheckpointTest.SPEC_BODY + "\n"
            + "\u2014 example.com/behind-the-sofa Az3grlgtzPICa5OS8npVmf1Myq/5IZniMp+ZJurmRDeOoRDe4URYN7u5/Zhcyv2q1gGzGku9nTo+zyWE+xeMcTOAYQ8=\n"
            + "\u2014 witness.example.com/w1 jWbPPwAAAABkGFDLEZMHwSRaJNiIDoe9DYn/zXcrtPHeolMI5OWXEhZCB9dlrDJsX3b2oyin1nPZqhf5nNo0xUe+mbIUBkBIfZ+qnA==\n";

    private final NoteSigner pk = NoteSigner.generate("concord.example/pk-ledger");
    private final NoteSigner ir = NoteSigner.generate("concord.example/ir-witness");
    private final Checkpoint checkpoint = new Checkpoint("concord.example/pk-ledger", 1000,
            TreeFixtures.logOf(TreeFixtures.anyEntries(1000)).root());

    @Test
    void the_spec_example_carries_the_time_of_its_signed_message() throws NoteException {
        NoteSignature witness = SignedNote.parse(SPEC_NOTE).signatures().get(1);
        assertThat(witness.keyName()).isEqualTo("witness.example.com/w1");
        assertThat(witness.signature()).hasSize(72);
        // tlog-cosignature.md shows the signed message with "time 1679315147".
        assertThat(ByteBuffer.wrap(witness.signature()).getLong()).isEqualTo(1679315147L);
    }

    @Test
    void a_published_cosignature_timestamp_decodes() throws NoteException {
        String note = "test\n123\nf+7CoKgXKE/tNys9TTXcr/ad6U/K3xvznmzew9y6SP0=\n\n\u2014 w "
                + "ZGhGuQAAAABm/qTPeyKXD+R2rzyQsxPiP8mXum7qq/iF0u4vanlqJyocWODBt97w9uL+8qT7S5gxEHWWOworDcFiEBYJXORmnFBOBA==\n";
        NoteSignature signature = SignedNote.parse(note).signatures().get(0);
        assertThat(ByteBuffer.wrap(signature.signature()).getLong()).isEqualTo(1727964367L);
    }

    @Test
    void a_published_cosignature_verifier_key_parses_with_its_key_id() throws NoteException {
        VerifierKey remora = VerifierKey.parse("remora.n621.de+da77ade7+BOvN63jn/bLvkieywe8R6UYAtVtNbZpXh34x7onlmtw2");
        assertThat(remora.type()).isEqualTo(VerifierKey.COSIGNATURE_V1);
        assertThat(remora.keyId()).isEqualTo(0xda77ade7);
        assertThat(VerifierKey.parse("TEST+7997405c+AQcC+FTVKf0jlTdHDY3rbevmnKxxPjigCXlVtGe6RIr6").type())
                .isEqualTo(VerifierKey.ED25519);
    }

    @Test
    void a_witness_cosignature_verifies_and_yields_its_time() throws NoteException {
        SignedNote signed = checkpoint.sign(pk);
        SignedNote cosigned = ir.cosign(signed, 1_767_225_600L);
        SignedNote received = SignedNote.parse(cosigned.encode());

        assertThat(Checkpoint.open(received, checkpoint.origin(), List.of(pk.verifierKey()))).isEqualTo(checkpoint);
        assertThat(received.verify(List.of(ir.cosignatureVerifierKey())))
                .containsExactly(new VerifiedSignature(ir.cosignatureVerifierKey(), OptionalLong.of(1_767_225_600L)));
    }

    @Test
    void the_cosigned_message_is_header_time_and_body() throws Exception {
        KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        NoteSigner witness = NoteSigner.of("w", pair);
        NoteSignature cosignature = witness.cosign(checkpoint.body(), 1679315147L);
        byte[] blob = cosignature.signature();
        assertThat(ByteBuffer.wrap(blob).getLong()).isEqualTo(1679315147L);
        Signature jdk = Signature.getInstance("Ed25519");
        jdk.initVerify(pair.getPublic());
        jdk.update(("cosignature/v1\ntime 1679315147\n" + checkpoint.body()).getBytes(StandardCharsets.UTF_8));
        assertThat(jdk.verify(Arrays.copyOfRange(blob, 8, blob.length))).isTrue();
    }

    @Test
    void a_changed_timestamp_or_checkpoint_breaks_the_cosignature() throws NoteException {
        NoteSignature cosignature = ir.cosign(checkpoint.body(), 1000L);
        byte[] later = cosignature.signature();
        later[7]++;
        SignedNote moved = SignedNote.unsigned(checkpoint.body())
                .withSignature(new NoteSignature(cosignature.keyName(), cosignature.keyId(), later));
        assertThatThrownBy(() -> moved.verify(List.of(ir.cosignatureVerifierKey())))
                .isInstanceOf(NoteException.BadSignature.class)
                .hasMessage("invalid cosignature for key " + ir.cosignatureVerifierKey().label() + " at time 1001");

        Checkpoint forked = new Checkpoint(checkpoint.origin(), checkpoint.size(), Rfc9162Hasher.emptyRoot());
        SignedNote transplanted = SignedNote.unsigned(forked.body()).withSignature(cosignature);
        assertThatThrownBy(() -> transplanted.verify(List.of(ir.cosignatureVerifierKey())))
                .isInstanceOf(NoteException.BadSignature.class);
    }

    @Test
    void a_cosignature_is_not_a_plain_signature_and_the_reverse() throws NoteException {
        SignedNote cosignedOnly = SignedNote.unsigned(checkpoint.body()).withSignature(ir.cosign(checkpoint.body(), 5L));
        // Different type byte, different key ID: the plain key does not even recognise the line.
        assertThatThrownBy(() -> cosignedOnly.verify(List.of(ir.verifierKey())))
                .isInstanceOf(NoteException.UnknownKey.class);
        SignedNote plainOnly = checkpoint.sign(ir);
        assertThatThrownBy(() -> plainOnly.verify(List.of(ir.cosignatureVerifierKey())))
                .isInstanceOf(NoteException.UnknownKey.class);
    }

    @Test
    void cosigning_needs_a_posix_time() {
        assertThatThrownBy(() -> ir.cosign(checkpoint.body(), -1L)).isInstanceOf(IllegalArgumentException.class);
    }
}
