package org.concord.ledger.tree;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Signed notes against the vectors of the Go reference implementation,
 * github.com/golang/mod {@code sumdb/note/note_test.go} (TestNewVerifier, TestSign,
 * TestVerifierList, TestOpen): the PeterNeumann and EnochRoot keys and their signatures over
 * the same text. Ed25519 is deterministic, so signing must reproduce the published note byte
 * for byte.
 */
class SignedNoteTest {

    static final String PETER_VKEY = "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW";
    static final String PETER_SKEY = "PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz";
    static final String ENOCH_VKEY = "EnochRoot+af0cfe78+ATtqJ7zOtqQtYqOo0CpvDXNlMhV3HeJDpjrASKGLWdop";
    static final String TEXT = "If you think cryptography is the answer to your problem,\n"
            + "then you don't know what your problem is.\n";
    static final String PETER_SIG = "\u2014 PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n";
    static final String ENOCH_SIG = "\u2014 EnochRoot rwz+eBzmZa0SO3NbfRGzPCpDckykFXSdeX+MNtCOXm2/5n2tiOHp+vAF1aGrQ5ovTG01oOTGwnWLox33WWd1RvMc+QQ=\n";

    @Test
    void verifier_keys_parse_and_encode_back_unchanged() throws NoteException {
        VerifierKey peter = VerifierKey.parse(PETER_VKEY);
        assertThat(peter.name()).isEqualTo("PeterNeumann");
        assertThat(peter.keyId()).isEqualTo(0xc74f20a3);
        assertThat(peter.type()).isEqualTo(VerifierKey.ED25519);
        assertThat(peter.encode()).isEqualTo(PETER_VKEY);
        assertThat(VerifierKey.parse(ENOCH_VKEY).encode()).isEqualTo(ENOCH_VKEY);
    }

