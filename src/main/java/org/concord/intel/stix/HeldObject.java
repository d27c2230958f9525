package org.concord.intel.stix;

import org.concord.party.PartyCode;

import java.util.Objects;
import java.util.Optional;

import tools.jackson.databind.JsonNode;

/**
 * A STIX object as this node holds it: the object and where it came from — made here, or
 * received from a partner (which matters for re-sharing, see {@link SharingPolicy}).
 *
 * @param object       the STIX object, already valid
 * @param receivedFrom the partner that sent it, or null when it was made on this node
 */
public record HeldObject(JsonNode object, PartyCode receivedFrom) {

    public HeldObject {
        Objects.requireNonNull(object, "object");
        if (!object.isObject() || !object.path("id").isString()) {
            throw new IllegalArgumentException("a held object is a STIX object with an id");
        }
    }

    /** An object made on this node. */
    public static HeldObject local(JsonNode object) {
        return new HeldObject(object, null);
    }

    /** An object received from {@code partner}. */
    public static HeldObject receivedFrom(PartyCode partner, JsonNode object) {
        return new HeldObject(object, Objects.requireNonNull(partner, "partner"));
    }

    public String id() {
        return object.path("id").stringValue();
    }

    public Optional<PartyCode> source() {
        return Optional.ofNullable(receivedFrom);
    }
}
