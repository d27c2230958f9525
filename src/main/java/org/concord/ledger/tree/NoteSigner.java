package org.concord.ledger.tree;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.util.Arrays;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * An Ed25519 signing key with its name, as a signed-note signer: a log signing its
 * checkpoints ({@link #sign}), or a witness cosigning another log's checkpoints
 * ({@link #cosign}, C2SP tlog-cosignature, timestamped cosignature/v1).
 *
 * <p>The same key yields two verifier keys with distinct key IDs, one per signature type
 * ({@link #verifierKey()} and {@link #cosignatureVerifierKey()}). Per tlog-cosignature a
 * cosigner should not reuse its key for another role; Concord gives each node one key per role.
 */
public final class NoteSigner {

    private static final String PRIVATE_PREFIX = "PRIVATE+KEY+";

    private final String name;
    private final UnaryOperator<byte[]> ed25519;
    private final byte[] publicKey;

    private NoteSigner(String name, PrivateKey privateKey, byte[] publicKey) {
        this(name, Ed25519.signer(Objects.requireNonNull(privateKey, "privateKey"))::sign, publicKey);
    }

    private NoteSigner(String name, UnaryOperator<byte[]> ed25519, byte[] publicKey) {
        VerifierKey.requireKeyName(name);
        this.name = name;
        this.ed25519 = Objects.requireNonNull(ed25519, "ed25519");
        this.publicKey = publicKey.clone();
    }

    /**
     * A signer whose private key stays elsewhere (a node's key store, a hardware module):
     * {@code ed25519} returns the RFC 8032 signature of the bytes it is given with the private
     * key of {@code publicKey}. This is how a node signs notes without handing its key out.
     */
    public static NoteSigner delegating(String name, java.security.PublicKey publicKey, UnaryOperator<byte[]> ed25519) {
        return new NoteSigner(name, ed25519, Ed25519.raw(publicKey));
    }

    /** A signer with a fresh key from the JDK's default randomness. */
    public static NoteSigner generate(String name) {
        try {
            return of(name, KeyPairGenerator.getInstance("Ed25519").generateKeyPair());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK supports Ed25519 since Java 15", e);
        }
    }

    /** A signer for an existing JDK Ed25519 key pair. */
    public static NoteSigner of(String name, KeyPair keyPair) {
        return new NoteSigner(name, keyPair.getPrivate(), Ed25519.raw(keyPair.getPublic()));
    }

    /**
     * Parses a signer key in the Go {@code sumdb/note} form
     * {@code PRIVATE+KEY+<name>+<hex key ID>+<base64(0x01 || 32-byte seed)>}.
     *
     * @throws NoteException.MalformedKey if it is malformed or its key ID does not match
     */
    public static NoteSigner parse(String signerKey) throws NoteException.MalformedKey {
        Objects.requireNonNull(signerKey, "signerKey");
        if (!signerKey.startsWith(PRIVATE_PREFIX)) {
            throw new NoteException.MalformedKey("signer key does not start with PRIVATE+KEY+");
        }
        String rest = signerKey.substring(PRIVATE_PREFIX.length());
        int first = rest.indexOf('+');
        int second = first < 0 ? -1 : rest.indexOf('+', first + 1);
        if (second < 0) {
            throw new NoteException.MalformedKey("expected PRIVATE+KEY+<name>+<key ID>+<key>");
        }
        String name = rest.substring(0, first);
        if (!VerifierKey.isKeyName(name)) {
            throw new NoteException.MalformedKey("bad key name in signer key");
        }
        int keyId = VerifierKey.parseKeyId(rest.substring(first + 1, second));
        byte[] material = VerifierKey.decodeCanonicalBase64(rest.substring(second + 1));
        if (material == null || material.length != 1 + Ed25519.KEY_SIZE || material[0] != VerifierKey.ED25519) {
            throw new NoteException.MalformedKey("signer key of " + name + " is not base64 of 0x01 and a 32-byte seed");
        }
        byte[] seed = Arrays.copyOfRange(material, 1, material.length);
        byte[] publicKey = Ed25519.publicFromSeed(seed);
        if (keyId != VerifierKey.keyId(name, VerifierKey.ED25519, publicKey)) {
            throw new NoteException.MalformedKey("key ID " + VerifierKey.hex(keyId) + " does not match signer key " + name);
        }
        NoteSigner signer = new NoteSigner(name, Ed25519.privateKeyFromSeed(seed), publicKey);
        Arrays.fill(seed, (byte) 0);
        Arrays.fill(material, (byte) 0);
        return signer;
    }

    /** The key name. */
    public String name() {
        return name;
    }

    /** The verifier key for this signer's Ed25519 note signatures (type 0x01). */
    public VerifierKey verifierKey() {
        return new VerifierKey(name, VerifierKey.keyId(name, VerifierKey.ED25519, publicKey), VerifierKey.ED25519,
                publicKey);
    }

    /** The verifier key for this signer's cosignatures (type 0x04). */
    public VerifierKey cosignatureVerifierKey() {
        return new VerifierKey(name, VerifierKey.keyId(name, VerifierKey.COSIGNATURE_V1, publicKey),
                VerifierKey.COSIGNATURE_V1, publicKey);
    }

    /** Signs a note text (ending in a newline) with Ed25519. */
    public NoteSignature sign(String text) {
        requireText(text);
        byte[] signature = ed25519.apply(text.getBytes(StandardCharsets.UTF_8));
        return new NoteSignature(name, verifierKey().keyId(), signature);
    }

    /** Signs a note (a checkpoint, say) and returns it with this signature added. */
    public SignedNote sign(SignedNote note) {
        return note.withSignature(sign(note.text()));
    }

    /**
     * Cosigns a checkpoint body as of {@code timestamp} (POSIX seconds, passed in by the caller's
     * clock): a cosignature/v1 line whose signature is the 8-byte big-endian timestamp followed
     * by the Ed25519 signature of {@code "cosignature/v1\ntime <timestamp>\n" || text}.
     */
    public NoteSignature cosign(String text, long timestamp) {
        requireText(text);
        if (timestamp < 0) {
            throw new IllegalArgumentException("a cosignature timestamp is a POSIX time, got " + timestamp);
        }
        byte[] signature = ed25519.apply(SignedNote.cosignedMessage(text, timestamp));
        byte[] timestamped = ByteBuffer.allocate(8 + signature.length).putLong(timestamp).put(signature).array();
        return new NoteSignature(name, cosignatureVerifierKey().keyId(), timestamped);
    }

    /** Cosigns a checkpoint note and returns it with the cosignature added. */
    public SignedNote cosign(SignedNote checkpoint, long timestamp) {
        return checkpoint.withSignature(cosign(checkpoint.text(), timestamp));
    }

    @Override
    public String toString() {
        return "NoteSigner[" + verifierKey().label() + "]";
    }

    private static void requireText(String text) {
        String problem = SignedNote.textProblem(Objects.requireNonNull(text, "text"));
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
    }
}
