package org.concord.ledger;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Objects;
import java.util.regex.Pattern;

import org.concord.ledger.tree.Hash;
import org.concord.node.InvalidInput;
import org.erdtman.jcs.JsonCanonicalizer;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the ledger keeps of a STIX object: its id, its {@code modified} time and the SHA-256 of its
 * RFC 8785 (JCS) canonical JSON. Two nodes that hold the same object compute the same digest,
 * however each one happens to format or order its JSON.
 *
 * @param id       the STIX id, {@code type--uuid}
 * @param modified the object's {@code modified} (or, for objects without one, {@code created})
 * @param sha256   SHA-256 of the canonical JSON
 */
public record ObjectDigest(String id, Instant modified, Hash sha256) {

    private static final Pattern STIX_ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,200}--[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** Validates the id's shape. */
    public ObjectDigest {
        Objects.requireNonNull(modified, "modified");
        Objects.requireNonNull(sha256, "sha256");
        if (id == null || !STIX_ID.matcher(id).matches()) {
            throw new InvalidInput("id", "stix-id", "'" + id + "' is not a STIX identifier (type--uuid)");
        }
    }

    /**
     * The digest of a STIX object given as JSON text.
     *
     * @throws InvalidInput if it is not a JSON object with a STIX id and a modified (or created) time
     */
    public static ObjectDigest of(String stixJson) {
        Objects.requireNonNull(stixJson, "stixJson");
        JsonNode object;
        byte[] canonical;
        try {
            object = JSON.readTree(stixJson);
            canonical = new JsonCanonicalizer(stixJson).getEncodedUTF8();
        } catch (Exception e) {
            throw new InvalidInput("object", "json", "is not JSON: " + e.getMessage());
        }
        if (object == null || !object.isObject()) {
            throw new InvalidInput("object", "json-object", "a STIX object is a JSON object");
        }
        String time = object.path("modified").isString() ? object.path("modified").asString()
                : object.path("created").isString() ? object.path("created").asString() : null;
        Instant modified = LedgerTime.parse(time);
        if (modified == null) {
            throw new InvalidInput("modified", "timestamp", "the object needs a modified (or created) RFC 3339 UTC time, got " + time);
        }
        return new ObjectDigest(object.path("id").isString() ? object.path("id").asString() : null, modified, sha256(canonical));
    }

    static Hash sha256(byte[] bytes) {
        try {
            return new Hash(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    static Hash sha256(String text) {
        return sha256(text.getBytes(StandardCharsets.UTF_8));
    }
}
