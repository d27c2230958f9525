package org.concord.intel.stix;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;

/**
 * Identifiers that must be the same every time they are made (seeded demo objects, a node's own
 * extension-definitions) for objects that are not cyber-observables. STIX 2.1 section 2.9 reserves
 * name-based UUIDs (version 5) for SCOs and asks every other object for a UUIDv4; the OASIS
 * validator warns otherwise (code 103). So these are RFC 4122 version-4 UUIDs whose 122 free bits
 * are taken from SHA-256 of a name instead of a random source: the same name gives the same id, and
 * no reader can tell them from random ones. Use them only where the name is not a secret.
 */
public final class DerivedIds {

    private DerivedIds() {
    }

    /** A version-4-shaped UUID derived from {@code name}. */
    public static UUID uuid(String name) {
        byte[] hash;
        try {
            hash = MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        hash[6] = (byte) ((hash[6] & 0x0f) | 0x40); // version 4
        hash[8] = (byte) ((hash[8] & 0x3f) | 0x80); // IETF variant
        ByteBuffer bytes = ByteBuffer.wrap(hash, 0, 16);
        return new UUID(bytes.getLong(), bytes.getLong());
    }

    /** {@code type--} and the UUID derived from {@code name}. */
    public static String id(String type, String name) {
        return type + "--" + uuid(name);
    }
}
