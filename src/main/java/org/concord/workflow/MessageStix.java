package org.concord.workflow;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

import org.concord.intel.stix.Tlp;
import org.concord.party.PartyCode;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * What every workflow message has in common as a STIX 2.1 object, whichever module sends it
 * (requests, hotline, incidents, commitments): the envelope properties, the timestamps to the
 * millisecond, and the refusal of an object whose envelope cannot be read. Each module adds the
 * properties of its own messages.
 */
public final class MessageStix {

    public static final JsonMapper JSON = JsonMapper.builder().build();
    /** The author of every workflow extension-definition: one identity, the same on every node. */
    public static final String AUTHOR_ID = org.concord.intel.ExtensionAuthor.ID;
    /** When the workflow extension-definitions were written; fixed, so every node holds the same version. */
    public static final String DEFINED = org.concord.intel.ExtensionAuthor.DEFINED;
    private static final DateTimeFormatter STIX_TIME =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private MessageStix() {
    }

    /** A message's envelope or a property could not be read; the message cannot be placed in its case. */
    public static class Malformed extends RuntimeException {
        private final String field;

        public Malformed(String field, String explanation) {
            super(field + ": " + explanation);
            this.field = field;
        }

        public String field() {
            return field;
        }
    }

    /** Instants in messages are kept to the millisecond, as the STIX timestamps written here carry them. */
    public static Instant truncate(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MILLIS);
    }

    public static String time(Instant instant) {
        return STIX_TIME.format(instant);
    }

    /**
     * The envelope of a message as a STIX object of {@code type}, declared by {@code extensionId}
     * (a new SDO), created by {@code createdByRef} and marked {@code tlp}: id, created and modified
     * (the time sent), the message type, the case it belongs to under {@code caseRefProperty}, the
     * sender and, when there is one, the message it follows.
     */
    public static ObjectNode head(CaseMessage message, String type, String extensionId, String messageType, String caseRefProperty,
            String createdByRef, Tlp tlp) {
        ObjectNode o = JSON.createObjectNode();
        o.put("type", type);
        o.put("spec_version", "2.1");
        o.put("id", message.id().value());
        o.put("created", time(message.sentAt()));
        o.put("modified", time(message.sentAt()));
        o.put("created_by_ref", createdByRef);
        o.putArray("object_marking_refs").add(tlp.markingDefinitionId());
        o.putObject("extensions").putObject(extensionId).put("extension_type", "new-sdo");
        o.put("message_type", messageType);
        o.put(caseRefProperty, message.caseId().value());
        o.put("sender", message.sender().value());
        message.previous().ifPresent(p -> o.put("previous_ref", p.value()));
        return o;
    }

    /**
     * The properties of an escalation, the same in every type's messages: {@code to_level},
     * {@code as_of} (the missed deadline), {@code reason} and the case's {@code history} so far,
     * whole; each left out when empty.
     */
    public static void putEscalation(ObjectNode o, EscalationLevel to, Instant asOf, String reason,
            java.util.List<JsonNode> history) {
        if (to != null) {
            o.put("to_level", to.name());
        }
        if (asOf != null) {
            o.put("as_of", time(asOf));
        }
        putText(o, "reason", reason);
        if (!history.isEmpty()) {
            history.forEach(o.putArray("history")::add);
        }
    }

    /** A text property, left out when empty (STIX leaves out what it does not say). */
    public static void putText(ObjectNode o, String name, String text) {
        if (text != null && !text.isEmpty()) {
            o.put(name, text);
        }
    }

    /** The identity that authors the workflow extension-definitions (TLP:CLEAR). */
    public static ObjectNode author() {
        return org.concord.intel.ExtensionAuthor.identity();
    }

    /**
     * The extension-definition (a new SDO, version 1.0.0, TLP:CLEAR) that declares a workflow message
     * type; its JSON schema is {@code docs/extensions/<schemaFile>} in the Concord source.
     */
    public static ObjectNode extensionDefinition(String extensionId, String name, String description, String schemaFile) {
        ObjectNode o = JSON.createObjectNode();
        o.put("type", "extension-definition");
        o.put("spec_version", "2.1");
        o.put("id", extensionId);
        o.put("created", DEFINED);
        o.put("modified", DEFINED);
        o.put("created_by_ref", AUTHOR_ID);
        o.put("name", name);
        o.put("description", description);
        o.put("schema", "docs/extensions/" + schemaFile + " (JSON Schema 2020-12) in the Concord source");
        o.put("version", "1.0.0");
        o.putArray("extension_types").add("new-sdo");
        o.putArray("object_marking_refs").add(Tlp.CLEAR.markingDefinitionId());
        return o;
    }

    /**
     * A time read from a partner's message: RFC 3339, from 1970 and before 2200
     * ({@link org.concord.node.Limits#within}), or {@link Malformed} naming {@code field}. Outside
     * that range a time is no time a case can have, and arithmetic on it (a reminder before a due
     * date) could overflow.
     */
    public static Instant instant(String field, String value) {
        Instant at;
        try {
            at = Instant.parse(value);
        } catch (RuntimeException e) {
            throw new Malformed(field, "is not an RFC 3339 timestamp: '" + value + "'");
        }
        if (at.isBefore(org.concord.node.Limits.EARLIEST) || !at.isBefore(org.concord.node.Limits.LATEST)) {
            throw new Malformed(field, at + " is outside the dates accepted, from " + org.concord.node.Limits.EARLIEST
                    + " to before " + org.concord.node.Limits.LATEST);
        }
        return at;
    }

    /**
     * Holds a partner's message to the limits the REST API holds this node's users to
     * ({@link org.concord.node.Limits}): every string at most {@value org.concord.node.Limits#TEXT}
     * characters without control characters other than tab, line feed and carriage return, every
     * list at most {@value org.concord.node.Limits#ITEMS} entries. An escalation's {@code history}
     * (earlier messages, each held to these limits when it came) and a geometry's {@code coordinates}
     * are not counted. Refuses with
     * {@link Malformed} naming the property's path.
     */
    public static void checkLimits(JsonNode o) {
        checkLimits("", o);
    }

    private static void checkLimits(String path, JsonNode node) {
        if (node.isString()) {
            String value = node.stringValue();
            if (value.length() > org.concord.node.Limits.TEXT) {
                throw new Malformed(path, "is " + value.length() + " characters long; at most " + org.concord.node.Limits.TEXT
                        + " are allowed");
            }
            int at = org.concord.node.Limits.controlCharacter(value, true);
            if (at >= 0) {
                throw new Malformed(path, String.format("contains the control character U+%04X at position %d",
                        (int) value.charAt(at), at));
            }
        } else if (node.isArray()) {
            if (node.size() > org.concord.node.Limits.ITEMS) {
                throw new Malformed(path, "has " + node.size() + " entries; at most " + org.concord.node.Limits.ITEMS
                        + " are allowed");
            }
            for (int i = 0; i < node.size(); i++) {
                checkLimits(path + "[" + i + "]", node.get(i));
            }
        } else if (node.isObject()) {
            for (var property : node.properties()) {
                if ((path.isEmpty() && property.getKey().equals("history")) || property.getKey().equals("coordinates")) {
                    continue; // earlier messages, each checked when it came; a GeoJSON geometry's positions
                }
                checkLimits(path.isEmpty() ? property.getKey() : path + "." + property.getKey(), property.getValue());
            }
        }
    }

    /**
     * The checks every type's reader makes first: the object is of STIX type {@code type} and held
     * to the limits ({@link #checkLimits}); what fails is {@link Malformed}, naming the property.
     */
    public static void checkReadable(JsonNode o, String type) {
        if (!type.equals(o.path("type").asString(""))) {
            throw new Malformed("type", "is not " + type);
        }
        checkLimits(o);
    }

    /**
     * A message's envelope as its STIX object carries it, read the same way for every type: the
     * object checked ({@link #checkReadable}), then {@code id}, the case's id under
     * {@code caseRefProperty}, {@code sender}, {@code created}, {@code previous_ref} (null on the
     * message that opens a case) and {@code message_type}. A property that cannot be read is
     * {@link Malformed} naming it, so the partner's error says which one.
     */
    public static Head readHead(JsonNode o, String type, String caseRefProperty) {
        checkReadable(o, type);
        return new Head(id(o, "id", true), id(o, caseRefProperty, true), party(o, "sender"), instant(o, "created", true),
                id(o, "previous_ref", false), o.path("message_type").asString(""));
    }

    /** The envelope read by {@link #readHead}, and the message type that says how to read the rest. */
    public record Head(StixId id, StixId caseId, PartyCode sender, Instant sentAt, StixId previous, String messageType) {

        /** The envelope of the message that opens the case: it follows none. */
        public Envelope opening() {
            return new Envelope(id, caseId, sender, sentAt, null);
        }

        /** The envelope of every other message, which names the message it follows. */
        public Envelope answer() {
            if (previous == null) {
                throw new Malformed("previous_ref", "required on every message but the one that opens the case");
            }
            return Envelope.answer(id, caseId, sender, sentAt, previous);
        }

        /**
         * The message {@code reader} reads from the rest of the object. A property it cannot read is
         * {@link Malformed} naming it; a value the message's own rules refuse (a negative count, an
         * official with no name) is {@link Malformed} too, naming the message as a whole
         * ({@code object}), so that nothing but {@code Malformed} leaves a type's reader.
         */
        public <M> M read(java.util.function.Supplier<M> reader) {
            try {
                return reader.get();
            } catch (Malformed e) {
                throw e;
            } catch (RuntimeException e) {
                throw new Malformed("object", "a " + messageType + " message that cannot be read: " + e.getMessage());
            }
        }

        /** The refusal of a message type the reader does not know. */
        public Malformed unknownType() {
            return new Malformed("message_type", "unknown message type '" + messageType + "'");
        }
    }

    /** A STIX identifier property, or null when absent and not {@code required}; {@link Malformed} naming it otherwise. */
    public static StixId id(JsonNode o, String name, boolean required) {
        JsonNode v = o.path(name);
        if (v.isMissingNode() || v.isNull()) {
            if (required) {
                throw new Malformed(name, "required");
            }
            return null;
        }
        return stixId(name, v.asString(""));
    }

    /** {@code value} as a STIX identifier, or {@link Malformed} naming {@code field}. */
    public static StixId stixId(String field, String value) {
        try {
            return StixId.of(value);
        } catch (IllegalArgumentException e) {
            throw new Malformed(field, "is not a STIX identifier (type--UUID): '" + value + "'");
        }
    }

    /** Every identifier in the list property {@code name}; empty when absent. */
    public static java.util.List<StixId> ids(JsonNode o, String name) {
        java.util.List<StixId> out = new java.util.ArrayList<>();
        JsonNode list = o.path(name);
        for (int i = 0; i < list.size(); i++) {
            out.add(stixId(name + "[" + i + "]", list.get(i).asString("")));
        }
        return out;
    }

    /** A party code property, or {@link Malformed} naming it. */
    public static PartyCode party(JsonNode o, String name) {
        return party(name, o.path(name).asString(""));
    }

    /** {@code code} as a party code, or {@link Malformed} naming {@code field}. */
    public static PartyCode party(String field, String code) {
        try {
            return PartyCode.of(code);
        } catch (RuntimeException e) {
            throw new Malformed(field, "is not a party code (ISO 3166-1 alpha-2): '" + code + "'");
        }
    }

    /** A timestamp property, or null when absent and not {@code required}; {@link Malformed} naming it otherwise. */
    public static Instant instant(JsonNode o, String name, boolean required) {
        JsonNode v = o.path(name);
        if (v.isMissingNode() || v.isNull()) {
            if (required) {
                throw new Malformed(name, "required");
            }
            return null;
        }
        return instant(name, v.asString(""));
    }

    /** An enumerated property, or null when absent; {@link Malformed} naming {@code field} when not a constant of {@code type}. */
    public static <E extends Enum<E>> E enumOf(JsonNode o, String name, String field, Class<E> type) {
        JsonNode v = o.path(name);
        if (v.isMissingNode() || v.isNull()) {
            return null;
        }
        try {
            return Enum.valueOf(type, v.asString(""));
        } catch (IllegalArgumentException e) {
            throw new Malformed(field, "unknown value '" + v.asString("") + "'");
        }
    }

    /** The escalation's rung ({@code to_level}), or null when absent. */
    public static EscalationLevel toLevel(JsonNode o) {
        return enumOf(o, "to_level", "to_level", EscalationLevel.class);
    }

    /** A text property; empty when absent. */
    public static String text(JsonNode o, String name) {
        return o.path(name).asString("");
    }

    /** A required string property, or {@link Malformed} naming it. */
    public static String required(JsonNode o, String name) {
        String value = o.path(name).asString(null);
        if (value == null) {
            throw new Malformed(name, "required");
        }
        return value;
    }
}
