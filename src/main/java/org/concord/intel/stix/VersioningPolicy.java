package org.concord.intel.stix;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

import tools.jackson.databind.JsonNode;

/**
 * STIX 2.1 versioning (specification section 3.6) as one pure decision: given the stored
 * current version of an object (or none) and an incoming one, what happens.
 *
 * <p>The rules, in the order they are applied:
 * <ol>
 *   <li>nothing stored: {@link VersionDecision.New};</li>
 *   <li>objects without {@code modified} are not versioned — {@code marking-definition}
 *       objects (section 7.2.1: "never versioned") and cyber-observables: the very same object
 *       again is {@link VersionDecision.Same}, anything else under that id is refused;</li>
 *   <li>only the creator may version an object (section 3.6.1): {@code created_by_ref} must
 *       equal the stored one (both absent counts as equal), or the version is refused whatever
 *       its timestamps;</li>
 *   <li>{@code created} must not change between versions;</li>
 *   <li>the same {@code modified}: {@link VersionDecision.Same} when the content is identical,
 *       refused otherwise (two different objects cannot share one (id, modified));</li>
 *   <li>an earlier {@code modified}: {@link VersionDecision.Older}, kept as history;</li>
 *   <li>a later {@code modified}: refused when the current version is revoked — revoked is final:
 *       a revoked object admits no newer version at all, revoked or not (section 3.6.2 "revoked
 *       ... no longer valid", and python-stix2 refuses to version a revoked object too); else
 *       {@link VersionDecision.NewerVersion}.</li>
 * </ol>
 *
 * <p>Preconditions: both objects have passed {@link StixValidator} and carry the same
 * {@code id}; an id mismatch is a caller's bug and throws. Timestamps are compared as instants,
 * so {@code ...00.1Z} and {@code ...00.100Z} are the same moment.
 */
public final class VersioningPolicy {

    private VersioningPolicy() {
    }

    /**
     * Decides what to do with {@code incoming}.
     *
     * @param current  the stored current version of the same id, if any
     * @param incoming the version received
     * @return the decision; never null
     * @throws IllegalArgumentException if the two objects do not have the same {@code id}
     */
    public static VersionDecision decide(Optional<? extends JsonNode> current, JsonNode incoming) {
        Objects.requireNonNull(current, "current");
        Objects.requireNonNull(incoming, "incoming");
        if (current.isEmpty()) {
            return new VersionDecision.New();
        }
        JsonNode stored = current.get();
        String id = text(incoming, "id");
        if (id == null || !id.equals(text(stored, "id"))) {
            throw new IllegalArgumentException("versions of different ids compared: "
                    + text(stored, "id") + " and " + id);
        }
        if (StixTypes.MARKING_DEFINITION.equals(text(incoming, "type"))) {
            return stored.equals(incoming) ? new VersionDecision.Same()
                    : new VersionDecision.Refused("marking-definition objects are never versioned");
        }
        if (!incoming.has("modified") && !stored.has("modified")) {
            return stored.equals(incoming) ? new VersionDecision.Same()
                    : new VersionDecision.Refused("objects without modified are not versioned; this id is taken");
        }
        if (!Objects.equals(text(stored, "created_by_ref"), text(incoming, "created_by_ref"))) {
            return new VersionDecision.Refused("only the creator may version an object: created_by_ref "
                    + text(incoming, "created_by_ref") + " is not the stored " + text(stored, "created_by_ref"));
        }
        Instant storedCreated = StixRules.instantOrNull(stored.path("created"));
        Instant incomingCreated = StixRules.instantOrNull(incoming.path("created"));
        if (storedCreated == null || !storedCreated.equals(incomingCreated)) {
            return new VersionDecision.Refused("created must not change between versions");
        }
        Instant storedModified = StixRules.instantOrNull(stored.path("modified"));
        Instant incomingModified = StixRules.instantOrNull(incoming.path("modified"));
        if (storedModified == null || incomingModified == null) {
            return new VersionDecision.Refused("a versioned object needs a valid modified timestamp");
        }
        int order = incomingModified.compareTo(storedModified);
        if (order == 0) {
            return stored.equals(incoming) ? new VersionDecision.Same()
                    : new VersionDecision.Refused("a different object under the same id and modified");
        }
        if (order < 0) {
            return new VersionDecision.Older();
        }
        if (stored.path("revoked").asBoolean(false)) {
            return new VersionDecision.Refused("revoked is final: no version may follow a revoked one");
        }
        return new VersionDecision.NewerVersion();
    }

    private static String text(JsonNode object, String property) {
        JsonNode value = object.path(property);
        return value.isString() ? value.stringValue() : null;
    }
}
