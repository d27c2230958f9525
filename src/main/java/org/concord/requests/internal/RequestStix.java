package org.concord.requests.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import org.concord.intel.stix.Tlp;
import org.concord.party.PartyCode;
import org.concord.requests.CounterProposal;
import org.concord.requests.DeclineReason;
import org.concord.requests.EvidenceRef;
import org.concord.requests.Outcome;
import org.concord.requests.RequestForAction;
import org.concord.requests.RequestMessage;
import org.concord.requests.RequestedAction;
import org.concord.requests.Urgency;
import org.concord.workflow.Envelope;
import org.concord.workflow.EscalationLevel;
import org.concord.workflow.MessageStix;
import org.concord.workflow.StixId;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A request message as a STIX 2.1 custom object of type {@value #TYPE}, declared by the
 * extension-definition {@value #EXTENSION_ID} ({@code docs/extensions/x-concord-request-message.json},
 * described in {@code docs/workflow.md}), and back.
 *
 * <p>The envelope is the object's {@code id}, {@code case_ref}, {@code sender}, {@code created}
 * (= sent at; {@code modified} is the same: a message is never versioned) and {@code previous_ref};
 * the substance uses the field names the refusals name ({@code reason}, {@code proposal.kind},
 * {@code request.targets}, {@code to_level}, {@code as_of}, ...). Reading is lenient about the
 * substance (a missing reason reads as null and the state machine refuses it, on both nodes alike)
 * and strict about the envelope: a message without one cannot be placed and is {@link Malformed}.
 */
public final class RequestStix {

    public static final String TYPE = "x-concord-request-message";
    public static final String EXTENSION_ID = "extension-definition--7c1e4a52-3b9d-4f0e-8a61-2d5c9e0b4f11";
    static final JsonMapper JSON = JsonMapper.builder().build();

    private RequestStix() {
    }

    /** A message's envelope or a property could not be read; the message cannot be placed in a case. */
    public static final class Malformed extends MessageStix.Malformed {
        Malformed(String field, String explanation) {
            super(field, explanation);
        }
    }

    /** The message type as the STIX object names it, e.g. {@code counter_propose}. */
    public static String messageType(RequestMessage message) {
        return message.type().replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase();
    }

    /**
     * The message as a STIX object created by {@code createdByRef}, marked {@code tlp}; an escalation
     * also carries {@code history}: the case's messages so far, whole.
     */
    public static ObjectNode toStix(RequestMessage message, String createdByRef, Tlp tlp, List<JsonNode> history) {
        ObjectNode o = MessageStix.head(message, TYPE, EXTENSION_ID, messageType(message), "case_ref", createdByRef, tlp);
        if (message instanceof RequestMessage.Request r) {
            o.put("addressee", r.addressee().value());
            o.set("request", request(r.request()));
        } else if (message instanceof RequestMessage.Accept a) {
            putRef(o, "terms_ref", a.termsRef());
            putText(o, "text", a.text());
        } else if (message instanceof RequestMessage.Decline d) {
            putEnum(o, "reason", d.reason());
            putText(o, "text", d.text());
        } else if (message instanceof RequestMessage.CounterPropose c) {
            ObjectNode p = o.putObject("proposal");
            putEnum(p, "kind", c.proposal().kind());
            putText(p, "text", c.proposal().text());
        } else if (message instanceof RequestMessage.Amend a) {
            o.set("revised", request(a.revised()));
        } else if (message instanceof RequestMessage.ProgressUpdate p) {
            putText(o, "text", p.text());
        } else if (message instanceof RequestMessage.Close c) {
            putEnum(o, "outcome", c.outcome());
            putText(o, "text", c.text());
        } else if (message instanceof RequestMessage.Escalate e) {
            MessageStix.putEscalation(o, e.to(), e.asOf(), e.reason(), history);
        }
        return o;
    }

    /** The message a STIX object carries. */
    public static RequestMessage fromStix(JsonNode o) {
        MessageStix.checkReadable(o, TYPE, Malformed::new);
        StixId id = id(o, "id", true);
        StixId caseId = id(o, "case_ref", true);
        PartyCode sender = party(o, "sender");
        Instant sentAt = instant(o, "created", true);
        StixId previous = id(o, "previous_ref", false);
        String type = o.path("message_type").asString("");
        try {
            if (type.equals("request")) {
                return RequestMessage.Request.of(id, sender, party(o, "addressee"), sentAt, requestOf(o.path("request"), "request"));
            }
            if (previous == null) {
                throw new Malformed("previous_ref", "required on every message but the request");
            }
            Envelope env = Envelope.answer(id, caseId, sender, sentAt, previous);
            switch (type) {
                case "acknowledge":
                    return new RequestMessage.Acknowledge(env);
                case "accept":
                    return new RequestMessage.Accept(env, id(o, "terms_ref", false), text(o, "text"));
                case "decline":
                    return new RequestMessage.Decline(env, enumOf(o, "reason", DeclineReason::valueOf), text(o, "text"));
                case "counter_propose":
                    JsonNode p = o.path("proposal");
                    return new RequestMessage.CounterPropose(env,
                            new CounterProposal(enumOf(p, "kind", "proposal.kind", CounterProposal.Kind::valueOf), text(p, "text")));
                case "amend":
                    return new RequestMessage.Amend(env, requestOf(o.path("revised"), "revised"));
                case "progress_update":
                    return new RequestMessage.ProgressUpdate(env, text(o, "text"));
                case "close":
                    return new RequestMessage.Close(env, enumOf(o, "outcome", Outcome::valueOf), text(o, "text"));
                case "escalate":
                    return new RequestMessage.Escalate(env, enumOf(o, "to_level", EscalationLevel::valueOf),
                            instant(o, "as_of", false), text(o, "reason"));
                default:
                    throw new Malformed("message_type", "unknown message type '" + type + "'");
            }
        } catch (IllegalArgumentException e) {
            throw new Malformed("case_ref", e.getMessage());
        }
    }

    public static ObjectNode request(RequestForAction r) {
        ObjectNode n = JSON.createObjectNode();
        // STIX lists are never empty (common/properties.json): an empty list is left out.
        if (!r.targets().isEmpty()) {
            ArrayNode targets = n.putArray("targets");
            r.targets().forEach(t -> targets.add(t.value()));
        }
        if (!r.evidence().isEmpty()) {
            ArrayNode evidence = n.putArray("evidence");
            for (EvidenceRef e : r.evidence()) {
                ObjectNode item = evidence.addObject();
                item.put("ref", e.ref().value());
                if (!e.markings().isEmpty()) {
                    ArrayNode markings = item.putArray("markings");
                    e.markings().forEach(m -> markings.add(m.value()));
                }
            }
        }
        if (r.action() != null) {
            ObjectNode action = n.putObject("action");
            putEnum(action, "kind", r.action().kind());
            putText(action, "detail", r.action().detail());
        }
        putEnum(n, "urgency", r.urgency());
        putText(n, "text", r.text());
        return n;
    }

    static RequestForAction requestOf(JsonNode n, String path) {
        if (!n.isObject()) {
            return new RequestForAction(List.of(), List.of(), null, null, "");
        }
        List<StixId> targets = new ArrayList<>();
        for (JsonNode t : n.path("targets")) {
            targets.add(stixId(t.asString(""), path + ".targets"));
        }
        List<EvidenceRef> evidence = new ArrayList<>();
        for (JsonNode e : n.path("evidence")) {
            List<StixId> markings = new ArrayList<>();
            for (JsonNode m : e.path("markings")) {
                markings.add(stixId(m.asString(""), path + ".evidence.markings"));
            }
            evidence.add(new EvidenceRef(stixId(e.path("ref").asString(""), path + ".evidence.ref"), markings));
        }
        JsonNode a = n.path("action");
        RequestedAction action = a.isObject()
                ? new RequestedAction(enumOf(a, "kind", path + ".action.kind", RequestedAction.Kind::valueOf), text(a, "detail"))
                : null;
        if (action != null && action.kind() == null) {
            action = null;
        }
        return new RequestForAction(targets, evidence, action, enumOf(n, "urgency", path + ".urgency", Urgency::valueOf),
                text(n, "text"));
    }

    private static void putRef(ObjectNode o, String name, StixId id) {
        if (id != null) {
            o.put(name, id.value());
        }
    }

    private static void putText(ObjectNode o, String name, String text) {
        if (text != null && !text.isEmpty()) {
            o.put(name, text);
        }
    }

    private static void putEnum(ObjectNode o, String name, Enum<?> value) {
        if (value != null) {
            o.put(name, value.name());
        }
    }

    private static String text(JsonNode o, String name) {
        return o.path(name).asString("");
    }

    private static <E extends Enum<E>> E enumOf(JsonNode o, String name, Function<String, E> valueOf) {
        return enumOf(o, name, name, valueOf);
    }

    private static <E extends Enum<E>> E enumOf(JsonNode o, String name, String field, Function<String, E> valueOf) {
        JsonNode v = o.path(name);
        if (v.isMissingNode() || v.isNull()) {
            return null;
        }
        try {
            return valueOf.apply(v.asString(""));
        } catch (IllegalArgumentException e) {
            throw new Malformed(field, "unknown value '" + v.asString("") + "'");
        }
    }

    private static StixId id(JsonNode o, String name, boolean required) {
        JsonNode v = o.path(name);
        if (v.isMissingNode() || v.isNull()) {
            if (required) {
                throw new Malformed(name, "required");
            }
            return null;
        }
        return stixId(v.asString(""), name);
    }

    private static StixId stixId(String value, String field) {
        try {
            return StixId.of(value);
        } catch (IllegalArgumentException e) {
            throw new Malformed(field, "is not a STIX identifier (type--UUID): '" + value + "'");
        }
    }

    private static PartyCode party(JsonNode o, String name) {
        try {
            return PartyCode.of(o.path(name).asString(""));
        } catch (RuntimeException e) {
            throw new Malformed(name, "is not a party code (ISO 3166-1 alpha-2): '" + o.path(name).asString("") + "'");
        }
    }

    private static Instant instant(JsonNode o, String name, boolean required) {
        JsonNode v = o.path(name);
        if (v.isMissingNode() || v.isNull()) {
            if (required) {
                throw new Malformed(name, "required");
            }
            return null;
        }
        try {
            return MessageStix.instant(name, v.asString(""));
        } catch (MessageStix.Malformed e) {
            throw new Malformed(name, e.getMessage().substring(name.length() + 2));
        }
    }
}
