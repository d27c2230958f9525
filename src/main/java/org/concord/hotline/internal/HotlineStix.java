package org.concord.hotline.internal;

import java.util.List;

import org.concord.hotline.HotlineMessage;
import org.concord.hotline.Official;
import org.concord.hotline.Priority;
import org.concord.hotline.TestSlot;
import org.concord.intel.stix.Tlp;
import org.concord.workflow.Envelope;
import org.concord.workflow.MessageStix;
import org.concord.workflow.StixId;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
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
            s.testSlot().ifPresent(t -> {
                ObjectNode slot = o.putObject("test_slot").put("schedule", t.schedule()).put("slot", MessageStix.time(t.slot()));
                if (t.answerWithin() != null) {
                    slot.put("answer_within", t.answerWithin().toString());
                }
            });
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

    /** A test slot's {@code answer_within}: an ISO 8601 duration from 1 min to 24 h; null when absent (an older node's call). */
    private static java.time.Duration answerWithin(JsonNode slot) {
        JsonNode value = slot.path("answer_within");
        if (value.isMissingNode() || value.isNull()) {
            return null;
        }
        try {
            java.time.Duration within = java.time.Duration.parse(value.asString(""));
            if (within.compareTo(org.concord.hotline.WeeklyTestCall.MIN_TOLERANCE) >= 0
                    && within.compareTo(org.concord.hotline.WeeklyTestCall.MAX_TOLERANCE) <= 0) {
                return within;
            }
        } catch (java.time.format.DateTimeParseException e) {
            // refused below
        }
        throw new MessageStix.Malformed("test_slot.answer_within", "an ISO 8601 duration from PT1M to PT24H, not " + value);
    }

    public static HotlineMessage fromStix(JsonNode o) {
        MessageStix.Head head = MessageStix.readHead(o, TYPE, "call_ref");
        return head.read(() -> {
            if (head.messageType().equals("send")) {
                JsonNode slot = o.path("test_slot");
                TestSlot test = slot.isObject()
                        ? new TestSlot(MessageStix.text(slot, "schedule"), MessageStix.instant("test_slot.slot", MessageStix.text(slot, "slot")),
                                answerWithin(slot))
                        : null;
                return new HotlineMessage.Send(head.opening(), officialOf(o, "from_official"), officialOf(o, "to_official"),
                        MessageStix.enumOf(o, "priority", "priority", Priority.class), MessageStix.text(o, "text"), test, replyTo(o));
            }
            Envelope env = head.answer();
            return switch (head.messageType()) {
                case "acknowledge" -> new HotlineMessage.Acknowledge(env, officialOf(o, "by_official"));
                case "escalate" -> new HotlineMessage.Escalate(env, MessageStix.toLevel(o), MessageStix.instant(o, "as_of", false),
                        MessageStix.text(o, "reason"));
                case "withdraw" -> new HotlineMessage.Withdraw(env, MessageStix.text(o, "reason"));
                default -> throw head.unknownType();
            };
        });
    }


    /** The call a send answers: absent, or the id of a hotline message (the send that opened it). */
    private static StixId replyTo(JsonNode o) {
        StixId id = MessageStix.id(o, "in_reply_to_ref", false);
        if (id != null && !id.value().startsWith(TYPE + "--")) {
            throw new MessageStix.Malformed("in_reply_to_ref", "'" + id.value() + "' is not a hotline call (" + TYPE + "--...)");
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
        try {
            return new Official(MessageStix.party(name + ".party", n.path("party").asString("")), MessageStix.text(n, "name"),
                    MessageStix.text(n, "post"));
        } catch (IllegalArgumentException e) {
            throw new MessageStix.Malformed(name, e.getMessage());
        }
    }
}