    @Test
    void every_mangled_verifier_key_is_refused() {
        byte[] key = PETER_VKEY.getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < key.length; i++) {
            key[i]++;
            String mangled = new String(key, StandardCharsets.US_ASCII);
            assertThatThrownBy(() -> VerifierKey.parse(mangled)).as(mangled).isInstanceOf(NoteException.MalformedKey.class);
            key[i]--;
        }
        for (int end = 1; end < PETER_VKEY.length(); end++) {
            String truncated = PETER_VKEY.substring(0, end);
            assertThatThrownBy(() -> VerifierKey.parse(truncated)).isInstanceOf(NoteException.MalformedKey.class);
        }
        // From TestNewVerifier: wrong key length and unknown algorithm, each with an adjusted key ID.
        assertThatThrownBy(() -> VerifierKey.parse("PeterNeumann+cc469956+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TWBADKEY=="))
                .isInstanceOf(NoteException.MalformedKey.class);
        assertThatThrownBy(() -> VerifierKey.parse("PeterNeumann+173116ae+ZRpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW"))
                .isInstanceOf(NoteException.MalformedKey.class);
    }

    @Test
    void signing_reproduces_the_published_note_byte_for_byte() throws NoteException {
        NoteSigner peter = NoteSigner.parse(PETER_SKEY);
        assertThat(peter.verifierKey().encode()).isEqualTo(PETER_VKEY);
        assertThat(peter.sign(SignedNote.unsigned(TEXT)).encode()).isEqualTo(TEXT + "\n" + PETER_SIG);
    }

    @Test
    void a_note_verifies_with_the_known_keys_and_ignores_unknown_ones() throws NoteException {
        VerifierKey peter = VerifierKey.parse(PETER_VKEY);
        VerifierKey enoch = VerifierKey.parse(ENOCH_VKEY);
        SignedNote note = SignedNote.parse(TEXT + "\n" + PETER_SIG + ENOCH_SIG);
        assertThat(note.text()).isEqualTo(TEXT);
        assertThat(note.verify(List.of(peter))).extracting(VerifiedSignature::key).containsExactly(peter);
        assertThat(note.verify(List.of(peter, enoch))).extracting(VerifiedSignature::key).containsExactly(peter, enoch);
        assertThat(note.encode()).isEqualTo(TEXT + "\n" + PETER_SIG + ENOCH_SIG);
    }

    @Test
    void a_note_no_known_key_signed_is_refused() throws NoteException {
        SignedNote note = SignedNote.parse(TEXT + "\n" + PETER_SIG + ENOCH_SIG);
        assertThatThrownBy(() -> note.verify(List.of()))
                .isInstanceOf(NoteException.UnknownKey.class)
                .hasMessage("no signature from a known key; note is signed by [PeterNeumann+c74f20a3, EnochRoot+af0cfe78]");
    }

    @Test
    void a_bad_signature_from_a_known_key_rejects_the_whole_note() throws NoteException {
        VerifierKey peter = VerifierKey.parse(PETER_VKEY);
        SignedNote corrupted = SignedNote.parse(TEXT + "\n" + PETER_SIG.substring(0, 60) + "ABCD" + PETER_SIG.substring(60));
        assertThatThrownBy(() -> corrupted.verify(List.of(peter)))
                .isInstanceOf(NoteException.BadSignature.class)
                .hasMessage("invalid signature for key PeterNeumann+c74f20a3");
        SignedNote altered = SignedNote.parse((TEXT + "\n" + PETER_SIG).replace("cryptography", "cryptographY"));
        assertThatThrownBy(() -> altered.verify(List.of(peter))).isInstanceOf(NoteException.BadSignature.class);
    }

    @Test
    void the_same_key_listed_twice_counts_once() throws NoteException {
        VerifierKey peter = VerifierKey.parse(PETER_VKEY);
        SignedNote note = SignedNote.parse(TEXT + "\n" + PETER_SIG);
        assertThat(note.verify(List.of(peter, peter))).hasSize(1);
    }

    @Test
    void malformed_notes_are_refused() {
        List<String> bad = List.of(
                TEXT,
                TEXT + "\n",
                TEXT + "\n" + PETER_SIG.substring(0, PETER_SIG.length() - 1),
                "\u0001" + TEXT + "\n" + PETER_SIG,
                TEXT + "\n" + "\u2014 Bad Name x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n",
                TEXT + "\n" + PETER_SIG + "Unexpected line.\n",
                TEXT + "\n" + PETER_SIG.repeat(SignedNote.MAX_SIGNATURES + 1));
        for (String note : bad) {
            assertThatThrownBy(() -> SignedNote.parse(note)).as(note).isInstanceOf(NoteException.MalformedNote.class);
        }
        byte[] invalidUtf8 = ("\u00ff" + TEXT + "\n" + PETER_SIG).getBytes(StandardCharsets.UTF_8);
        invalidUtf8[0] = (byte) 0xff;
        assertThatThrownBy(() -> SignedNote.parse(invalidUtf8))
                .isInstanceOf(NoteException.MalformedNote.class)
                .hasMessage("malformed note: not valid UTF-8");
    }

    @Test
    void a_text_with_blank_lines_keeps_them() throws NoteException {
        NoteSigner signer = NoteSigner.generate("concord.example/pk");
        String text = "first\n\nthird\n";
        SignedNote note = SignedNote.parse(signer.sign(SignedNote.unsigned(text)).encode());
        assertThat(note.text()).isEqualTo(text);
        assertThat(note.verify(List.of(signer.verifierKey()))).hasSize(1);
    }

    @Test
    void signer_keys_with_a_wrong_key_id_are_refused() {
        assertThatThrownBy(() -> NoteSigner.parse(PETER_SKEY.replace("c74f20a3", "c74f20a4")))
                .isInstanceOf(NoteException.MalformedKey.class);
        assertThatThrownBy(() -> NoteSigner.parse(PETER_SKEY.substring(12)))
                .isInstanceOf(NoteException.MalformedKey.class);
    }
}
