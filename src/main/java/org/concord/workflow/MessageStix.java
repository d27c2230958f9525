package org.concord.workflow;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

import org.concord.intel.stix.Tlp;

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

    /** A required string property, or {@link Malformed} naming it. */
    public static String required(JsonNode o, String name) {
        String value = o.path(name).asString(null);
        if (value == null) {
            throw new Malformed(name, "required");
        }
        return value;
    }
}
