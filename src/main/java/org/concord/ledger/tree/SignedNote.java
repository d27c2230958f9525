package org.concord.ledger.tree;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * A C2SP signed note: a text ending in a newline, a blank line, and one or more signature
 * lines. The text is to be used only after {@link #verify} has returned.
 *
 * <p>Verification follows C2SP signed-note: signatures from unknown keys (no match on both
 * name and key ID) are ignored; a signature from a known key must verify, else the whole note is
 * rejected; at least one known key must have signed. Ed25519 signatures ({@code 0x01}) are over
 * the text; cosignature/v1 signatures ({@code 0x04}) over
 * {@code "cosignature/v1\ntime <t>\n" || text}.
 *
 * @param text       the note text, including its final newline
 * @param signatures the signature lines, in order
 */
public record SignedNote(String text, List<NoteSignature> signatures) {

    /** The last POSIX second a cosignature may carry: 9999-12-31T23:59:59Z, the end of RFC 3339 time. */
    public static final long LAST_COSIGNATURE_TIME = 253_402_300_799L;

    /** At most this many signature lines are accepted (C2SP requires at least 16). */
    public static final int MAX_SIGNATURES = 100;

    private static final String DASH = "\u2014 ";

    /** Validates the text and the number of signatures. */
    public SignedNote {
        Objects.requireNonNull(text, "text");
        signatures = List.copyOf(signatures);
        String problem = textProblem(text);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        if (signatures.size() > MAX_SIGNATURES) {
            throw new IllegalArgumentException("more than " + MAX_SIGNATURES + " signatures");
        }
    }

    /** A note with the text and no signatures yet. */
    public static SignedNote unsigned(String text) {
        return new SignedNote(text, List.of());
    }

    /** This note with one more signature; one from the same key (name and ID) is replaced. */
    public SignedNote withSignature(NoteSignature signature) {
        List<NoteSignature> all = new ArrayList<>();
        for (NoteSignature existing : signatures) {
            if (!(existing.keyName().equals(signature.keyName()) && existing.keyId() == signature.keyId())) {
                all.add(existing);
            }
        }
        all.add(signature);
        return new SignedNote(text, all);
    }

    /** The note as text: the text, a blank line, the signature lines. Needs at least one signature. */
    public String encode() {
        if (signatures.isEmpty()) {
            throw new IllegalStateException("a signed note needs at least one signature");
        }
        StringBuilder note = new StringBuilder(text).append('\n');
        signatures.forEach(s -> note.append(s.line()));
        return note.toString();
    }

    /**
     * Parses a note received as bytes, which must be valid UTF-8.
     *
     * @throws NoteException.MalformedNote if it is not a well-formed signed note
     */
    public static SignedNote parse(byte[] note) throws NoteException.MalformedNote {
        try {
            CharBuffer chars = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(note));
            return parse(chars.toString());
        } catch (CharacterCodingException e) {
            throw new NoteException.MalformedNote("not valid UTF-8");
        }
    }

    /**
     * Parses a note: the text is everything up to the last blank line, then signature lines.
     *
     * @throws NoteException.MalformedNote if it is not a well-formed signed note
     */
    public static SignedNote parse(String note) throws NoteException.MalformedNote {
        Objects.requireNonNull(note, "note");
        if (!note.endsWith("\n")) {
            throw new NoteException.MalformedNote("does not end in a newline");
        }
        int split = note.lastIndexOf("\n\n");
        if (split < 0) {
            throw new NoteException.MalformedNote("no blank line before the signatures");
        }
        String text = note.substring(0, split + 1);
        String problem = textProblem(text);
        if (problem != null) {
            throw new NoteException.MalformedNote(problem);
        }
        String block = note.substring(split + 2);
        if (block.isEmpty()) {
            throw new NoteException.MalformedNote("no signature lines");
        }
        List<NoteSignature> signatures = new ArrayList<>();
        for (String line : block.substring(0, block.length() - 1).split("\n", -1)) {
            if (signatures.size() == MAX_SIGNATURES) {
                throw new NoteException.MalformedNote("more than " + MAX_SIGNATURES + " signatures");
            }
            signatures.add(parseSignatureLine(line));
        }
        return new SignedNote(text, signatures);
    }

    /**
     * Verifies the note against the keys the caller trusts and returns the signatures that held,
     * one per key.
     *
     * @throws NoteException.BadSignature if a signature that claims a known key does not verify
     * @throws NoteException.UnknownKey   if no known key signed the note
     * @throws NoteException.MalformedKey if two different known keys share a name and key ID
     */
    public List<VerifiedSignature> verify(Collection<VerifierKey> knownKeys) throws NoteException {
        Map<String, VerifierKey> byLabel = new LinkedHashMap<>();
        for (VerifierKey key : knownKeys) {
            VerifierKey previous = byLabel.putIfAbsent(key.label(), key);
            if (previous != null && !previous.equals(key)) {
                throw new NoteException.MalformedKey("ambiguous key " + key.label());
            }
        }
        Map<String, VerifiedSignature> verified = new LinkedHashMap<>();
        for (NoteSignature signature : signatures) {
            VerifierKey key = byLabel.get(signature.label());
            if (key != null) {
                verified.put(key.label(), verifyOne(key, signature));
            }
        }
        if (verified.isEmpty()) {
            List<String> seen = signatures.stream().map(NoteSignature::label).toList();
            throw new NoteException.UnknownKey("no signature from a known key; note is signed by " + seen);
        }
        return List.copyOf(verified.values());
    }

    /** The bytes a cosignature/v1 signs: header, time line, then the note text. */
    static byte[] cosignedMessage(String text, long timestamp) {
        return ("cosignature/v1\ntime " + timestamp + "\n" + text).getBytes(StandardCharsets.UTF_8);
    }

    private VerifiedSignature verifyOne(VerifierKey key, NoteSignature signature) throws NoteException.BadSignature {
        byte[] sig = signature.raw();
        if (key.type() == VerifierKey.ED25519) {
            if (!Ed25519.holds(key.javaKey(), text.getBytes(StandardCharsets.UTF_8), sig)) {
                throw new NoteException.BadSignature("invalid signature for key " + key.label());
            }
            return new VerifiedSignature(key, OptionalLong.empty());
        }
        if (sig.length != 8 + Ed25519.SIGNATURE_SIZE) {
            throw new NoteException.BadSignature("cosignature of " + key.label() + " has " + sig.length
                    + " bytes, expected 72 (timestamp and Ed25519 signature)");
        }
        ByteBuffer buffer = ByteBuffer.wrap(sig);
        long timestamp = buffer.getLong();
        if (timestamp < 0) {
            throw new NoteException.BadSignature("cosignature of " + key.label() + " has a timestamp beyond 2^63-1");
        }
        if (timestamp > LAST_COSIGNATURE_TIME) {
            // Found by SignedNoteFuzzTest: such a time is no instant a node can store (a 500 at POST /ledger/cosignatures).
            throw new NoteException.BadSignature("cosignature of " + key.label() + " has timestamp " + timestamp
                    + ", after 9999-12-31T23:59:59Z");
        }
        byte[] ed25519 = new byte[Ed25519.SIGNATURE_SIZE];
        buffer.get(ed25519);
        if (!Ed25519.holds(key.javaKey(), cosignedMessage(text, timestamp), ed25519)) {
            throw new NoteException.BadSignature("invalid cosignature for key " + key.label() + " at time " + timestamp);
        }
        return new VerifiedSignature(key, OptionalLong.of(timestamp));
    }

    private static NoteSignature parseSignatureLine(String line) throws NoteException.MalformedNote {
        if (!line.startsWith(DASH)) {
            throw new NoteException.MalformedNote("signature line does not start with an em dash: " + line);
        }
        String rest = line.substring(DASH.length());
        int space = rest.indexOf(' ');
        if (space < 0) {
            throw new NoteException.MalformedNote("signature line without a signature: " + line);
        }
        String name = rest.substring(0, space);
        byte[] blob = VerifierKey.decodeCanonicalBase64(rest.substring(space + 1));
        if (!VerifierKey.isKeyName(name) || blob == null || blob.length < 5) {
            throw new NoteException.MalformedNote("bad signature line: " + line);
        }
        ByteBuffer buffer = ByteBuffer.wrap(blob);
        int keyId = buffer.getInt();
        byte[] signature = new byte[buffer.remaining()];
        buffer.get(signature);
        return new NoteSignature(name, keyId, signature);
    }

    /** Why a text cannot be a note text, or {@code null}: it must end in a newline, with no control characters. */
    static String textProblem(String text) {
        if (text.isEmpty() || !text.endsWith("\n")) {
            return "note text must end in a newline";
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 && c != '\n') {
                return "note text contains control character " + (int) c + " at " + i;
            }
        }
        return null;
    }
}
