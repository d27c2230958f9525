package org.concord.ledger.tree;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * A log's tree head in the C2SP tlog-checkpoint format: the body of a signed note made of
 * the origin line, the tree size in decimal, the base64 root hash, and optional extension lines,
 * each ending in a newline.
 *
 * <pre>
 * example.com/behind-the-sofa
 * 20852163
 * CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=
 * </pre>
 *
 * @param origin     the log's identity, non-empty, one line
 * @param size       number of leaves, at least 0
 * @param root       the RFC 9162 root hash at that size
 * @param extensions optional further lines, each non-empty (not recommended by the spec)
 */
public record Checkpoint(String origin, long size, Hash root, List<String> extensions) {

    /** Validates each line. */
    public Checkpoint {
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(root, "root");
        extensions = List.copyOf(extensions);
        if (!isLine(origin)) {
            throw new IllegalArgumentException("checkpoint origin must be one non-empty line: \"" + origin + "\"");
        }
        if (size < 0) {
            throw new IllegalArgumentException("checkpoint size must be at least 0, got " + size);
        }
        for (String extension : extensions) {
            if (!isLine(extension)) {
                throw new IllegalArgumentException("checkpoint extension must be one non-empty line: \"" + extension + "\"");
            }
        }
    }

    /** A checkpoint without extension lines. */
    public Checkpoint(String origin, long size, Hash root) {
        this(origin, size, root, List.of());
    }

    /** The note text: origin, size, base64 root and extension lines, each ending in a newline. */
    public String body() {
        StringBuilder body = new StringBuilder(origin).append('\n').append(size).append('\n')
                .append(root.base64()).append('\n');
        extensions.forEach(e -> body.append(e).append('\n'));
        return body.toString();
    }

    /** This checkpoint signed by the log's key, as a signed note. */
    public SignedNote sign(NoteSigner log) {
        return log.sign(SignedNote.unsigned(body()));
    }

    /**
     * Parses a checkpoint body exactly: at least three non-empty lines, the size in decimal with
     * no leading zeros, the root as canonical base64 of 32 bytes.
     *
     * @throws NoteException.MalformedNote if the body is not a checkpoint
     */
    public static Checkpoint parse(String body) throws NoteException.MalformedNote {
        Objects.requireNonNull(body, "body");
        if (!body.endsWith("\n")) {
            throw new NoteException.MalformedNote("checkpoint does not end in a newline");
        }
        String[] lines = body.substring(0, body.length() - 1).split("\n", -1);
        if (lines.length < 3) {
            throw new NoteException.MalformedNote("checkpoint has " + lines.length + " lines, needs at least 3");
        }
        for (String line : lines) {
            if (!isLine(line)) {
                throw new NoteException.MalformedNote("checkpoint has an empty line or a control character");
            }
        }
        String sizeLine = lines[1];
        if (!sizeLine.matches("0|[1-9][0-9]{0,18}")) {
            throw new NoteException.MalformedNote("checkpoint size is not a decimal without leading zeros: " + sizeLine);
        }
        long size;
        try {
            size = Long.parseLong(sizeLine);
        } catch (NumberFormatException e) {
            throw new NoteException.MalformedNote("checkpoint size is beyond 2^63-1: " + sizeLine);
        }
        byte[] root = VerifierKey.decodeCanonicalBase64(lines[2]);
        if (root == null || root.length != Hash.SIZE) {
            throw new NoteException.MalformedNote("checkpoint root is not base64 of 32 bytes: " + lines[2]);
        }
        List<String> extensions = new ArrayList<>(List.of(lines).subList(3, lines.length));
        return new Checkpoint(lines[0], size, new Hash(root), extensions);
    }

    /**
     * Parses and verifies a signed checkpoint from the log {@code origin}, signed by {@code logKey};
     * other signatures (cosignatures, say) are ignored.
     *
     * @throws NoteException.MalformedNote     if the note or its checkpoint body is malformed
     * @throws NoteException.UnknownKey        if the log key did not sign it
     * @throws NoteException.BadSignature      if the log key's signature does not verify
     * @throws NoteException.UnexpectedOrigin  if it is signed but names another log
     */
    public static Checkpoint open(String note, String origin, VerifierKey logKey) throws NoteException {
        return open(SignedNote.parse(note), origin, List.of(logKey));
    }

    /** As {@link #open(String, String, VerifierKey)}, for a parsed note and any set of log keys. */
    public static Checkpoint open(SignedNote note, String origin, Collection<VerifierKey> logKeys) throws NoteException {
        note.verify(logKeys);
        Checkpoint checkpoint = parse(note.text());
        if (!checkpoint.origin().equals(origin)) {
            throw new NoteException.UnexpectedOrigin(checkpoint.origin(), origin);
        }
        return checkpoint;
    }

    private static boolean isLine(String line) {
        return !line.isEmpty() && line.chars().noneMatch(c -> c < 0x20);
    }
}
