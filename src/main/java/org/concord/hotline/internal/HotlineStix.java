package org.concord.hotline.internal;

import java.time.Instant;
import java.util.List;

import org.concord.hotline.HotlineMessage;
import org.concord.hotline.Official;
import org.concord.hotline.Priority;
import org.concord.hotline.TestSlot;
import org.concord.intel.stix.Tlp;
import org.concord.party.PartyCode;
import org.concord.workflow.Envelope;
import org.concord.workflow.EscalationLevel;
import org.concord.workflow.MessageStix;
import org.concord.workflow.StixId;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A hotline message as a STIX 2.1 custom object of type {@value #TYPE}, declared by the
 * extension-definition {@value #EXTENSION_ID} ({@code docs/extensions/x-concord-hotline-message.json}),
 * and back. The same conventions as {@code x-concord-request-message}: the envelope is {@code id},
 * {@code call_ref}, {@code sender}, {@code created} and {@code previous_ref}; an escalation carries
 * the call's history whole.
 */
public final class HotlineStix {

    public static final String TYPE = "x-concord-hotline-message";
    public static final String EXTENSION_ID = "extension-definition--3d8f2b61-9c4e-4a7d-b5e2-6f1a0c9d8e21";
    static final JsonMapper JSON = JsonMapper.builder().build();

    private HotlineStix() {
    }

    /** The envelope or an official cannot be read: the message cannot be placed in a call. */
    public static final class Malformed extends MessageStix.Malformed {
        Malformed(String field, String explanation) {
            super(field, explanation);
        }
    }

    public static String messageType(HotlineMessage message) {
        return message.type().toLowerCase();
    }

    public static ObjectNode toStix(HotlineMessage message, String createdByRef, Tlp tlp, List<JsonNode> history) {
        ObjectNode o = MessageStix.head(message, TYPE, EXTENSION_ID, messageType(message), "call_ref", createdByRef, tlp);
        if (message instanceof HotlineMessage.Send s) {
            o.set("from_official", official(s.from()));
            o.set("to_official", official(s.to()));
            if (s.priority() != null) {
                o.put("priority", s.priority().name());
            }
            if (!s.text().isEmpty()) {
                o.put("text", s.text());
            }
            s.testSlot().ifPresent(t -> o.putObject("test_slot").put("schedule", t.schedule()).put("slot", MessageStix.time(t.slot())));
            s.replyTo().ifPresent(r -> o.put("in_reply_to_ref", r.value()));
        } else if (message instanceof HotlineMessage.Acknowledge a) {
            o.set("by_official", official(a.by()));
        } else if (message instanceof HotlineMessage.Withdraw w) {
            MessageStix.putText(o, "reason", w.reason());
        } else if (message instanceof HotlineMessage.Escalate e) {
            MessageStix.putEscalation(o, e.to(), e.asOf(), e.reason(), history);
        }
        return o;
    }

    public static HotlineMessage fromStix(JsonNode o) {
        MessageStix.checkReadable(o, TYPE, Malformed::new);
        try {
            StixId id = StixId.of(MessageStix.required(o, "id"));
            StixId callId = StixId.of(MessageStix.required(o, "call_ref"));
            PartyCode sender = PartyCode.of(MessageStix.required(o, "sender"));
            Instant sentAt = MessageStix.instant("created", MessageStix.required(o, "created"));
            String type = o.path("message_type").asString("");
            if (type.equals("send")) {
                JsonNode slot = o.path("test_slot");
                TestSlot test = slot.isObject()
                        ? new TestSlot(slot.path("schedule").asString(""), MessageStix.instant("test_slot.slot", slot.path("slot").asString("")))
                        : null;
                String priority = o.path("priority").asString(null);
                return new HotlineMessage.Send(new Envelope(id, callId, sender, sentAt, null), officialOf(o, "from_official"),
                        officialOf(o, "to_official"), priority == null ? null : Priority.valueOf(priority),
                        o.path("text").asString(""), test, replyTo(o));
            }
            Envelope env = Envelope.answer(id, callId, sender, sentAt, StixId.of(MessageStix.required(o, "previous_ref")));
            if (type.equals("acknowledge")) {
                return new HotlineMessage.Acknowledge(env, officialOf(o, "by_official"));
            }
            if (type.equals("escalate")) {
                String to = o.path("to_level").asString(null);
                String asOf = o.path("as_of").asString(null);
                return new HotlineMessage.Escalate(env, to == null ? null : EscalationLevel.valueOf(to),
                        asOf == null ? null : MessageStix.instant("as_of", asOf), o.path("reason").asString(""));
            }
            if (type.equals("withdraw")) {
                return new HotlineMessage.Withdraw(env, o.path("reason").asString(""));
            }
            throw new Malformed("message_type", "unknown message type '" + type + "'");
        } catch (Malformed e) {
            throw e;
        } catch (RuntimeException e) {
            throw new Malformed("envelope", e.getMessage());
        }
    }


    /** The call a send answers: absent, or the id of a hotline message (the send that opened it). */
    private static StixId replyTo(JsonNode o) {
        JsonNode ref = o.path("in_reply_to_ref");
        if (ref.isMissingNode() || ref.isNull()) {
            return null;
        }
        if (!ref.isString()) {
            throw new Malformed("in_reply_to_ref", "must be the id of a hotline call");
        }
        StixId id;
        try {
            id = StixId.of(ref.asString());
        } catch (RuntimeException e) {
            throw new Malformed("in_reply_to_ref", "'" + ref.asString() + "' is not a STIX id");
        }
        if (!id.value().startsWith(TYPE + "--")) {
            throw new Malformed("in_reply_to_ref", "'" + id.value() + "' is not a hotline call (" + TYPE + "--...)");
        }
        return id;
    }

    static ObjectNode official(Official official) {
        ObjectNode n = JSON.createObjectNode();
        n.put("party", official.party().value());
        n.put("name", official.name());
        n.put("post", official.post());
        return n;
    }

    private static Official officialOf(JsonNode o, String name) {
        JsonNode n = o.path(name);
        return new Official(PartyCode.of(n.path("party").asString("")), n.path("name").asString(""), n.path("post").asString(""));
    }
}
