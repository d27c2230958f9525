package org.concord.requests.internal;

import java.util.ArrayList;
import java.util.List;

import org.concord.intel.stix.Tlp;
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
 * and strict about the envelope: a message without one cannot be placed and is {@link MessageStix.Malformed}.
 */
public final class RequestStix {

    public static final String TYPE = "x-concord-request-message";
    public static final String EXTENSION_ID = "extension-definition--7c1e4a52-3b9d-4f0e-8a61-2d5c9e0b4f11";
    static final JsonMapper JSON = JsonMapper.builder().build();

    private RequestStix() {
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
        MessageStix.Head head = MessageStix.readHead(o, TYPE, "case_ref");
        return head.read(() -> {
            if (head.messageType().equals("request")) {
                return RequestMessage.Request.of(head.id(), head.sender(), MessageStix.party(o, "addressee"), head.sentAt(),
                        requestOf(o.path("request"), "request"));
            }
            Envelope env = head.answer();
            switch (head.messageType()) {
                case "acknowledge":
                    return new RequestMessage.Acknowledge(env);
                case "accept":
                    return new RequestMessage.Accept(env, MessageStix.id(o, "terms_ref", false), MessageStix.text(o, "text"));
                case "decline":
                    return new RequestMessage.Decline(env, MessageStix.enumOf(o, "reason", "reason", DeclineReason.class), MessageStix.text(o, "text"));
                case "counter_propose":
                    JsonNode p = o.path("proposal");
                    return new RequestMessage.CounterPropose(env,
                            new CounterProposal(MessageStix.enumOf(p, "kind", "proposal.kind", CounterProposal.Kind.class), MessageStix.text(p, "text")));
                case "amend":
                    return new RequestMessage.Amend(env, requestOf(o.path("revised"), "revised"));
                case "progress_update":
                    return new RequestMessage.ProgressUpdate(env, MessageStix.text(o, "text"));
                case "close":
                    return new RequestMessage.Close(env, MessageStix.enumOf(o, "outcome", "outcome", Outcome.class), MessageStix.text(o, "text"));
                case "escalate":
                    return new RequestMessage.Escalate(env, MessageStix.enumOf(o, "to_level", "to_level", EscalationLevel.class),
                            MessageStix.instant(o, "as_of", false), MessageStix.text(o, "reason"));
                default:
                    throw head.unknownType();
            }
        });
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
            targets.add(MessageStix.stixId(path + ".targets", t.asString("")));
        }
        List<EvidenceRef> evidence = new ArrayList<>();
        for (JsonNode e : n.path("evidence")) {
            List<StixId> markings = new ArrayList<>();
            for (JsonNode m : e.path("markings")) {
                markings.add(MessageStix.stixId(path + ".evidence.markings", m.asString("")));
            }
            evidence.add(new EvidenceRef(MessageStix.stixId(path + ".evidence.ref", e.path("ref").asString("")), markings));
        }
        JsonNode a = n.path("action");
        RequestedAction action = a.isObject()
                ? new RequestedAction(MessageStix.enumOf(a, "kind", path + ".action.kind", RequestedAction.Kind.class), MessageStix.text(a, "detail"))
                : null;
        if (action != null && action.kind() == null) {
            action = null;
        }
        return new RequestForAction(targets, evidence, action, MessageStix.enumOf(n, "urgency", path + ".urgency", Urgency.class),
                MessageStix.text(n, "text"));
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
}
