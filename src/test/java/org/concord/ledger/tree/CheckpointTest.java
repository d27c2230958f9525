package org.concord.ledger.tree;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Checkpoints against the example in C2SP/C2SP {@code tlog-checkpoint.md}, and round trips
 * through signing and opening.
 */
class CheckpointTest {

    /** The example note of tlog-checkpoint.md (its key is not published, so only parsing is checked). */
    static final String SPEC_BODY = "example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n";
    static final String SPEC_NOTE = SPEC_BODY + "\n"
            + "\u2014 example.com/behind-the-sofa Az3grlgtzPICa5OS8npVmf1Myq/5IZniMp+ZJurmRDeOoRDe4URYN7u5/Zhcyv2q1gGzGku9nTo+zyWE+xeMcTOAYQ8=\n";

    private final NoteSigner log = NoteSigner.generate("concord.example/pk-ledger");

    @Test
    void the_spec_example_parses_and_encodes_back_exactly() throws NoteException {
        Checkpoint checkpoint = Checkpoint.parse(SPEC_BODY);
        assertThat(checkpoint.origin()).isEqualTo("example.com/behind-the-sofa");
        assertThat(checkpoint.size()).isEqualTo(20852163L);
        assertThat(checkpoint.root().base64()).isEqualTo("CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=");
        assertThat(checkpoint.extensions()).isEmpty();
        assertThat(checkpoint.body()).isEqualTo(SPEC_BODY);

        SignedNote note = SignedNote.parse(SPEC_NOTE);
        assertThat(note.text()).isEqualTo(SPEC_BODY);
        assertThat(note.signatures()).singleElement().satisfies(s -> {
            assertThat(s.keyName()).isEqualTo("example.com/behind-the-sofa");
            assertThat(s.signature()).hasSize(64);
        });
        assertThat(note.encode()).isEqualTo(SPEC_NOTE);
    }

    @Test
    void the_spec_example_is_refused_without_the_logs_key() throws NoteException {
        VerifierKey otherKey = NoteSigner.generate("example.com/behind-the-sofa").verifierKey();
        assertThatThrownBy(() -> Checkpoint.open(SPEC_NOTE, "example.com/behind-the-sofa", otherKey))
                .isInstanceOf(NoteException.UnknownKey.class);
    }

    @Test
    void a_signed_checkpoint_of_a_log_opens_with_the_logs_key() throws NoteException {
        MerkleLog merkleLog = TreeFixtures.logOf(TreeFixtures.anyEntries(1000));
        Checkpoint checkpoint = new Checkpoint("concord.example/pk-ledger", merkleLog.size(), merkleLog.root());
        String note = checkpoint.sign(log).encode();
        assertThat(note).startsWith("concord.example/pk-ledger\n1000\n" + merkleLog.root().base64() + "\n\n\u2014 concord.example/pk-ledger ");
        assertThat(Checkpoint.open(note, "concord.example/pk-ledger", log.verifierKey())).isEqualTo(checkpoint);
    }

    @Test
    void a_checkpoint_of_another_log_is_refused_even_when_well_signed() {
        String note = new Checkpoint("concord.example/ir-ledger", 1, Rfc9162Hasher.leaf(new byte[0])).sign(log).encode();
        assertThatThrownBy(() -> Checkpoint.open(note, "concord.example/pk-ledger", log.verifierKey()))
                .isInstanceOf(NoteException.UnexpectedOrigin.class)
                .hasMessage("checkpoint origin is concord.example/ir-ledger, expected concord.example/pk-ledger");
    }

    @Test
    void a_tampered_size_or_root_breaks_the_signature() {
        String note = new Checkpoint("concord.example/pk-ledger", 1000, Rfc9162Hasher.emptyRoot()).sign(log).encode();
        assertThatThrownBy(() -> Checkpoint.open(note.replace("\n1000\n", "\n999\n"), "concord.example/pk-ledger",
                log.verifierKey())).isInstanceOf(NoteException.BadSignature.class);
    }

    @Test
    void extension_lines_round_trip() throws NoteException {
        Checkpoint checkpoint = new Checkpoint("o", 0, Rfc9162Hasher.emptyRoot(), List.of("ext one", "ext two"));
        assertThat(checkpoint.body()).isEqualTo("o\n0\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\next one\next two\n");
        assertThat(Checkpoint.parse(checkpoint.body())).isEqualTo(checkpoint);
    }

    @Test
    void malformed_bodies_are_refused() {
        String root = "CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=";
        List<String> bad = List.of(
                "o\n1\n" + root,
                "o\n1\n",
                "\n1\n" + root + "\n",
                "o\n01\n" + root + "\n",
                "o\n-1\n" + root + "\n",
                "o\n+1\n" + root + "\n",
                "o\n9223372036854775808\n" + root + "\n",
                "o\n1\n" + root.substring(0, 40) + "\n",
                "o\n1\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I\n",
                "o\n1\n" + root + "\n\n",
                "o\n1\n" + root + "\next\n\n");
        for (String body : bad) {
            assertThatThrownBy(() -> Checkpoint.parse(body)).as(body).isInstanceOf(NoteException.MalformedNote.class);
        }
    }
}
