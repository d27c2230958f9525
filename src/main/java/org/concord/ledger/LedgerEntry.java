package org.concord.ledger;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

import org.concord.ledger.tree.Hash;
import org.concord.ledger.tree.Rfc9162Hasher;
import org.concord.party.PartyCode;

/**
 * One message in the log: which way it went, with which partner, which object (id, modified and
 * the SHA-256 of its canonical JSON) and when this node recorded it.
 *
 * <p>The Merkle leaf is {@code SHA-256(0x00 || encode())}, where {@link #encode()} is this text in
 * UTF-8, each line ending in a newline (docs/ledger.md, "Leaf encoding"):
 *
 * <pre>
 * concord-ledger-entry/1
 * direction SENT
 * partner IR
 * object indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f
 * modified 2024-01-26T09:30:00.000Z
 * sha256 4f0b…(64 lower-case hex digits)
 * recorded 2024-01-26T09:30:01.250Z
 * </pre>
 *
 * @param direction  sent to or received from the partner
 * @param partner    the other party of the message
 * @param objectId   the STIX id
 * @param modified   the object's modified time, kept to the nanosecond
 * @param sha256     SHA-256 of the object's RFC 8785 canonical JSON
 * @param recordedAt when this node recorded the message, kept to the millisecond
 */
public record LedgerEntry(Direction direction, PartyCode partner, String objectId, Instant modified, Hash sha256,
        Instant recordedAt) {

    /** The first line of every entry; a new encoding gets a new tag. */
    public static final String FORMAT = "concord-ledger-entry/1";

    /** Validates every part; the recording time is cut to the millisecond. */
    public LedgerEntry {
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(partner, "partner");
        Objects.requireNonNull(modified, "modified");
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(recordedAt, "recordedAt");
        new ObjectDigest(objectId, modified, sha256);
        recordedAt = recordedAt.truncatedTo(ChronoUnit.MILLIS);
    }

    /** The entry for an object sent to or received from {@code partner}, recorded at {@code recordedAt}. */
    public static LedgerEntry of(Direction direction, PartyCode partner, ObjectDigest object, Instant recordedAt) {
        return new LedgerEntry(direction, partner, object.id(), object.modified(), object.sha256(), recordedAt);
    }

    /** The object part of this entry. */
    public ObjectDigest object() {
        return new ObjectDigest(objectId, modified, sha256);
    }

    /** The bytes the Merkle leaf hashes: the text above in UTF-8. */
    public byte[] encode() {
        return ("concord-ledger-entry/1\n"
                + "direction " + direction.name() + "\n"
                + "partner " + partner.value() + "\n"
                + "object " + objectId + "\n"
                + "modified " + LedgerTime.format(modified) + "\n"
                + "sha256 " + sha256.hex() + "\n"
                + "recorded " + LedgerTime.format(recordedAt) + "\n").getBytes(StandardCharsets.UTF_8);
    }

    /** The RFC 9162 leaf hash, {@code SHA-256(0x00 || encode())}. */
    public Hash leafHash() {
        return Rfc9162Hasher.leaf(encode());
    }

    /** The modified time as the entry writes it. */
    public String modifiedText() {
        return LedgerTime.format(modified);
    }

    /** The recording time as the entry writes it. */
    public String recordedText() {
        return LedgerTime.format(recordedAt);
    }

    /** A time as the ledger writes it: UTC, at least millisecond digits, e.g. {@code 2024-01-26T09:30:00.000Z}. */
    public static String formatTime(Instant time) {
        return LedgerTime.format(time);
    }

    /** Parses a time written by the ledger (or any RFC 3339 UTC time); {@code null} if it is not one. */
    public static Instant parseTime(String text) {
        return LedgerTime.parse(text);
    }
}
